import { readJsonFile } from '../../model/load.js';
import { InputError } from '../../model/errors.js';
import { claimById } from '../../claims/registry.js';
import { faultFromEnv, setFault } from '../../winrate/faults.js';
import { toJsonText } from '../../report/atomic.js';
import { parseArgs } from '../args.js';
import { Command } from '../command.js';

const help = `ualign replay REPORT.json [--json]

Re-checks stored counterexamples exactly: REPORT.json is a counterexample report
(reports/counterexamples/<id>.json, fixtures/counterexamples/*.json) or a verify.json
(every claim with a counterexample). For each: the claim's check() on the instance read back from
JSON, its exact slack, and whether it is still a counterexample with the stored slack.
Exit 0 when every stored counterexample reproduces exactly, 1 otherwise.`;

interface Item {
  claim: string;
  counterexample: unknown;
  slack: string | null;
}

function items(o: unknown, file: string): Item[] {
  const r = o as { claim?: unknown; counterexample?: unknown; verdict?: { slack?: string } | null; claims?: unknown };
  if (typeof r === 'object' && r !== null && typeof r.claim === 'string' && r.counterexample)
    return [{ claim: r.claim, counterexample: r.counterexample, slack: r.verdict?.slack ?? null }];
  if (typeof r === 'object' && r !== null && Array.isArray(r.claims))
    return (r.claims as { id: string; counterexample: unknown; verdict?: { slack?: string } | null }[])
      .filter((c) => c.counterexample)
      .map((c) => ({ claim: c.id, counterexample: c.counterexample, slack: c.verdict?.slack ?? null }));
  throw new InputError(`${file}: expected a counterexample report {"claim", "counterexample"} or a verify.json {"claims": [...]}`);
}

export const replayCommand: Command = {
  name: 'replay',
  summary: 're-check a stored counterexample (report or corpus file) exactly',
  help,
  run(argv) {
    const a = parseArgs(argv, [], ['json'], 'replay');
    if (a.positionals.length !== 1) throw new InputError('replay: give exactly one REPORT.json (see ualign replay --help)');
    const file = a.positionals[0];
    const list = items(readJsonFile(file), file);
    if (list.length === 0) throw new InputError(`${file}: no counterexample to replay`);
    const fault = faultFromEnv();
    if (fault) setFault(fault);
    const out = list.map((it) => {
      const claim = claimById(it.claim);
      const v = claim.check(claim.fromJson(it.counterexample));
      const reproduced = !v.ok && (it.slack === null || v.slack.toFraction() === it.slack);
      return { claim: claim.id, expect: claim.expect, counterexample: !v.ok, slack: v.slack.toFraction(), storedSlack: it.slack, reproduced, certificate: v.certificate };
    });
    if (a.flags.has('json')) process.stdout.write(toJsonText({ ok: out.every((o) => o.reproduced), replays: out }));
    else
      for (const o of out)
        process.stdout.write(
          `${o.claim} (${o.expect === 'holds' ? 'positive claim' : 'negative control'}): ${o.counterexample ? 'still a counterexample' : 'NOT a counterexample any more'}, slack ${o.slack}` +
            `${o.storedSlack !== null ? ` (stored ${o.storedSlack})` : ''}: ${o.reproduced ? 'reproduced' : 'NOT reproduced'}\n`,
        );
    return out.every((o) => o.reproduced) ? 0 : 1;
  },
};
