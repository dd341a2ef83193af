// Sources of misbehaving JS plug-ins (written to a temporary folder by the tests) and a CLI runner.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export const BIN = join(__dirname, '..', '..', 'bin', 'ualign.mjs');

export const JS_PLUGINS: Record<string, string> = {
  'never.mjs': `export default { name: 'never', align: () => new Promise(() => {}) };\n`,
  'loop.mjs': `export default { name: 'loop', align: () => { for (;;); } };\n`,
  'loud-loop.mjs': `export default { name: 'loud-loop', align: () => { console.error('looping'); for (;;); } };\n`,
  'load-loop.mjs': `for (;;);\nexport default { name: 'load-loop', align: () => ({}) };\n`,
  'late-throw.mjs': `export default { name: 'late-throw', align: () => { setTimeout(() => { throw new Error('late boom'); }, 5); return new Promise(() => {}); } };\n`,
  'exits.mjs': `export default { name: 'exits', align: () => process.exit(7) };\n`,
  'huge.mjs': `export default { name: 'huge', align: (p) => ({ [p.responses[0]]: 1, pad: 'x'.repeat(17 * 1024 * 1024) }) };\n`,
  'cycle.mjs': `export default { name: 'cycle', align: () => { const o = {}; o.o = o; return o; } };\n`,
  'hog.mjs': `export default { name: 'hog', align: () => { const a = []; for (;;) a.push(new Array(1e5).fill(0.5)); } };\n`,
  'chatty.mjs': `export default { name: 'chatty', align: (p, k, c) => { console.log('k =', k, 'rule', c.rule); return { [p.responses[0]]: 1 }; } };\n`,
};

/** Run `ualign ARGS…` in `cwd`; returns the exit code, stdout, stderr and the wall time in ms. */
export function ualignIn(cwd: string, ...args: string[]): { code: number | null; out: string; err: string; ms: number } {
  const t = Date.now();
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', cwd });
  return { code: r.status, out: r.stdout, err: r.stderr, ms: Date.now() - t };
}
