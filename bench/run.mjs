// `npm run bench [-- --quick] [-- --only core,lp,...]`: every benchmark, side by side with its anchor,
// written to reports/bench.md and reports/bench.json. Each module runs in its own child process.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const quick = process.argv.includes('--quick');
const onlyArg = process.argv.find((a) => a.startsWith('--only='));
const only = onlyArg ? onlyArg.slice(7).split(',') : null;
const MODULES = ['core', 'lp', 'equilibria', 'asymptotic', 'bounds', 'luce', 'verify', 'previous'];

if (process.argv.includes('--child')) {
  const name = process.argv[process.argv.indexOf('--child') + 1];
  const mod = await import(pathToFileURL(join(here, `${name}.mjs`)).href);
  const rows = await mod.run({ quick });
  process.stdout.write('\n__ROWS__' + JSON.stringify(rows) + '\n');
  process.exit(0);
}

if (!existsSync(join(root, 'dist', 'index.js'))) {
  const b = spawnSync('npm', ['run', 'build'], { stdio: 'inherit', cwd: root });
  if (b.status !== 0) {
    console.error('bench: build failed');
    process.exit(2);
  }
}

const results = [];
for (const name of MODULES) {
  if (only && !only.includes(name)) continue;
  if (!existsSync(join(here, `${name}.mjs`))) {
    results.push({ module: name, rows: [], error: 'not present' });
    continue;
  }
  process.stderr.write(`bench: ${name}${quick ? ' (quick)' : ''} …\n`);
  const r = spawnSync(process.execPath, ['--expose-gc', fileURLToPath(import.meta.url), '--child', name, ...(quick ? ['--quick'] : [])], {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const m = /__ROWS__(.*)$/m.exec(r.stdout ?? '');
  if (r.status !== 0 || !m) results.push({ module: name, rows: [], error: `exit ${r.status}` });
  else results.push({ module: name, rows: JSON.parse(m[1]) });
}

const fmt = (v, d = 1) =>
  v === null || v === undefined ? '—' : typeof v === 'number' ? (Number.isInteger(v) || Math.abs(v) >= 100 ? v.toFixed(0) : v.toFixed(d)) : String(v);
const header = {
  date: new Date().toISOString(),
  node: process.version,
  cores: cpus().length,
  cpu: cpus()[0]?.model ?? 'unknown',
  quick,
};
const lines = [
  '# ualign benchmarks',
  '',
  `Node ${header.node}, ${header.cores} cores (${header.cpu}), ${header.date}${quick ? ', --quick' : ''}.`,
  'Times are medians over repeated runs after a warm-up; "ratio" = ualign / anchor (below 1: ualign faster).',
  '',
];
for (const res of results) {
  lines.push(`## ${res.module}`, '');
  if (res.error) {
    lines.push(`(${res.error})`, '');
    continue;
  }
  lines.push('| case | sizes | ualign ms | ualign MB | anchor | anchor ms | anchor MB | ratio | note |', '|---|---|---|---|---|---|---|---|---|');
  for (const r of res.rows) {
    const sizes = typeof r.sizes === 'string' ? r.sizes : Object.entries(r.sizes ?? {}).map(([k, v]) => `${k}=${v}`).join(' ');
    const anchorStatus = r.anchorStatus && r.anchorStatus !== 'ok' ? ` (${r.anchorStatus})` : '';
    const std = new Set(['case', 'sizes', 'ualignMs', 'ualignMemMB', 'anchor', 'anchorMs', 'anchorMemMB', 'anchorStatus', 'ratio', 'target', 'met', 'note']);
    const extra = Object.entries(r).filter(([k]) => !std.has(k)).map(([k, v]) => `${k}=${typeof v === 'number' ? fmt(v) : v}`);
    const note = [r.target ? `${r.target}: ${r.met ? 'met' : 'NOT met'}` : '', r.note ?? '', ...extra].filter(Boolean).join('; ');
    lines.push(
      `| ${r.case} | ${sizes} | ${fmt(r.ualignMs)} | ${fmt(r.ualignMemMB)} | ${r.anchor ?? '—'}${anchorStatus} | ${fmt(r.anchorMs)} | ${fmt(r.anchorMemMB)} | ${fmt(r.ratio, 2)} | ${note} |`,
    );
  }
  lines.push('');
}
const outDir = join(root, 'reports');
mkdirSync(outDir, { recursive: true });
const write = (name, text) => {
  const tmp = join(outDir, `.${name}.tmp`);
  writeFileSync(tmp, text);
  renameSync(tmp, join(outDir, name));
};
write('bench.json', JSON.stringify({ ...header, results }, null, 2) + '\n');
write('bench.md', lines.join('\n') + '\n');
process.stdout.write(lines.join('\n') + '\n');
