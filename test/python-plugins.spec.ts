// The Python examples of examples/python run through `ualign check` as cmd: plug-ins (protocol 1):
// Hedge self-play meets the theory with its exact Reg_T/T slack (T5); the majority's top choice fails
// with a shrunk counterexample whose witness files replay with `ualign winrate`. Skipped, saying so,
// when python3 is not on the PATH.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { frac, parseRational } from '../src/exact/rational.js';
import { ualignIn } from './helpers/plugins.js';

const ROOT = join(__dirname, '..');
const python = spawnSync('python3', ['--version'], { encoding: 'utf8' }).status === 0;
if (!python) console.warn('python3 is not on the PATH: SKIPPING the Python plug-in examples (test/python-plugins.spec.ts)');
const out = mkdtempSync(join(tmpdir(), 'ualign-python-'));
const ualign = (...args: string[]) => ualignIn(ROOT, ...args);
const exact = (s: string) => parseRational(s)!;

interface Point {
  k: number;
  robustness: string;
  theory: string;
  slack: string;
  meetsTheory: boolean;
  reproducible: boolean;
  worstProfile: { responses: string[] };
  counterexample: null | { robustness: string; bound: string; source: string; profile: { responses: string[]; users: unknown[] }; files: { profile: string; model: string } };
}

describe.skipIf(!python)('Python plug-ins (examples/python; needs python3)', () => {
  it('hedge_self_play.py meets the theory: rob_k = k/(k+1) − Reg_T/T exactly, with Reg_T/T ≤ 1/8 (Hedge, T = 50, n ≤ 4)', () => {
    const r = ualign('check', '--algorithm', 'cmd:python3 examples/python/hedge_self_play.py', '--k', '1..3', '--runs', '30', '--json', '--out', join(out, 'hedge'));
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as { algorithm: string; meetsTheory: boolean; curve: Point[] };
    expect(j.algorithm).toBe('hedge-self-play');
    expect(j.meetsTheory).toBe(true);
    for (const c of j.curve) {
      expect(c.reproducible).toBe(true);
      expect(exact(c.robustness).equals(exact(c.theory).sub(exact(c.slack)))).toBe(true); // T5, exactly
      expect(exact(c.slack).lte(frac(1, 8))).toBe(true);
      if (c.worstProfile.responses.length > 1) expect(exact(c.slack).gt(frac(0))).toBe(true);
    }
  });

  it('majority_top.py fails from k = 2 on with a shrunk counterexample whose witness files replay with ualign winrate', () => {
    const r = ualign('check', '--algorithm', 'cmd:python3 examples/python/majority_top.py', '--k', '1..3', '--runs', '30', '--json', '--out', join(out, 'majority'));
    expect(r.err).toBe('');
    expect(r.code).toBe(1);
    const j = JSON.parse(r.out) as { algorithm: string; meetsTheory: boolean; curve: Point[] };
    expect(j.algorithm).toBe('majority-top');
    expect(j.meetsTheory).toBe(false);
    for (const c of j.curve.filter((p) => p.k >= 2)) {
      const cx = c.counterexample!;
      expect(cx, `k = ${c.k}`).not.toBeNull();
      expect(cx.source).toMatch(/shrunk/);
      expect(cx.profile.responses.length).toBeLessThanOrEqual(3);
      expect(cx.profile.users.length).toBeLessThanOrEqual(3);
      expect(exact(cx.robustness).lt(exact(cx.bound))).toBe(true);
      const w = ualign('winrate', '--profile', cx.files.profile, '--policy', cx.files.model, '--k', String(c.k), '--json');
      expect(w.code, w.err).toBe(0);
      expect(JSON.parse(w.out).robustness).toBe(cx.robustness);
    }
  });

  it("an exception in align is sent as an error answer: one line, exit 2 (hedge_self_play.py refuses --rule pairwise)", () => {
    const r = ualign('check', '--algorithm', 'cmd:python3 examples/python/hedge_self_play.py', '--k', '1', '--rule', 'pairwise', '--out', join(out, 'pairwise'));
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      'ualign check: algorithm "hedge-self-play" on two-camp δ=1/20, k = 1: the plug-in answered an error: "ValueError: U_k here is the uniform rule\'s closed form, not pairwise\'s"\n',
    );
  });
});
