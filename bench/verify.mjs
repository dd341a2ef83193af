// Bench: `ualign verify` default wall time, and T2 claim checks per second at n = 8, k = 4
// (closed form vs brute-force enumeration of Y^k, both exact).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { frac, ONE, ZERO, toNumber, toDecimal, makePolicy, profileFromJson, promptExploitability, robustness } from '../dist/index.js';
import { prng, randomProfileJson } from './util.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** One T2 check by enumeration: rob_k = min_y (1 − Σ_{S∈Y^k} π(S) score(S, y)) against k/(k+1) − ε. */
function bruteT2(prompt, probs, k) {
  const n = probs.length;
  const tuple = new Array(k).fill(0);
  const scores = new Array(n).fill(ZERO);
  for (;;) {
    let p = ONE;
    for (const y of tuple) p = p.mul(probs[y]);
    if (p.n !== 0n) {
      for (let y = 0; y < n; y++) {
        let s = ZERO;
        for (const u of prompt.users) {
          const top = Math.min(u.rank[y], ...tuple.map((z) => u.rank[z]));
          const inS = tuple.filter((z) => u.rank[z] === top).length;
          if (u.rank[y] === top) s = s.add(u.weight.mul(frac(1, inS + 1)));
        }
        scores[y] = scores[y].add(p.mul(s));
      }
    }
    let i = k - 1;
    while (i >= 0 && tuple[i] === n - 1) tuple[i--] = 0;
    if (i < 0) break;
    tuple[i]++;
  }
  return scores.reduce((a, b) => (a.gt(b) ? a : b));
}

function cases(count, n, m, seed) {
  const rnd = prng(seed);
  return Array.from({ length: count }, (_, i) => {
    const profile = profileFromJson(randomProfileJson(n, m, seed + i));
    const w = Array.from({ length: n }, () => Math.floor(rnd() * 5));
    if (w.every((x) => x === 0)) w[0] = 1;
    const s = w.reduce((a, b) => a + b, 0);
    return { profile, probs: w.map((x) => frac(x, s)) };
  });
}

export async function run({ quick = false } = {}) {
  const rows = [];
  const n = 8;
  const k = 4;
  const m = 5;
  const cs = cases(quick ? 20 : 100, n, m, 99);
  const t0 = process.hrtime.bigint();
  for (const c of cs) {
    const prompt = c.profile.prompts[0].prompt;
    const rob = robustness(c.profile, makePolicy([c.probs]), { k }).robustness;
    const eps = promptExploitability(prompt, c.probs, k).epsilon;
    if (!rob.equals(frac(k, k + 1).sub(eps))) throw new Error('T2 identity failed in bench');
  }
  const closedS = Number(process.hrtime.bigint() - t0) / 1e9;
  const bs = cs.slice(0, quick ? 2 : 5);
  const t1 = process.hrtime.bigint();
  for (const c of bs) {
    const prompt = c.profile.prompts[0].prompt;
    const worst = bruteT2(prompt, c.probs, k);
    const eps = promptExploitability(prompt, c.probs, k).epsilon;
    if (!ONE.sub(worst).equals(frac(k, k + 1).sub(eps))) throw new Error('brute T2 mismatch in bench');
  }
  const bruteS = Number(process.hrtime.bigint() - t1) / 1e9;
  const closedRate = cs.length / closedS;
  const bruteRate = bs.length / bruteS;
  rows.push({
    case: 'T2 claim checks per second (rob_k = k/(k+1) − ε, exact)',
    sizes: { n, k, m, checks: cs.length },
    ualignMs: 1000 / closedRate,
    ualignMemMB: null,
    anchor: 'brute-force enumeration of Y^k (exact)',
    anchorMs: 1000 / bruteRate,
    ratio: bruteRate / closedRate,
    note: `${closedRate.toFixed(0)} checks/s vs ${bruteRate.toFixed(2)} checks/s (ms columns are per check)`,
  });
  const bin = join(root, 'bin', 'ualign.mjs');
  if (!quick && existsSync(join(root, 'dist', 'claims'))) {
    const t = process.hrtime.bigint();
    const r = spawnSync(process.execPath, [bin, 'verify', '--out', join(root, 'reports', 'bench-verify')], { encoding: 'utf8', cwd: root, maxBuffer: 1 << 28 });
    const ms = Number(process.hrtime.bigint() - t) / 1e6;
    rows.push({
      case: '`ualign verify` default suite, whole process',
      sizes: { claims: 12 },
      ualignMs: ms,
      anchor: '—',
      target: 'under 2 minutes on 2 cores, green',
      met: ms < 120_000 && r.status === 0,
      note: `exit ${r.status}`,
    });
  }
  return rows;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const r of await run({ quick: process.argv.includes('--quick') })) console.log(r);
}
