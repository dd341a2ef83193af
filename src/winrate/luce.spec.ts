// Luce kernels (SPEC §4b) against brute-force enumeration of Y^k (test/oracles): U_k for Luce and mixed
// profiles under every rule, the exact Jacobian, the two paths of the strength-sum distribution, the
// strength-sum helpers (outcomes, mixtures, the luce-sum-short fault) and the common denominator L.
import { test } from '@fast-check/vitest';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Fraction, ONE, ZERO, frac, gcd, sumOf } from '../exact/rational.js';
import { makePrompt } from '../model/build.js';
import { productJacobian, productScores } from './product.js';
import { RULES } from './rules.js';
import { LUCE_BUDGET, ShareDenominator, combineDists, distinctValues, luceScoreNumerators, outcomeSumDist, powerDist, setLuceBudget, strengthSumDist } from './luce.js';
import { setFault } from './faults.js';
import { LuceType } from '../model/types.js';
import { InputError } from '../model/errors.js';
import { bestOpponent, opponentScore, singleScores } from './opponents.js';
import { searchMultisets } from './multiset.js';
import { outcomesArb, policyFromWeights, policyWeightsArb } from '../instances/arbitraries.js';
import { lucePromptFromRecord, luceRecordArb } from '../instances/luce.js';
import { bruteBestScore, bruteScore, prefer, productOutcomes, tuples } from '../../test/oracles/bruteforce.js';
import { opponentCaseArb, params } from '../../test/helpers/fc.js';

const eqAll = (a: Fraction[], b: Fraction[]) => a.length === b.length && a.every((x, i) => x.equals(b[i]));

describe('Luce closed forms = brute force (SPEC §4b)', () => {
  for (const kinds of ['luce', 'mixed'] as const) {
    const caseArb = fc.record({
      profile: luceRecordArb({ maxResponses: 4, maxUsers: 3, maxDen: 3, kinds }),
      policy: policyWeightsArb(4, 4),
      k: fc.integer({ min: 1, max: 4 }),
      rule: fc.constantFrom(...RULES),
    });
    test.prop([caseArb], params(kinds === 'luce' ? 600 : 900))(`U_k(y; π) against π^{⊗k}, ${kinds} profiles`, ({ profile, policy, k, rule }) => {
      const prompt = lucePromptFromRecord(profile);
      const probs = policyFromWeights(policy, profile.n);
      const closed = productScores(prompt, probs, k, rule);
      const outs = productOutcomes(probs, k);
      const brute = prompt.responses.map((_, y) => bruteScore(prompt, outs, [y], rule));
      expect(eqAll(closed, brute)).toBe(true);
    });
  }

  test.prop([fc.record({ profile: luceRecordArb({ maxResponses: 4, maxUsers: 3, kinds: 'mixed' }), p: policyWeightsArb(4, 4), q: policyWeightsArb(4, 4) })], params(400))(
    'k = 1: WR(π, π′) = P(π ≻ π′) with P(y ≻ z) = E_θ s_θ(y)/(s_θ(y)+s_θ(z)) for Luce types',
    ({ profile, p, q }) => {
      const prompt = lucePromptFromRecord(profile);
      const pi = policyFromWeights(p, profile.n);
      const pi2 = policyFromWeights(q, profile.n);
      let P = ZERO;
      for (let y = 0; y < profile.n; y++) for (let z = 0; z < profile.n; z++) P = P.add(pi[y].mul(pi2[z]).mul(prefer(prompt, y, z)));
      const U = productScores(prompt, pi, 1, 'uniform');
      expect(ONE.sub(sumOf(U.map((u, z) => u.mul(pi2[z])))).equals(P)).toBe(true);
    },
  );

  it('the worked example of SPEC §4b: U_k(b; δ_a) = (½+δ)/(1+kM) + (½−δ)·M/(M+k)', () => {
    for (const [M, d] of [[3, frac(1, 20)], [7, frac(1, 5)], [2, frac(0)]] as const) {
      const prompt = makePrompt(['a', 'b'], [
        { weight: frac(1, 2).add(d), strengths: [frac(M), ONE] },
        { weight: frac(1, 2).sub(d), strengths: [ONE, frac(M)] },
      ]);
      for (const k of [1, 2, 5, 16]) {
        const U = productScores(prompt, [ONE, ZERO], k);
        const want = frac(1, 2).add(d).div(frac(1 + k * M)).add(frac(1, 2).sub(d).mul(frac(M, M + k)));
        expect(U[1].equals(want)).toBe(true);
        expect(U[0].equals(frac(1, k + 1))).toBe(true);
      }
    }
  });
});

describe('exact Jacobian of U_k for Luce and mixed profiles = k·E over k−1 draws (brute force)', () => {
  const jacArb = fc.record({
    profile: luceRecordArb({ maxResponses: 4, maxUsers: 3, maxDen: 2, kinds: 'mixed' }),
    policy: policyWeightsArb(4, 4),
    k: fc.integer({ min: 1, max: 4 }),
  });
  test.prop([jacArb], params(300))('every entry', ({ profile, policy, k }) => {
    const prompt = lucePromptFromRecord(profile);
    const probs = policyFromWeights(policy, profile.n);
    const all = prompt.responses.map((_, y) => y);
    const { num, den } = productJacobian(prompt, probs, k, all, all);
    const rest = productOutcomes(probs, k - 1);
    for (const y of all)
      for (const z of all) {
        const outs = rest.map((o) => ({ items: [...o.items, z], prob: o.prob }));
        expect(frac(num[y][z], den).equals(bruteScore(prompt, outs, [y], 'uniform').mul(k))).toBe(true);
      }
  });
});

describe('strength-sum distribution (SPEC §4b): dense recurrence = sparse products = enumeration', () => {
  const distArb = fc.record({
    v: fc.uniqueArray(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 4 }),
    mass: fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 4, maxLength: 4 }),
    k: fc.integer({ min: 0, max: 7 }),
  });
  it('no values (the zero polynomial): its 0th power is 1 (the empty sum), every higher power is 0', () => {
    expect(powerDist([], [], 0)).toEqual({ sums: [0], coef: [1n] });
    for (const k of [1, 2, 5]) expect(powerDist([], [], k)).toEqual({ sums: [], coef: [] });
  });

  test.prop([distArb], params(300))('coefficients of (Σ_i m_i z^{v_i})^k', ({ v, mass, k }) => {
    const vs = [...v].sort((a, b) => a - b);
    const ms = vs.map((_, i) => BigInt(mass[i]));
    const got = powerDist(vs, ms, k);
    // enumeration of ordered k-tuples of the values
    const want = new Map<number, bigint>();
    const rec = (j: number, s: number, c: bigint) => {
      if (j === k) want.set(s, (want.get(s) ?? 0n) + c);
      else vs.forEach((x, i) => rec(j + 1, s + x, c * ms[i]));
    };
    rec(0, 0, 1n);
    expect(got.sums).toEqual([...want.keys()].sort((a, b) => a - b));
    expect(got.coef).toEqual(got.sums.map((s) => want.get(s)));
    // the sparse path: values spread past the dense limit, same coefficients
    const wide = powerDist(vs.map((x) => x * 100_000), ms, k);
    expect(wide.sums).toEqual(got.sums.map((s) => s * 100_000));
    expect(wide.coef).toEqual(got.coef);
  });
});

describe('Luce ℓ-output opponents = brute force (SPEC §2, §4b)', () => {
  const ellArb = opponentCaseArb(luceRecordArb({ maxResponses: 4, maxUsers: 3, maxDen: 2, kinds: 'mixed' }), { maxN: 4, maxWeight: 3, maxK: 3, ell: [1, 3] });
  test.prop([ellArb], params(400))('against π^{⊗k}: every multiset and the best one', ({ profile, policy, k, ell, rule }) => {
    const prompt = lucePromptFromRecord(profile);
    const probs = policyFromWeights(policy, profile.n);
    const model = { kind: 'product', k, probs } as const;
    const outs = productOutcomes(probs, k);
    for (const T of tuples(profile.n, ell)) expect(opponentScore(prompt, model, T, rule).equals(bruteScore(prompt, outs, T, rule))).toBe(true);
    expect(bestOpponent(prompt, model, ell, rule).score.equals(bruteBestScore(prompt, outs, ell, rule))).toBe(true);
  });

  const outArb = fc
    .record({
      profile: luceRecordArb({ maxResponses: 4, maxUsers: 3, maxDen: 2, kinds: 'mixed' }),
      k: fc.integer({ min: 1, max: 3 }),
      ell: fc.integer({ min: 1, max: 3 }),
      rule: fc.constantFrom(...RULES),
    })
    .chain((r) => outcomesArb(r.profile.n, r.k).map((outcomes) => ({ ...r, outcomes })));
  test.prop([outArb], params(400))('general k-output models against ℓ-output opponents', ({ profile, k, ell, rule, outcomes }) => {
    const prompt = lucePromptFromRecord(profile);
    const model = { kind: 'outcomes', k, outcomes } as const;
    for (const T of tuples(profile.n, ell)) expect(opponentScore(prompt, model, T, rule).equals(bruteScore(prompt, outcomes, T, rule))).toBe(true);
    expect(bestOpponent(prompt, model, ell, rule).score.equals(bruteBestScore(prompt, outcomes, ell, rule))).toBe(true);
    if (ell === 1) expect(eqAll(singleScores(prompt, model, rule), prompt.responses.map((_, y) => bruteScore(prompt, outcomes, [y], rule)))).toBe(true);
  });

  const mixArb = fc.record({
    profile: luceRecordArb({ maxResponses: 4, maxUsers: 3, kinds: 'mixed' }),
    parts: fc.array(fc.record({ w: fc.integer({ min: 1, max: 3 }), policy: policyWeightsArb(4, 3) }), { minLength: 1, maxLength: 3 }),
    k: fc.integer({ min: 1, max: 3 }),
    ell: fc.integer({ min: 1, max: 2 }),
  });
  test.prop([mixArb], params(200))('mixtures of products against ℓ-output opponents, and T5’s identity', ({ profile, parts, k, ell }) => {
    const prompt = lucePromptFromRecord(profile);
    const total = parts.reduce((a, p) => a + p.w, 0);
    const mix = parts.map((p) => ({ weight: frac(p.w, total), probs: policyFromWeights(p.policy, profile.n) }));
    const outs = mix.flatMap((p) => productOutcomes(p.probs, k).map((o) => ({ items: o.items, prob: o.prob.mul(p.weight) })));
    const model = { kind: 'mixture', k, parts: mix } as const;
    for (const T of tuples(profile.n, ell)) expect(opponentScore(prompt, model, T, 'uniform').equals(bruteScore(prompt, outs, T, 'uniform'))).toBe(true);
    expect(bestOpponent(prompt, model, ell).score.equals(bruteBestScore(prompt, outs, ell, 'uniform'))).toBe(true);
  });
});

describe('branch and bound over multisets with Luce types = enumeration', () => {
  const arb = fc.record({
    profile: luceRecordArb({ maxResponses: 5, maxUsers: 3, maxStrength: 9, kinds: 'mixed' }),
    q: fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 5, maxLength: 5 }),
    size: fc.integer({ min: 1, max: 4 }),
    threshold: fc.option(fc.integer({ min: 0, max: 30 }), { nil: undefined }),
  });
  test.prop([arb], params(300))('a concave objective of the strength sums, plain and submodular bounds', ({ profile, q, size, threshold }) => {
    const prompt = lucePromptFromRecord(profile);
    const n = profile.n;
    // Σ_y q_y·WR_θ(S, y)·L exactly (L = lcm(1..60) divides every a + s_y and c + 1): for a Luce type
    // s/(s + s_y), concave in s; for a ranking type the uniform rule's win — monotone DR-submodular (T3's pricing)
    let L = 1n;
    for (let i = 2n; i <= 60n; i++) L = (L * i) / gcd(L, i);
    const f = (ui: number, a: number, c: number): bigint => {
      const u = prompt.users[ui];
      let v = 0n;
      for (let y = 0; y < n; y++) {
        if (u.kind === 'luce') v += (BigInt(q[y] * a) * L) / BigInt(a + u.ints[y]);
        else v += BigInt(q[y]) * (u.rank[y] > a ? L : u.rank[y] === a ? (L * BigInt(c)) / BigInt(c + 1) : 0n);
      }
      return v;
    };
    let best = -1n;
    searchMultisets(prompt.users, n, size, f, { prune: false, onLeaf: (_, v) => (v > best ? (best = v) : 0) });
    expect(searchMultisets(prompt.users, n, size, f).value).toBe(best);
    expect(searchMultisets(prompt.users, n, size, f, { submodular: true }).value).toBe(best);
    if (threshold !== undefined) {
      const t = (BigInt(threshold) * L) / 2n;
      for (const o of [{}, { submodular: true }, { submodular: true, anyAbove: true }]) {
        const r = searchMultisets(prompt.users, n, size, f, { threshold: t, ...o });
        if ('anyAbove' in o) expect(best > t ? r.value > t : r.value === t).toBe(true);
        else expect(r.value).toBe(best > t ? best : t);
      }
    }
  });
});

describe('T6 union bound and T8 rule order with Luce and mixed types', () => {
  const arb = fc.record({
    profile: luceRecordArb({ maxResponses: 4, maxUsers: 3, maxDen: 2, kinds: 'mixed' }),
    policy: policyWeightsArb(4, 5),
    k: fc.integer({ min: 1, max: 6 }),
    ell: fc.integer({ min: 1, max: 3 }),
  });
  test.prop([arb], params(300))('rob_{k,ℓ}(π^{⊗k}) ≥ (k+1−ℓ)/(k+1) − ℓ·ε(π); WR_mwt ≥ WR_uniform ≥ WR_pairwise against single responses', ({ profile, policy, k, ell }) => {
    const prompt = lucePromptFromRecord(profile);
    const probs = policyFromWeights(policy, profile.n);
    const U = productScores(prompt, probs, k);
    const eps = U.reduce((a, b) => (b.gt(a) ? b : a)).sub(frac(1, k + 1));
    const best = bestOpponent(prompt, { kind: 'product', k, probs }, ell);
    expect(ONE.sub(best.score).gte(frac(k + 1 - ell, k + 1).sub(eps.mul(frac(ell))))).toBe(true);
    const m = productScores(prompt, probs, k, 'model-wins-ties');
    const p = productScores(prompt, probs, k, 'pairwise');
    U.forEach((u, y) => expect(m[y].lte(u) && u.lte(p[y])).toBe(true)); // opponent scores: the reverse order
  });
});

describe('branch and bound with Luce types: the plain bound on arbitrary monotone objectives = enumeration', () => {
  // monotone, neither concave nor greedy-friendly: per Luce type a random nondecreasing step function of the
  // strength sum; per ranking type (numTiers − tier)·1000 + copies
  const arb = fc.record({
    profile: luceRecordArb({ maxResponses: 6, maxUsers: 3, maxStrength: 7, kinds: 'mixed' }),
    steps: fc.array(fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 40, maxLength: 40 }), { minLength: 3, maxLength: 3 }),
    size: fc.integer({ min: 1, max: 5 }),
    threshold: fc.option(fc.integer({ min: 0, max: 2000 }), { nil: undefined }),
  });
  test.prop([arb], params(400))('best value and threshold', ({ profile, steps, size, threshold }) => {
    const prompt = lucePromptFromRecord(profile);
    const cum = steps.map((st) => {
      const c = [0n];
      st.forEach((v, i) => c.push(c[i] + BigInt(v * v)));
      return c;
    });
    const f = (ui: number, a: number, c: number): bigint => {
      const u = prompt.users[ui];
      return u.kind === 'luce' ? cum[ui][Math.min(a, 40)] : BigInt((u.numTiers - a) * 1000 + c);
    };
    let best = -1n;
    searchMultisets(prompt.users, profile.n, size, f, { prune: false, onLeaf: (_, v) => (v > best ? (best = v) : 0) });
    expect(searchMultisets(prompt.users, profile.n, size, f).value).toBe(best);
    if (threshold !== undefined) {
      const t = BigInt(threshold);
      expect(searchMultisets(prompt.users, profile.n, size, f, { threshold: t }).value).toBe(best > t ? best : t);
    }
  });
});

describe('branch and bound with Luce types: the submodular bound on budget-additive objectives = enumeration', () => {
  // per Luce type w_θ·min(s, cap_θ): concave and increasing in the strength sum (monotone DR-submodular), and
  // greedy is often wrong on it
  const arb = fc.record({
    profile: luceRecordArb({ maxResponses: 6, maxUsers: 4, maxStrength: 9, kinds: 'luce' }),
    caps: fc.array(fc.integer({ min: 1, max: 30 }), { minLength: 4, maxLength: 4 }),
    ws: fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 4, maxLength: 4 }),
    size: fc.integer({ min: 1, max: 5 }),
  });
  test.prop([arb], params(400))('best value, with and without threshold', ({ profile, caps, ws, size }) => {
    const prompt = lucePromptFromRecord(profile);
    const f = (ui: number, a: number) => BigInt(ws[ui] * Math.min(a, caps[ui]));
    let best = -1n;
    searchMultisets(prompt.users, profile.n, size, f, { prune: false, onLeaf: (_, v) => (v > best ? (best = v) : 0) });
    expect(searchMultisets(prompt.users, profile.n, size, f, { submodular: true }).value).toBe(best);
    const t = best - 1n;
    expect(searchMultisets(prompt.users, profile.n, size, f, { submodular: true, threshold: t }).value).toBe(best);
  });
});

describe('Luce budgets: refused with one line naming the budget, before the shares are computed', () => {
  it('terms, denominator bits and distinct sums', () => {
    const prompt = makePrompt(['a', 'b', 'c'], [{ weight: ONE, strengths: [frac(1), frac(2), frac(3)] }]);
    const pi = [frac(1, 3), frac(1, 3), frac(1, 3)];
    const saved = { ...LUCE_BUDGET };
    try {
      for (const [b, re] of [
        [{ terms: 10 }, /more terms c_x·t\/\(t \+ x\) \(over 10\) is above the budget of 10 \(raise it with UALIGN_LUCE_TERMS\)/],
        [{ lcmBits: 8 }, /lcm\{t \+ x\} of the exact shares \(about \d+ bits\) is above the budget of 8 \(raise it with UALIGN_LUCE_LCM_BITS\)/],
        [{ sums: 5 }, /over 5\) is above the budget of 5 \(raise it with UALIGN_LUCE_SUMS\)/],
      ] as const) {
        setLuceBudget(b);
        expect(() => productScores(prompt, pi, 4)).toThrow(InputError);
        expect(() => productScores(prompt, pi, 4)).toThrow(re);
        setLuceBudget(saved);
      }
      expect(productScores(prompt, pi, 4)).toHaveLength(3);
    } finally {
      setLuceBudget(saved);
    }
  });
});

describe('strength sums of one Luce type (SPEC §4b): outcomes, values, mixtures, the injected fault', () => {
  const luceOf = (strengths: number[]): LuceType => {
    const u = makePrompt(strengths.map((_, y) => `r${y}`), [{ weight: ONE, strengths: strengths.map((x) => frac(x)) }]).users[0];
    if (u.kind !== 'luce') throw new Error('not a Luce type');
    return u;
  };

  it('outcomeSumDist: s(S) of each outcome with mass q > 0, merged by sum, ascending', () => {
    const u = luceOf([3, 1, 2]);
    // s({0,0}) = 6 (q 2), s({1}) = 1 (q 0, absent), s({2,1}) = 3 (q 5), s({1,1}) = 2 (q 1), s({0}) = 3 (q 4)
    const outs = [{ items: [0, 0] }, { items: [1] }, { items: [2, 1] }, { items: [1, 1] }, { items: [0] }];
    expect(outcomeSumDist(u, outs, [2n, 0n, 5n, 1n, 4n])).toEqual({ sums: [2, 3, 6], coef: [1n, 9n, 2n] });
  });

  it('distinctValues: the distinct strengths, ascending', () => {
    expect(distinctValues(luceOf([3, 1, 3, 2, 1]))).toEqual([1, 2, 3]);
    expect(distinctValues(luceOf([5, 4, 2]))).toEqual([2, 4, 5]);
  });

  it('combineDists: Σ_t c_t·X_t, ascending, sums of mass 0 dropped (scale 0); one part scaled by c', () => {
    const X = { sums: [1, 4], coef: [2n, 1n] };
    expect(combineDists([{ dist: X, scale: 3n }])).toEqual({ sums: [1, 4], coef: [6n, 3n] });
    expect(combineDists([{ dist: X, scale: 1n }])).toEqual(X);
    const parts = [
      { dist: { sums: [5], coef: [3n] }, scale: 1n },
      { dist: { sums: [1, 9], coef: [1n, 4n] }, scale: 0n },
      { dist: { sums: [1, 3], coef: [1n, 2n] }, scale: 2n },
    ];
    expect(combineDists(parts)).toEqual({ sums: [1, 3, 5], coef: [2n, 4n, 3n] });
  });

  it('the luce-sum-short fault: k − 1 draws kept over D^k for k ≥ 2, exact for k = 1 (enumeration)', () => {
    const u = luceOf([1, 2, 2, 5]);
    const p = [1n, 2n, 0n, 3n]; // D = 6
    // coefficients of (Σ_y p_y z^{s_y})^j by enumeration of ordered j-tuples
    const draws = (j: number): Map<number, bigint> => {
      let cur = new Map<number, bigint>([[0, 1n]]);
      for (let step = 0; step < j; step++) {
        const next = new Map<number, bigint>();
        for (const [x, c] of cur) p.forEach((py, y) => py !== 0n && next.set(x + u.ints[y], (next.get(x + u.ints[y]) ?? 0n) + c * py));
        cur = next;
      }
      return cur;
    };
    const asDist = (m: Map<number, bigint>, scale: bigint) => {
      const sums = [...m.keys()].sort((a, b) => a - b);
      return { sums, coef: sums.map((x) => m.get(x)! * scale) };
    };
    const prev = setFault('luce-sum-short');
    try {
      expect(strengthSumDist(u, p, 1)).toEqual(asDist(draws(1), 1n));
      for (const k of [2, 3]) expect(strengthSumDist(u, p, k)).toEqual(asDist(draws(k - 1), 6n));
    } finally {
      setFault(prev);
    }
    for (const k of [1, 2, 3]) expect(strengthSumDist(u, p, k)).toEqual(asDist(draws(k), 1n));
  });

  it('luceScoreNumerators: one numerator per response, Σ_θ a_θ U_θ(y) = num[y]/(L·D^k) (enumeration of Y^k)', () => {
    const strengths = [[1, 2, 4], [3, 1, 1]];
    const prompt = makePrompt(['a', 'b', 'c'], strengths.map((s) => ({ weight: ONE, strengths: s.map((x) => frac(x)) })));
    const a = [2n, 3n];
    const p = [1n, 2n, 3n];
    const k = 2;
    const { num, L } = luceScoreNumerators(prompt.users, a, p, k);
    expect(num).toHaveLength(3);
    for (let y = 0; y < 3; y++) {
      let want = ZERO;
      strengths.forEach((s, ui) => {
        for (const z1 of [0, 1, 2]) for (const z2 of [0, 1, 2]) want = want.add(frac(a[ui] * p[z1] * p[z2], 36n).mul(frac(s[y], s[y] + s[z1] + s[z2])));
      });
      expect(frac(num[y], L * 36n).equals(want)).toBe(true);
    }
  });
});

describe('the common denominator L = lcm{t + x} and its quotients L/d', () => {
  it('denominators spread past 2^20 (sparse quotients): L = lcm{1, 6, 2^33}', () => {
    const den = new ShareDenominator();
    for (const d of [1, 6, 2 ** 33]) den.add(d);
    expect(den.L).toBe(3n * 2n ** 33n);
    expect([1, 6, 2 ** 33].map((d) => den.over(d))).toEqual([3n * 2n ** 33n, 2n ** 32n, 3n]);
  });

  it('large denominators of small spread (dense quotients): L = lcm{2^31, 2^31 + 1} = 2^31·(2^31 + 1)', () => {
    const den = new ShareDenominator();
    for (const d of [2 ** 31 + 1, 2 ** 31]) den.add(d);
    expect(den.L).toBe(2n ** 31n * (2n ** 31n + 1n));
    expect(den.over(2 ** 31)).toBe(2n ** 31n + 1n);
    expect(den.over(2 ** 31 + 1)).toBe(2n ** 31n);
  });

  it('L is fixed once read: adding a denominator afterwards is an internal error, and L and L/d stay as they were', () => {
    for (const read of [(den: ShareDenominator) => den.L, (den: ShareDenominator) => den.over(4)]) {
      const den = new ShareDenominator();
      for (const d of [4, 6]) den.add(d);
      read(den);
      expect(() => den.add(5)).toThrow('ShareDenominator: a denominator added after L was fixed');
      expect(den.L).toBe(12n);
      expect([den.over(4), den.over(6)]).toEqual([3n, 2n]);
    }
  });
});
