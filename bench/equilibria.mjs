// Bench: time to a certified ε ≤ 10^−12 and ≤ 10^−30 for the symmetric equilibrium of G_{k+1},
// the Krawczyk box, and the normal-form size n^(k+1) a generic normal-form solver would face.
// Instances are deterministic (seeded mulberry32): m = 200 user types ranking n responses by
// quality + uniform noise (strict rankings), integer weights 1..5.
// Usage: npm run build && node bench/equilibria.mjs [--quick]
import { frac, ONE, ZERO, toNumber, toDecimal, makePrompt, makeProfile, equilibrium, normalFormSize } from '../dist/index.js';
import { prng as mulberry32 } from './util.mjs';

export function instance(n, m, seed, noise = 2) {
  const rnd = mulberry32(seed);
  const ids = Array.from({ length: n }, (_, i) => `r${i}`);
  const q = ids.map(() => rnd());
  const users = Array.from({ length: m }, () => {
    const s = q.map((v) => v + noise * (rnd() - 0.5));
    const order = [...ids.keys()].sort((x, y) => s[y] - s[x]);
    return { weight: frac(1 + Math.floor(rnd() * 5)), tiers: order.map((i) => [ids[i]]) };
  });
  return makeProfile([{ weight: ONE, prompt: makePrompt(ids, users) }]);
}

const CASES = [
  [5, 2],
  [10, 4],
  [20, 8],
];

function timeIt(fn, reps) {
  const ts = [];
  let out;
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    out = fn();
    ts.push(performance.now() - t0);
  }
  ts.sort((a, b) => a - b);
  return { ms: ts[Math.floor(ts.length / 2)], out };
}

export async function run({ quick = false } = {}) {
  const reps = quick ? 1 : 3;
  const seeds = quick ? [1] : [1, 2, 3];
  const rows = [];
  for (const [n, k] of CASES) {
    for (const seed of seeds) {
      const profile = instance(n, 200, 1000 * n + seed);
      const e12 = timeIt(() => equilibrium(profile, k, { target: frac(1n, 10n ** 12n), box: false }), reps);
      globalThis.gc?.();
      const heap0 = process.memoryUsage().heapUsed;
      const e30 = timeIt(() => equilibrium(profile, k, { target: frac(1n, 10n ** 30n), box: false }), reps);
      const heap1 = process.memoryUsage().heapUsed;
      const withBox = timeIt(() => equilibrium(profile, k, { target: frac(1n, 10n ** 30n), box: true }), 1);
      const p = withBox.out.prompts[0];
      rows.push({
        case: `n=${n} k=${k} seed=${seed}`,
        sizes: { n, k, m: 200 },
        ualignMs: Math.round(withBox.ms),
        ualignMemMB: Math.max(0, Math.round(((heap1 - heap0) / 2 ** 20) * 10) / 10),
        normalFormProfiles: normalFormSize(n, k).toString(),
        eps12Ms: Math.round(e12.ms),
        eps12: toNumber(e12.out.epsilon).toExponential(2),
        eps30Ms: Math.round(e30.ms),
        eps30: toNumber(e30.out.epsilon).toExponential(2),
        support: p.support.length,
        box: p.box === null ? `none: ${p.boxReason}` : p.box.radius.n === 0n ? 'exact point' : `radius 2^-${p.box.radius.d.toString(2).length - 1}`,
      });
    }
  }
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const rows = await run({ quick: process.argv.includes('--quick') });
  const cols = ['case', 'normalFormProfiles', 'support', 'eps12Ms', 'eps12', 'eps30Ms', 'eps30', 'ualignMs', 'ualignMemMB', 'box'];
  const w = cols.map((c) => Math.max(c.length, ...rows.map((r) => String(r[c]).length)));
  console.log(cols.map((c, i) => c.padEnd(w[i])).join('  '));
  for (const r of rows) console.log(cols.map((c, i) => String(r[c]).padEnd(w[i])).join('  '));
}
