import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync, unlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { InputError } from '../model/errors.js';

/** Write a file atomically: a temporary file in the same folder, then rename over the target. */
export function writeFileAtomic(path: string, text: string): void {
  makeDir(dirname(path));
  const tmp = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    writeFileSync(tmp, text);
    renameSync(tmp, path);
  } catch (e) {
    try {
      unlinkSync(tmp);
    } catch {
      /* already gone */
    }
    throw e;
  }
}

/** mkdir -p, with a file in the way reported as bad input. */
function makeDir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST' || code === 'ENOTDIR') throw new InputError(`${dir}: cannot create the folder: a file is in the way (${code})`);
    if (code === 'EACCES' || code === 'EROFS' || code === 'EPERM') throw new InputError(`${dir}: cannot create the folder (${code})`);
    throw e;
  }
}

/** Stable JSON: exact values are already strings; two-space indent and a final newline. */
export function toJsonText(v: unknown): string {
  return JSON.stringify(v, null, 2) + '\n';
}

const STAGING = '.ualign-staging-';

/** Staging folders left by a run that was killed (its pid no longer runs). */
function removeStaleStaging(dir: string): void {
  for (const f of readdirSync(dir)) {
    const m = new RegExp(`^${STAGING.replace(/\./g, '\\.')}(\\d+)-`).exec(f);
    if (!m) continue;
    let alive = true;
    try {
      process.kill(Number(m[1]), 0);
    } catch (e) {
      alive = (e as NodeJS.ErrnoException).code === 'EPERM';
    }
    if (!alive) rmSync(join(dir, f), { recursive: true, force: true });
  }
}

const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

let guarded = false;

/**
 * Run `f` (synchronous) with SIGINT/SIGTERM/SIGHUP held back. Node dispatches a signal to a listener
 * only when the event loop turns, so a signal that arrives during `f` reaches the listener after `f`
 * returns; the listener then removes itself and raises the signal again, with its default effect.
 */
export function withSignalsHeld<T>(f: () => T): T {
  if (!guarded) {
    guarded = true;
    const reraise = (s: NodeJS.Signals) => {
      for (const x of SIGNALS) process.off(x, reraise);
      guarded = false;
      process.kill(process.pid, s);
    };
    for (const s of SIGNALS) process.on(s, reraise);
  }
  return f();
}

/**
 * Write one run's output set as a whole. `files` maps paths relative to `dir` to their text. Everything
 * is first written into a staging folder inside `dir`; then each folder in `owned` (relative to `dir`) is
 * replaced as a whole by the new one (or removed when the run wrote nothing there), so no file of an
 * earlier run survives next to the new report, and the top-level files are renamed over the old ones,
 * `.json` files last. A run that stops before the swap leaves the old files untouched; SIGINT/SIGTERM
 * during the swap wait until it is done. Returns the written paths.
 */
export function writeOutputSet(dir: string, files: ReadonlyMap<string, string>, owned: readonly string[]): string[] {
  makeDir(dir);
  removeStaleStaging(dir);
  const staging = mkdtempSync(join(dir, `${STAGING}${process.pid}-`));
  try {
    for (const [rel, text] of files) {
      const p = join(staging, 'new', rel);
      mkdirSync(dirname(p), { recursive: true });
      writeFileSync(p, text);
    }
    const isOwned = (rel: string) => owned.some((o) => rel === o || rel.startsWith(o + '/'));
    const top = [...files.keys()].filter((rel) => !isOwned(rel)).sort((a, b) => Number(a.endsWith('.json')) - Number(b.endsWith('.json')));
    withSignalsHeld(() => {
      mkdirSync(join(staging, 'old'));
      const moved: [string, string][] = [];
      try {
        for (const o of owned) {
          const target = join(dir, o);
          const old = join(staging, 'old', o.replace(/[\\/]/g, '_'));
          if (existsSync(target)) {
            renameSync(target, old);
            moved.push([target, old]);
          }
          const fresh = join(staging, 'new', o);
          if (existsSync(fresh)) {
            mkdirSync(dirname(target), { recursive: true });
            renameSync(fresh, target);
          }
        }
        for (const rel of top) {
          mkdirSync(dirname(join(dir, rel)), { recursive: true });
          renameSync(join(staging, 'new', rel), join(dir, rel));
        }
      } catch (e) {
        // put the old folders back where the new ones did not arrive
        for (const [target, old] of moved.reverse()) if (!existsSync(target)) renameSync(old, target);
        throw e;
      }
    });
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return [...files.keys()].map((rel) => join(dir, rel));
}
