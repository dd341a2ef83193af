// Bench: sizes refused before any exact work. Every command given k = 10^9 (and ℓ = 10^9, T = 10^12,
// --k-max 10^9) must exit 2 with one line, within 1 s and 200 MB, whole process (peak memory from
// /usr/bin/time). The anchor is the same command at a size it accepts (k = 2), for scale.
// Usage: npm run build && node bench/bounds.mjs [--quick]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { median, runCli, standalone } from './util.mjs';

const P = 'fixtures/profiles/two-camp.json';
const POL = 'fixtures/profiles/two-camp-ne-k2.policy.json';
const BIG = '1000000000';

/** [case, arguments with K standing for the size, which option is huge]. */
const CASES = [
  ['winrate --k', ['winrate', '--profile', P, '--policy', POL, '--k', 'K']],
  ['winrate --ell', ['winrate', '--profile', P, '--policy', POL, '--k', '2', '--ell', 'K']],
  ['exploitability --k', ['exploitability', '--profile', P, '--policy', POL, '--k', 'K']],
  ['best-k-output --k', ['best-k-output', '--profile', P, '--k', 'K']],
  ['equilibrium --k', ['equilibrium', '--profile', P, '--k', 'K']],
  ['selfplay --k', ['selfplay', '--profile', P, '--k', 'K', '--T', '10']],
  ['selfplay --T', ['selfplay', '--profile', P, '--k', '2', '--T', 'T']],
  ['export-nfg --k', ['export-nfg', '--profile', P, '--k', 'K', '--out', 'OUT/g.nfg']],
  ['check --k', ['check', '--algorithm', 'builtin:nlhf', '--runs', '0', '--k', 'K', '--out', 'OUT']],
  ['verify --k-max', ['verify', '--claims', 'T0', '--runs', '5', '--k-max', 'K', '--out', 'OUT']],
];

export async function run({ quick = false } = {}) {
  const reps = quick ? 1 : 3;
  const dir = mkdtempSync(join(tmpdir(), 'ualign-bench-bounds-'));
  const rows = [];
  try {
    for (const [name, args] of CASES) {
      const fill = (K, T) => args.map((a) => (a === 'K' ? K : a === 'T' ? T : a.replace('OUT', dir)));
      const runs = Array.from({ length: reps }, () => runCli(fill(BIG, '1000000000000'), 30_000));
      const ms = median(runs.map((r) => r.ms));
      const memMB = Math.max(...runs.map((r) => r.memMB ?? 0));
      const status = runs.map((r) => r.status);
      const line = (runs[0].err ?? '').split('\n').filter((l) => l && !l.startsWith('__MAXRSS__') && !l.startsWith('Command exited'));
      const small = runCli(fill('2', '10'), 60_000);
      rows.push({
        case: `${name} ${name.endsWith('--T') ? '10^12' : '10^9'}`,
        ualignMs: Math.round(ms),
        ualignMemMB: Math.round(memMB),
        anchor: 'same command at 2 (T = 10)',
        anchorMs: Math.round(small.ms),
        anchorMemMB: small.memMB === null ? null : Math.round(small.memMB),
        ratio: ms / small.ms,
        target: 'exit 2, one line, ≤ 1 s, ≤ 200 MB',
        met: status.every((s) => s === 2) && line.length === 1 && ms <= 1000 && memMB <= 200,
        note: line[0] ? line[0].slice(0, 140) : `exit ${status.join(',')}`,
      });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}

await standalone(import.meta.url, run);
