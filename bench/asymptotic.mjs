// Bench: the asymptotic regime (large k). Whole process, as a user runs it: `ualign equilibrium --json`
// (target 10^−30, with box) on random strict rankings with integer weights 1–9, and the other commands at
// large k; peak memory from /usr/bin/time. Each row carries the same case at the previous release's speed
// (bench/RESULTS.md, measured before the large-k kernels) and, where known, Gambit's recorded time on the
// normal form (n^(k+1) cells; Gambit is not installable here, so those numbers are quoted, not measured).
// Usage: npm run build && node bench/asymptotic.mjs [--quick]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { median, prng, randomPolicyJson, runCli, standalone } from './util.mjs';
import { parseRational, toExponential } from '../dist/index.js';


/** m uniformly random strict rankings of n responses, integer weights 1..9 (the generator). */
export function strictProfileJson(n, m, seed) {
  const rnd = prng(seed);
  const ids = Array.from({ length: n }, (_, i) => `r${i}`);
  const users = Array.from({ length: m }, () => {
    const r = [...ids];
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(rnd() * (i + 1));
      [r[i], r[j]] = [r[j], r[i]];
    }
    return { weight: 1 + Math.floor(rnd() * 9), ranking: r.map((x) => [x]) };
  });
  return { responses: ids, users };
}

/** Median of `reps` runs (by wall time); the JSON of the median run. */
function measure(args, reps, limitMs) {
  const runs = Array.from({ length: reps }, () => runCli(args, limitMs));
  const ms = median(runs.map((r) => r.ms));
  const mid = runs.find((r) => r.ms === ms) ?? runs[0];
  return { ...mid, ms, memMB: Math.max(...runs.map((r) => r.memMB ?? 0)) };
}

// The previous release on this generator (issue 12's table, quiet 2-core machine, whole process):
const PREVIOUS = { '20/200/8': 410, '20/200/16': 1560, '20/200/32': 11000, '20/200/64': 'did not finish in 300 s', '50/1000/8': 4400, '50/1000/16': 26900 };
const GOALS = { '20/200/64': 1000, '20/200/128': 3000, '50/1000/16': 2000, '50/1000/32': 5000 };
// Gambit's logit solver on the normal form (recorded in issue 12, not run here).
const GAMBIT = { '5/5': '41.7 s', '4/7': 'did not finish in 300 s' };

export async function run({ quick = false } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'ualign-bench-asy-'));
  const reps = quick ? 1 : 3;
  const limit = quick ? 60_000 : 300_000;
  const rows = [];
  try {
    const cases = [
      [20, 200, 8],
      [20, 200, 16],
      [20, 200, 32],
      [20, 200, 64],
      [20, 200, 128],
      [50, 1000, 8],
      [50, 1000, 16],
      [50, 1000, 32],
      [5, 200, 5],
      [4, 200, 7],
    ].filter(([n, m, k]) => !quick || (n === 20 && k <= 32) || (n === 5 && k === 5));
    for (const [n, m, k] of cases) {
      const file = join(dir, `p-${n}-${m}.json`);
      writeFileSync(file, JSON.stringify(strictProfileJson(n, m, 1000 * n + m)));
      const r = measure(['equilibrium', '--profile', file, '--k', String(k), '--json'], reps, limit);
      const key = `${n}/${m}/${k}`;
      const row = { case: `equilibrium n=${n} m=${m} k=${k}`, sizes: { n, m, k, normalForm: `${n}^${k + 1}` }, ualignMs: Math.round(r.ms), ualignMemMB: r.memMB === null ? null : Math.round(r.memMB) };
      if (r.status === 0 || r.status === 1) {
        const j = JSON.parse(r.out);
        const eps = parseRational(j.exploitability);
        Object.assign(row, {
          support: j.support.length,
          bits: j.stats.bits,
          epsilon: eps.n === 0n ? '0' : `≈ ${toExponential(eps, 2)}`,
          targetMet: j.targetMet,
          box: j.box === null ? `none (${j.boxReason})` : j.box.radius === '0' ? 'exact point' : `radius 2^-${BigInt(j.box.radius.split('/')[1] ?? '1').toString(2).length - 1}`,
        });
      } else row.note = `exit ${r.status}`;
      if (PREVIOUS[key] !== undefined) {
        row.anchor = 'previous release (recorded)';
        if (typeof PREVIOUS[key] === 'number') {
          row.anchorMs = PREVIOUS[key];
          row.ratio = Math.round((r.ms / PREVIOUS[key]) * 100) / 100;
        } else row.anchorStatus = PREVIOUS[key];
      }
      if (GAMBIT[`${n}/${k}`]) {
        row.anchor = 'Gambit logit on the normal form (recorded)';
        row.anchorStatus = GAMBIT[`${n}/${k}`];
      }
      if (GOALS[key] !== undefined) {
        row.target = `≤ ${GOALS[key] / 1000} s and ≤ 300 MB, ε ≤ 1e-30, box`;
        row.met = r.ms <= GOALS[key] && (r.memMB ?? 1e9) <= 300 && row.targetMet === true && String(row.box).startsWith('radius');
      }
      rows.push(row);
    }

    // the other commands at large k
    const big = join(dir, 'p-50-1000.json');
    writeFileSync(big, JSON.stringify(strictProfileJson(50, 1000, 51000)));
    const pol = join(dir, 'pol-50.json');
    writeFileSync(pol, JSON.stringify(randomPolicyJson(strictProfileJson(50, 1000, 51000).responses, 2 ** 40 - 87, 7)));
    const p20 = join(dir, 'p-20-200.json');
    writeFileSync(p20, JSON.stringify(strictProfileJson(20, 200, 20200)));
    const p10 = join(dir, 'p-10-60.json');
    writeFileSync(p10, JSON.stringify(strictProfileJson(10, 60, 1060)));
    const p30 = join(dir, 'p-30-60.json');
    writeFileSync(p30, JSON.stringify(strictProfileJson(30, 60, 3060)));
    const others = [
      ['winrate n=50 m=1000 k=256, 40-bit policy', ['winrate', '--profile', big, '--policy', pol, '--k', '256', '--json'], 500, true],
      ['exploitability n=50 m=1000 k=256, 40-bit policy', ['exploitability', '--profile', big, '--policy', pol, '--k', '256', '--json'], 500],
      ['selfplay n=20 m=200 k=32 T=1000', ['selfplay', '--profile', p20, '--k', '32', '--T', '1000', '--json'], 5000],
      ['best-k-output n=10 m=60 k=10 (92,378 multisets)', ['best-k-output', '--profile', p10, '--k', '10', '--json'], 5000],
      ['best-k-output n=30 m=60 k=6 (1,623,160 multisets)', ['best-k-output', '--profile', p30, '--k', '6', '--json'], 5000],
    ].filter((_, i) => !quick || i < 2);
    for (const [name, args, goal, withFloor] of others) {
      const r = measure(args, quick ? 1 : reps, limit);
      rows.push({
        case: name,
        ualignMs: Math.round(r.ms),
        ualignMemMB: r.memMB === null ? null : Math.round(r.memMB),
        target: `≤ ${goal / 1000} s`,
        met: r.status === 0 && r.ms <= goal,
        ...(withFloor ? powerFloor(big, pol) : {}),
        ...(r.status === 0 ? {} : { note: r.status === 'did not finish' ? 'did not finish' : `exit ${r.status}` }),
      });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}

/**
 * The floor of any exact closed-form evaluation at k = 256 in this runtime: the distinct masses A of the
 * profile's "tier and below" sets under the policy, each raised to k + 1 = 257 by V8's BigInt (in process,
 * nothing else), as the anchor of the winrate row.
 */
function powerFloor(profileFile, policyFile) {
  const prof = JSON.parse(readFileSync(profileFile, 'utf8'));
  const pol = JSON.parse(readFileSync(policyFile, 'utf8'));
  const num = new Map(prof.responses.map((id) => [id, BigInt((pol[id] ?? '0/1').split('/')[0])]));
  const masses = new Set();
  for (const u of prof.users) {
    let a = 0n;
    for (const tier of [...u.ranking].reverse()) {
      for (const id of tier) a += num.get(id);
      masses.add(a);
    }
  }
  const t0 = performance.now();
  for (const a of masses) void (a ** 257n);
  const ms = performance.now() - t0;
  return { anchor: `bare BigInt powers A^257 of the ${masses.size} distinct tier masses`, anchorMs: Math.round(ms), ratio: null };
}

await standalone(import.meta.url, run);
