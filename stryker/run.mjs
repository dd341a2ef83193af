// npm run mutation[:folder]: Stryker over one folder (or one part of a large folder) at a time (never two runs
// at once), then the summary.
//   node stryker/run.mjs [--verify] [--force] [--retest=Status,...] [--retest-in=file,...] [--html] [folder | folder.part ...]   (none: all)
// --force re-tests every mutant; --retest=Timeout re-tests the mutants of those statuses (e.g. timeouts of a
// run on a busy machine: they are dropped from the incremental file first); UALIGN_MUTATION_CONCURRENCY=N sets
// the number of test runners (default 2); --html also writes
// reports/mutation/<suite>-<run>.html (not committed).
// Each run resumes from reports/mutation/<suite>-<run>.json (incremental) and records its wall time
// in reports/mutation/runs.json; reports/mutation.md is regenerated from the JSON files.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RUN_NAMES, runsOf } from './folders.mjs';
import { writeSummary } from './summary.mjs';

const args = process.argv.slice(2);
const suite = args.includes('--verify') ? 'verify' : 'unit';
const force = args.includes('--force');
const html = args.includes('--html');
const retest = new Set(args.filter((a) => a.startsWith('--retest=')).flatMap((a) => a.slice('--retest='.length).split(',')));
// --retest-in=src/a.ts,src/b.ts: re-test those statuses only in these files (the others keep their results)
const retestIn = new Set(args.filter((a) => a.startsWith('--retest-in=')).flatMap((a) => a.slice('--retest-in='.length).split(',')));
const names = args.filter((a) => !a.startsWith('--'));
for (const f of names) if (runsOf(f) === null) {
  console.error(`mutation: unknown folder or part "${f}" (known: ${[...new Set(RUN_NAMES.map((r) => r.split('.')[0]))].join(', ')}; parts: ${RUN_NAMES.filter((r) => r.includes('.')).join(', ')})`);
  process.exit(2);
}
const conc = process.env.UALIGN_MUTATION_CONCURRENCY;
if (conc !== undefined && !/^[1-9][0-9]?$/.test(conc)) {
  console.error(`mutation: UALIGN_MUTATION_CONCURRENCY must be a number of test runners from 1 to 99, got "${conc}"`);
  process.exit(2);
}
const todo = names.length > 0 ? [...new Set(names.flatMap((n) => runsOf(n).map((r) => r.id)))] : RUN_NAMES;
const stryker = join('node_modules', '@stryker-mutator', 'core', 'bin', 'stryker.js');
const runsFile = join('reports', 'mutation', 'runs.json');
mkdirSync(join('reports', 'mutation'), { recursive: true });

let failed = false;
for (const id of todo) {
  const file = join('reports', 'mutation', `${suite}-${id}.json`);
  if (retest.size > 0 && existsSync(file)) {
    const report = JSON.parse(readFileSync(file, 'utf8'));
    let dropped = 0;
    for (const [name, f] of Object.entries(report.files))
      if (retestIn.size === 0 || retestIn.has(name)) f.mutants = f.mutants.filter((m) => !(retest.has(m.status) && ++dropped));
    writeFileSync(file, JSON.stringify(report, null, 2));
    console.log(`mutation: ${dropped} mutant(s) with status ${[...retest].join(', ')} will be re-tested`);
  }
  const t0 = Date.now();
  console.log(`\nmutation: ${suite} ${id}`);
  const extra = [...(force ? ['--force'] : []), ...(html ? ['--reporters', 'progress,clear-text,html'] : [])];
  const r = spawnSync(process.execPath, [stryker, 'run', 'stryker/config.mjs', ...extra], {
    stdio: 'inherit',
    env: { ...process.env, UALIGN_MUTATION: id, UALIGN_MUTATION_SUITE: suite },
  });
  const seconds = Math.round((Date.now() - t0) / 1000);
  const runs = existsSync(runsFile) ? JSON.parse(readFileSync(runsFile, 'utf8')) : {};
  const key = `${suite}-${id}`;
  runs[key] = [...(runs[key] ?? []), { date: new Date(t0).toISOString(), seconds, exit: r.status, force }];
  const sorted = Object.fromEntries(Object.keys(runs).sort().map((k) => [k, runs[k]]));
  writeFileSync(runsFile, JSON.stringify(sorted, null, 2) + '\n');
  console.log(`mutation: ${suite} ${id} took ${seconds} s (exit ${r.status})`);
  if (r.status !== 0) failed = true;
}
writeSummary();
process.exit(failed ? 1 : 0);
