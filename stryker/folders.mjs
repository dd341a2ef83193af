// What `npm run mutation` mutates, one entry per npm script (mutation:<folder>), in the order of a full run
// (claims last: its mutants are the slowest). `tests`: the test files of the unit run (`partTests` adds to them
// for one part, `ownTests` replaces them), the fast specs beside the folder's modules, so that every mutant is
// checked by the folder's own tests (a lower bound on what the whole `npm test` kills) and a run fits a session.
// Float guides are not mutated: floatKernel.ts and support.ts only steer the search (dynamics, Newton,
// support enumeration) and every number they produce is re-derived and checked exactly by refine.ts,
// krawczyk.ts and the exact kernels, so a mutant there can make a search slower or fail, never make a
// certified answer wrong (see reports/mutation.md).
import { readdirSync } from 'node:fs';

const ts = (dir) => [`${dir}/**/*.ts`, `!${dir}/**/*.spec.ts`];
const files = (dir, names) => names.map((n) => `${dir}/${n}.ts`);
// the claims specs that run every claim of the registry (judges fed perturbed evidence, pinned verdicts, instances as JSON)
const EVERY_CLAIM = ['src/claims/judges.spec.ts', 'src/claims/kit.spec.ts', 'src/claims/instances.spec.ts'];

// `parts`: a folder whose full run does not fit a session (2 cores) is run part by part, each part a Stryker
// run with its own incremental file (reports/mutation/<suite>-<folder>.<part>.json); the folder's score is the
// sum of its parts. Every mutated file of the folder is in exactly one part (checked below).
export const FOLDERS = {
  exact: { mutate: ts('src/exact'), tests: ['src/exact/**/*.spec.ts'] },
  lp: { mutate: ts('src/lp'), tests: ['src/lp/**/*.spec.ts'] },
  model: { mutate: ['src/model/build.ts', 'src/model/structure.ts', 'src/model/codec.ts'], tests: ['src/model/**/*.spec.ts', 'test/inputs.spec.ts'] },
  winrate: {
    mutate: ts('src/winrate'),
    tests: ['src/winrate/**/*.spec.ts'],
    parts: {
      forms: files('src/winrate', ['product', 'luce', 'rules', 'faults', 'promptModel', 'exploitability']),
      opponents: files('src/winrate', ['multiset', 'tables', 'opponents']),
      pairwise: files('src/winrate', ['pairwise', 'searchMixed']),
    },
  },
  equilibria: {
    mutate: [...ts('src/equilibria'), '!src/equilibria/floatKernel.ts', '!src/equilibria/support.ts'],
    tests: ['src/equilibria/**/*.spec.ts'],
    parts: {
      lottery: files('src/equilibria', ['maximalLottery', 'bestKOutput', 'nfg']),
      equilibrium: files('src/equilibria', ['equilibrium', 'refine', 'krawczyk', 'tuning']),
      selfplay: files('src/equilibria', ['dynamics', 'scoreSums', 'parallel', 'sumsWorker']),
    },
  },
  claims: {
    mutate: ts('src/claims'),
    tests: ['src/claims/**/*.spec.ts', 'properties/**/*.spec.ts'],
    parts: {
      engine: files('src/claims', ['run', 'contract', 'host', 'pool', 'plugins', 'worker']),
      kit: files('src/claims', ['corpus', 'coverage', 'instances', 'json', 'kit', 'registry', 'types', 'ne']),
      oracles: files('src/claims', ['oracles', 'negative']),
      theorems: files('src/claims', ['t0', 't1', 't2', 't3', 't4', 't5', 't6', 't7', 't8', 't9']),
      luce: files('src/claims', ['luce', 'luceCamps']),
      inputs: files('src/claims', ['i1']),
      certificates: files('src/claims', ['c1', 'c2']),
      arithmetic: files('src/claims', ['c3']),
    },
    // the engine (claim runner, host, pool, plug-ins, worker) has its own specs beside it (run, contract, pool,
    // host, plugins, worker: code that runs in worker threads is driven in this thread, the worker's loop on a
    // stand-in parentPort), and verify() drives it in process: test/verify.spec.ts joins the part's tests. The
    // CLI's plug-in spec (test/claim-plugins.spec.ts) changes directory, which Stryker's runners cannot.
    partTests: { engine: ['test/verify.spec.ts'] },
    // I1's module is tested instead by its own specs and the specs that run every claim (judges, kit, instances): its
    // static mutants (the statement, the table of edits) re-run every test that loads the module, and the
    // whole claims suite for each of them does not fit a session; C1's and C2's modules (certificates) and C3's (arithmetic) likewise
    ownTests: {
      inputs: ['src/claims/i1.spec.ts', 'src/claims/i1.onepass.spec.ts', ...EVERY_CLAIM, 'properties/claim-I1.spec.ts'],
      certificates: ['src/claims/c1.spec.ts', 'src/claims/c1.fault.spec.ts', 'src/claims/c2.spec.ts', ...EVERY_CLAIM, 'properties/claim-C1.spec.ts', 'properties/claim-C2.spec.ts'],
      arithmetic: ['src/claims/c3.spec.ts', 'src/claims/c3.fault.spec.ts', ...EVERY_CLAIM, 'properties/claim-C3.spec.ts'],
    },
  },
};

/** One Stryker run: `id` is a folder ('exact') or a folder's part ('winrate.forms'). */
export function runsOf(name) {
  const [folder, part] = name.split('.');
  const f = FOLDERS[folder];
  if (f === undefined || (part !== undefined && f.parts?.[part] === undefined)) return null;
  if (f.parts === undefined) return [{ id: folder, folder, mutate: f.mutate, tests: f.tests }];
  const parts = part === undefined ? Object.keys(f.parts) : [part];
  return parts.map((p) => ({ id: `${folder}.${p}`, folder, mutate: f.parts[p], tests: f.ownTests?.[p] ?? [...f.tests, ...(f.partTests?.[p] ?? [])] }));
}

/** Every run name: folders without parts, and folder.part. */
export const RUN_NAMES = Object.entries(FOLDERS).flatMap(([folder, f]) => (f.parts === undefined ? [folder] : Object.keys(f.parts).map((p) => `${folder}.${p}`)));

// the parts of a folder cover its mutated files exactly once
for (const [folder, f] of Object.entries(FOLDERS)) {
  if (f.parts === undefined) continue;
  const dir = f.mutate[0].replace('/**/*.ts', '');
  const skipped = new Set(f.mutate.filter((g) => g.startsWith('!') && g.endsWith('.ts') && !g.includes('*')).map((g) => g.slice(1)));
  const mutated = readdirSync(dir).filter((n) => n.endsWith('.ts') && !n.endsWith('.spec.ts')).map((n) => `${dir}/${n}`).filter((x) => !skipped.has(x));
  const listed = Object.values(f.parts).flat();
  const bad = [...mutated.filter((x) => listed.filter((y) => y === x).length !== 1), ...listed.filter((x) => !mutated.includes(x))];
  if (bad.length > 0) throw new Error(`stryker/folders.mjs: the parts of ${folder} must list each mutated file once: ${[...new Set(bad)].join(', ')}`);
}
