// vitest config of the verify-alone mutation run: the only test file is the in-process default verify suite,
// in a fresh module graph with the mutant switched on before its modules load (activate-static.mjs), as in
// the unit runs: without it a mutant of module-level code (codec.ts's input shapes) could never be killed.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/mutation/verify-alone.ts'],
    testTimeout: 600_000,
    hookTimeout: 120_000,
    pool: 'forks',
    setupFiles: ['stryker/activate-static.mjs'],
  },
});
