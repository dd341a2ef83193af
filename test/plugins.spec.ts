// Plug-ins that cannot hang the harness: JS modules in a worker thread, `cmd:` programs over JSON lines,
// one runner with a per-call timeout. Every failure is one line naming the algorithm, the profile and
// k, exit 2, the plug-in stopped, no report written; SIGINT/SIGTERM stop check promptly.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkAlgorithm } from '../src/algorithms/check.js';
import { evaluate } from '../src/algorithms/evaluate.js';
import { builtinFixtures } from '../src/algorithms/fixtures.js';
import { builtin, loadPlugin, startCommandPlugin } from '../src/algorithms/registry.js';
import { runningPlugins } from '../src/algorithms/plugins/runner.js';
import { frac } from '../src/exact/rational.js';
import { parseExact } from '../src/model/codec.js';
import { BIN, JS_PLUGINS, ualignIn } from './helpers/plugins.js';

const dir = mkdtempSync(join(tmpdir(), 'ualign-plugins-'));
for (const [f, text] of Object.entries(JS_PLUGINS)) writeFileSync(join(dir, f), text);
const PROTO = join(__dirname, 'fixtures', 'plugins', 'protocol-plugin.mjs');
const cmd = (mode: string, pidFile?: string) => `cmd:${process.execPath} ${PROTO} ${mode}${pidFile ? ` ${pidFile}` : ''}`;
const ualign = (...args: string[]) => ualignIn(dir, ...args);
let outs = 0;
const check = (alg: string, ...more: string[]) => ualign('check', '--algorithm', alg, '--k', '1..2', '--runs', '5', '--out', `out-${++outs}`, ...more);

/** The process is gone (killed or exited). */
const gone = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return false;
  } catch {
    return true;
  }
};

/** ualign's own stderr lines (the plug-in's are prefixed "[name] "). */
const own = (err: string) => err.split('\n').filter((l) => l !== '' && !l.startsWith('['));

function expectOneLineFailure(r: ReturnType<typeof ualign>, re: RegExp, name: string | null) {
  expect(r.code, r.err).toBe(2);
  expect(own(r.err), r.err).toHaveLength(1);
  expect(own(r.err)[0]).toMatch(re);
  if (name !== null) expect(own(r.err)[0]).toMatch(new RegExp(`^ualign check: (algorithm "${name}" on .*, k = \\d+|plug-in .*): `));
  expect(r.out).toBe('');
}

describe('JS plug-ins in a worker thread', () => {
  it('a never-settling promise and an endless loop end with exit 2 after --timeout, naming algorithm, profile and k', () => {
    for (const [f, name] of [['never.mjs', 'never'], ['loop.mjs', 'loop']]) {
      const r = check(`./${f}`, '--timeout', '1');
      expectOneLineFailure(r, /on two-camp δ=1\/20, k = 1: gave no answer within 1 s \(--timeout\); the plug-in was stopped$/, name);
      expect(r.ms).toBeLessThan(8000);
      expect(existsSync(join(dir, `out-${outs}`))).toBe(false); // nothing written
    }
    // an endless loop while loading: the start has the same timeout
    expectOneLineFailure(check('./load-loop.mjs', '--timeout', '0.5'), /plug-in \.\/load-loop\.mjs: did not start within 0\.5 s/, 'load-loop');
  });

  it('a crash, an exit, a huge or cyclic answer: one line, exit 2', () => {
    const cases: [string, RegExp][] = [
      ['late-throw', /k = 1: crashed: late boom$/],
      ['exits', /k = 1: exited \(code 7\)$/],
      ['huge', /k = 1: the answer is larger than 16 MiB as JSON$/],
      ['cycle', /k = 1: the answer is not JSON data \(it contains a cycle\)$/],
    ];
    for (const [name, re] of cases) expectOneLineFailure(check(`./${name}.mjs`, '--timeout', '5'), re, name);
  });

  it('a plug-in past its heap limit fails the call (library API, 64 MB limit)', async () => {
    const alg = await loadPlugin('hog.mjs', dir, { heapMb: 64, timeoutMs: 20_000 });
    await expect(checkAlgorithm(alg, { ks: [1], runs: 0 })).rejects.toThrow(/algorithm "hog" on two-camp δ=1\/20, k = 1: crashed: out of memory \(the limit is 64 MB\)/);
    await alg.close();
    expect(runningPlugins()).toBe(0);
  });

  it('console output goes to stderr prefixed with the name; align gets the rule', () => {
    const r = check('./chatty.mjs', '--rule', 'pairwise', '--json');
    expect(r.code).toBe(1);
    const lines = r.err.trim().split('\n');
    expect(lines.length).toBeGreaterThan(4);
    for (const l of lines) expect(l).toMatch(/^\[chatty\] k = [12] rule pairwise$/);
    expect(JSON.parse(r.out).algorithm).toBe('chatty');
  });

  it('a failure on a searched profile names the profile as JSON', () => {
    const r = check('./never.mjs', '--timeout', '0.3', '--no-fixtures');
    expectOneLineFailure(r, /algorithm "never" on search profile \{"responses":\[.*\],"users":\[.*\]\}, k = 1: gave no answer/, 'never');
  });
});

describe('cmd: plug-ins (protocol 1 over stdin/stdout)', () => {
  it('exact answers ("p/q" strings, a k-output model with slack and note) are read through the codec', async () => {
    const logged: string[] = [];
    const alg = await startCommandPlugin(`${process.execPath} ${PROTO} exact`, dir, { log: (p, l) => logged.push(`${p}: ${l}`) });
    expect(alg.name).toBe('node-exact');
    expect(alg.description).toBe('test plug-in, mode exact');
    const [twoCamp, unanimous] = builtinFixtures();
    // two responses: population shares as "p/q" strings, the same exact numbers as the built-in
    const a = await evaluate(alg, twoCamp.profile, 2, 'uniform', twoCamp.name);
    const b = await evaluate(builtin('population-shares'), twoCamp.profile, 2, 'uniform', twoCamp.name);
    expect(a.robustness.toFraction()).toBe(b.robustness.toFraction());
    expect(a.models).toEqual(b.models);
    // three responses: a k-output model all on "a", slack 1, a note
    const c = await evaluate(alg, unanimous.profile, 3, 'uniform', unanimous.name);
    expect(c.models[0]).toMatchObject({ kind: 'outcomes', k: 3 });
    expect(c.slack.toFraction()).toBe('1');
    expect(c.robustness.toFraction()).toBe('3/4'); // δ_a^{⊗3} on the unanimous a ≻ b ≻ c: the opponent copies a
    expect(c.notes).toEqual(['node-exact: all on the first response']);
    await alg.close();
    expect(runningPlugins()).toBe(0);
    expect(logged).toEqual(['node-exact: request 1: k = 2, rule uniform', 'node-exact: request 2: k = 3, rule uniform']);
  });

  it('decimal strings are read by the model codec, exactly or refused with one line (whichever the codec does)', async () => {
    let codecReadsDecimals = true;
    try {
      parseExact('0.55', 'x');
    } catch {
      codecReadsDecimals = false;
    }
    const alg = await startCommandPlugin(`${process.execPath} ${PROTO} decimal`, dir);
    const [twoCamp] = builtinFixtures();
    const run = evaluate(alg, twoCamp.profile, 1, 'uniform', twoCamp.name);
    if (codecReadsDecimals) expect((await run).models[0]).toEqual({ kind: 'product', k: 1, probs: [frac(11, 20), frac(9, 20)] });
    else await expect(run).rejects.toThrow(/^algorithm "node-decimal" on two-camp δ=1\/20, k = 1: .*"0\.55"/);
    await alg.close();
  });

  it('float answers get the same rounding and note as JS plug-ins', () => {
    const r = check(cmd('floats'), '--json');
    expect(r.code).toBe(1); // uniform does not meet k/(k+1)
    const notes = JSON.parse(r.out).notes as { text: string }[];
    expect(notes.some((n) => /divided by their exact sum/.test(n.text))).toBe(true);
  });

  it('timeout, crash, garbage, wrong id, early exit, …: one line naming algorithm, profile and k; exit 2; the process killed', () => {
    const cases: [string, RegExp, string?][] = [
      ['hang', /k = 1: gave no answer within 1 s \(--timeout\); the plug-in was stopped$/],
      ['spin', /k = 1: gave no answer within 1 s \(--timeout\); the plug-in was stopped$/],
      ['crash', /k = 1: exited with code 1 before answering$/],
      ['exit', /k = 1: exited with code 4 before answering$/],
      ['garbage', /k = 1: wrote a line that is not JSON: "this is not JSON"$/],
      ['wrong-id', /k = 1: answered id 2, expected 1$/],
      ['huge', /k = 1: wrote a line longer than 16 MiB$/],
      ['error', /k = 1: the plug-in answered an error: "no answer for this profile"$/],
      ['unknown-key', /k = 1: the answer has an unknown key "confidence" \(allowed: id, policy, model, error, slack, note\)$/],
      ['two-answers', /k = 1: the answer to id 1 needs exactly one of "policy", "model", "error", got policy and model$/],
      ['bad-sum', /k = 1: (\$: )?probabilities sum to 1\/2, not exactly 1$/],
      ['no-hello', /^ualign check: plug-in cmd:.* no-hello .*: did not start within 1 s \(--timeout\); the plug-in was stopped$/, 'plug-in'],
      ['exit-before-hello', /: exited with code 5 before saying hello$/, 'plug-in'],
      ['protocol-2', /: the first line must say "protocol": 1, got 2$/, 'plug-in'],
      ['garbage-hello', /: wrote a line that is not JSON: "ready!"$/, 'plug-in'],
      ['unasked', /: wrote a line when no request was pending: "\{\\"id\\":1,\\"policy\\":\{\\"a\\":1\}\}"$/, 'plug-in'],
    ];
    for (const [mode, re, kind] of cases) {
      const pidFile = join(dir, `${mode}.pid`);
      // 1 s where the case is about the timeout; elsewhere room for a slow start on a loaded machine
      const r = check(cmd(mode, pidFile), '--timeout', ['hang', 'spin', 'no-hello'].includes(mode) ? '1' : '10');
      expectOneLineFailure(r, re, `node-${mode}`);
      if (kind === undefined) expect(own(r.err)[0], mode).toMatch(new RegExp(`^ualign check: algorithm "node-${mode}" on two-camp δ=1/20, k = 1: `));
      for (const l of r.err.trim().split('\n').slice(0, -1)) expect(l, mode).toMatch(/^\[(node-[a-z0-9-]+|node)\] /);
      expect(r.ms, mode).toBeLessThan(8000);
      expect(gone(Number(readFileSync(pidFile, 'utf8'))), `${mode}: the plug-in process is gone`).toBe(true);
      expect(existsSync(join(dir, `out-${outs}`)), mode).toBe(false);
    }
  });

  it('bad command lines: one line, exit 2', () => {
    expectOneLineFailure(check('cmd:no-such-program-here --x'), /plug-in cmd:no-such-program-here --x: cannot start "no-such-program-here": no such program$/, 'x');
    expectOneLineFailure(check(`cmd:node 'unterminated`), /^ualign check: cmd: unterminated ' in /, null);
    expectOneLineFailure(check('cmd:   '), /^ualign check: cmd: no command given/, null);
  });
});

describe('signals', () => {
  /** Start check, wait for `ready` on its stderr, send `sig`, and time the exit. */
  function stopWith(alg: string, sig: NodeJS.Signals, ready: RegExp): Promise<{ code: number | null; err: string; ms: number }> {
    return new Promise((resolve, reject) => {
      const c = spawn(process.execPath, [BIN, 'check', '--algorithm', alg, '--k', '1..3', '--runs', '5', '--out', `sig-${++outs}`], { cwd: dir });
      let err = '';
      let t = 0;
      c.stderr.setEncoding('utf8');
      c.stderr.on('data', (s: string) => {
        err += s;
        if (t === 0 && ready.test(err)) {
          t = Date.now();
          c.kill(sig);
        }
      });
      c.on('error', reject);
      c.on('exit', (code) => resolve({ code, err, ms: Date.now() - t }));
    });
  }

  it('SIGINT stops a check whose cmd: plug-in spins (the process is killed), exit 130', async () => {
    const pidFile = join(dir, 'sig-spin.pid');
    const r = await stopWith(cmd('spin', pidFile), 'SIGINT', /\[node-spin\] request 1/);
    expect(r.code).toBe(130);
    expect(r.err.trim().split('\n').at(-1)).toBe('ualign check: stopped by SIGINT');
    expect(r.ms).toBeLessThan(2000);
    expect(gone(Number(readFileSync(pidFile, 'utf8')))).toBe(true);
    expect(existsSync(join(dir, `sig-${outs}`))).toBe(false);
  });

  it('SIGTERM stops a check whose JS plug-in loops forever, exit 143', async () => {
    const r = await stopWith('./loud-loop.mjs', 'SIGTERM', /\[loud-loop\] looping/);
    expect(r.code).toBe(143);
    expect(r.err).toBe('[loud-loop] looping\nualign check: stopped by SIGTERM\n');
    expect(r.ms).toBeLessThan(2000);
  });
});
