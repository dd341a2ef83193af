// vitest config of the verify-alone mutation run: the only test file is the in-process default verify suite.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/mutation/verify-alone.ts'],
    testTimeout: 600_000,
    hookTimeout: 120_000,
  },
});
