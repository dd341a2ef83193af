import { roundToSimplex } from '../../exact/dyadic.js';
import { policyToJson } from '../../model/codec.js';
import { argmaxPolicy, bradleyTerryRewards, softmax } from '../_internals/floats.js';
import { BuiltinSpec, promptOf } from '../_internals/builtin.js';

/**
 * RLHF with a Bradley–Terry reward fitted (MM, floats) to the pairwise preferences P(y ≻ z), then
 * argmax (β = 0, ties within 1e-9 split equally) or the softmax policy ∝ exp(β r) (β > 0),
 * rounded to multiples of 2^−40.
 */
export const rlhfBt: BuiltinSpec = {
  name: 'rlhf-bt',
  description: 'Bradley–Terry reward fitted to pairwise preferences, then argmax (beta=0) or softmax with temperature 1/beta',
  params: { beta: { default: 0, min: 0, doc: 'inverse temperature; 0 = argmax' } },
  create: ({ beta }) => ({
    name: beta === 0 ? 'rlhf-bt' : `rlhf-bt(beta=${beta})`,
    align(json) {
      const prompt = promptOf(json);
      const r = bradleyTerryRewards(prompt);
      return policyToJson(beta === 0 ? argmaxPolicy(r) : roundToSimplex(softmax(r, beta)), prompt);
    },
  }),
};
