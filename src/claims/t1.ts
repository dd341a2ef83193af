// T1 product cap (SPEC §4): rob_k(π^{⊗k}) ≤ k/(k+1) (the opponent copies π).
import { robustness } from '../winrate/opponents.js';
import { PolicyInstance, policyInstanceArb, policyInstanceFromJson, policyInstanceJson } from './instances.js';
import { Claim, geq, kk1, verdict } from './types.js';

export const T1: Claim<PolicyInstance> = {
  id: 'T1',
  title: 'product cap',
  statement: 'For every profile, policy π and k: rob_k(π^{⊗k}) ≤ k/(k+1).',
  latex: '\\mathrm{rob}_k(\\pi^{\\otimes k}) \\le \\tfrac{k}{k+1}',
  rule: 'uniform',
  expect: 'holds',
  defaultRuns: 3000,
  arbitrary: (o = {}) => policyInstanceArb({ ...o, maxPrompts: 2 }),
  check({ profile, k, policy }) {
    const r = robustness(profile, policy, { k, rule: 'uniform' });
    return verdict(geq(kk1(k), r.robustness), {
      robustness: r.robustness.toFraction(),
      bound: kk1(k).toFraction(),
      worstOpponent: r.prompts.map((p, x) => profile.prompts[x].prompt.responses[p.worst[0]]),
    });
  },
  toJson: policyInstanceJson,
  fromJson: policyInstanceFromJson,
};
