import { describe } from 'vitest';
import { createMemoryStorage } from '../../src/index.js';
import { testStorageBackend } from '../../src/testing.js';

describe('memory driver', () => {
  testStorageBackend((options) => createMemoryStorage(options));
});
