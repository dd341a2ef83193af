// Running the `ualign` command: in this process (fast: no Node start-up, modules loaded once) or as
// the real executable bin/ualign.mjs in a child process.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { vi } from 'vitest';
import { main } from '../../src/cli/main.js';

export const ROOT = join(__dirname, '..', '..');
export const BIN = join(ROOT, 'bin', 'ualign.mjs');

export interface Run {
  readonly code: number | null;
  readonly out: string;
  readonly err: string;
}

/** main(argv) in this process with stdout/stderr captured and `env` set for the call; cwd = `cwd`. */
export async function inProcess(argv: string[], env: Record<string, string> = {}, cwd = ROOT): Promise<Run> {
  const err: string[] = [];
  const out: string[] = [];
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s) => (err.push(String(s)), true));
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s) => (out.push(String(s)), true));
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  const dir = process.cwd();
  Object.assign(process.env, env);
  process.chdir(cwd);
  try {
    return { code: await main(argv), out: out.join(''), err: err.join('') };
  } finally {
    process.chdir(dir);
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    e.mockRestore();
    o.mockRestore();
  }
}

/** The executable in a child process. */
export function subprocess(argv: string[], env: Record<string, string> = {}, cwd = ROOT): Run {
  const r = spawnSync(process.execPath, [BIN, ...argv], { encoding: 'utf8', cwd, env: { ...process.env, ...env } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
