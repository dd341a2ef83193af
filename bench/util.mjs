// Shared bench helpers: seeded PRNG, deterministic profiles, median timing, command lookup.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** mulberry32: the same seeded PRNG as the library's instances. */
import { mulberry32 } from '../dist/internal.js';
export const prng = mulberry32;

/**
 * Profile JSON with n responses and m strict rankings: Mallows-like noise around a centre
 * (each ranking is the centre with `swaps` random adjacent transpositions), integer weights 1..5.
 */
export function mallowsProfileJson(n, m, seed, swaps = n) {
  const rnd = prng(seed);
  const ids = Array.from({ length: n }, (_, i) => `r${i}`);
  const users = [];
  for (let u = 0; u < m; u++) {
    const r = [...ids];
    for (let s = 0; s < swaps; s++) {
      const i = Math.floor(rnd() * (n - 1));
      [r[i], r[i + 1]] = [r[i + 1], r[i]];
    }
    users.push({ weight: 1 + Math.floor(rnd() * 5), ranking: r.map((x) => [x]) });
  }
  return { responses: ids, users };
}

/** Uniformly random strict rankings. */
export function randomProfileJson(n, m, seed) {
  const rnd = prng(seed);
  const ids = Array.from({ length: n }, (_, i) => `r${i}`);
  const users = [];
  for (let u = 0; u < m; u++) {
    const r = [...ids];
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(rnd() * (i + 1));
      [r[i], r[j]] = [r[j], r[i]];
    }
    users.push({ weight: 1, ranking: r.map((x) => [x]) });
  }
  return { responses: ids, users };
}

/** A random policy with common denominator `den` (integer numerators summing to den). */
export function randomPolicyJson(ids, den, seed) {
  const rnd = prng(seed);
  const cuts = Array.from({ length: ids.length - 1 }, () => Math.floor(rnd() * (den + 1))).sort((a, b) => a - b);
  const parts = [...cuts, den].map((c, i) => c - (i === 0 ? 0 : cuts[i - 1]));
  const o = {};
  ids.forEach((id, i) => {
    if (parts[i] > 0) o[id] = `${parts[i]}/${den}`;
  });
  return o;
}

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Median wall time (ms) of fn over `reps` runs after `warmup` runs, and the heap growth of one run (MB). */
export function timeit(fn, { warmup = 2, reps = 7 } = {}) {
  for (let i = 0; i < warmup; i++) fn();
  const ts = [];
  let result;
  for (let i = 0; i < reps; i++) {
    const t0 = process.hrtime.bigint();
    result = fn();
    ts.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  if (global.gc) global.gc();
  const h0 = process.memoryUsage().heapUsed;
  fn();
  const mem = Math.max(0, (process.memoryUsage().heapUsed - h0) / 2 ** 20);
  return { ms: median(ts), memMB: mem, result };
}

/** Is a command on PATH? */
export function have(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
}

/** The ualign command of this checkout. */
export const UALIGN_BIN = join(dirname(fileURLToPath(import.meta.url)), '..', 'bin', 'ualign.mjs');

/** One whole-process run of `bin` (default: this checkout's ualign): wall ms, peak RSS (MB), exit status, stdout. */
export function runCli(args, limitMs, bin = UALIGN_BIN) {
  const t0 = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', '__MAXRSS__ %M', process.execPath, bin, ...args], {
    encoding: 'utf8',
    timeout: limitMs,
    killSignal: 'SIGKILL',
    maxBuffer: 1 << 28,
  });
  const ms = performance.now() - t0;
  if ((r.error && r.error.code === 'ETIMEDOUT') || r.signal === 'SIGKILL') return { ms: limitMs, memMB: null, status: 'did not finish', out: '' };
  const m = /__MAXRSS__ (\d+)/.exec(r.stderr ?? '');
  return { ms, memMB: m ? Number(m[1]) / 1024 : null, status: r.status, out: r.stdout ?? '', err: r.stderr ?? '' };
}

/** Run a bench module on its own (`node bench/NAME.mjs [--quick]`): its rows as JSON lines. */
export async function standalone(moduleUrl, run) {
  if (moduleUrl !== `file://${process.argv[1]}`) return;
  const rows = await run({ quick: process.argv.includes('--quick') });
  for (const r of rows) console.log(JSON.stringify(r));
}
