import { createInProcessTransport } from '../src/index.js';
import { testTransport } from '../src/testing.js';

testTransport('in-process', () => createInProcessTransport());
