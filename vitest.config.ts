import { defineConfig } from 'vitest/config';

// `npx vitest` at the root runs every workspace as its own project.
export default defineConfig({ test: { projects: ['packages/*', 'tests/*'] } });
