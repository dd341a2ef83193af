// Stryker 9.6 configuration, one folder or one part of a folder at a time (stryker/run.mjs sets UALIGN_MUTATION):
//   unit   — the folder's mutants against its own specs (FOLDERS[folder].tests, the specs beside its modules);
//   verify — the same mutants against `ualign verify` alone (test/mutation/verify-alone.ts).
// Each (suite, run) keeps its results in reports/mutation/<suite>-<run>.json, which is both
// Stryker's JSON report and its incremental file: a re-run tests only mutants whose code or tests changed.
import { RUN_NAMES, runsOf } from './folders.mjs';

const id = process.env.UALIGN_MUTATION ?? '';
const suite = process.env.UALIGN_MUTATION_SUITE ?? 'unit';
if (!RUN_NAMES.includes(id)) throw new Error(`stryker/config.mjs: UALIGN_MUTATION must be one of ${RUN_NAMES.join(', ')}`);
const [run] = runsOf(id);
if (suite !== 'unit' && suite !== 'verify') throw new Error('stryker/config.mjs: UALIGN_MUTATION_SUITE must be unit or verify');

const file = `reports/mutation/${suite}-${id}.json`;

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: suite === 'verify' ? { configFile: 'stryker/verify.vitest.config.mjs', related: false } : { configFile: 'stryker/unit.vitest.config.mjs', related: false },
  testFiles: suite === 'verify' ? ['test/mutation/verify-alone.ts'] : run.tests,
  mutate: run.mutate,
  checkers: ['typescript'],
  tsconfigFile: 'tsconfig.json',
  typescriptChecker: { prioritizePerformanceOverAccuracy: true },
  coverageAnalysis: 'perTest',
  incremental: true,
  incrementalFile: file,
  // two shared cores: concurrency 2 is one TypeScript checker and one test runner while the mutants are
  // type-checked, then two test runners (Stryker halves the concurrency between checkers and runners; 1 leaves a
  // core free); and a timeout of
  // 1.5× the covering tests' time + 5 s (a mutant that loops is detected, not waited for; less than 5 s gave
  // spurious timeouts on a loaded machine)
  concurrency: Number(process.env.UALIGN_MUTATION_CONCURRENCY ?? 2),
  timeoutMS: 5000,
  timeoutFactor: 1.5,
  dryRunTimeoutMinutes: 20,
  reporters: ['progress', 'clear-text'],
  htmlReporter: { fileName: `reports/mutation/${suite}-${id}.html` },
  clearTextReporter: { allowColor: false, logTests: false, maxTestsToLog: 0 },
  // dist/ (the compiled, unmutated code) stays out of the sandbox, so that code started in worker threads
  // (compiledModule) falls back to running in process, mutated. Except for the selfplay part: its worker
  // threads only add exact score sums of shares (sumsWorker.js, unmutated), and the mutants of the split and
  // the merge (parallel.ts, main thread) are only reached when the compiled worker exists; and every claims
  // part: the engine's specs import the built package (plug-in claim modules, the compiled claim worker), and
  // every claims part runs those specs.
  ignorePatterns: [...(id === 'equilibria.selfplay' || id.startsWith('claims.') ? [] : ['dist']), 'bench', 'examples', 'docs-draft', 'reports', '.stryker-tmp'],
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
  thresholds: { high: 90, low: 60, break: null },
};
