// The closed forms of U_k (SPEC §2) against brute-force enumeration of Y^k (test/oracles).
import { test } from '@fast-check/vitest';
import fc from 'fast-check';
import { describe, expect } from 'vitest';
import { Fraction, ONE, ZERO, frac, sumOf } from '../exact/rational.js';
import { productJacobian, productScores } from './product.js';
import { RULES } from './rules.js';
import { policyFromWeights, policyWeightsArb, profileRecordArb, promptFromRecord } from '../instances/arbitraries.js';
import { bruteScore, prefer, productOutcomes } from '../../test/oracles/bruteforce.js';
import { params } from '../../test/helpers/fc.js';

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

  test.prop([fc.record({ profile: profileRecordArb({ maxResponses: 5, maxUsers: 4 }), p: policyWeightsArb(5, 4), q: policyWeightsArb(5, 4) })], params(1000))(
    'k = 1: WR(π, π′) = P(π ≻ π′) under uniform and pairwise',
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

describe('exact Jacobian of U_k (uniform) = k·E over k−1 draws (brute force)', () => {
  // ∂/∂π_z Σ_{S∈Y^k} Π π(S_i) f(S, y) = k · Σ_{S'∈Y^{k−1}} Π π(S'_i) f(S' ∪ {z}, y)  (f symmetric in S)
  const jacArb = fc.record({
    profile: profileRecordArb({ maxResponses: 4, maxUsers: 3 }),
    policy: policyWeightsArb(4, 4),
    k: fc.integer({ min: 1, max: 4 }),
  });
  test.prop([jacArb], params(300))('every entry, ties and unlisted responses included', ({ profile, policy, k }) => {
    const prompt = promptFromRecord(profile);
    const probs = policyFromWeights(policy, profile.n);
    const all = prompt.responses.map((_, y) => y);
    const { num, den } = productJacobian(prompt, probs, k, all, all);
    const rest = productOutcomes(probs, k - 1);
    for (const y of all)
      for (const z of all) {
        const outs = rest.map((o) => ({ items: [...o.items, z], prob: o.prob }));
        const brute = bruteScore(prompt, outs, [y], 'uniform').mul(k);
        expect(frac(num[y][z], den).equals(brute)).toBe(true);
      }
  });
});
