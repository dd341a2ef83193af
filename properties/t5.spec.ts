// T5 self-play: for ANY sequence π_1..π_T, rob_k(σ_T) = k/(k+1) − Reg_T/T with σ_T = (1/T) Σ π_t^{⊗k};
// for Hedge with η = sqrt(8 ln n / T), Reg_T ≤ sqrt((T/2) ln n) (SPEC §4). Exact throughout.
// The Hedge runs are float Hedge rounded to exact rationals (2^−40): the identity holds for any sequence;
// the bound is checked on the rounded sequence (squared, with a rational upper bound of ln n).
import { test } from '@fast-check/vitest';
import fc from 'fast-check';
import { describe, expect } from 'vitest';
import { frac } from '../src/exact/rational.js';
import { makeKOutput, singlePrompt } from '../src/model/build.js';
import { robustness, robustnessOf } from '../src/winrate/opponents.js';
import { exactRegret, expandMixture, mixtureOfProducts, selfPlay } from '../src/equilibria/dynamics.js';
import { policyFromWeights, profileRecordArb, promptFromRecord } from '../src/testing/arbitraries.js';
import { params } from '../src/__test-helpers__/fc.js';

describe('T5: rob_k(σ_T) = k/(k+1) − Reg_T/T', () => {
  const seqArb = fc.record({
    profile: profileRecordArb({ maxResponses: 4, maxUsers: 4 }),
    seq: fc.array(fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 4, maxLength: 4 }), { minLength: 1, maxLength: 5 }),
    k: fc.integer({ min: 1, max: 4 }),
  });
  test.prop([seqArb], params(300))('for generated sequences (mixture table and explicit k-multisets agree)', ({ profile, seq, k }) => {
    const prompt = promptFromRecord(profile);
    const pr = singlePrompt(prompt);
    const iterates = seq.map((w) => policyFromWeights(w, profile.n));
    const T = iterates.length;
    const reg = exactRegret(prompt, iterates, k).regret;
    const expect_ = frac(k, k + 1).sub(reg.div(frac(T)));
    expect(robustnessOf(pr, [mixtureOfProducts(iterates, k)], 1, 'uniform').robustness.equals(expect_)).toBe(true);
    if (k <= 3) {
      const km = makeKOutput(k, [expandMixture(iterates, k, profile.n)]);
      expect(robustness(pr, km).robustness.equals(expect_)).toBe(true);
    }
  });

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
