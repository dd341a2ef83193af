// Self-play dynamics and exact regret (SPEC T5); the Hedge-bound predicate.
import { describe, expect, it } from 'vitest';
import { frac, ONE, ZERO, sumOf, maxOf, toNumber } from '../exact/rational.js';
import { makeKOutput, makeProfile, makePrompt, singlePrompt } from '../model/build.js';
import { productScores } from '../winrate/product.js';
import { robustness, robustnessOf } from '../winrate/opponents.js';
import { SELFPLAY_METHODS, SelfPlayMethod, exactRegret, expandMixture, floatSelfPlay, hedgeBoundHolds, hedgeEta, lnUpperBound, selfPlay, selfPlayParallel } from './dynamics.js';
import { floatPrompt, floatScores } from './floatKernel.js';
import { parallelScoreSums } from './parallel.js';
import { ScoreSums, addSums, scoreSums } from './scoreSums.js';
import { test } from '@fast-check/vitest';
import fc from 'fast-check';
import { policyArb, profileRecordArb, promptArb, promptFromRecord } from '../instances/arbitraries.js';
import { params } from '../../test/helpers/fc.js';
import { InputError } from '../model/errors.js';

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

// Survivors of mutation testing: crafted instances whose right answer is derived by hand or from SPEC T5's update rules.
describe('self-play: crafted checks of the dynamics and the reported quantities', () => {
  const abc = makePrompt(['a', 'b', 'c'], [
    { weight: frac(3), tiers: [['a'], ['b'], ['c']] },
    { weight: frac(2), tiers: [['c'], ['b'], ['a']] },
  ]);

  it('SELFPLAY_METHODS lists the three methods', () => {
    expect([...SELFPLAY_METHODS]).toEqual(['hedge', 'omwu', 'extragradient']);
  });

  it('hedgeEta is sqrt(8 ln n / T), with ln n read as ln 2 for n < 2', () => {
    // T = 8: η² = ln n; the float mutants are off by factors, not by rounding
    expect(Math.abs(hedgeEta(3, 8) ** 2 - Math.log(3))).toBeLessThan(1e-12);
    expect(Math.abs(hedgeEta(5, 2) ** 2 - 4 * Math.log(5))).toBeLessThan(1e-12);
    expect(Math.abs(hedgeEta(1, 8) ** 2 - Math.log(2))).toBeLessThan(1e-12);
  });

  // SPEC T5's update rules, written out again over floatScores (the float reward), against floatSelfPlay's visited iterates.
  const reference = (method: SelfPlayMethod, k: number, T: number, eta: number, init?: number[]): number[][] => {
    const fp = floatPrompt(abc);
    const soft = (L: number[]): number[] => {
      const m = Math.max(...L);
      const e = L.map((v) => Math.exp(v - m));
      const s = e.reduce((a, b) => a + b, 0);
      return e.map((v) => v / s);
    };
    const u = (pi: number[]): number[] => Array.from(floatScores(fp, pi, k));
    let L = init ? init.map(Math.log) : [0, 0, 0];
    let prev: number[] | null = null;
    const seen: number[][] = [];
    for (let t = 1; t <= T; t++) {
      const pi = soft(L);
      seen.push(pi);
      const ut = u(pi);
      if (method === 'hedge') L = L.map((l, y) => l + eta * ut[y]);
      else if (method === 'omwu') {
        const up = prev ?? ut; // u(π_0) := u(π_1)
        L = L.map((l, y) => l + eta * (2 * ut[y] - up[y]));
        prev = ut;
      } else {
        const uh = u(soft(L.map((l, y) => l + eta * ut[y])));
        L = L.map((l, y) => l + eta * uh[y]);
      }
    }
    seen.push(soft(L));
    return seen;
  };
  const run = (method: SelfPlayMethod, k: number, T: number, eta: number, init?: number[]): number[][] => {
    const seen: number[][] = [];
    const last = floatSelfPlay(floatPrompt(abc), k, T, method, eta, (pi) => seen.push(Array.from(pi)), init);
    seen.push(Array.from(last));
    return seen;
  };
  const close = (a: number[][], b: number[][]): boolean => a.length === b.length && a.every((r, t) => r.every((v, y) => Math.abs(v - b[t][y]) < 1e-9));

  for (const method of SELFPLAY_METHODS)
    it(`${method}: floatSelfPlay plays T5's update rule (π_1 … π_{T+1} against a rewrite of the rule)`, () => {
      // a large step so that the three rules part after one or two rounds (they agree on π_2 for omwu vs hedge)
      const want = reference(method, 2, 4, 1.5);
      expect(close(run(method, 2, 4, 1.5), want)).toBe(true);
      // the methods really differ here, so each comparison above identifies the rule
      for (const other of SELFPLAY_METHODS) if (other !== method) expect(close(reference(other, 2, 4, 1.5), want)).toBe(false);
    });

  it('floatSelfPlay starts from init when given (π_1 = init)', () => {
    const init = [0.7, 0.2, 0.1];
    const seen = run('hedge', 1, 2, 0.3, init);
    expect(seen[0].every((v, y) => Math.abs(v - init[y]) < 1e-12)).toBe(true);
    expect(close(seen, reference('hedge', 1, 2, 0.3, init))).toBe(true);
  });

  it('exactRegret reports the first argmax on a tie', () => {
    // types a > b > c and c > b > a with equal weights, π = (1/2, 0, 1/2), k = 1: by symmetry every response scores 1/2
    // (a: tie with a, or beats c for one type and loses for the other; b: beats the opponent for exactly one type)
    const sym = makePrompt(['a', 'b', 'c'], [
      { weight: frac(1), tiers: [['a'], ['b'], ['c']] },
      { weight: frac(1), tiers: [['c'], ['b'], ['a']] },
    ]);
    const r = exactRegret(sym, [[frac(1, 2), ZERO, frac(1, 2)]], 1);
    expect(r.cumulative.every((c) => c.equals(frac(1, 2)))).toBe(true);
    expect(r.best).toBe(0);
  });

  it('selfPlay rejects T and k that are not integers ≥ 1', () => {
    const p = singlePrompt(abc);
    for (const T of [0, -1, 1.5]) expect(() => selfPlay(p, 1, { T })).toThrow(/T must be an integer ≥ 1/);
    // k is rejected up front, as an InputError, before any round is played (later kernels would reject it only after
    // the float rounds, and with their own errors)
    for (const k of [0, -2, 1.5]) {
      let rounds = 0;
      let err: unknown = null;
      try {
        selfPlay(p, k, { T: 2, onProgress: () => rounds++ });
      } catch (e) {
        err = e;
      }
      expect(err instanceof InputError && err.message === `k must be an integer ≥ 1, got ${k}`).toBe(true);
      expect(rounds).toBe(0);
    }
  });

  it('bits sets the rounding of the exact iterates to denominators 2^bits', () => {
    const r = selfPlay(singlePrompt(abc), 2, { T: 3, bits: 3 });
    const dens = [...r.prompts[0].iterates, r.prompts[0].last].flat().map((f) => BigInt(f.d.toString()));
    expect(dens.every((d) => 8n % d === 0n)).toBe(true);
    // π_1 is uniform over three: 1/3 cannot be kept at 2^−3
    expect(r.prompts[0].iterates[0].some((f) => !f.equals(frac(1, 3)))).toBe(true);
  });

  it('the identity is checked exactly when T·k·Σ tiers ≤ identityWork', () => {
    // abc has 2 types × 3 tiers = 6 tiers; T = 4, k = 3: work = 72
    const p = singlePrompt(abc);
    const at = selfPlay(p, 3, { T: 4, identityWork: 72 });
    expect(at.identity).toBe(true);
    const below = selfPlay(p, 3, { T: 4, identityWork: 71 });
    expect(below.identity).toBeNull();
    expect(below.robustness.equals(at.robustness)).toBe(true);
  });

  it('the Hedge bound is reported only for Hedge with the T5 step', () => {
    const p = singlePrompt(abc);
    expect(selfPlay(p, 2, { T: 3 }).hedgeBound?.holds).toBe(true);
    expect(selfPlay(p, 2, { T: 3, eta: 0.5 }).hedgeBound).toBeUndefined();
    expect(selfPlay(p, 2, { T: 3, method: 'omwu' }).hedgeBound).toBeUndefined();
    expect(selfPlay(p, 2, { T: 3, method: 'extragradient' }).hedgeBound).toBeUndefined();
  });

  it('the Hedge bound must hold on every prompt: one prompt over it makes it fail', () => {
    // bits = 1 rounds the uniform π_1 over three to (0, 1/2, 1/2) (roundToSimplex gives the excess back to the first
    // largest), so a, the top of the only type, beats every opponent: U_5(a; π_1) = 1, Reg_1 = 1 − 1/6 = 5/6 >
    // sqrt((1/2) ln 3) ≈ 0.741. The second prompt is one tie: every response scores 1/6, Reg_1 = 0.
    const over = makePrompt(['a', 'b', 'c'], [{ weight: frac(1), tiers: [['a'], ['b'], ['c']] }]);
    const flat = makePrompt(['a', 'b'], [{ weight: frac(1), tiers: [['a', 'b']] }]);
    const r = selfPlay(makeProfile([{ weight: frac(1, 2), prompt: over }, { weight: frac(1, 2), prompt: flat }]), 5, { T: 1, bits: 1 });
    expect(r.prompts[0].iterates[0].map((f) => f.toFraction())).toEqual(['0', '1/2', '1/2']);
    expect(r.prompts[0].regret.regret.equals(frac(5, 6))).toBe(true);
    expect(r.prompts[1].regret.regret.equals(ZERO)).toBe(true);
    expect(r.hedgeBound!.holds).toBe(false);
  });

  it('hedgeBoundHolds: Reg_T ≤ 0 holds whatever the other side is', () => {
    expect(hedgeBoundHolds(ZERO, 1, frac(-1))).toBe(true);
  });

  it('lnUpperBound rejects x that is not a positive integer', () => {
    for (const x of [0, -3, 1.5]) expect(() => lnUpperBound(x)).toThrow(/lnUpperBound: x must be a positive integer/);
  });

  it('lnUpperBound(2) is exactly the documented series: 2 Σ_{i<41 odd} 3^−i/i + 2·3^−41/(41·(8/9))', () => {
    // x = 2: j = 1, r = 1 so only j·ln2 with ln2 = 2 atanh(1/3)
    const z = frac(1, 3);
    let s = ZERO;
    for (let i = 1; i <= 39; i += 2) s = s.add(z.pow(i).div(i));
    const want = s.add(z.pow(41).div(frac(41).mul(frac(8, 9)))).mul(2);
    expect(lnUpperBound(2).equals(want)).toBe(true);
    expect(lnUpperBound(8).equals(want.mul(3))).toBe(true);
  });

  it('selfPlayParallel reports the exact phase of every prompt', async () => {
    const seen: string[] = [];
    const two = makeProfile([{ weight: frac(1, 2), prompt: abc }, { weight: frac(1, 2), prompt: abc }]);
    await selfPlayParallel(two, 1, { T: 2, jobs: 1, onProgress: (i) => seen.push(`${i.phase}:${i.prompt}`) });
    expect(seen.filter((s) => s.startsWith('exact'))).toEqual(['exact:0', 'exact:1']);
  });
});
