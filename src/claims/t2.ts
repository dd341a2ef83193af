// T2 achievability, exact identity (SPEC §4): rob_k(π^{⊗k}) = k/(k+1) − ε(π) under `uniform`,
// and rob_k ≥ k/(k+1) − ε(π) under `model-wins-ties`. rob comes from the opponents module,
// ε from the claims' U_k kernel: two independent paths.
import { robustness } from '../winrate/opponents.js';
import { exploitability } from '../winrate/exploitability.js';
import { PolicyInstance, policyInstanceArb, policyInstanceFromJson, policyInstanceJson } from './instances.js';
import { Claim, eqSlack, geq, kk1, minRat, verdict } from './types.js';

export const T2: Claim<PolicyInstance> = {
  id: 'T2',
  title: 'achievability identity',
  statement:
    'For every π and k: rob_k(π^{⊗k}) = k/(k+1) − ε(π) under uniform (so a symmetric NE is (k, k/(k+1))-robust), and rob_k(π^{⊗k}) ≥ k/(k+1) − ε(π) under model-wins-ties.',
  latex: '\\mathrm{rob}_k(\\pi^{\\otimes k}) = \\tfrac{k}{k+1} - \\varepsilon(\\pi)',
  rule: 'uniform (identity), model-wins-ties (bound)',
  expect: 'holds',
  defaultRuns: 2000,
  arbitrary: (o = {}) => policyInstanceArb({ ...o, maxPrompts: 2, nearEquilibrium: true, maxK: 3 }),
  check({ profile, k, policy }) {
    const eps = exploitability(profile, policy, k).epsilon;
    const rhs = kk1(k).sub(eps);
    const rob = robustness(profile, policy, { k, rule: 'uniform' }).robustness;
    const robM = robustness(profile, policy, { k, rule: 'model-wins-ties' }).robustness;
    return verdict(minRat([eqSlack(rob, rhs), geq(robM, rhs)]), {
      epsilon: eps.toFraction(),
      robustness: rob.toFraction(),
      robustnessModelWinsTies: robM.toFraction(),
      bound: rhs.toFraction(),
    });
  },
  toJson: policyInstanceJson,
  fromJson: policyInstanceFromJson,
};
