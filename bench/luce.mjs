// Bench: Luce user types (SPEC §4b), whole process. Goals: exact U_k(y; π) for every y at n = 20, m = 100
// Luce types with integer strengths ≤ 10, k = 16 in ≤ 0.5 s (`ualign exploitability`, policy with 40-bit
// denominators); a certified symmetric NE of G_{k+1} (ε ≤ 10^−30, Krawczyk box) on the same profile at k = 8 in
// ≤ 2 s (`ualign equilibrium`). Times are whole-process wall times (median of 3); CPU = user + system of the
// child (from /usr/bin/time when present), since the machine may be shared.
// Usage: npm run build && node bench/luce.mjs [--quick]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadProfile, modelFromJson, parseRational, toExponential, toNumber } from '../dist/index.js';
import { floatPrompt, floatScores } from '../dist/internal.js';
import { median, prng, timeit } from './util.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(root, 'bin', 'ualign.mjs');

/**
 * n responses, m Luce types, integer strengths 1..10: s = 1 + ⌊10·(c·q_y + (1 − c)·u)⌋ with a shared quality q_y
 * and per-type noise u (c = 0: independent strengths), integer weights 1..9.
 */
export function luceProfileJson(n, m, seed, c = 0) {
  const rnd = prng(seed);
  const ids = Array.from({ length: n }, (_, i) => `r${i}`);
  const q = ids.map(() => rnd());
  const users = Array.from({ length: m }, () => ({
    weight: 1 + Math.floor(rnd() * 9),
    strengths: Object.fromEntries(ids.map((id, i) => [id, String(1 + Math.min(9, Math.floor((c * q[i] + (1 - c) * rnd()) * 10)))])),
  }));
  return { responses: ids, users };
}

/** A policy with denominator 2^40 (numerators ≥ 1). */
function policy40(ids, seed) {
  const rnd = prng(seed);
  const D = 1n << 40n;
  const w = ids.map(() => BigInt(1 + Math.floor(rnd() * 2 ** 30)));
  const s = w.reduce((a, b) => a + b, 0n);
  const p = w.map((v) => (v * D) / s);
  p[0] += D - p.reduce((a, b) => a + b, 0n);
  return Object.fromEntries(ids.map((id, i) => [id, `${p[i]}/${D}`]));
}

const timeBin = existsSync('/usr/bin/time');

/** One whole-process run: wall ms, CPU ms (user + sys) and peak RSS MB when /usr/bin/time is there, and the JSON. */
function runOnce(args) {
  const t0 = process.hrtime.bigint();
  const r = timeBin
    ? spawnSync('/usr/bin/time', ['-f', '__TIME__ %U %S %M', process.execPath, BIN, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 })
    : spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const m = /__TIME__ ([\d.]+) ([\d.]+) (\d+)/.exec(r.stderr ?? '');
  return { ms, cpuMs: m ? (Number(m[1]) + Number(m[2])) * 1000 : null, rssMB: m ? Number(m[3]) / 1024 : null, status: r.status, out: r.stdout };
}

function whole(args, reps) {
  const runs = Array.from({ length: reps }, () => runOnce(args));
  const last = runs[runs.length - 1];
  if (last.status !== 0) throw new Error(`ualign ${args.join(' ')}: exit ${last.status}`);
  return {
    ms: median(runs.map((r) => r.ms)),
    cpuMs: runs[0].cpuMs === null ? null : median(runs.map((r) => r.cpuMs)),
    rssMB: runs[0].rssMB === null ? null : Math.max(...runs.map((r) => r.rssMB)),
    json: JSON.parse(last.out),
  };
}

export async function run({ quick = false } = {}) {
  const reps = quick ? 1 : 3;
  const dir = mkdtempSync(join(tmpdir(), 'ualign-bench-luce-'));
  const rows = [];
  const n = 20;
  const m = 100;
  for (const [c, label] of [
    [0, 'independent strengths'],
    [0.6, 'strengths around a shared quality'],
  ]) {
    const pj = luceProfileJson(n, m, 2026, c);
    const pfile = join(dir, `luce-${c}.json`);
    writeFileSync(pfile, JSON.stringify(pj));
    const pol = policy40(pj.responses, 7);
    const polFile = join(dir, `policy-${c}.json`);
    writeFileSync(polFile, JSON.stringify(pol));

    // exact U_k for every y at k = 16 (ε = max_y U_k − 1/(k+1) needs all of them)
    const k = 16;
    const ex = whole(['exploitability', '--profile', pfile, '--policy', polFile, '--k', String(k), '--json'], reps);
    const profile = loadProfile(pfile);
    const prompt = profile.prompts[0].prompt;
    const probs = modelFromJson(pol, profile).perPrompt[0].map((v) => toNumber(v));
    const fp = floatPrompt(prompt);
    const flt = timeit(() => floatScores(fp, probs, k), { warmup: 5, reps: 21 });
    rows.push({
      case: `exact U_k(y; π) for every y, whole process (\`ualign exploitability\`), ${label}`,
      sizes: { n, m, k, strengths: '1..10', policyDenominator: '2^40' },
      ualignMs: ex.ms,
      ualignMemMB: ex.rssMB,
      cpuMs: ex.cpuMs,
      anchor: 'the same U_k in float64 (Gauss–Legendre), in process',
      anchorMs: flt.ms,
      ratio: ex.ms / flt.ms,
      target: 'whole process ≤ 500 ms',
      met: ex.ms <= 500,
    });

    // certified symmetric NE of G_{k+1}, k = 8, default target 10^−30, with box
    const eq = whole(['equilibrium', '--profile', pfile, '--k', '8', '--json'], reps);
    const box = eq.json.box;
    rows.push({
      case: `certified symmetric NE of G_{k+1}, whole process (\`ualign equilibrium\`), ${label}`,
      sizes: { n, m, k: 8, strengths: '1..10' },
      ualignMs: eq.ms,
      ualignMemMB: eq.rssMB,
      cpuMs: eq.cpuMs,
      target: 'whole process ≤ 2000 ms',
      met: eq.ms <= 2000,
      support: eq.json.support.length,
      eps: toExponential(parseRational(eq.json.exploitability), 2),
      targetMet: eq.json.targetMet,
      box: box === null ? 'none' : box.radius === '0' ? 'exact point' : `radius 2^-${parseRational(box.radius).d.toString(2).length - 1}`,
    });
  }
  return rows;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const r of await run({ quick: process.argv.includes('--quick') })) console.log(r);
}
