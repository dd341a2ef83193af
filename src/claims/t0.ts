// T0 constant sum (SPEC §4): Σ_y π(y) U_k(y; π) = 1/(k+1) under `uniform`.
import { frac, sumOf } from '../exact/rational.js';
import { productScores } from '../winrate/product.js';
import { ratList } from './json.js';
import { PolicyInstance, policyInstanceArb, policyInstanceFromJson, policyInstanceJson } from './instances.js';
import { Claim, eqSlack, minRat, verdict } from './types.js';

export const T0: Claim<PolicyInstance> = {
  id: 'T0',
  title: 'constant sum',
  statement: 'For every policy π and k: Σ_y π(y) U_k(y; π) = 1/(k+1) (the (k+1)-player game is constant-sum).',
  latex: '\\sum_{y} \\pi(y)\\, U_k(y;\\pi) = \\tfrac{1}{k+1}',
  rule: 'uniform',
  expect: 'holds',
  defaultRuns: 3000,
  arbitrary: (o = {}) => policyInstanceArb({ ...o, maxPrompts: 2 }),
  check({ profile, k, policy }) {
    const target = frac(1, k + 1);
    const prompts = profile.prompts.map(({ prompt }, x) => {
      const U = productScores(prompt, policy.perPrompt[x], k, 'uniform');
      const sum = sumOf(U.map((u, y) => u.mul(policy.perPrompt[x][y])));
      return { sum, U };
    });
    const slack = minRat(prompts.map((p) => eqSlack(p.sum, target)));
    return verdict(slack, {
      target: target.toFraction(),
      prompts: prompts.map((p) => ({ sum: p.sum.toFraction(), U: ratList(p.U) })),
    });
  },
  toJson: policyInstanceJson,
  fromJson: policyInstanceFromJson,
};
