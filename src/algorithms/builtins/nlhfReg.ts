import { roundToSimplex } from '../../exact/dyadic.js';
import { policyToJson } from '../../model/codec.js';
import { pairwiseMatrixFloat } from '../../winrate/pairwise.js';
import { BuiltinSpec, promptOf } from '../_internals/builtin.js';

/**
 * KL-regularised NLHF toward the uniform policy μ: the symmetric equilibrium of
 * P(π ≻ π') − τ KL(π‖μ) + τ KL(π'‖μ), i.e. π(y) ∝ exp(P(y ≻ π)/τ). Computed in floats by magnetic
 * mirror descent, log π ← (log π + η P(· ≻ π) + ητ log μ)/(1 + ητ), η = 1, until the step is < 1e-13;
 * rounded to multiples of 2^−40. τ → 0 approaches a maximal lottery, τ → ∞ the uniform policy.
 */
export const nlhfReg: BuiltinSpec = {
  name: 'nlhf-reg',
  description: 'KL-regularised NLHF toward uniform (tau): pi ∝ exp(P(y ≻ pi)/tau), by magnetic mirror descent',
  params: { tau: { default: 0.1, min: 1e-6, doc: 'regularisation strength τ > 0' } },
  create: ({ tau }) => ({
    name: tau === 0.1 ? 'nlhf-reg' : `nlhf-reg(tau=${tau})`,
    align(json) {
      const prompt = promptOf(json);
      const P = pairwiseMatrixFloat(prompt);
      const n = P.length;
      const eta = 1;
      let L = new Array<number>(n).fill(-Math.log(n));
      for (let it = 0; it < 100000; it++) {
        const pi = L.map(Math.exp);
        const g = P.map((row) => row.reduce((s, v, z) => s + v * pi[z], 0));
        const next = L.map((l, y) => (l + eta * g[y] - eta * tau * Math.log(n)) / (1 + eta * tau));
        const mx = Math.max(...next);
        const lse = mx + Math.log(next.reduce((s, v) => s + Math.exp(v - mx), 0));
        const normed = next.map((v) => v - lse);
        const delta = Math.max(...normed.map((v, y) => Math.abs(v - L[y])));
        L = normed;
        if (delta < 1e-13) break;
      }
      return policyToJson(roundToSimplex(L.map(Math.exp)), prompt);
    },
  }),
};
