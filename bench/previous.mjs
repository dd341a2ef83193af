// Bench: this build against a previous release, whole process, side by side in one run. Each case runs the
// same `ualign` command of both builds alternately (21 runs each after one warm-up of each), on the same input
// files; the table gives the medians of the times and, as the ratio, the median of the 21 paired ratios (each
// run of this build over the run of the previous release next to it: a slow stretch of the shared machine
// then slows both sides of a pair instead of moving one median). The previous release is a built checkout named by
// UALIGN_PREVIOUS (e.g. `git worktree add /tmp/prev be89eaf && cd /tmp/prev && npm ci && npx tsc -p .`);
// without it the module reports one row saying so.
// Usage: UALIGN_PREVIOUS=/tmp/prev node bench/previous.mjs [--quick]
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UALIGN_BIN, median, randomPolicyJson, runCli, standalone } from './util.mjs';
import { generateRankings, profileJson, socText } from './lp.mjs';
import { strictProfileJson } from './asymptotic.mjs';

/** One run of either build: far above any case here (the slowest takes about 1 s). */
const LIMIT_MS = 120_000;

export async function run({ quick = false } = {}) {
  const prev = process.env.UALIGN_PREVIOUS;
  const prevBin = prev ? join(prev, 'bin', 'ualign.mjs') : null;
  if (!prevBin || !existsSync(prevBin)) return [{ case: 'against the previous release', ualignMs: null, note: 'skipped: set UALIGN_PREVIOUS to a built checkout of it' }];
  const reps = quick ? 3 : 21;
  const dir = mkdtempSync(join(tmpdir(), 'ualign-prev-'));
  const rows = [];
  try {
    const cases = [];
    for (const n of quick ? [20, 200] : [20, 50, 100, 200, 400]) {
      const R = generateRankings(n, 1000, 42 + n);
      const soc = join(dir, `p${n}.soc`);
      writeFileSync(soc, socText(n, R));
      const json = join(dir, `p${n}.json`);
      writeFileSync(json, JSON.stringify(profileJson(n, R)));
      cases.push([`nash, PrefLib input`, `n=${n} m=1000`, ['nash', '--profile', soc, '--json']]);
      cases.push([`nash, JSON input`, `n=${n} m=1000`, ['nash', '--profile', json, '--json']]);
    }
    const vk = join(dir, 'vk.json');
    writeFileSync(vk, JSON.stringify(profileJson(12, generateRankings(12, 60, 7 + 12, { centres: 3, phi: 0.8 }))));
    cases.push(['best-k-output (V_k)', 'n=12 k=5 m=60', ['best-k-output', '--profile', vk, '--k', '5', '--json']]);
    for (const [n, k] of [[5, 2], [10, 4], [20, 8]]) {
      const f = join(dir, `eq${n}.json`);
      writeFileSync(f, JSON.stringify(strictProfileJson(n, 200, 1000 * n + 1)));
      cases.push(['equilibrium', `n=${n} k=${k} m=200`, ['equilibrium', '--profile', f, '--k', String(k), '--json']]);
    }
    const wr = join(dir, 'wr.json');
    writeFileSync(wr, JSON.stringify(strictProfileJson(20, 200, 20200)));
    const pol = join(dir, 'pol.json');
    writeFileSync(pol, JSON.stringify(randomPolicyJson(strictProfileJson(20, 200, 20200).responses, 2 ** 40 - 87, 7)));
    cases.push(['winrate of a 40-bit policy', 'n=20 m=200 k=8', ['winrate', '--profile', wr, '--policy', pol, '--k', '8', '--json']]);
    cases.push(['exploitability of a 40-bit policy', 'n=20 m=200 k=8', ['exploitability', '--profile', wr, '--policy', pol, '--k', '8', '--json']]);
    cases.push(['selfplay', 'n=20 m=200 k=4 T=100', ['selfplay', '--profile', wr, '--k', '4', '--T', '100', '--json']]);
    for (const [name, sizes, args] of cases) {
      const t = { now: [], prev: [] };
      let status = { now: null, prev: null };
      for (let i = 0; i <= reps; i++)
        for (const [who, bin] of i % 2 ? [['now', UALIGN_BIN], ['prev', prevBin]] : [['prev', prevBin], ['now', UALIGN_BIN]]) {
          const r = runCli(args, LIMIT_MS, bin);
          status[who] = r.status;
          if (i > 0) t[who].push(r.ms);
        }
      const now = median(t.now);
      const before = median(t.prev);
      const ratio = median(t.now.map((x, i) => x / t.prev[i]));
      rows.push({
        case: `${name}, whole process`,
        sizes,
        ualignMs: now,
        ualignMemMB: null,
        anchor: 'previous release, same command',
        anchorMs: before,
        ratio,
        note: `medians of ${reps} alternating runs, ratio: median of the paired ratios; exit ${status.now} / ${status.prev}${ratio > 1.1 ? '; more than 10% slower' : ''}`,
      });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}

await standalone(import.meta.url, run);
