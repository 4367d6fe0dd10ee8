import { defineProject } from 'vitest/config';

/** Shared vitest settings: resolve workspace packages to their TypeScript source. */
export const sharedProject = defineProject({
  resolve: { conditions: ['@airssys/source', 'import', 'module', 'node', 'default'] },
  ssr: { resolve: { conditions: ['@airssys/source', 'import', 'node', 'default'] } },
  test: {
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
