// Issue 2: the closed forms of SPEC §2 against brute-force enumeration, and T0, T1, T7, T2's identity.
import { test } from '@fast-check/vitest';
import fc from 'fast-check';
import { describe, expect } from 'vitest';
import { Fraction, frac, ONE, ZERO, sumOf } from '../src/exact/rational.js';
import { productScores } from '../src/winrate/product.js';
import { bestOpponent, opponentScore, robustness, singleScores } from '../src/winrate/opponents.js';
import { promptExploitability } from '../src/winrate/exploitability.js';
import { RULES } from '../src/winrate/rules.js';
import { makePolicy, singlePrompt } from '../src/model/build.js';
import { outcomesArb, policyFromWeights, policyWeightsArb, profileRecordArb, promptFromRecord } from '../src/testing/arbitraries.js';
import { bruteBestScore, bruteScore, prefer, productOutcomes, tuples } from '../src/__test-helpers__/bruteforce.js';
import { params } from '../src/__test-helpers__/fc.js';

const MAXN = 5;
const caseArb = fc.record({
  profile: profileRecordArb({ maxResponses: MAXN, maxUsers: 4 }),
  policy: policyWeightsArb(MAXN, 4),
  k: fc.integer({ min: 1, max: 4 }),
});

const eqAll = (a: Fraction[], b: Fraction[]) => a.length === b.length && a.every((x, i) => x.equals(b[i]));

describe('closed forms = brute force (SPEC §2)', () => {
  for (const rule of RULES) {
    test.prop([caseArb], params(2000))(`U_k(y; π) against π^{⊗k}, rule ${rule}`, ({ profile, policy, k }) => {
      const prompt = promptFromRecord(profile);
      const probs = policyFromWeights(policy, profile.n);
      const closed = productScores(prompt, probs, k, rule);
      const outs = productOutcomes(probs, k);
      const brute = prompt.responses.map((_, y) => bruteScore(prompt, outs, [y], rule));
      expect(eqAll(closed, brute)).toBe(true);
    });
  }

  const ellArb = fc.record({
    profile: profileRecordArb({ maxResponses: 4, maxUsers: 3 }),
    policy: policyWeightsArb(4, 3),
    k: fc.integer({ min: 1, max: 3 }),
    ell: fc.integer({ min: 1, max: 3 }),
    rule: fc.constantFrom(...RULES),
  });

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

describe('claims that need only the core (SPEC §4)', () => {
  test.prop([caseArb], params(1000))('T0 constant sum: Σ_y π(y) U_k(y; π) = 1/(k+1)', ({ profile, policy, k }) => {
    const prompt = promptFromRecord(profile);
    const probs = policyFromWeights(policy, profile.n);
    const U = productScores(prompt, probs, k, 'uniform');
    expect(sumOf(U.map((u, y) => u.mul(probs[y]))).equals(frac(1, k + 1))).toBe(true);
  });

  test.prop([caseArb], params(1000))('T1 product cap: rob_k(π^{⊗k}) ≤ k/(k+1)', ({ profile, policy, k }) => {
    const pr = singlePrompt(promptFromRecord(profile));
    const pol = makePolicy([policyFromWeights(policy, profile.n)]);
    expect(robustness(pr, pol, { k }).robustness.lte(frac(k, k + 1))).toBe(true);
  });

  test.prop([caseArb], params(1000))('T2 identity: rob_k(π^{⊗k}) = k/(k+1) − ε(π)', ({ profile, policy, k }) => {
    const prompt = promptFromRecord(profile);
    const probs = policyFromWeights(policy, profile.n);
    const rob = robustness(singlePrompt(prompt), makePolicy([probs]), { k }).robustness;
    expect(rob.equals(frac(k, k + 1).sub(promptExploitability(prompt, probs, 1 * k).epsilon))).toBe(true);
  });

  test.prop([fc.record({ profile: profileRecordArb({ maxResponses: 5, maxUsers: 4 }), p: policyWeightsArb(5, 4), q: policyWeightsArb(5, 4) })], params(1000))(
    'T7 k = 1: WR(π, π′) = P(π ≻ π′) under uniform and pairwise',
    ({ profile, p, q }) => {
      const prompt = promptFromRecord(profile);
      const pi = policyFromWeights(p, profile.n);
      const pi2 = policyFromWeights(q, profile.n);
      let P = ZERO;
      for (let y = 0; y < profile.n; y++) for (let z = 0; z < profile.n; z++) P = P.add(pi[y].mul(pi2[z]).mul(prefer(prompt, y, z)));
      for (const rule of ['uniform', 'pairwise'] as const) {
        const U = productScores(prompt, pi, 1, rule);
        const wr = ONE.sub(sumOf(U.map((u, z) => u.mul(pi2[z]))));
        expect(wr.equals(P)).toBe(true);
      }
    },
  );
});
