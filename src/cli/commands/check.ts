import { toDecimal } from '../../exact/rational.js';
import { InputError } from '../../model/errors.js';
import { checkAlgorithm, CheckResult, DEFAULT_RUNS, DEFAULT_SEARCH } from '../../algorithms/check.js';
import { DEFAULT_SEED } from '../../instances/seed.js';
import { builtinFixtures, NamedProfile } from '../../algorithms/fixtures.js';
import { closeAlgorithm, resolveAlgorithm } from '../../algorithms/registry.js';
import { DEFAULT_TIMEOUT_MS, stopAllPlugins } from '../../algorithms/plugins/runner.js';
import { parseRule } from '../../winrate/rules.js';
import { checkJson, writeCheckReport } from '../../report/check.js';
import { toJsonText } from '../../report/atomic.js';
import { intOpt, intRange, need, parseArgs } from '../args.js';
import { BUDGET_HELP, BUDGET_OPTIONS, Estimate, PromptSize, budgetOf, checkEstimate, combine, enforce, equilibriumEstimate, promptSizes, selfplayEstimate } from '../budget.js';
import { checkOutDir, loadProfileShown } from '../inputs.js';
import { progress } from '../progress.js';
import { AlignmentAlgorithm } from '../../algorithms/types.js';
import { Command } from '../command.js';

const help = `ualign check --algorithm ALG --k 1..K [--runs N] [--seed S] [--rule R] [--profile FILES]
             [--no-fixtures] [--max-responses N] [--max-users N] [--timeout SECONDS] [--json] [--out DIR]
             [--max-bits B] [--max-work W]

Does an alignment algorithm scale with k like the theory says? For each k: the algorithm's exact
robustness rob_k (its policy's product π^{⊗k}, or its k-output model) on the fixtures and on profiles
found by a fast-check search for rob_k < k/(k+1) − slack, compared with k/(k+1) (T1/T2). Failing
profiles are shrunk to the smallest one fast-check finds, re-checked exactly and stored for replay.
Exit code 1 when some k falls below k/(k+1) − slack; 2 on bad input or a failing plug-in (one line
naming the algorithm, the profile and k; nothing is written).
  --algorithm ALG    builtin:NAME[:key=value,...] (see ualign algorithms; runs in this process),
                     a JS plug-in module path (.mjs/.js, relative to the current folder; default export
                     { name, align(profile, k) }; runs in a worker thread), or 'cmd:COMMAND ARGS…': a
                     program speaking ualign's plug-in protocol 1 (JSON lines on stdin/stdout), started
                     once, without a shell (words split on whitespace; '…' and "…" quote)
  --k 1..K           values of k: N, A..B or a comma list
  --runs N           fast-check runs per k (default ${DEFAULT_RUNS}; 0 = fixtures only)
  --seed S           fast-check seed (default ${DEFAULT_SEED})
  --rule R           uniform (default) | model-wins-ties | pairwise
  --profile FILES    comma-separated profile files (JSON or PrefLib .soc .soi .toc .toi), checked
                     in addition to the built-in fixtures
  --no-fixtures      skip the built-in fixtures (two-camp, unanimous, Condorcet cycle, impartial culture)
  --max-responses N  largest searched profile (default ${DEFAULT_SEARCH.maxResponses} responses)
  --max-users N      most user types in a searched profile (default ${DEFAULT_SEARCH.maxUsers})
  --timeout SECONDS  a plug-in's limit per call and for starting (default ${DEFAULT_TIMEOUT_MS / 1000}; decimals allowed);
                     past it the plug-in is stopped and check exits 2. Built-ins have no timeout
  --json             print the JSON report on stdout
  --out DIR          report folder (default reports/): check-NAME.{md,svg,json} and check-NAME/k*-*.json
                     (check-NAME/ is replaced as a whole: no witness of an earlier run survives)
${BUDGET_HELP}
                     (each k is estimated before the run, assuming answers with denominators ≤ 2^40)

A plug-in's stderr (console output, for JS modules) is passed to ours, each line prefixed "[NAME] ".
SIGINT and SIGTERM stop the plug-in and exit (130, 143).`;

/** --timeout in seconds (decimals allowed) → ms. */
function timeoutMs(v: string | undefined): number {
  if (v === undefined) return DEFAULT_TIMEOUT_MS;
  const m = /^\s*(\d+(?:\.\d+)?)\s*$/.exec(v);
  const ms = m ? Math.round(Number(m[1]) * 1000) : NaN;
  if (!(ms >= 1 && ms <= 1e9)) throw new InputError(`check: --timeout must be a number of seconds between 0.001 and 1000000, got "${v}"`);
  return ms;
}

/** While a plug-in runs: SIGINT/SIGTERM kill it and exit at once. Returns the uninstaller. */
function stopPluginsOnSignals(): () => void {
  const on = (sig: 'SIGINT' | 'SIGTERM') => () => {
    process.stderr.write(`ualign check: stopped by ${sig}\n`);
    const exit = () => process.exit(sig === 'SIGINT' ? 130 : 143);
    setTimeout(exit, 1000); // the plug-in was sent SIGKILL: wait at most 1 s to see it gone
    void stopAllPlugins().then(exit, exit);
  };
  const int = on('SIGINT');
  const term = on('SIGTERM');
  process.on('SIGINT', int);
  process.on('SIGTERM', term);
  return () => {
    process.off('SIGINT', int);
    process.off('SIGTERM', term);
  };
}

export const checkCommand: Command = {
  name: 'check',
  summary: 'check an alignment algorithm against k/(k+1) with a shrinking search; report + plot',
  help,
  async run(argv) {
    const a = parseArgs(
      argv,
      ['algorithm', 'k', 'runs', 'seed', 'rule', 'profile', 'max-responses', 'max-users', 'timeout', 'out', ...BUDGET_OPTIONS],
      ['json', 'no-fixtures'],
      'check',
      { positionals: 0 },
    );
    const ks = intRange(need(a, 'k', 'check'), 'k', 'check');
    const runs = intOpt(a, 'runs', 'check', DEFAULT_RUNS, 0);
    const seed = intOpt(a, 'seed', 'check', DEFAULT_SEED, 0);
    const rule = parseRule(a.opts.get('rule'));
    const maxResponses = intOpt(a, 'max-responses', 'check', DEFAULT_SEARCH.maxResponses, 1);
    const maxUsers = intOpt(a, 'max-users', 'check', DEFAULT_SEARCH.maxUsers, 1);
    if (maxResponses > 26) throw new InputError('check: --max-responses must be at most 26');
    const budget = budgetOf(a, 'check');
    const out = a.opts.get('out') ?? 'reports';
    checkOutDir(out, 'check');
    const pr = progress('check');
    const fixtures: NamedProfile[] = a.flags.has('no-fixtures') ? [] : builtinFixtures();
    const files = a.opts.get('profile');
    if (files !== undefined)
      for (const f of files.split(',').map((s) => s.trim()).filter((s) => s !== '')) fixtures.push({ name: f, profile: loadProfileShown(f, pr) });
    if (fixtures.length === 0 && runs === 0) throw new InputError('check: nothing to check (--no-fixtures, no --profile and --runs 0)');
    const timeout = timeoutMs(a.opts.get('timeout'));
    const search = { ...DEFAULT_SEARCH, maxResponses, maxUsers };
    const spec = need(a, 'algorithm', 'check');
    enforceCheck(spec, ks, runs, fixtures, search, budget);
    const unhook = spec.startsWith('builtin:') ? () => {} : stopPluginsOnSignals();
    let r: CheckResult;
    try {
      const alg = await resolveAlgorithm(spec, process.cwd(), { timeoutMs: timeout });
      try {
        r = await checkAlgorithm(shown(alg, ks, pr), { ks, runs, seed, rule, fixtures, search });
      } finally {
        await closeAlgorithm(alg);
      }
    } finally {
      unhook();
    }
    pr.done();
    const paths = writeCheckReport(r, out);
    if (a.flags.has('json')) process.stdout.write(toJsonText({ ...checkJson(r, out), report: paths }));
    else {
      const lines = [`algorithm ${r.algorithm}, rule ${rule}, seed ${seed}, ${runs} runs per k`];
      lines.push(' k  robustness (lowest found)        k/(k+1)  slack            NLHF      verdict');
      for (const c of r.curve) {
        const cx = c.counterexample;
        lines.push(
          `${String(c.k).padStart(2)}  ${toDecimal(c.robustness, 9).padEnd(12)} ${(c.robustness.toFraction().length <= 18 ? c.robustness.toFraction() : '').padEnd(18)}  ` +
            `${c.theory.toFraction().padEnd(7)}  ${toDecimal(c.slack, 12).padEnd(15)}  ${c.nlhf === null ? '–'.padEnd(8) : toDecimal(c.nlhf, 6)}  ` +
            (c.meetsTheory
              ? 'meets'
              : `FAILS: ${cx!.profile.prompts.length > 1 ? `${cx!.profile.prompts.length}-prompt` : `${cx!.profile.prompts[0].prompt.responses.length}-response`} counterexample, rob = ${cx!.robustness.toFraction()} < ${cx!.bound.toFraction().length <= 18 ? cx!.bound.toFraction() : toDecimal(cx!.bound, 9)}`),
        );
      }
      lines.push(`meetsTheory: ${r.meetsTheory}`);
      for (const n of r.notes) lines.push(`note: ${n.text} (${n.count}×)`);
      lines.push(`report: ${paths.md}  (plot ${paths.svg}, JSON ${paths.json}, witnesses ${paths.dir}/)`);
      process.stdout.write(lines.join('\n') + '\n');
    }
    return r.meetsTheory ? 0 : 1;
  },
};

/**
 * Size estimates per k before the run (budget.ts): the fixtures and the largest searched profile,
 * plus what a built-in computes itself (an equilibrium, self-play rounds).
 */
function enforceCheck(spec: string, ks: readonly number[], runs: number, fixtures: readonly NamedProfile[], search: typeof DEFAULT_SEARCH, budget: ReturnType<typeof budgetOf>): void {
  const maxN = search.maxResponses ?? 4;
  const maxM = search.maxUsers ?? 4;
  const searched: PromptSize = { n: maxN, m: maxM, tiers: maxN + 1, wBits: Math.ceil(Math.log2(maxM * (search.maxWeight ?? 5) + 1)) };
  const sizes = [...fixtures.flatMap((f) => promptSizes(f.profile)), ...(runs > 0 ? [searched] : [])];
  const name = spec.startsWith('builtin:') ? spec.slice(8).split(':')[0] : null;
  const T = Number(/(?:^|[:,])T=(\d+)/.exec(spec)?.[1] ?? 100);
  type P = { k: number; runs: number };
  const estimate = (p: P): Estimate => {
    let e = checkEstimate(sizes, p.k, fixtures.length + 2 * p.runs);
    if (name === 'multiplayer-ne') e = combine(e, equilibriumEstimate(sizes, p.k, 100));
    if (name === 'self-play') e = combine(e, selfplayEstimate(sizes, p.k, T, 40));
    return e;
  };
  for (const k of ks)
    enforce('check', budget, estimate, { k, runs }, [
      { label: `--k ${k}`, smallest: (p) => ({ ...p, k: 1 }) },
      { label: `--runs ${runs}`, smallest: (p) => ({ ...p, runs: 0 }) },
    ], `--algorithm ${spec}`);
}

/** The algorithm with a progress line: which k, how many calls so far. */
function shown(alg: AlignmentAlgorithm, ks: readonly number[], pr: ReturnType<typeof progress>): AlignmentAlgorithm {
  let calls = 0;
  const align: AlignmentAlgorithm['align'] = (profile, k, ...rest) => {
    calls++;
    pr.update(`${alg.name}: k = ${k} (${ks.indexOf(k) + 1} of ${ks.length}), ${calls} calls so far`);
    return alg.align(profile, k, ...rest);
  };
  return Object.assign(Object.create(alg) as AlignmentAlgorithm, { align });
}
