// T1 product cap (SPEC §4): rob_k(π^{⊗k}) ≤ k/(k+1) under `uniform` — the opponent that copies π holds it there.
// Compares: rob_k from `robustness` (the closed form of product.ts, what `ualign robustness` prints) and the
// copying opponent's win rate Σ_y π(y) WR(π^{⊗k}, y) from the direct expectation over tied draws (tables.ts):
// the copier gives exactly k/(k+1), and no opponent can do worse for the model than the best one.
// On Luce and mixed profiles (SPEC §4b): rob_k by the power recurrence of winrate/luce.ts, the copier by the
// strength sums of the k draws by repeated convolution (oracles.directScores).
import { Fraction, ONE, sumOf } from '../exact/rational.js';
import { robustness } from '../winrate/opponents.js';
import { directScores } from './oracles.js';
import { PolicyInstance, policyInstanceArb, policyInstanceFromJson, policyInstanceJson, policyInstanceSize } from './instances.js';
import { defineClaim, eqSlack, geq, kk1, minRat, verdict } from './types.js';

export interface T1Evidence {
  /** rob_k(π^{⊗k}) by `robustness`, and a worst response per prompt. */
  readonly robustness: Fraction;
  readonly worst: readonly string[];
  /** Σ_x ρ(x) Σ_y π_x(y) WR_x(π_x^{⊗k}, y) by the direct expectation. */
  readonly copying: Fraction;
}

export const T1 = defineClaim<PolicyInstance, T1Evidence>({
  id: 'T1',
  title: 'product cap',
  statement: 'For every profile (weak-order, Luce or mixed user types), policy π and k: rob_k(π^{⊗k}) ≤ k/(k+1).',
  latex: '\\mathrm{rob}_k(\\pi^{\\otimes k}) \\le \\tfrac{k}{k+1}',
  rule: 'uniform',
  expect: 'holds',
  compares: 'rob_k by the closed form (robustness; Luce types: the power recurrence) and the copying opponent by the direct expectation (tables.ts; Luce types: convolution)',
  defaultRuns: 1200,
  arbitrary: (o = {}) => policyInstanceArb({ ...o, maxPrompts: 3 }),
  evidence({ profile, k, policy }) {
    const r = robustness(profile, policy, { k, rule: 'uniform' });
    const copying = sumOf(
      profile.prompts.map(({ prompt, weight }, x) => {
        const probs = policy.perPrompt[x];
        const s = directScores(prompt, { kind: 'product', k, probs }, 'uniform');
        return weight.mul(sumOf(probs.map((p, y) => p.mul(ONE.sub(s[y])))));
      }),
    );
    return { robustness: r.robustness, worst: r.prompts.map((p, x) => profile.prompts[x].prompt.responses[p.worst[0]]), copying };
  },
  judge({ k }, e) {
    return verdict(minRat([geq(kk1(k), e.robustness), eqSlack(e.copying, kk1(k)), geq(e.copying, e.robustness)]), {
      robustness: e.robustness.toFraction(),
      copyingOpponent: e.copying.toFraction(),
      bound: kk1(k).toFraction(),
      worstOpponent: e.worst.length === 1 ? e.worst[0] : e.worst,
    });
  },
  size: policyInstanceSize,
  toJson: policyInstanceJson,
  fromJson: policyInstanceFromJson,
});
