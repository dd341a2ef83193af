import { CLAIMS, selectClaims } from '../../claims/registry.js';
import { loadClaimModules } from '../../claims/host.js';
import { DEFAULT_CLAIM_TIMEOUT_MS } from '../../claims/plugins.js';
import { isShard } from '../../claims/run.js';
import { DEFAULT_SEED } from '../../instances/seed.js';
import { verify } from '../../report/verify.js';
import { InputError } from '../../model/errors.js';
import { toJsonText } from '../../report/atomic.js';
import { failureDetails, verifyTable, writeVerifyReports } from '../../report/verify.js';
import { intOpt, parseArgs } from '../args.js';
import { Command } from '../command.js';
import { checkOutDir, faultName } from '../inputs.js';
import { BUDGET_HELP, BUDGET_OPTIONS, Knob, budgetOf, enforce, knob, verifyEstimate } from '../budget.js';
import { DEFAULT_K_MAX } from '../../instances/sizes.js';
import { FAULTS } from '../../winrate/faults.js';

interface VerifyParams {
  readonly runs: number | undefined;
  readonly kMax: number;
}

/** "1000–3000" from the registry: the built-in suite's instances per claim of one kind. */
function runsRange(expect: 'holds' | 'refuted'): string {
  const rs = CLAIMS.filter((c) => c.expect === expect).map((c) => c.defaultRuns);
  const lo = Math.min(...rs);
  const hi = Math.max(...rs);
  return lo === hi ? String(lo) : `${lo}–${hi}`;
}

const help = `ualign verify [--runs N] [--seed S] [--claims ids] [--claim FILE.mjs]… [--claim-timeout S] [--k-max K] [--shard i/n]
              [--jobs J] [--json] [--out dir] [--times] [--no-corpus] [--max-bits B] [--max-work W]

Checks every claim of SPEC §4–5 and §4b as a shrinking property with exact arithmetic: T0–T9 and the
Luce claims L1–L4 must hold on every generated instance (weak-order, Luce and mixed profiles), the
negative controls N1–N6 must be refuted by a shrunk counterexample that is re-checked from its JSON. Exit 0 only when all of that is so (1 otherwise).
  --runs N       instances per claim (default: each claim's built-in suite, ${runsRange('holds')} per positive
                 claim, up to ${runsRange('refuted').split('–').pop()} per negative control)
  --seed S       global seed (default ${DEFAULT_SEED}); each claim's seed is hash(S:id)
  --claims ids   built-in claims: comma list, e.g. T0,T3,N1; all (the default) or none
  --claim FILE   a plug-in claim: an ES module whose default export follows the claim contract (README
                 "Writing your own claim"); repeatable; run after the built-ins, in the order given.
                 The reports record FILE as given (resolved from the current folder) for replay.
                 \`--claims none --claim FILE\` runs only the plug-in claims
  --claim-timeout S  a plug-in claim's time limit in seconds (default ${DEFAULT_CLAIM_TIMEOUT_MS / 1000}; decimals allowed):
                 for loading its module and checking its first instance, and per instance while it runs.
                 Past it the claim is stopped and verify exits 2 (with --jobs 0 a check that never returns
                 cannot be stopped: the first instance is still checked in a worker thread)
  --k-max K      largest k drawn by the claims that take k (default 32; 8 for T3 and N3): longer sweeps
  --shard i/n    run shard i of n: seed hash(S:id:i/n) and ⌊N/n⌋ (+1) runs; join with merge-reports
  --jobs J       worker threads (default: all cores; 0 = in process). Results do not depend on it.
  --json         print verify.json on stdout instead of the table
  --out dir      report folder (default reports): verify.json, verify.md, counterexamples/<id>.{json,md}
  --times        add wall times to the printed table (never to the report files)
  --no-corpus    do not replay fixtures/counterexamples/
${BUDGET_HELP}
Same seed, same output: verify.json, verify.md and the piped table are byte-identical across runs
and worker counts. Times appear only with --times or on a terminal. The counterexamples folder is
replaced as a whole on every run. When a claim fails, the seed, path, shrunk counterexample, exact
slack and report of each failing claim follow the table. UALIGN_FAULT=NAME injects a test-only
fault into U_k (${Object.keys(FAULTS).join(', ')}) to see a failure.
A claim module that fails to load, breaks the contract (a missing or mistyped field, an id of another
claim, a function that throws, a slack that is not a Fraction or disagrees with ok, a JSON round trip
that changes the instance) or runs past --claim-timeout is one line naming the module and the
problem, exit 2, and no report is written.`;

/** Every `--KEY VALUE` / `--KEY=VALUE` of a repeatable option, and argv without them. */
export function takeRepeated(argv: readonly string[], key: string, cmd: string): { values: string[]; rest: string[] } {
  const values: string[] = [];
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === `--${key}`) {
      const v = argv[++i];
      if (v === undefined) throw new InputError(`${cmd}: --${key} needs a value`);
      values.push(v);
    } else if (a.startsWith(`--${key}=`)) values.push(a.slice(key.length + 3));
    else rest.push(a);
  }
  return { values, rest };
}

/** --claim-timeout in seconds (decimals allowed) → ms. */
export function claimTimeoutOf(v: string | undefined, cmd: string): number {
  if (v === undefined) return DEFAULT_CLAIM_TIMEOUT_MS;
  const ms = /^\s*(\d+(\.\d*)?|\.\d+)\s*$/.test(v) ? Number(v) * 1000 : NaN;
  if (!(ms >= 1 && ms <= 1e9)) throw new InputError(`${cmd}: --claim-timeout must be a number of seconds between 0.001 and 1000000, got "${v}"`);
  return ms;
}

export function parseShard(s: string | undefined): { index: number; count: number } | undefined {
  if (s === undefined) return undefined;
  const m = /^(\d+)\/(\d+)$/.exec(s.trim());
  if (!m) throw new InputError(`verify: --shard must be i/n, got "${s}"`);
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (!isShard({ index, count })) throw new InputError(`verify: --shard needs 1 ≤ i ≤ n, got "${s}"`);
  return { index, count };
}

export const verifyCommand: Command = {
  name: 'verify',
  summary: 'check every claim (T0–T9, L1–L4 hold, N1–N6 refuted) as shrinking properties; write reports',
  help,
  async run(argv) {
    const { values: claimPaths, rest } = takeRepeated(argv, 'claim', 'verify');
    const a = parseArgs(rest, ['runs', 'seed', 'claims', 'claim-timeout', 'k-max', 'shard', 'jobs', 'out', ...BUDGET_OPTIONS], ['json', 'times', 'no-corpus'], 'verify', { positionals: 0 });
    const runs = a.opts.has('runs') ? intOpt(a, 'runs', 'verify') : undefined;
    const seed = a.opts.has('seed') ? intOpt(a, 'seed', 'verify', undefined, -(2 ** 31)) : DEFAULT_SEED;
    const jobs = a.opts.has('jobs') ? intOpt(a, 'jobs', 'verify', undefined, 0) : undefined;
    const shard = parseShard(a.opts.get('shard'));
    const maxK = a.opts.has('k-max') ? intOpt(a, 'k-max', 'verify') : undefined;
    const out = a.opts.get('out') ?? 'reports';
    checkOutDir(out, 'verify');
    const selected = selectClaims(a.opts.get('claims'));
    if (selected.length === 0 && claimPaths.length === 0) throw new InputError('verify: --claims none selects no built-in claim: give plug-in claims with --claim FILE.mjs');
    const claimTimeoutMs = claimTimeoutOf(a.opts.get('claim-timeout'), 'verify');
    const budget = budgetOf(a, 'verify');
    const knobs: Knob<VerifyParams>[] = [];
    if (runs !== undefined) knobs.push(knob('runs', runs, (p) => ({ ...p, runs: 1 })));
    if (maxK !== undefined) knobs.push(knob('k-max', maxK, (p) => ({ ...p, kMax: 1 })));
    const within = (claims: readonly { defaultRuns: number }[]) => {
      const instances = (r: number | undefined) => claims.reduce((t, c) => t + (r ?? c.defaultRuns), 0) / (shard?.count ?? 1);
      enforce('verify', budget, (p: VerifyParams) => verifyEstimate(instances(p.runs), p.kMax), { runs, kMax: maxK ?? DEFAULT_K_MAX }, knobs, 'the claims');
    };
    // Before a plug-in claim runs anything (its sizes follow --k-max), and again with its own runs.
    within(selected);
    const plugins = claimPaths.length === 0 ? [] : await loadClaimModules(claimPaths, { seed, maxK, timeoutMs: claimTimeoutMs });
    if (plugins.length > 0) within([...selected, ...plugins.map((p) => p.info)]);
    const fault = faultName();
    const tty = process.stderr.isTTY === true;
    const times = new Map<string, number>();
    const { report } = await verify({
      seed,
      runs,
      claims: a.opts.get('claims'),
      shard,
      workers: jobs,
      corpusDir: a.flags.has('no-corpus') ? null : undefined,
      fault,
      maxK,
      ...(plugins.length === 0 ? {} : { plugins, claimTimeoutMs }),
      onResult: (r, done, total) => {
        times.set(r.id, r.ms);
        if (tty) process.stderr.write(`\rverify: ${done}/${total} claims done (${r.id} ${r.outcome})\x1b[K${done === total ? '\n' : ''}`);
      },
    });
    const info = new Map([...CLAIMS, ...plugins.map((p) => p.info)].map((c) => [c.id, { statement: c.statement, latex: c.latex }]));
    writeVerifyReports(out, report, info);
    if (a.flags.has('json')) process.stdout.write(toJsonText(report));
    else process.stdout.write(verifyTable(report, a.flags.has('times') || process.stdout.isTTY ? times : undefined) + failureDetails(report, out));
    return report.ok ? 0 : 1;
  },
};
