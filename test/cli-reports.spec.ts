// Report folders are written as a whole: no file of an earlier run survives next to a new report, an
// interrupted run leaves the old folder intact, and a failing verify says where everything is.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '..');
const BIN = join(ROOT, 'bin', 'ualign.mjs');
const tmp = () => mkdtempSync(join(tmpdir(), 'ualign-reports-'));
const ualign = (args: string[], env: Record<string, string> = {}) => {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', cwd: ROOT, env: { ...process.env, ...env } });
  return { code: r.status, out: r.stdout, err: r.stderr };
};
const noStaging = (dir: string) => expect(readdirSync(dir).filter((f) => f.startsWith('.ualign-staging-'))).toEqual([]);

describe('reports', () => {
  it('check: a passing run into the folder of a failing one leaves none of its witnesses behind', () => {
    const out = tmp();
    const fail = ualign(['check', '--algorithm', 'builtin:nlhf', '--k', '1..6', '--runs', '20', '--out', out]);
    expect(fail.code).toBe(1);
    expect(existsSync(join(out, 'check-nlhf', 'k6-counterexample.profile.json'))).toBe(true);
    const pass = ualign(['check', '--algorithm', 'builtin:nlhf', '--k', '1', '--runs', '20', '--out', out]);
    expect(pass.code).toBe(0); // k = 1: NLHF is the equilibrium (T7)
    expect(readdirSync(join(out, 'check-nlhf')).sort()).toEqual(['k1-worst.model.json', 'k1-worst.profile.json']);
    expect(JSON.parse(readFileSync(join(out, 'check-nlhf.json'), 'utf8')).meetsTheory).toBe(true);
    noStaging(out);
  });

  it('verify: a failure prints seed, path, shrunk counterexample, slack and report; the .md shows the real replay command', () => {
    const out = join(tmp(), 'rep');
    const r = ualign(['verify', '--claims', 'T0,N3', '--runs', '50', '--jobs', '0', '--no-corpus', '--out', out], { UALIGN_FAULT: 'uk-off-by-one' });
    expect(r.code).toBe(1);
    const json = join(out, 'counterexamples', 'T0.json');
    expect(r.out).toMatch(/\nT0 .*: expected to hold, outcome refuted \(seed -?\d+, path "[\d:]+", \d+ instances\)\n/);
    expect(r.out).toContain('  counterexample: {"profile":{"responses":["a"],"users":[{"weight":"1","ranking":[["a"]]}]},');
    expect(r.out).toMatch(/\n {2}slack: -\d+\/\d+ \(≈ -[\d.]+\)\n/);
    expect(r.out).toContain(`  report: ${join(out, 'counterexamples', 'T0.md')}   replay: ualign replay ${json}\n`);
    expect(r.out).not.toMatch(/^N3 .*: expected/m); // the negative control did what it should: no details
    const md = readFileSync(join(out, 'counterexamples', 'T0.md'), 'utf8');
    expect(md).toContain(`- replay: \`ualign replay ${json}\``);
    // the command shown replays it (with the same fault)
    expect(ualign(['replay', json], { UALIGN_FAULT: 'uk-off-by-one' }).code).toBe(0);
    // a passing run into the same folder: T0's counterexample files are gone, N3's are the new run's
    const ok = ualign(['verify', '--claims', 'T0,N3', '--runs', '50', '--jobs', '0', '--no-corpus', '--out', out]);
    expect(ok.code).toBe(0);
    expect(ok.out).not.toMatch(/counterexample:/);
    expect(readdirSync(join(out, 'counterexamples')).sort()).toEqual(['N3.json', 'N3.md']);
    noStaging(out);
  });

  it('an interrupted verify (SIGINT while it computes) leaves the old folder as it was', async () => {
    const out = tmp();
    mkdirSync(join(out, 'counterexamples'));
    writeFileSync(join(out, 'verify.json'), 'OLD');
    writeFileSync(join(out, 'counterexamples', 'N1.json'), 'OLD');
    const child = spawn(process.execPath, [BIN, 'verify', '--claims', 'T3', '--runs', '1000000', '--jobs', '0', '--out', out], { cwd: ROOT, stdio: 'ignore' });
    await new Promise((r) => setTimeout(r, 1500));
    child.kill('SIGINT');
    const [code, signal] = await new Promise<[number | null, string | null]>((r) => child.on('exit', (c, s) => r([c, s])));
    expect(code === null ? signal : code).not.toBe(0);
    expect(readFileSync(join(out, 'verify.json'), 'utf8')).toBe('OLD');
    expect(readdirSync(join(out, 'counterexamples'))).toEqual(['N1.json']);
    noStaging(out);
  });

  it('signals during the swap wait until it is done, then take effect', () => {
    const out = tmp();
    const script = `
      import { writeFileSync } from 'node:fs';
      import { withSignalsHeld } from ${JSON.stringify(join(ROOT, 'dist/report/atomic.js'))};
      withSignalsHeld(() => {
        process.kill(process.pid, 'SIGTERM');
        const t = Date.now();
        while (Date.now() - t < 300);
        writeFileSync(${JSON.stringify(join(out, 'inside'))}, 'done');
      });
      await new Promise((r) => setTimeout(r, 500));
      writeFileSync(${JSON.stringify(join(out, 'after'))}, 'too late');
    `;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(r.signal).toBe('SIGTERM');
    expect(existsSync(join(out, 'inside'))).toBe(true);
    expect(existsSync(join(out, 'after'))).toBe(false);
  });
});
