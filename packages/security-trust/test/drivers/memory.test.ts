import { createMemoryApprovalStore } from '../../src/index.js';
import { testApprovalStore } from '../../src/testing.js';

testApprovalStore(() => createMemoryApprovalStore());
