// The closed forms of U_k (SPEC §2) against brute-force enumeration of Y^k (test/oracles).
import { test } from '@fast-check/vitest';
import fc from 'fast-check';
import { describe, expect } from 'vitest';
import { Fraction, ONE, ZERO, frac, sumOf } from '../exact/rational.js';
import { productJacobian, productScores } from './product.js';
import { RULES } from './rules.js';
import { setFault } from './faults.js';
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

describe('fault injection: each fault is the wrong U_k it names (faults.ts), against the closed form per type in Fractions', () => {
  // oracle: U_θ(y) from the tier masses e = π(tie class), w = π(strictly worse), per SPEC §2, in Fractions
  const perType = (prompt: ReturnType<typeof promptFromRecord>, probs: Fraction[], k: number, rule: (typeof RULES)[number], tieWorse: boolean) =>
    prompt.responses.map((_, y) =>
      sumOf(
        prompt.users.map((u) => {
          if (u.kind !== 'ranking') return ZERO;
          const e = sumOf(probs.filter((_, z) => u.rank[z] === u.rank[y]));
          let w = sumOf(probs.filter((_, z) => u.rank[z] > u.rank[y]));
          if (tieWorse) w = w.add(e); // the tie class counted inside W
          const a = e.add(w);
          const v =
            rule === 'model-wins-ties'
              ? w.pow(k)
              : rule === 'pairwise'
                ? a.pow(k).add(w.pow(k)).div(2)
                : e.equals(ZERO)
                  ? w.pow(k)
                  : a.pow(k + 1).sub(w.pow(k + 1)).div(e.mul(k + 1));
          return v.mul(u.weight);
        }),
      ),
    );
  const arb = fc.record({ profile: profileRecordArb({ maxResponses: 4, maxUsers: 3 }), policy: policyWeightsArb(4, 4), k: fc.integer({ min: 1, max: 4 }), rule: fc.constantFrom(...RULES) });
  test.prop([arb], params(120))('no fault = the closed form; uk-off-by-one = U_{k+1}; uk-tie-worse = E inside W; uk-tie-share = (k+1)/k·U', ({ profile, policy, k, rule }) => {
    const prompt = promptFromRecord(profile);
    const probs = policyFromWeights(policy, profile.n);
    const run = (fault: string | null) => {
      const prev = setFault(fault);
      try {
        return productScores(prompt, probs, k, rule);
      } finally {
        setFault(prev);
      }
    };
    expect(eqAll(run(null), perType(prompt, probs, k, rule, false))).toBe(true);
    expect(eqAll(run('uk-off-by-one'), perType(prompt, probs, k + 1, rule, false))).toBe(true);
    expect(eqAll(run('uk-tie-worse'), perType(prompt, probs, k, rule, true))).toBe(true);
    const share = perType(prompt, probs, k, rule, false).map((v) => (rule === 'uniform' ? v.mul(k + 1).div(k) : v));
    expect(eqAll(run('uk-tie-share'), share)).toBe(true);
  });
});
