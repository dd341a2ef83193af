// ℓ-output opponents against products, explicit k-output models and mixtures of products (SPEC §2),
// against brute-force enumeration (test/oracles); the mixture table against its explicit expansion (T5's σ_T).
import { test } from '@fast-check/vitest';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Fraction, frac } from '../exact/rational.js';
import { makeKOutput, singlePrompt } from '../model/build.js';
import { bestOpponent, opponentScore, robustness, robustnessOf, singleScores, winRate } from './opponents.js';
import { RULES } from './rules.js';
import { exactRegret, expandMixture, mixtureOfProducts } from '../equilibria/dynamics.js';
import { outcomesArb, policyFromWeights, policyWeightsArb, profileRecordArb, promptFromRecord } from '../instances/arbitraries.js';
import { bruteBestScore, bruteScore, productOutcomes, tuples } from '../../test/oracles/bruteforce.js';
import { opponentCaseArb, params } from '../../test/helpers/fc.js';

const eqAll = (a: Fraction[], b: Fraction[]) => a.length === b.length && a.every((x, i) => x.equals(b[i]));

describe('opponents = brute force (SPEC §2)', () => {
  const ellArb = opponentCaseArb(profileRecordArb({ maxResponses: 4, maxUsers: 3 }), { maxN: 4, maxWeight: 3, maxK: 3, ell: [1, 3] });

  test.prop([ellArb], params(600))('ℓ-output opponents against π^{⊗k}: every multiset and the best one', ({ profile, policy, k, ell, rule }) => {
    const prompt = promptFromRecord(profile);
    const probs = policyFromWeights(policy, profile.n);
    const model = { kind: 'product', k, probs } as const;
    const outs = productOutcomes(probs, k);
    for (const T of tuples(profile.n, ell)) expect(opponentScore(prompt, model, T, rule).equals(bruteScore(prompt, outs, T, rule))).toBe(true);
    expect(bestOpponent(prompt, model, ell, rule).score.equals(bruteBestScore(prompt, outs, ell, rule))).toBe(true);
  });

  const outArb = fc
    .record({
      profile: profileRecordArb({ maxResponses: 4, maxUsers: 3 }),
      k: fc.integer({ min: 1, max: 3 }),
      ell: fc.integer({ min: 1, max: 3 }),
      rule: fc.constantFrom(...RULES),
    })
    .chain((r) => outcomesArb(r.profile.n, r.k).map((outcomes) => ({ ...r, outcomes })));

  test.prop([outArb], params(600))('general k-output models against ℓ-output opponents', ({ profile, k, ell, rule, outcomes }) => {
    const prompt = promptFromRecord(profile);
    const model = { kind: 'outcomes', k, outcomes } as const;
    for (const T of tuples(profile.n, ell)) expect(opponentScore(prompt, model, T, rule).equals(bruteScore(prompt, outcomes, T, rule))).toBe(true);
    expect(bestOpponent(prompt, model, ell, rule).score.equals(bruteBestScore(prompt, outcomes, ell, rule))).toBe(true);
    if (ell === 1)
      expect(eqAll(singleScores(prompt, model, rule), prompt.responses.map((_, y) => bruteScore(prompt, outcomes, [y], rule)))).toBe(true);
  });

  const mixArb = fc.record({
    profile: profileRecordArb({ maxResponses: 4, maxUsers: 3 }),
    parts: fc.array(fc.record({ w: fc.integer({ min: 1, max: 3 }), policy: policyWeightsArb(4, 3) }), { minLength: 1, maxLength: 3 }),
    k: fc.integer({ min: 1, max: 3 }),
    ell: fc.integer({ min: 1, max: 2 }),
    rule: fc.constantFrom(...RULES),
  });

  test.prop([mixArb], params(300))('mixtures of products (1/T)Σ π_t^{⊗k} against ℓ-output opponents', ({ profile, parts, k, ell, rule }) => {
    const prompt = promptFromRecord(profile);
    const total = parts.reduce((a, p) => a + p.w, 0);
    const mix = parts.map((p) => ({ weight: frac(p.w, total), probs: policyFromWeights(p.policy, profile.n) }));
    const outs = mix.flatMap((p) => productOutcomes(p.probs, k).map((o) => ({ items: o.items, prob: o.prob.mul(p.weight) })));
    const model = { kind: 'mixture', k, parts: mix } as const;
    for (const T of tuples(profile.n, ell)) expect(opponentScore(prompt, model, T, rule).equals(bruteScore(prompt, outs, T, rule))).toBe(true);
  });
});

describe('T5 sequences: the mixture table and the explicit k-multiset distribution agree', () => {
  const seqArb = fc.record({
    profile: profileRecordArb({ maxResponses: 4, maxUsers: 4 }),
    seq: fc.array(fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 4, maxLength: 4 }), { minLength: 1, maxLength: 5 }),
    k: fc.integer({ min: 1, max: 4 }),
  });
  test.prop([seqArb], params(300))('rob_k(σ_T) = k/(k+1) − Reg_T/T for generated sequences, by both', ({ profile, seq, k }) => {
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
});

describe('bestOpponent and robustnessOf: the contract beyond the score', () => {
  const arb = opponentCaseArb(profileRecordArb({ maxResponses: 4, maxUsers: 3, empty: true }), { maxN: 4, maxWeight: 3, maxK: 3, ell: [1, 3] });

  test.prop([arb], params(200))('items: an optimal ℓ-multiset (ℓ = 1: the first best response, n evaluated); robustness 1 − its score', ({ profile, policy, k, ell, rule }) => {
    const prompt = promptFromRecord(profile);
    const probs = policyFromWeights(policy, profile.n);
    const model = { kind: 'product', k, probs } as const;
    const outs = productOutcomes(probs, k);
    const best = bruteBestScore(prompt, outs, ell, rule);
    const bo = bestOpponent(prompt, model, ell, rule);
    expect(bo.items.length).toBe(ell);
    expect(bruteScore(prompt, outs, bo.items, rule).equals(best)).toBe(true);
    const rob = robustnessOf(singlePrompt(prompt), [model], ell, rule);
    expect(rob.robustness.equals(frac(1).sub(best))).toBe(true);
    expect(bruteScore(prompt, outs, rob.prompts[0].worst, rule).equals(best)).toBe(true);
    if (ell === 1) {
      const singles = prompt.responses.map((_, y) => bruteScore(prompt, outs, [y], rule));
      const first = singles.findIndex((s) => s.equals(best));
      expect(bo.items).toEqual([first]);
      expect(bo.nodes).toBe(profile.n);
      expect(rob.prompts[0].worst).toEqual([first]);
      // WR against every single response: 1 − U(y)
      expect(eqAll(rob.prompts[0].perOpponent!, singles.map((s) => frac(1).sub(s)))).toBe(true);
    } else expect(rob.prompts[0].perOpponent).toBeUndefined();
  });

  test.prop([arb], params(100))('winRate against a given opponent = 1 − its score, under the rule asked for', ({ profile, policy, k, ell, rule }) => {
    const prompt = promptFromRecord(profile);
    const probs = policyFromWeights(policy, profile.n);
    const T = Array.from({ length: ell }, (_, i) => (i * 3 + k) % profile.n).sort((a, b) => a - b);
    const wr = winRate(singlePrompt(prompt), { kind: 'policy', perPrompt: [probs] }, [T], { k, rule });
    expect(wr.equals(frac(1).sub(bruteScore(prompt, productOutcomes(probs, k), T, rule)))).toBe(true);
  });

  it('ℓ must be an integer ≥ 1', () => {
    const prompt = promptFromRecord({ n: 2, users: [{ weight: 1, keys: [0, 1], cut: 0 }] });
    const model = { kind: 'product', k: 1, probs: [frac(1, 2), frac(1, 2)] } as const;
    for (const ell of [0, -1, 1.5]) expect(() => bestOpponent(prompt, model, ell)).toThrow(new RangeError('ell must be an integer ≥ 1'));
  });
});
