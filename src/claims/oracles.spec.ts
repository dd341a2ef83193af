// The claims' second opinions (oracles.ts) against the tests' brute force (test/oracles) and the kernels they check.
import { test } from '@fast-check/vitest';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Fraction, frac, HALF, ONE, ZERO, sumOf } from '../exact/rational.js';
import { makePrompt } from '../model/build.js';
import { productScores } from '../winrate/product.js';
import { RULES } from '../winrate/rules.js';
import { pairwiseMatrix } from '../winrate/pairwise.js';
import { promptBestKOutput } from '../equilibria/bestKOutput.js';
import { policyFromWeights, policyWeightsArb, profileRecordArb, promptFromRecord } from '../instances/arbitraries.js';
import { bruteBestScore, bruteScore, prefer, productOutcomes, ruleScore, tuples, typeScore } from '../../test/oracles/bruteforce.js';
import { lucePromptFromRecord, luceRecordArb } from '../instances/luce.js';
import { opponentCaseArb, params } from '../../test/helpers/fc.js';
import { setFault } from '../winrate/faults.js';
import {
  bestOpponentByDirectEnumeration,
  bestOpponentByEnumeration,
  directRobustness,
  directScores,
  distributionOf,
  explicitWork,
  lotteryPreference,
  lotteryWinRates,
  mixtureDistribution,
  multisetCountOf,
  multisetsOf,
  opponentScoreByDefinition,
  preferenceByDefinition,
  productDistribution,
  ruleScoreOf,
  luceScoreOf,
  scaledStrengths,
  shareExpectation,
  strengthSumByConvolution,
  typeScoreOf,
  vkByFullLP,
  vkCertificateByDefinition,
} from './oracles.js';

const eqAll = (a: readonly Fraction[], b: readonly Fraction[]) => a.length === b.length && a.every((x, i) => x.equals(b[i]));
const small = opponentCaseArb(profileRecordArb({ maxResponses: 4, maxUsers: 3, empty: true }), { maxN: 4, maxWeight: 3, maxK: 3, ell: [1, 3] });

describe('multisets', () => {
  it('multisetsOf lists C(n+k−1, k) sorted, distinct multisets in lexicographic order', () => {
    for (const [n, k] of [
      [1, 1],
      [1, 4],
      [3, 2],
      [4, 3],
      [2, 5],
    ]) {
      const all = multisetsOf(n, k);
      expect(all.length).toBe(multisetCountOf(n, k));
      expect(new Set(all.map((s) => s.join(','))).size).toBe(all.length);
      for (const s of all) {
        expect(s.length).toBe(k);
        expect(s.every((y, i) => y >= 0 && y < n && (i === 0 || s[i - 1] <= y))).toBe(true);
      }
      for (let i = 1; i < all.length; i++) expect(all[i - 1].join(',') < all[i].join(',')).toBe(true);
    }
    expect(multisetsOf(3, 2)).toEqual([
      [0, 0],
      [0, 1],
      [0, 2],
      [1, 1],
      [1, 2],
      [2, 2],
    ]);
    expect(multisetsOf(0, 2)).toEqual([]);
    expect(multisetCountOf(30, 4)).toBe(40920); // SPEC §6
  });

  it('explicitWork grows with the count, k and the bits of the denominators', () => {
    const p = [[frac(1, 2), frac(1, 2)]];
    const q = [[frac(1, 1024), frac(1023, 1024)]];
    expect(explicitWork(10, p, 1)).toBeLessThan(explicitWork(10, p, 8));
    expect(explicitWork(10, p, 4)).toBeLessThan(explicitWork(10, q, 4));
    expect(explicitWork(10, p, 4)).toBeLessThan(explicitWork(20, p, 4));
    expect(explicitWork(10, p, 1)).toBeGreaterThanOrEqual(10);
  });
});

describe('distributions over k-multisets (SPEC §1)', () => {
  test.prop([small], params(150))('π^{⊗k} written out = the ordered tuples of the brute force, merged by multiset', ({ profile, policy, k }) => {
    const probs = policyFromWeights(policy, profile.n);
    const dist = productDistribution(probs, k);
    expect(sumOf(dist.map((o) => o.prob)).equals(ONE)).toBe(true);
    const merged = new Map<string, Fraction>();
    for (const o of productOutcomes(probs, k)) {
      const key = [...o.items].sort((a, b) => a - b).join(',');
      merged.set(key, (merged.get(key) ?? ZERO).add(o.prob));
    }
    expect(dist.length).toBe(merged.size);
    for (const o of dist) expect(o.prob.equals(merged.get(o.items.join(','))!)).toBe(true);
  });

  it('a mixture is the weighted sum of its products; distributionOf reads every model kind', () => {
    const p1 = [frac(1, 3), frac(2, 3)];
    const p2 = [ONE, ZERO];
    const mix = mixtureDistribution(
      [
        { weight: frac(1, 4), probs: p1 },
        { weight: frac(3, 4), probs: p2 },
      ],
      2,
    );
    // P({a,a}) = 1/4·1/9 + 3/4, P({a,b}) = 1/4·4/9, P({b,b}) = 1/4·4/9
    expect(mix.map((o) => [o.items.join(','), o.prob.toFraction()])).toEqual([
      ['0,0', '7/9'],
      ['0,1', '1/9'],
      ['1,1', '1/9'],
    ]);
    expect(distributionOf({ kind: 'mixture', k: 2, parts: [{ weight: ONE, probs: p2 }] })).toEqual([{ items: [0, 0], prob: ONE }]);
    const outs = [{ items: [0, 1], prob: ONE }];
    expect(distributionOf({ kind: 'outcomes', k: 2, outcomes: outs })).toBe(outs);
    expect(distributionOf({ kind: 'product', k: 1, probs: p1 }).map((o) => o.prob.toFraction())).toEqual(['1/3', '2/3']);
  });
});

describe('the rules by definition (SPEC §2) = the brute force', () => {
  test.prop([small], params(100))("one type's score and the expected score of every ℓ-multiset; the best one", ({ profile, policy, k, ell, rule }) => {
    const prompt = promptFromRecord(profile);
    const probs = policyFromWeights(policy, profile.n);
    const dist = productDistribution(probs, k);
    const outs = productOutcomes(probs, k);
    for (const T of tuples(profile.n, ell)) {
      for (const u of prompt.users) if (u.kind === 'ranking') for (const S of tuples(profile.n, k)) expect(ruleScoreOf(u.rank, S, T, rule).equals(ruleScore(u.rank, S, T, rule))).toBe(true);
      expect(opponentScoreByDefinition(prompt, dist, T, rule).equals(bruteScore(prompt, outs, T, rule))).toBe(true);
    }
    const best = bestOpponentByEnumeration(prompt, dist, ell, rule);
    expect(best.score.equals(bruteBestScore(prompt, outs, ell, rule))).toBe(true);
    expect(opponentScoreByDefinition(prompt, dist, best.items, rule).equals(best.score)).toBe(true);
  });

  it('hand values: unanimous a ≻ b, S = {a}, T = {a, a}', () => {
    const rank = Int32Array.from([0, 1]);
    expect(ruleScoreOf(rank, [0], [0, 0], 'uniform').toFraction()).toBe('2/3');
    expect(ruleScoreOf(rank, [0], [0, 0], 'pairwise').toFraction()).toBe('1/2');
    expect(ruleScoreOf(rank, [0], [0, 0], 'model-wins-ties').toFraction()).toBe('0');
    expect(ruleScoreOf(rank, [1, 1], [0], 'model-wins-ties').toFraction()).toBe('1');
    expect(ruleScoreOf(rank, [0, 1], [1], 'pairwise').toFraction()).toBe('0');
    expect(ruleScoreOf(rank, [1], [0, 1], 'uniform').toFraction()).toBe('1');
  });

  test.prop([small], params(200))('P(y ≻ z) and P(π ≻ z) by definition = the brute force = the margin matrix', ({ profile, policy }) => {
    const prompt = promptFromRecord(profile);
    const P = pairwiseMatrix(prompt);
    for (let y = 0; y < profile.n; y++)
      for (let z = 0; z < profile.n; z++) {
        expect(preferenceByDefinition(prompt, y, z).equals(prefer(prompt, y, z))).toBe(true);
        expect(preferenceByDefinition(prompt, y, z).equals(P[y][z])).toBe(true);
      }
    const pi = policyFromWeights(policy, profile.n);
    const w = lotteryWinRates(prompt, pi);
    for (let z = 0; z < profile.n; z++) expect(w[z].equals(sumOf(pi.map((p, y) => p.mul(P[y][z]))))).toBe(true);
    const other = policyFromWeights([...policy].reverse(), profile.n);
    expect(lotteryPreference(prompt, pi, other).equals(sumOf(other.map((q, z) => q.mul(w[z]))))).toBe(true);
    expect(lotteryPreference(prompt, pi, pi).equals(HALF)).toBe(true);
  });
});

describe('the direct expectation (tables.ts) = the closed forms (product.ts)', () => {
  test.prop([small], params(200))('every rule, every y; rob is 1 − the largest score', ({ profile, policy, k, rule }) => {
    const prompt = promptFromRecord(profile);
    const probs = policyFromWeights(policy, profile.n);
    const d = directScores(prompt, { kind: 'product', k, probs }, rule);
    expect(eqAll(d, productScores(prompt, probs, k, rule))).toBe(true);
    const pr = { prompts: [{ weight: ONE, prompt }] };
    const r = directRobustness(pr, [{ kind: 'product', k, probs }], rule);
    const mx = d.reduce((a, b) => (b.gt(a) ? b : a));
    expect(r.robustness.equals(ONE.sub(mx))).toBe(true);
    expect(r.perPrompt).toHaveLength(1);
  });

  it('ρ-averages the prompts', () => {
    const a = makePrompt(['a', 'b'], [{ weight: ONE, tiers: [['a'], ['b']] }]);
    const pr = { prompts: [{ weight: frac(1, 4), prompt: a }, { weight: frac(3, 4), prompt: a }] };
    const r = directRobustness(pr, [{ kind: 'product', k: 1, probs: [ONE, ZERO] }, { kind: 'product', k: 1, probs: [ZERO, ONE] }], 'uniform');
    // δ_a: worst opponent a, WR 1/2; δ_b: worst opponent a, WR 0
    expect(r.perPrompt.map((v) => v.toFraction())).toEqual(['1/2', '0']);
    expect(r.robustness.toFraction()).toBe('1/8');
  });
});

describe('V_k second opinions (SPEC T3)', () => {
  const vk = fc.record({ profile: profileRecordArb({ maxResponses: 3, maxUsers: 3, empty: true }), k: fc.integer({ min: 1, max: 3 }), rule: fc.constantFrom(...RULES) });
  test.prop([vk], params(60))('the LP over all k-multisets and the certificate by definition give V_k of column generation', ({ profile, k, rule }) => {
    const prompt = promptFromRecord(profile);
    const v = promptBestKOutput(prompt, k, rule);
    expect(vkByFullLP(prompt, k, rule).equals(v.value)).toBe(true);
    const c = vkCertificateByDefinition(prompt, k, rule, v.outcomes, v.opponent, true);
    expect(c.modelValue.equals(v.value)).toBe(true);
    expect(c.opponentValue!.equals(v.value)).toBe(true);
    expect(c.qIsDistribution).toBe(true);
    expect(vkCertificateByDefinition(prompt, k, rule, v.outcomes, v.opponent, false).opponentValue).toBeNull();
  });

  it('a wrong certificate is seen: a worse model, an opponent that is no distribution', () => {
    const prompt = makePrompt(['a', 'b', 'c'], [{ weight: ONE, tiers: [['a'], ['b'], ['c']] }]);
    const v = promptBestKOutput(prompt, 2, 'uniform');
    expect(v.value.toFraction()).toBe('2/3');
    const worse = vkCertificateByDefinition(prompt, 2, 'uniform', [{ items: [1, 1], prob: ONE }], v.opponent, true);
    expect(worse.modelValue.lt(v.value)).toBe(true);
    const q = v.opponent.map((x, y) => (y === 0 ? x.add(frac(1, 7)) : x));
    expect(vkCertificateByDefinition(prompt, 2, 'uniform', v.outcomes, q, false).qIsDistribution).toBe(false);
    const neg = v.opponent.map((x, y) => (y === 0 ? x.add(ONE) : y === 1 ? x.sub(ONE) : x));
    expect(vkCertificateByDefinition(prompt, 2, 'uniform', v.outcomes, neg, false).qIsDistribution).toBe(false);
    expect(vkCertificateByDefinition(prompt, 2, 'uniform', v.outcomes, [ONE], false).qIsDistribution).toBe(false);
    // a uniform opponent: some pair {a, a} wins more against it than V_k
    const u = vkCertificateByDefinition(prompt, 2, 'uniform', v.outcomes, [frac(1, 3), frac(1, 3), frac(1, 3)], true);
    expect(u.opponentValue!.gt(v.value)).toBe(true);
  });
});

// Luce types (SPEC §4b): the convolution second opinions against the brute force (Luce's rule on every ordered
// tuple of Y^k, strengths as given) and against the kernels they check (the power recurrence of winrate/luce.ts).
describe('Luce and mixed profiles: the convolution = the brute force = the kernels', () => {
  const lrec = (kinds: 'luce' | 'mixed') =>
    fc.record({
      profile: luceRecordArb({ maxResponses: 3, maxUsers: 3, maxDen: 3, maxStrength: 7, kinds }),
      policy: policyWeightsArb(3, 3),
      q: policyWeightsArb(3, 3),
      k: fc.integer({ min: 1, max: 3 }),
      ell: fc.integer({ min: 1, max: 3 }),
      rule: fc.constantFrom(...RULES),
    });
  for (const kinds of ['luce', 'mixed'] as const) {
    test.prop([lrec(kinds)], params(80))(`${kinds}: U_k, rob, the best ℓ-opponent, mixtures, explicit σ`, ({ profile, policy, q, k, ell, rule }) => {
      const prompt = lucePromptFromRecord(profile);
      const n = profile.n;
      const probs = policyFromWeights(policy, n);
      const outs = productOutcomes(probs, k);
      const direct = directScores(prompt, { kind: 'product', k, probs }, rule);
      direct.forEach((d, y) => expect(d.equals(bruteScore(prompt, outs, [y], rule))).toBe(true));
      expect(eqAll(direct, productScores(prompt, probs, k, rule))).toBe(true);
      const best = bestOpponentByDirectEnumeration(prompt, { kind: 'product', k, probs }, ell, rule);
      expect(best.score.equals(bruteBestScore(prompt, outs, ell, rule))).toBe(true);
      expect(best.score.equals(bruteScore(prompt, outs, best.items, rule))).toBe(true);
      // a mixture of two products, and an explicit σ (the same mixture written out over k-multisets)
      const other = policyFromWeights(q, n);
      const parts = [
        { weight: frac(1, 3), probs },
        { weight: frac(2, 3), probs: other },
      ];
      const mix = directScores(prompt, { kind: 'mixture', k, parts }, rule);
      const mixOuts = [...outs.map((o) => ({ ...o, prob: o.prob.mul(frac(1, 3)) })), ...productOutcomes(other, k).map((o) => ({ ...o, prob: o.prob.mul(frac(2, 3)) }))];
      mix.forEach((d, y) => expect(d.equals(bruteScore(prompt, mixOuts, [y], rule))).toBe(true));
      const explicit = directScores(prompt, { kind: 'outcomes', k, outcomes: mixtureDistribution(parts, k) }, rule);
      expect(eqAll(explicit, mix)).toBe(true);
      const pr = { prompts: [{ weight: ONE, prompt }] };
      expect(directRobustness(pr, [{ kind: 'product', k, probs }], rule).robustness.equals(ONE.sub(direct.reduce((a, b) => (b.gt(a) ? b : a))))).toBe(true);
      // P(y ≻ z) by definition (Luce's s(y)/(s(y)+s(z))) = the brute force = the margin matrix
      const P = pairwiseMatrix(prompt);
      for (let y = 0; y < n; y++)
        for (let z = 0; z < n; z++) {
          expect(preferenceByDefinition(prompt, y, z).equals(prefer(prompt, y, z))).toBe(true);
          expect(preferenceByDefinition(prompt, y, z).equals(P[y][z])).toBe(true);
        }
    });
  }

  test.prop([lrec('mixed')], params(60))("Luce's rule by definition = the brute force, every type and every S, T", ({ profile, k, ell, rule }) => {
    const prompt = lucePromptFromRecord(profile);
    for (const u of prompt.users)
      for (const S of tuples(profile.n, k)) for (const T of tuples(profile.n, ell)) expect(typeScoreOf(u, S, T, rule).equals(typeScore(u, S, T, rule))).toBe(true);
  });

  it('hand values: X of two draws, E[t/(t + X)], scaled strengths', () => {
    // strengths 1/2, 3/2 → 1, 3; π = (1/4, 3/4), k = 2: X ∈ {2, 4, 6} with 1/16, 6/16, 9/16
    const s = scaledStrengths([frac(1, 2), frac(3, 2)]);
    expect(s).toEqual([1n, 3n]);
    const d = strengthSumByConvolution(s, { kind: 'product', k: 2, probs: [frac(1, 4), frac(3, 4)] });
    expect([...d.num.entries()].map(([x, c]) => [Number(x), frac(c, d.den).toFraction()])).toEqual([
      [2, '1/16'],
      [4, '3/8'],
      [6, '9/16'],
    ]);
    // E[1/(1 + X)] = 1/16·1/3 + 3/8·1/5 + 9/16·1/7
    expect(shareExpectation(d, 1n).equals(frac(1, 48).add(frac(3, 40)).add(frac(9, 112)))).toBe(true);
    // numerators over D^k, D = lcm(4, 4) = 4
    expect(d.den).toBe(16n);
    // an explicit σ: over lcm(2, 4, 4, 1) = 4, the support only (the 0-probability {b, c}, sum 8, is left out)
    const o = strengthSumByConvolution([1n, 3n, 5n], {
      kind: 'outcomes',
      k: 2,
      outcomes: [
        { items: [0, 0], prob: frac(1, 2) },
        { items: [0, 1], prob: frac(1, 4) },
        { items: [1, 1], prob: frac(1, 4) },
        { items: [1, 2], prob: ZERO },
      ],
    });
    expect(o.den).toBe(4n);
    expect([...o.num.entries()]).toEqual([
      [2n, 2n],
      [4n, 1n],
      [6n, 1n],
    ]);
    expect(luceScoreOf([frac(1), frac(3)], [0, 0], [1]).toFraction()).toBe('3/5');
    // the Luce two camps M = 10, δ = 1/10, k = 2: U_2(b; δ_a) = (3/5)/21 + (2/5)·10/12 = 38/105 (SPEC §4b)
    const camp = makePrompt(['a', 'b'], [
      { weight: frac(3, 5), strengths: [frac(10), ONE] },
      { weight: frac(2, 5), strengths: [ONE, frac(10)] },
    ]);
    expect(directScores(camp, { kind: 'product', k: 2, probs: [ONE, ZERO] }, 'uniform')[1].toFraction()).toBe('38/105');
  });

  // The convolution shares no code with the Luce kernel (luce.ts, through tables.ts): with the kernel's strength
  // sum cut to k − 1 draws, the second opinions still give the hand values. Mixed types a ≻ b (½) and Luce
  // s = (1, 2) (½), σ = δ_a^{⊗2}, so S = {a, a}, s(S) = 2; the cut kernel would see s(S) = 1.
  it('independent of the Luce kernel: hand values with the kernel faulted (luce-sum-short)', () => {
    const mixed = makePrompt(['a', 'b'], [
      { weight: frac(1, 2), tiers: [['a'], ['b']] },
      { weight: frac(1, 2), strengths: [ONE, frac(2)] },
    ]);
    const camp = makePrompt(['a', 'b'], [
      { weight: frac(3, 5), strengths: [frac(10), ONE] },
      { weight: frac(2, 5), strengths: [ONE, frac(10)] },
    ]);
    const delta = { kind: 'product' as const, k: 2, probs: [ONE, ZERO] };
    const prev = setFault('luce-sum-short');
    try {
      // the faulted kernel is wrong here
      expect(productScores(mixed, [ONE, ZERO], 2, 'uniform').map((v) => v.toFraction())).not.toEqual(['1/3', '1/4']);
      // a: ½·1/3 (a shares with 2 a's) + ½·1/(1+2); b: ½·0 + ½·2/(2+2)
      expect(directScores(mixed, delta, 'uniform').map((v) => v.toFraction())).toEqual(['1/3', '1/4']);
      expect(directScores(mixed, { kind: 'mixture', k: 2, parts: [{ weight: ONE, probs: [ONE, ZERO] }] }, 'uniform').map((v) => v.toFraction())).toEqual(['1/3', '1/4']);
      expect(directRobustness({ prompts: [{ weight: ONE, prompt: mixed }] }, [delta], 'uniform').robustness.toFraction()).toBe('2/3');
      // ℓ = 2: {a,a} ½·2/4 + ½·2/4 = 1/2, {a,b} ½·1/3 + ½·3/5 = 7/15, {b,b} 0 + ½·4/6 = 1/3
      const best = bestOpponentByDirectEnumeration(mixed, delta, 2, 'uniform');
      expect([best.items, best.score.toFraction()]).toEqual([[0, 0], '1/2']);
      // the Luce two camps (SPEC §4b): U_2(a; δ_a) = 10/30·3/5 + 1/3·2/5 = 1/3, U_2(b; δ_a) = 38/105, rob = 67/105
      expect(directScores(camp, delta, 'uniform').map((v) => v.toFraction())).toEqual(['1/3', '38/105']);
      expect(directRobustness({ prompts: [{ weight: ONE, prompt: camp }] }, [delta], 'uniform').robustness.toFraction()).toBe('67/105');
    } finally {
      setFault(prev);
    }
  });
});
