// Self-play dynamics and exact regret (SPEC T5).
import { describe, expect, it } from 'vitest';
import { frac, ONE, ZERO, sumOf, maxOf, toNumber } from '../exact/rational.js';
import { makeKOutput, makePrompt, singlePrompt } from '../model/build.js';
import { productScores } from '../winrate/product.js';
import { robustness, robustnessOf } from '../winrate/opponents.js';
import { SELFPLAY_METHODS, exactRegret, expandMixture, lnUpperBound, selfPlay } from './dynamics.js';
import { test } from '@fast-check/vitest';
import fc from 'fast-check';
import { profileRecordArb, promptFromRecord } from '../instances/arbitraries.js';
import { params } from '../../test/helpers/fc.js';

const prompt = makePrompt(['a', 'b', 'c'], [
  { weight: frac(3), tiers: [['a'], ['b'], ['c']] },
  { weight: frac(2), tiers: [['b'], ['c'], ['a']] },
  { weight: frac(2), tiers: [['c', 'a'], ['b']] },
]);
const profile = singlePrompt(prompt);

describe('self-play (T5)', () => {
  it('lnUpperBound is a rational upper bound of ln n, within 1e-12', () => {
    for (const n of [1, 2, 3, 5, 10, 20, 100, 1000]) {
      const u = toNumber(lnUpperBound(n));
      expect(u).toBeGreaterThanOrEqual(Math.log(n) * (1 - 4e-16)); // float rounding only
      expect(Math.abs(u - Math.log(n))).toBeLessThan(1e-12);
    }
  });

  it('exactRegret = max_y Σ_t U_k(y; π_t) − T/(k+1), computed term by term', () => {
    const seq = [
      [frac(1, 2), frac(1, 3), frac(1, 6)],
      [ONE, ZERO, ZERO],
      [frac(1, 7), frac(2, 7), frac(4, 7)],
    ];
    const r = exactRegret(prompt, seq, 2);
    const cum = [0, 1, 2].map((y) => sumOf(seq.map((pi) => productScores(prompt, pi, 2)[y])));
    expect(r.cumulative.every((c, y) => c.equals(cum[y]))).toBe(true);
    const mx = cum.reduce((a, b) => maxOf(a, b));
    expect(r.regret.equals(mx.sub(frac(3, 3)))).toBe(true);
  });

  for (const method of SELFPLAY_METHODS)
    it(`${method}: rob_k(σ_T) = k/(k+1) − Reg_T/T exactly; explicit k-output σ_T agrees`, () => {
      const k = 2;
      const T = 30;
      const r = selfPlay(profile, k, { T, method, eta: method === 'hedge' ? undefined : 0.5 });
      expect(r.identity).toBe(true);
      expect(r.robustness.equals(frac(k, k + 1).sub(r.regret.div(frac(T))))).toBe(true);
      const km = makeKOutput(k, [expandMixture(r.prompts[0].iterates, k, 3)]);
      expect(robustness(profile, km).robustness.equals(r.robustness)).toBe(true);
      expect(robustnessOf(profile, [r.prompts[0].mixture], 1, 'uniform').robustness.equals(r.robustness)).toBe(true);
      expect(sumOf(r.prompts[0].last).equals(ONE)).toBe(true);
      if (method === 'hedge') expect(r.hedgeBound?.holds).toBe(true);
    });
});

describe('self-play runs (T5)', () => {
  const runArb = fc.record({
    profile: profileRecordArb({ minResponses: 2, maxResponses: 5, maxUsers: 5 }),
    k: fc.integer({ min: 1, max: 4 }),
    T: fc.integer({ min: 1, max: 40 }),
    method: fc.constantFrom('hedge' as const, 'omwu' as const, 'extragradient' as const),
  });
  test.prop([runArb], params(120))('for self-play runs; Hedge with the T5 step meets Reg_T ≤ sqrt((T/2) ln n)', ({ profile, k, T, method }) => {
    const pr = singlePrompt(promptFromRecord(profile));
    const r = selfPlay(pr, k, { T, method });
    expect(r.identity).toBe(true);
    expect(r.robustness.equals(frac(k, k + 1).sub(r.regret.div(frac(T))))).toBe(true);
    if (method === 'hedge') expect(r.hedgeBound!.holds).toBe(true);
  });
});
