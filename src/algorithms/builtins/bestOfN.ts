import { roundToSimplex } from '../../exact/dyadic.js';
import { policyToJson } from '../../model/codec.js';
import { bradleyTerryRewards, softmax } from '../_internals/floats.js';
import { BuiltinSpec, promptOf } from '../_internals/builtin.js';

/**
 * Best-of-n sampling: the k shown responses are k i.i.d. samples from the BT-softmax policy
 * π ∝ exp(β r) (β = 1: π ∝ γ, the BT strengths); the harness evaluates π^{⊗k}.
 */
export const bestOfN: BuiltinSpec = {
  name: 'best-of-n',
  description: 'k i.i.d. samples from the Bradley–Terry softmax policy (beta=1: proportional to BT strengths)',
  params: { beta: { default: 1, min: 0, doc: 'inverse temperature of the sampling policy' } },
  create: ({ beta }) => ({
    name: beta === 1 ? 'best-of-n' : `best-of-n(beta=${beta})`,
    align(json) {
      const prompt = promptOf(json);
      return policyToJson(roundToSimplex(softmax(bradleyTerryRewards(prompt), beta)), prompt);
    },
  }),
};
