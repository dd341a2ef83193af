// Shared bench helpers: seeded PRNG, deterministic profiles, median timing, anchors with time limits.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** mulberry32: the same seeded PRNG as the library's instances. */
import { mulberry32 } from '../dist/index.js';
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

/**
 * Run an external command with a time limit; wall time and peak RSS via /usr/bin/time when present.
 * Returns { status: 'ok' | 'did not finish' | 'failed', ms, memMB, stdout }.
 */
export function runAnchor(cmd, args, { timeoutMs = 60_000, cwd } = {}) {
  const useTime = existsSync('/usr/bin/time');
  const t0 = process.hrtime.bigint();
  const r = useTime
    ? spawnSync('/usr/bin/time', ['-f', '__MAXRSS__ %M', cmd, ...args], { encoding: 'utf8', timeout: timeoutMs, cwd, maxBuffer: 1 << 28 })
    : spawnSync(cmd, args, { encoding: 'utf8', timeout: timeoutMs, cwd, maxBuffer: 1 << 28 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.error && r.error.code === 'ETIMEDOUT') return { status: 'did not finish', ms: timeoutMs, memMB: null, stdout: '' };
  const m = /__MAXRSS__ (\d+)/.exec(r.stderr ?? '');
  const memMB = m ? Number(m[1]) / 1024 : null;
  if (r.status !== 0) return { status: 'failed', ms, memMB, stdout: r.stdout, stderr: r.stderr };
  return { status: 'ok', ms, memMB, stdout: r.stdout };
}

/** Is a command on PATH? */
export function have(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
}

/** Install Debian packages if their commands are missing; returns the list of commands still missing. */
export function ensureDebian(pkgs, cmds) {
  const missing = () => cmds.filter((c) => !have(c));
  if (missing().length === 0) return [];
  if (process.getuid && process.getuid() === 0) {
    spawnSync('apt-get', ['install', '-y', '-qq', ...pkgs], { stdio: 'ignore', timeout: 300_000 });
    if (missing().length > 0) {
      spawnSync('apt-get', ['update', '-qq'], { stdio: 'ignore', timeout: 300_000 });
      spawnSync('apt-get', ['install', '-y', '-qq', ...pkgs], { stdio: 'ignore', timeout: 300_000 });
    }
  }
  return missing();
}
