import { Fraction, frac } from '../../exact/rational.js';
import { policyToJson } from '../../model/codec.js';
import { exactRegret, floatSelfPlay, hedgeEta } from '../../equilibria/dynamics.js';
import { roundToSimplex } from '../../exact/dyadic.js';
import { floatPrompt } from '../../equilibria/floatKernel.js';
import { BuiltinSpec, promptOf } from '../_internals/builtin.js';

/**
 * Hedge self-play in G_{k+1} for T rounds (η = sqrt(8 ln n / T)); returns σ_T = (1/T) Σ_t π_t^{⊗k}
 * over the exact (2^−40-rounded) iterates, with slack Reg_T/T: rob_k(σ_T) = k/(k+1) − Reg_T/T (T5).
 */
export const selfPlay: BuiltinSpec = {
  name: 'self-play',
  description: 'Hedge self-play in G_{k+1}: the mixture sigma_T of the T iterates’ products; slack = exact Reg_T/T',
  params: { T: { default: 100, min: 1, integer: true, doc: 'number of Hedge rounds' } },
  create: ({ T }) => ({
    name: T === 100 ? 'self-play' : `self-play(T=${T})`,
    align(json, k) {
      const prompt = promptOf(json);
      const iterates: Fraction[][] = [];
      floatSelfPlay(floatPrompt(prompt), k, T, 'hedge', hedgeEta(prompt.responses.length, T), (pi) => iterates.push(roundToSimplex(pi, 40)));
      const regret = exactRegret(prompt, iterates, k).regret;
      const w = frac(1, T).toFraction();
      return {
        model: { kind: 'mixture', parts: iterates.map((pi) => ({ weight: w, policy: policyToJson(pi, prompt) })) },
        slack: regret.div(frac(T)).toFraction(),
      };
    },
  }),
};
