import { describe } from 'vitest';
import { createSqliteStorage } from '../../src/index.js';
import { testStorageBackend } from '../../src/testing.js';

describe('sqlite driver', () => {
  testStorageBackend((options) => createSqliteStorage({ ...options, path: ':memory:' }));
});
