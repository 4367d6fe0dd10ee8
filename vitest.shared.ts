import { defineProject } from 'vitest/config';

/** Shared vitest settings: resolve workspace packages to their TypeScript source. */
export const sharedProject = defineProject({
  resolve: { conditions: ['@airssys/source', 'import', 'module', 'node', 'default'] },
  ssr: { resolve: { conditions: ['@airssys/source', 'import', 'node', 'default'] } },
  test: {
    environment: 'node',
    // Generous: on a cold machine the first test to load a 12 MB guest waits for its transpile (10–30 s).
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
