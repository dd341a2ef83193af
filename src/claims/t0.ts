// T0 constant sum (SPEC §4): Σ_y π(y) U_k(y; π) = 1/(k+1) under `uniform`.
// Compares: U_k(·; π) from the closed form (product.ts, what `winrate` and `exploitability` print) and from the
// direct expectation over the number of tied draws (tables.ts, via oracles.directScores): each must sum to
// 1/(k+1) against π, and they must agree response by response.
// On Luce and mixed profiles (SPEC §4b; a quarter of the instances each): a Luce type's U_k by the power
// recurrence of winrate/luce.ts (the closed form's kernel) against the strength sum of the k draws by repeated
// convolution (oracles.directScores).
import { Fraction, frac, sumOf } from '../exact/rational.js';
import { productScores } from '../winrate/product.js';
import { ratList } from './json.js';
import { directScores } from './oracles.js';
import { PolicyInstance, policyInstanceArb, policyInstanceFromJson, policyInstanceJson, policyInstanceSize } from './instances.js';
import { defineClaim, eqSlack, minRat, verdict } from './types.js';

export interface T0Evidence {
  /** Per prompt: U_k(y; π) by the closed form and by the direct expectation. */
  readonly prompts: readonly { readonly closed: readonly Fraction[]; readonly direct: readonly Fraction[] }[];
}

export const T0 = defineClaim<PolicyInstance, T0Evidence>({
  id: 'T0',
  title: 'constant sum',
  statement: 'For every policy π and k: Σ_y π(y) U_k(y; π) = 1/(k+1) (the (k+1)-player game is constant-sum), for weak-order, Luce and mixed user types.',
  latex: '\\sum_{y} \\pi(y)\\, U_k(y;\\pi) = \\tfrac{1}{k+1}',
  rule: 'uniform',
  expect: 'holds',
  compares: 'U_k by the closed form (product.ts; Luce types: the power recurrence of luce.ts) and by the direct expectation over tied draws (tables.ts; Luce types: the strength sum by convolution)',
  defaultRuns: 1500,
  arbitrary: (o = {}) => policyInstanceArb({ ...o, maxPrompts: 3 }),
  evidence: ({ profile, k, policy }) => ({
    prompts: profile.prompts.map(({ prompt }, x) => {
      const probs = policy.perPrompt[x];
      return { closed: productScores(prompt, probs, k, 'uniform'), direct: directScores(prompt, { kind: 'product', k, probs }, 'uniform') };
    }),
  }),
  judge({ k, policy }, e) {
    const target = frac(1, k + 1);
    const parts: Fraction[] = [];
    const sums = e.prompts.map((p, x) => {
      const pi = policy.perPrompt[x];
      const closed = sumOf(p.closed.map((u, y) => u.mul(pi[y])));
      const direct = sumOf(p.direct.map((u, y) => u.mul(pi[y])));
      parts.push(eqSlack(closed, target), eqSlack(direct, target));
      pi.forEach((_, y) => parts.push(eqSlack(p.closed[y], p.direct[y])));
      return { closed, direct };
    });
    return verdict(minRat(parts), {
      target: target.toFraction(),
      prompts: e.prompts.map((p, x) => ({ sum: sums[x].closed.toFraction(), sumDirect: sums[x].direct.toFraction(), U: ratList(p.closed), Udirect: ratList(p.direct) })),
    });
  },
  size: policyInstanceSize,
  toJson: policyInstanceJson,
  fromJson: policyInstanceFromJson,
});
