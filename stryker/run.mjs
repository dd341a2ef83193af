// npm run mutation[:folder]: Stryker over one folder at a time (never two runs at once), then the summary.
//   node stryker/run.mjs [--verify] [--force] [--retest=Status,...] [--html] [folder ...]   (no folder: all)
// --force re-tests every mutant; --retest=Timeout re-tests the mutants of those statuses (e.g. timeouts of a
// run on a busy machine: they are dropped from the incremental file first); UALIGN_MUTATION_CONCURRENCY=N sets
// the number of test runners (default 2); --html also writes
// reports/mutation/<suite>-<folder>.html (not committed).
// Each run resumes from reports/mutation/<suite>-<folder>.json (incremental) and records its wall time
// in reports/mutation/runs.json; reports/mutation.md is regenerated from the JSON files.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FOLDERS } from './folders.mjs';
import { writeSummary } from './summary.mjs';

const args = process.argv.slice(2);
const suite = args.includes('--verify') ? 'verify' : 'unit';
const force = args.includes('--force');
const html = args.includes('--html');
const retest = new Set(args.filter((a) => a.startsWith('--retest=')).flatMap((a) => a.slice('--retest='.length).split(',')));
const folders = args.filter((a) => !a.startsWith('--'));
for (const f of folders) if (!(f in FOLDERS)) {
  console.error(`mutation: unknown folder "${f}" (known: ${Object.keys(FOLDERS).join(', ')})`);
  process.exit(2);
}
const conc = process.env.UALIGN_MUTATION_CONCURRENCY;
if (conc !== undefined && !/^[1-9][0-9]?$/.test(conc)) {
  console.error(`mutation: UALIGN_MUTATION_CONCURRENCY must be a number of test runners from 1 to 99, got "${conc}"`);
  process.exit(2);
}
const todo = folders.length > 0 ? folders : Object.keys(FOLDERS);
const stryker = join('node_modules', '@stryker-mutator', 'core', 'bin', 'stryker.js');
const runsFile = join('reports', 'mutation', 'runs.json');
mkdirSync(join('reports', 'mutation'), { recursive: true });

let failed = false;
for (const folder of todo) {
  const file = join('reports', 'mutation', `${suite}-${folder}.json`);
  if (retest.size > 0 && existsSync(file)) {
    const report = JSON.parse(readFileSync(file, 'utf8'));
    let dropped = 0;
    for (const f of Object.values(report.files))
      f.mutants = f.mutants.filter((m) => !(retest.has(m.status) && ++dropped));
    writeFileSync(file, JSON.stringify(report, null, 2));
    console.log(`mutation: ${dropped} mutant(s) with status ${[...retest].join(', ')} will be re-tested`);
  }
  const t0 = Date.now();
  console.log(`\nmutation: ${suite} ${folder}`);
  const extra = [...(force ? ['--force'] : []), ...(html ? ['--reporters', 'progress,clear-text,html'] : [])];
  const r = spawnSync(process.execPath, [stryker, 'run', 'stryker/config.mjs', ...extra], {
    stdio: 'inherit',
    env: { ...process.env, UALIGN_MUTATION: folder, UALIGN_MUTATION_SUITE: suite },
  });
  const seconds = Math.round((Date.now() - t0) / 1000);
  const runs = existsSync(runsFile) ? JSON.parse(readFileSync(runsFile, 'utf8')) : {};
  const key = `${suite}-${folder}`;
  runs[key] = [...(runs[key] ?? []), { date: new Date(t0).toISOString(), seconds, exit: r.status, force }];
  const sorted = Object.fromEntries(Object.keys(runs).sort().map((k) => [k, runs[k]]));
  writeFileSync(runsFile, JSON.stringify(sorted, null, 2) + '\n');
  console.log(`mutation: ${suite} ${folder} took ${seconds} s (exit ${r.status})`);
  if (r.status !== 0) failed = true;
}
writeSummary();
process.exit(failed ? 1 : 0);
