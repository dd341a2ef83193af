// What `npm run mutation` mutates, one entry per npm script (mutation:<folder>), in the order of a full run
// (claims last: its mutants are the slowest). `tests`: the test files of the unit run, the fast specs beside
// the folder's modules, so that every mutant is checked by the folder's own tests (a lower bound on what the
// whole `npm test` kills) and a run fits a session.
// Float guides are not mutated: floatKernel.ts and support.ts only steer the search (dynamics, Newton,
// support enumeration) and every number they produce is re-derived and checked exactly by refine.ts,
// krawczyk.ts and the exact kernels, so a mutant there can make a search slower or fail, never make a
// certified answer wrong (see reports/mutation.md).
const ts = (dir) => [`${dir}/**/*.ts`, `!${dir}/**/*.spec.ts`];

export const FOLDERS = {
  exact: { mutate: ts('src/exact'), tests: ['src/exact/**/*.spec.ts'] },
  lp: { mutate: ts('src/lp'), tests: ['src/lp/**/*.spec.ts'] },
  model: { mutate: ['src/model/build.ts', 'src/model/structure.ts', 'src/model/codec.ts'], tests: ['src/model/**/*.spec.ts', 'test/inputs.spec.ts'] },
  winrate: { mutate: ts('src/winrate'), tests: ['src/winrate/**/*.spec.ts'] },
  equilibria: {
    mutate: [...ts('src/equilibria'), '!src/equilibria/floatKernel.ts', '!src/equilibria/support.ts'],
    tests: ['src/equilibria/**/*.spec.ts'],
  },
  claims: { mutate: ts('src/claims'), tests: ['src/claims/**/*.spec.ts', 'properties/**/*.spec.ts'] },
};
