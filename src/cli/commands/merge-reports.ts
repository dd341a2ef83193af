import { readJsonFile } from '../../model/load.js';
import { InputError } from '../../model/errors.js';
import { CLAIMS } from '../../claims/registry.js';
import { toJsonText } from '../../report/atomic.js';
import { mergeReports, VERIFY_REPORT_SHAPE, VerifyReport, verifyTable, writeVerifyReports } from '../../report/verify.js';
import { validate } from '../../model/schema.js';
import { checkOutDir } from '../inputs.js';
import { parseArgs } from '../args.js';
import { Command } from '../command.js';

const help = `ualign merge-reports SHARD.json... [--out dir] [--json]

Joins the verify.json of the shards of one sweep (ualign verify --shard i/n, same seed, same claims):
runs add up, the smallest slack is the minimum, a claim is refuted when any shard refuted it (the
smallest counterexample is kept: fewest responses, then user types, then k, then JSON text), an
error anywhere is an error. The output does not depend on the order of the files. A merged report
can be merged again with the other shards. Refused (one line, exit 2): a shard given twice, shards
of different seeds, shard counts or claims. A missing shard is allowed and noted on stderr.
  --out dir   where verify.json and verify.md go (default reports)
  --json      print the merged verify.json instead of the table
Exit 0 when the merged report is ok, 1 when it is not.`;

export const mergeReportsCommand: Command = {
  name: 'merge-reports',
  summary: "join the shards' verify.json into one report",
  help,
  run(argv) {
    const a = parseArgs(argv, ['out'], ['json'], 'merge-reports');
    if (a.positionals.length === 0) throw new InputError('merge-reports: give the shard reports (see ualign merge-reports --help)');
    const out = a.opts.get('out') ?? 'reports';
    checkOutDir(out, 'merge-reports');
    const reports = a.positionals.map((f) => {
      const r = readJsonFile(f);
      validate(r, VERIFY_REPORT_SHAPE, f);
      return r as VerifyReport;
    });
    const merged = mergeReports(reports, a.positionals); // InputError for shards that do not belong together
    const count = Number(merged.merged![0].split('/')[1]);
    if (merged.merged!.length < count) {
      const missing = Array.from({ length: count }, (_, i) => `${i + 1}/${count}`).filter((x) => !merged.merged!.includes(x));
      process.stderr.write(`merge-reports: note: ${missing.length} of ${count} shards missing (${missing.join(', ')})\n`);
    }
    writeVerifyReports(out, merged, new Map(CLAIMS.map((c) => [c.id, { statement: c.statement, latex: c.latex }])));
    process.stdout.write(a.flags.has('json') ? toJsonText(merged) : verifyTable(merged));
    return merged.ok ? 0 : 1;
  },
};
