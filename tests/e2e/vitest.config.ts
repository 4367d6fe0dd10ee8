import { mergeConfig } from 'vitest/config';
import { sharedProject } from '../../vitest.shared.js';

export default mergeConfig(sharedProject, { test: { name: '@airssys/e2e-tests' } });
