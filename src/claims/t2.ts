// T2 achievability, exact identity (SPEC §4): rob_k(π^{⊗k}) = k/(k+1) − ε(π) under `uniform`, and
// rob_k(π^{⊗k}) ≥ k/(k+1) − ε(π) under `model-wins-ties`.
// Compares: ε(π) from `exploitability` (the closed form of product.ts, what `ualign exploitability` prints)
// with rob_k from the direct expectation over tied draws (tables.ts) — no shared code — under both rules;
// `robustness` (what `ualign robustness` prints) must equal the direct value; on small cases the rules are
// also applied by definition to π^{⊗k} written out as a distribution over k-multisets.
// On Luce and mixed profiles (SPEC §4b): ε from the power recurrence of winrate/luce.ts, rob_k from the strength
// sums of the k draws by repeated convolution (oracles.directRobustness), and Luce's rule applied by definition
// (strengths as given) on small cases. `model-wins-ties` acts on the weak-order types only.
import { Fraction, ONE, sumOf } from '../exact/rational.js';
import { Policy, Profile } from '../model/types.js';
import { robustness } from '../winrate/opponents.js';
import { exploitability } from '../winrate/exploitability.js';
import { Rule } from '../winrate/rules.js';
import { directRobustness, explicitWork, multisetCountOf, opponentScoreByDefinition, productDistribution } from './oracles.js';
import { PolicyInstance, policyInstanceArb, policyInstanceFromJson, policyInstanceJson, policyInstanceSize } from './instances.js';
import { defineClaim, eqSlack, geq, kk1, minRat, verdict } from './types.js';

/** Largest Σ_x C(n+k−1, k)·n·m for which T2 also evaluates the rules by definition. */
const EXPLICIT_WORK = 4000;

export interface T2Evidence {
  readonly epsilon: Fraction;
  /** rob_k by the direct expectation (uniform) and by `robustness` (closed form). */
  readonly robDirect: Fraction;
  readonly robCli: Fraction;
  /** The same under model-wins-ties. */
  readonly robMwtDirect: Fraction;
  readonly robMwtCli: Fraction;
  /** rob_k under uniform by definition over the explicit distribution of π^{⊗k}; null past EXPLICIT_WORK. */
  readonly robExplicit: Fraction | null;
}

/** rob_k(π^{⊗k}) by the rule's definition on π^{⊗k} written out over k-multisets (small cases), else null. */
export function explicitProductRobustness(profile: Profile, policy: Policy, k: number, rule: Rule, budget = EXPLICIT_WORK): Fraction | null {
  const count = profile.prompts.reduce((a, { prompt }) => a + multisetCountOf(prompt.responses.length, k) * prompt.responses.length * prompt.users.length, 0);
  if (explicitWork(count, policy.perPrompt, k) > budget) return null;
  return sumOf(
    profile.prompts.map(({ prompt, weight }, x) => {
      const dist = productDistribution(policy.perPrompt[x], k);
      let worst: Fraction | null = null;
      for (let y = 0; y < prompt.responses.length; y++) {
        const wr = ONE.sub(opponentScoreByDefinition(prompt, dist, [y], rule));
        if (worst === null || wr.lt(worst)) worst = wr;
      }
      return weight.mul(worst!);
    }),
  );
}

export const T2 = defineClaim<PolicyInstance, T2Evidence>({
  id: 'T2',
  title: 'achievability identity',
  statement:
    'For every π and k, on weak-order, Luce and mixed profiles: rob_k(π^{⊗k}) = k/(k+1) − ε(π) under uniform (so a symmetric NE is (k, k/(k+1))-robust), and rob_k(π^{⊗k}) ≥ k/(k+1) − ε(π) under model-wins-ties (which acts on weak orders only; Luce types choose by their own rule).',
  latex: '\\mathrm{rob}_k(\\pi^{\\otimes k}) = \\tfrac{k}{k+1} - \\varepsilon(\\pi)',
  rule: 'uniform (identity), model-wins-ties (bound)',
  expect: 'holds',
  compares: 'ε by the closed form (exploitability; Luce types: the power recurrence) and rob_k by the direct expectation over tied draws (tables.ts; Luce types: convolution); robustness() and, on small cases, the rule applied to π^{⊗k} over k-multisets agree',
  defaultRuns: 900,
  arbitrary: (o = {}) => policyInstanceArb({ ...o, maxPrompts: 3, nearEquilibrium: true }),
  evidence({ profile, k, policy }) {
    const models = policy.perPrompt.map((probs) => ({ kind: 'product' as const, k, probs }));
    return {
      epsilon: exploitability(profile, policy, k).epsilon,
      robDirect: directRobustness(profile, models, 'uniform').robustness,
      robCli: robustness(profile, policy, { k, rule: 'uniform' }).robustness,
      robMwtDirect: directRobustness(profile, models, 'model-wins-ties').robustness,
      robMwtCli: robustness(profile, policy, { k, rule: 'model-wins-ties' }).robustness,
      robExplicit: explicitProductRobustness(profile, policy, k, 'uniform'),
    };
  },
  judge({ k }, e) {
    const rhs = kk1(k).sub(e.epsilon);
    const parts = [eqSlack(e.robDirect, rhs), eqSlack(e.robCli, e.robDirect), geq(e.robMwtDirect, rhs), eqSlack(e.robMwtCli, e.robMwtDirect)];
    if (e.robExplicit !== null) parts.push(eqSlack(e.robExplicit, e.robDirect));
    return verdict(minRat(parts), {
      epsilon: e.epsilon.toFraction(),
      robustness: e.robDirect.toFraction(),
      robustnessClosedForm: e.robCli.toFraction(),
      robustnessModelWinsTies: e.robMwtDirect.toFraction(),
      robustnessExplicit: e.robExplicit === null ? null : e.robExplicit.toFraction(),
      bound: rhs.toFraction(),
    });
  },
  size: policyInstanceSize,
  toJson: policyInstanceJson,
  fromJson: policyInstanceFromJson,
});
