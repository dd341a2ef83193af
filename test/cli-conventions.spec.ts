// CLI conventions: --version, a closed pipe ends quietly, every usage option described in --help,
// help numbers from the registry, a progress line on stderr only on a terminal (or UALIGN_PROGRESS=1).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLAIMS } from '../src/claims/registry.js';

const ROOT = join(__dirname, '..');
const BIN = join(ROOT, 'bin', 'ualign.mjs');
const ualign = (args: string[], env: Record<string, string> = {}) => {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', cwd: ROOT, env: { ...process.env, ...env } });
  return { code: r.status, out: r.stdout, err: r.stderr };
};
const FOUR = 'fixtures/profiles/four-camps.json';
const commands = (): string[] => [...ualign(['--help']).out.matchAll(/^ {2}(\S+) {2,}/gm)].map((m) => m[1]);

describe('CLI conventions', () => {
  it('--version prints the package version', () => {
    const v = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version;
    const r = ualign(['--version']);
    expect(r.out).toBe(`ualign ${v}\n`);
    expect(r.code).toBe(0);
  });

  it('a closed stdout (| head -c 10) ends quietly with exit 0', () => {
    // export-nfg of G_8 on four responses writes about 2 MB: far more than a pipe holds
    const r = spawnSync('bash', ['-c', `set -o pipefail; "${process.execPath}" "${BIN}" export-nfg --profile ${FOUR} --k 7 2>err.txt | head -c 10 >/dev/null; echo "status $?"; cat err.txt; rm -f err.txt`], {
      encoding: 'utf8',
      cwd: ROOT,
    });
    expect(r.stdout).toBe('status 0\n');
    const j = spawnSync('bash', ['-c', `set -o pipefail; "${process.execPath}" "${BIN}" nash --profile ${FOUR} --json 2>&1 | head -c 10; echo " status $?"`], { encoding: 'utf8', cwd: ROOT });
    expect(j.stdout).toMatch(/^\{\n {2}"polic status 0\n$/);
  });

  it('every option in a usage line is described in --help, and every command takes --help', () => {
    const names = commands();
    expect(names.length).toBeGreaterThan(10);
    // merge-reports' help is kept with merge-reports.ts (order-independent merging, another change)
    for (const n of names.filter((x) => x !== 'merge-reports')) {
      const h = ualign([n, '--help']);
      expect(h.code).toBe(0);
      const [usage, ...rest] = h.out.split('\n\n');
      expect(usage).toContain(`ualign ${n}`);
      const body = rest.join('\n\n');
      for (const opt of new Set([...usage.matchAll(/--[a-z][a-z-]*/g)].map((m) => m[0])))
        expect(body, `${n} --help describes ${opt}`).toMatch(new RegExp(`^ +${opt}\\b`, 'm'));
    }
  });

  it('verify --help gives the built-in suite sizes of the registry', () => {
    const pos = CLAIMS.filter((c) => c.expect === 'holds').map((c) => c.defaultRuns);
    const neg = CLAIMS.filter((c) => c.expect === 'refuted').map((c) => c.defaultRuns);
    const h = ualign(['verify', '--help']).out;
    const range = Math.min(...pos) === Math.max(...pos) ? `${Math.min(...pos)}` : `${Math.min(...pos)}–${Math.max(...pos)}`;
    expect(h).toContain(`${range} per positive`);
    expect(h).toContain(`up to ${Math.max(...neg)} per negative control`);
  });

  it('progress lines go to stderr on a terminal (forced here with UALIGN_PROGRESS=1), never when piped', () => {
    const cases: [string[], RegExp][] = [
      [['best-k-output', '--profile', 'fixtures/profiles/impartial-culture-4.json', '--k', '3'], /best-k-output: column generation round 1, \d+ of 20 k-multisets/],
      [['equilibrium', '--profile', FOUR, '--k', '3', '--no-box'], /equilibrium: support search, \d+ of at most \d+ Hedge rounds/],
      [['selfplay', '--profile', FOUR, '--k', '3', '--T', '50'], /selfplay: round 1 of 50.*selfplay: exact regret and robustness of 50 rounds/s],
      [['nash', '--profile', FOUR], /nash: maximal lottery of 4 responses, \d+ user types/],
      [['check', '--algorithm', 'builtin:uniform', '--k', '1..2', '--runs', '5', '--out', mkdtempSync(join(tmpdir(), 'ualign-progress-'))], /check: uniform: k = 1 \(1 of 2\), 1 calls so far/],
    ];
    for (const [args, re] of cases) {
      const on = ualign(args, { UALIGN_PROGRESS: '1' });
      expect(on.code === 0 || on.code === 1).toBe(true); // check: uniform does not meet k/(k+1)
      expect(on.err).toMatch(re);
      expect(on.err.endsWith('\r\x1b[K')).toBe(true); // the line is cleared when done
      const off = ualign(args);
      expect(off.err).toBe('');
      expect(off.out).toBe(on.out);
      expect(off.code).toBe(on.code);
    }
  });
});

describe('selfplay --jobs', () => {
  it('the exact sums on worker threads give the same bytes as in one thread (T·k·Σ tiers past the split threshold)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ualign-jobs-'));
    const ids = Array.from({ length: 20 }, (_, i) => `r${i}`);
    let seed = 7;
    const rnd = (m: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % m);
    const users = Array.from({ length: 60 }, () => {
      const r = [...ids];
      for (let i = r.length - 1; i > 0; i--) {
        const j = rnd(i + 1);
        [r[i], r[j]] = [r[j], r[i]];
      }
      return { weight: 1 + rnd(9), ranking: r.map((y) => [y]) };
    });
    const file = join(dir, 'p.json');
    writeFileSync(file, JSON.stringify({ responses: ids, users }));
    const args = ['selfplay', '--profile', file, '--k', '9', '--T', '1000', '--json'];
    const one = ualign([...args, '--jobs', '0']);
    const two = ualign([...args, '--jobs', '2']);
    expect(one.code).toBe(0);
    expect(two.out).toBe(one.out);
  });
});
