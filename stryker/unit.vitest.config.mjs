// vitest config of the unit mutation runs: one project, every file in a fresh module graph (the npm test
// config shares modules between files, which would let one mutant's module state reach other files' tests),
// the mutant switched on before the modules load (activate-static.mjs).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.spec.ts', 'properties/**/*.spec.ts', 'test/**/*.spec.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    setupFiles: ['stryker/activate-static.mjs'],
  },
});
