// T2 achievability, exact identity: rob_k(π^{⊗k}) = k/(k+1) − ε(π) for every π (SPEC §4),
// and for the certified equilibria returned by `equilibrium` (ε ≤ 10^−30 where a box is certified).
import { test } from '@fast-check/vitest';
import fc from 'fast-check';
import { describe, expect } from 'vitest';
import { frac, signOf } from '../src/exact/rational.js';
import { makePolicy, singlePrompt } from '../src/model/build.js';
import { robustness } from '../src/winrate/opponents.js';
import { exploitability } from '../src/winrate/exploitability.js';
import { equilibrium } from '../src/equilibria/equilibrium.js';
import { policyFromWeights, policyWeightsArb, profileRecordArb, promptFromRecord } from '../src/testing/arbitraries.js';
import { params } from '../src/__test-helpers__/fc.js';

describe('T2 (uniform): rob_k(π^{⊗k}) = k/(k+1) − ε(π)', () => {
  const arb = fc.record({ profile: profileRecordArb({ maxResponses: 5, maxUsers: 5 }), policy: policyWeightsArb(5, 5), k: fc.integer({ min: 1, max: 5 }) });
  test.prop([arb], params(400))('for every rational π', ({ profile, policy, k }) => {
    const pr = singlePrompt(promptFromRecord(profile));
    const pol = makePolicy([policyFromWeights(policy, profile.n)]);
    const eps = exploitability(pr, pol, k).epsilon;
    expect(signOf(eps)).toBeGreaterThanOrEqual(0);
    expect(robustness(pr, pol, { k }).robustness.equals(frac(k, k + 1).sub(eps))).toBe(true);
  });

  const eqArb = fc.record({ profile: profileRecordArb({ maxResponses: 6, maxUsers: 6 }), k: fc.integer({ min: 1, max: 6 }) });
  test.prop([eqArb], params(150))('for the returned equilibrium; with a certified box, ε ≤ 10^−30', ({ profile, k }) => {
    const pr = singlePrompt(promptFromRecord(profile));
    const r = equilibrium(pr, k);
    const eps = exploitability(pr, r.policy, k).epsilon;
    expect(eps.equals(r.epsilon)).toBe(true);
    expect(robustness(pr, r.policy, { k }).robustness.equals(frac(k, k + 1).sub(eps))).toBe(true);
    if (r.prompts[0].box !== null) expect(eps.lte(frac(1n, 10n ** 30n))).toBe(true);
  });
});
