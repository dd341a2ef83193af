// Self-play dynamics and exact regret (SPEC T5); the Hedge-bound predicate.
import { describe, expect, it } from 'vitest';
import { frac, ONE, ZERO, sumOf, maxOf, toNumber } from '../exact/rational.js';
import { makeKOutput, makePrompt, singlePrompt } from '../model/build.js';
import { productScores } from '../winrate/product.js';
import { robustness, robustnessOf } from '../winrate/opponents.js';
import { SELFPLAY_METHODS, exactRegret, expandMixture, hedgeBoundHolds, lnUpperBound, selfPlay, selfPlayParallel } from './dynamics.js';
import { parallelScoreSums } from './parallel.js';
import { ScoreSums, addSums, scoreSums } from './scoreSums.js';
import { test } from '@fast-check/vitest';
import fc from 'fast-check';
import { policyArb, profileRecordArb, promptArb, promptFromRecord } from '../instances/arbitraries.js';
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

// The Hedge-bound predicate of self-play (SPEC T5: Reg_T ≤ sqrt((T/2) ln n)), fed regrets on both sides of the bound.
describe('hedgeBoundHolds', () => {
  it('T = 8, ln n ≤ 2: the bound is sqrt(8) ≈ 2.83 — 2 and 2.8 pass, 2.9 and 3 fail (without the square, 3 would pass)', () => {
    const ln = frac(2);
    expect(hedgeBoundHolds(frac(2), 8, ln)).toBe(true);
    expect(hedgeBoundHolds(frac(14, 5), 8, ln)).toBe(true);
    expect(hedgeBoundHolds(frac(29, 10), 8, ln)).toBe(false);
    expect(hedgeBoundHolds(frac(3), 8, ln)).toBe(false);
    expect(hedgeBoundHolds(frac(8), 8, ln)).toBe(false);
  });

  it('exactly at the bound it holds; non-positive regret always holds, even with ln n = 0', () => {
    // Reg² = (T/2)·ln: T = 2, ln = 9/4, Reg = 3/2
    expect(hedgeBoundHolds(frac(3, 2), 2, frac(9, 4))).toBe(true);
    expect(hedgeBoundHolds(frac(3, 2).add(frac(1, 1000)), 2, frac(9, 4))).toBe(false);
    expect(hedgeBoundHolds(ZERO, 5, ZERO)).toBe(true);
    expect(hedgeBoundHolds(frac(-7), 1, ZERO)).toBe(true);
    expect(hedgeBoundHolds(frac(1, 1000), 1, ZERO)).toBe(false);
  });

  it('a regret below 1 whose square is below the bound but which exceeds it (no square root taken by mistake)', () => {
    // T = 1, ln = 1/8: bound sqrt(1/16) = 1/4; Reg = 1/3 fails, Reg = 1/5 passes
    expect(hedgeBoundHolds(frac(1, 3), 1, frac(1, 8))).toBe(false);
    expect(hedgeBoundHolds(frac(1, 5), 1, frac(1, 8))).toBe(true);
    expect(hedgeBoundHolds(ONE, 2, ONE)).toBe(true);
  });

  test.prop([fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: 2, max: 100 }), fc.integer({ min: 0, max: 1000 })], params(200))(
    'agrees with the float bound away from it',
    (T, n, r) => {
      const reg = frac(r, 10);
      const bound = Math.sqrt((T / 2) * Math.log(n));
      const f = r / 10;
      if (Math.abs(f - bound) > 1e-6 * Math.max(1, bound)) expect(hedgeBoundHolds(reg, T, lnUpperBound(n))).toBe(f <= bound);
    },
  );
});

describe('selfPlay: the independent identity check has a work limit', () => {
  it('above identityWork the identity is null and the robustness is k/(k+1) − Reg_T/T (T5); below, checked', () => {
    const p = singlePrompt(makePrompt(['a', 'b', 'c'], [
      { weight: frac(3), tiers: [['a'], ['b'], ['c']] },
      { weight: frac(2), tiers: [['c'], ['b'], ['a']] },
    ]));
    const checked = selfPlay(p, 3, { T: 20 });
    expect(checked.identity).toBe(true);
    const skipped = selfPlay(p, 3, { T: 20, identityWork: 0 });
    expect(skipped.identity).toBeNull();
    expect(skipped.regret.equals(checked.regret)).toBe(true);
    expect(skipped.robustness.equals(checked.robustness)).toBe(true);
    expect(skipped.robustness.equals(frac(3, 4).sub(skipped.regret.div(20)))).toBe(true);
  });
});

// The exact sums split over threads (parallel.ts) against the same sums in this thread, value by value.
describe('score sums on several threads', () => {
  const same = (a: ScoreSums, b: ScoreSums): boolean => a.num.length === b.num.length && a.num.every((v, y) => v * b.den === b.num[y] * a.den);
  const luce = makePrompt(['a', 'b', 'c'], [
    { weight: frac(2), tiers: [['b'], ['a']] },
    { weight: frac(1), strengths: [frac(1), frac(3, 2), frac(5)] },
  ]);
  const runArb = fc
    .record({ prompt: fc.oneof(fc.constant(luce), promptArb({ minResponses: 1, maxResponses: 5, maxUsers: 4 })), k: fc.integer({ min: 1, max: 6 }), jobs: fc.integer({ min: 2, max: 4 }) })
    .chain((r) => fc.record({ iterates: fc.array(policyArb(r.prompt), { minLength: 1, maxLength: 7 }) }).map((x) => ({ ...r, ...x })));
  test.prop([runArb], params(12))('equal to one thread for any number of threads; a split adds up to the whole', async ({ prompt: p, k, iterates, jobs }) => {
    const whole = scoreSums(p, iterates, k);
    expect(same(await parallelScoreSums(p, iterates, k, jobs, 0), whole)).toBe(true);
    const cut = Math.floor(iterates.length / 2);
    expect(same(addSums(scoreSums(p, iterates.slice(0, cut), k), scoreSums(p, iterates.slice(cut), k)), whole)).toBe(true);
    expect(exactRegret(p, iterates, k, whole).cumulative.every((c, y) => c.equals(sumOf(iterates.map((pi) => productScores(p, pi, k)[y]))))).toBe(true);
  });

  it('selfPlayParallel gives selfPlay\'s result; a worker that fails rejects with its error', async () => {
    const a = selfPlay(profile, 3, { T: 25 });
    const b = await selfPlayParallel(profile, 3, { T: 25, jobs: 3, minWork: 0 });
    expect(b.regret.equals(a.regret) && b.robustness.equals(a.robustness)).toBe(true);
    expect(b.identity).toBe(true);
    expect(b.prompts[0].regret.cumulative.map((c) => c.toFraction())).toEqual(a.prompts[0].regret.cumulative.map((c) => c.toFraction()));
    // the second share (the worker's) has an iterate over two responses of three
    await expect(parallelScoreSums(prompt, [[frac(1, 3), frac(1, 3), frac(1, 3)], [frac(1, 2), frac(1, 2)]], 2, 2, 0)).rejects.toThrow();
    expect(() => addSums({ num: [1n], den: 1n }, { num: [1n, 2n], den: 1n })).toThrow(/different responses/);
  });
});
