import { toDecimal } from '../../exact/rational.js';
import { loadProfile } from '../../model/load.js';
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
import { Command } from '../command.js';

const help = `ualign check --algorithm ALG --k 1..K [--runs N] [--seed S] [--rule R] [--profile FILES]
             [--no-fixtures] [--max-responses N] [--max-users N] [--timeout SECONDS] [--json] [--out DIR]

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
    const a = parseArgs(argv, ['algorithm', 'k', 'runs', 'seed', 'rule', 'profile', 'max-responses', 'max-users', 'timeout', 'out'], ['json', 'no-fixtures'], 'check');
    const ks = intRange(need(a, 'k', 'check'), 'k', 'check');
    const runs = intOpt(a, 'runs', 'check', DEFAULT_RUNS, 0);
    const seed = intOpt(a, 'seed', 'check', DEFAULT_SEED, 0);
    const rule = parseRule(a.opts.get('rule'));
    const maxResponses = intOpt(a, 'max-responses', 'check', DEFAULT_SEARCH.maxResponses, 1);
    const maxUsers = intOpt(a, 'max-users', 'check', DEFAULT_SEARCH.maxUsers, 1);
    if (maxResponses > 26) throw new InputError('check: --max-responses must be at most 26');
    const fixtures: NamedProfile[] = a.flags.has('no-fixtures') ? [] : builtinFixtures();
    const files = a.opts.get('profile');
    if (files !== undefined)
      for (const f of files.split(',').map((s) => s.trim()).filter((s) => s !== '')) fixtures.push({ name: f, profile: loadProfile(f) });
    if (fixtures.length === 0 && runs === 0) throw new InputError('check: nothing to check (--no-fixtures, no --profile and --runs 0)');
    const timeout = timeoutMs(a.opts.get('timeout'));
    const spec = need(a, 'algorithm', 'check');
    const out = a.opts.get('out') ?? 'reports';
    const unhook = spec.startsWith('builtin:') ? () => {} : stopPluginsOnSignals();
    let r: CheckResult;
    try {
      const alg = await resolveAlgorithm(spec, process.cwd(), { timeoutMs: timeout });
      try {
        r = await checkAlgorithm(alg, { ks, runs, seed, rule, fixtures, search: { ...DEFAULT_SEARCH, maxResponses, maxUsers } });
      } finally {
        await closeAlgorithm(alg);
      }
    } finally {
      unhook();
    }
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
