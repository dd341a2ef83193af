import { readJsonFile } from '../../model/load.js';
import { InputError } from '../../model/errors.js';
import { CLAIMS } from '../../claims/registry.js';
import { toJsonText } from '../../report/atomic.js';
import { mergeReports, VerifyReport, verifyTable, writeVerifyReports } from '../../report/verify.js';
import { parseArgs } from '../args.js';
import { Command } from '../command.js';

const help = `ualign merge-reports SHARD.json... [--out dir] [--json]

Joins the verify.json of the shards of one sweep (ualign verify --shard i/n, same seed):
runs add up, the smallest slack is the minimum, a claim is refuted when any shard refuted it (the
smallest counterexample is kept: fewest responses, then user types, then k, then JSON text), an
error anywhere is an error. Writes verify.json and verify.md into --out (default reports).
Exit 0 when the merged report is ok.`;

export const mergeReportsCommand: Command = {
  name: 'merge-reports',
  summary: "join the shards' verify.json into one report",
  help,
  run(argv) {
    const a = parseArgs(argv, ['out'], ['json'], 'merge-reports');
    if (a.positionals.length === 0) throw new InputError('merge-reports: give the shard reports (see ualign merge-reports --help)');
    const reports = a.positionals.map((f) => {
      const r = readJsonFile(f) as VerifyReport;
      if (typeof r !== 'object' || r === null || !Array.isArray(r.claims) || typeof r.seed !== 'number') throw new InputError(`${f}: not a verify.json`);
      return r;
    });
    let merged: VerifyReport;
    try {
      merged = mergeReports(reports);
    } catch (e) {
      throw new InputError((e as Error).message.replace(/^merge-reports: /, ''));
    }
    writeVerifyReports(a.opts.get('out') ?? 'reports', merged, new Map(CLAIMS.map((c) => [c.id, { statement: c.statement, latex: c.latex }])));
    process.stdout.write(a.flags.has('json') ? toJsonText(merged) : verifyTable(merged));
    return merged.ok ? 0 : 1;
  },
};
