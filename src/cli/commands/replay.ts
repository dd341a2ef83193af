import { readJsonFile } from '../../model/load.js';
import { InputError } from '../../model/errors.js';
import { profileFromJson } from '../../model/codec.js';
import { setFault } from '../../winrate/faults.js';
import { toJsonText } from '../../report/atomic.js';
import { ReplayResult, StoredCounterexample, replayAll, storedCounterexamples } from '../../report/replay.js';
import { claimTimeoutOf, takeRepeated } from './verify.js';
import { DEFAULT_CLAIM_TIMEOUT_MS } from '../../claims/plugins.js';
import { jsonPath } from '../../model/schema.js';
import { parseArgs } from '../args.js';
import { BUDGET_HELP, BUDGET_OPTIONS, Budget, bestKOutputEstimate, budgetOf, combine, enforce, promptSizes, winrateEstimate } from '../budget.js';
import { Command } from '../command.js';
import { faultName } from '../inputs.js';

const help = `ualign replay REPORT.json [--claim FILE.mjs]… [--claim-timeout S] [--json] [--max-bits B] [--max-work W]

Re-checks stored counterexamples exactly: REPORT.json is a counterexample report
(reports/counterexamples/<id>.json, fixtures/counterexamples/*.json) or a verify.json
(every claim with a counterexample). For each, the claim's check() runs again on the instance read
back from JSON, and the whole stored verdict must come out the same: the instance as the claim reads
it (k, ℓ, policies, …: a key the claim ignores or reads differently is a difference), the rule and
expected outcome, the exact slack and every certificate field. The first field that differs is shown
with its JSON path. With UALIGN_FAULT=NAME the same test-only fault as in verify is injected.
A plug-in claim's counterexample is re-checked by its module (in a worker thread, under the time limit):
the one given with --claim whose claim has that id, else the one the report records (its path as given to
verify, resolved from the current folder).
Exit 0 when every stored counterexample reproduces exactly, 1 otherwise, 2 for a malformed file or a bad
claim module.
  --claim FILE  a claim module to re-check its claim's counterexamples with (repeatable)
  --claim-timeout S  its time limit for loading and for the re-check, in seconds (default ${DEFAULT_CLAIM_TIMEOUT_MS / 1000})
  --json        {"ok", "replays": [{"claim", "reproduced", "difference": {"path", "stored", "recomputed"}, ...}]}
${BUDGET_HELP}`;

/** A tampered or hand-written instance can ask for any k or ℓ: estimate before re-running its claim. */
function enforceInstance(s: StoredCounterexample, file: string, budget: Budget): void {
  const cx = s.counterexample;
  const k = typeof cx.k === 'number' ? cx.k : 1;
  const ell = typeof cx.ell === 'number' ? cx.ell : 1;
  if (k <= 8 && ell <= 8) return;
  let sizes;
  try {
    sizes = promptSizes(profileFromJson(cx.profile));
  } catch {
    return; // the claim's own reading reports the problem
  }
  const models = sizes.map(() => ({ kind: 'policy' as const, dBits: 64, count: 1, qBits: 1 }));
  type P = { k: number; ell: number };
  const estimate = (p: P) => combine(winrateEstimate(sizes, models, p.k, p.ell), bestKOutputEstimate(sizes, p.k));
  const at = (key: string, v: number) => `${file}: ${jsonPath([...s.at, 'counterexample', key])} = ${v}`;
  enforce('replay', budget, estimate, { k, ell }, [
    { label: at('k', k), smallest: (p) => ({ ...p, k: 1 }) },
    { label: at('ell', ell), smallest: (p) => ({ ...p, ell: 1 }) },
  ], `${file}: the instance`);
}

function line(o: ReplayResult): string {
  const head = `${o.claim} (${o.expect === 'holds' ? 'positive claim' : 'negative control'}): ${o.counterexample ? 'still a counterexample' : 'NOT a counterexample any more'}, slack ${o.slack}`;
  const stored = o.storedSlack !== null ? ` (stored ${o.storedSlack})` : '';
  if (o.reproduced) return `${head}${stored}: reproduced`;
  const d = o.difference;
  return `${head}${stored}: NOT reproduced${d ? `: ${d.path}: stored ${d.stored}, recomputed ${d.recomputed}` : ''}`;
}

export const replayCommand: Command = {
  name: 'replay',
  summary: 're-check a stored counterexample (report or corpus file) exactly: the whole verdict',
  help,
  async run(argv) {
    const { values: claimModules, rest } = takeRepeated(argv, 'claim', 'replay');
    const a = parseArgs(rest, ['claim-timeout', ...BUDGET_OPTIONS], ['json'], 'replay', { positionals: 1 });
    const timeoutMs = claimTimeoutOf(a.opts.get('claim-timeout'), 'replay');
    if (a.positionals.length !== 1) throw new InputError('replay: give exactly one REPORT.json (see ualign replay --help)');
    const budget = budgetOf(a, 'replay');
    const file = a.positionals[0];
    const list = storedCounterexamples(readJsonFile(file), file);
    if (list.length === 0) throw new InputError(`${file}: no counterexample to replay`);
    const fault = faultName();
    if (fault) setFault(fault);
    for (const s of list) enforceInstance(s, file, budget);
    const out = await replayAll(list, file, { claimModules, timeoutMs });
    if (a.flags.has('json')) process.stdout.write(toJsonText({ ok: out.every((o) => o.reproduced), replays: out }));
    else for (const o of out) process.stdout.write(line(o) + '\n');
    return out.every((o) => o.reproduced) ? 0 : 1;
  },
};
