// vitest config of the unit mutation runs: one project, every file in a fresh module graph (the npm test
// config shares modules between files, which would let one mutant's module state reach other files' tests).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.spec.ts', 'properties/**/*.spec.ts', 'test/**/*.spec.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
