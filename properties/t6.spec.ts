// T6 ℓ-output opponents (uniform): rob_{k,ℓ}(π^{⊗k}) ≥ (k+1−ℓ)/(k+1) − ℓ·ε(π) (SPEC §4), exact,
// for generated policies and for the certified equilibria (ε tiny: the bound is then ≈ (k+1−ℓ)/(k+1)).
import { test } from '@fast-check/vitest';
import fc from 'fast-check';
import { describe, expect } from 'vitest';
import { Fraction, frac } from '../src/exact/rational.js';
import { makePolicy, singlePrompt } from '../src/model/build.js';
import { robustness } from '../src/winrate/opponents.js';
import { exploitability } from '../src/winrate/exploitability.js';
import { equilibrium } from '../src/equilibria/equilibrium.js';
import { policyFromWeights, policyWeightsArb, profileRecordArb, promptFromRecord } from '../src/testing/arbitraries.js';
import { params } from '../src/__test-helpers__/fc.js';

const bound = (k: number, ell: number, eps: Fraction) => frac(k + 1 - ell, k + 1).sub(eps.mul(frac(ell)));

describe('T6: rob_{k,ℓ}(π^{⊗k}) ≥ (k+1−ℓ)/(k+1) − ℓ·ε(π)', () => {
  const arb = fc.record({
    profile: profileRecordArb({ maxResponses: 4, maxUsers: 4 }),
    policy: policyWeightsArb(4, 4),
    k: fc.integer({ min: 1, max: 4 }),
    ell: fc.integer({ min: 1, max: 3 }),
  });
  test.prop([arb], params(300))('for every rational π', ({ profile, policy, k, ell }) => {
    const pr = singlePrompt(promptFromRecord(profile));
    const pol = makePolicy([policyFromWeights(policy, profile.n)]);
    const eps = exploitability(pr, pol, k).epsilon;
    expect(robustness(pr, pol, { k, ell }).robustness.gte(bound(k, ell, eps))).toBe(true);
  });

  const eqArb = fc.record({ profile: profileRecordArb({ maxResponses: 5, maxUsers: 5 }), k: fc.integer({ min: 1, max: 4 }), ell: fc.integer({ min: 1, max: 3 }) });
  test.prop([eqArb], params(100))('for the returned equilibrium', ({ profile, k, ell }) => {
    const pr = singlePrompt(promptFromRecord(profile));
    const r = equilibrium(pr, k, { box: false });
    expect(robustness(pr, r.policy, { k, ell }).robustness.gte(bound(k, ell, r.epsilon))).toBe(true);
  });
});
