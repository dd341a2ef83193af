import { defineConfig } from 'vitest/config';

// Test files that mock or spy on modules, or test a module's first load (solve.spec: glpk.js not yet loaded),
// run each in a fresh module graph; every other file shares its worker's modules (importing
// @fast-check/vitest costs 2–4 s per fresh graph on our 2-core machines). Shared files must not leave module
// state behind: faults are set and reset inside one test (setFault). `npm run test:shuffle` checks the order.
const ISOLATED = [
  'src/equilibria/bestKOutput.spec.ts',
  'src/equilibria/maximalLottery.spec.ts',
  'src/winrate/luceBudget.spec.ts',
  'src/lp/solve.spec.ts',
  'src/claims/c1.fault.spec.ts',
  'src/claims/c3.fault.spec.ts',
  'test/readme.spec.ts',
  'test/cli-exit-codes.spec.ts',
  'src/claims/worker.spec.ts',
  'src/claims/host.spec.ts',
  'src/claims/pool.spec.ts',
  'src/claims/i1.onepass.spec.ts',
];
const ALL = ['src/**/*.spec.ts', 'properties/**/*.spec.ts', 'test/**/*.spec.ts'];
const common = { testTimeout: 120_000, hookTimeout: 120_000, pool: 'forks' as const };

export default defineConfig({
  test: {
    projects: [
      { test: { ...common, name: 'shared', include: ALL, exclude: ISOLATED, isolate: false } },
      { test: { ...common, name: 'isolated', include: ISOLATED } },
    ],
  },
});
