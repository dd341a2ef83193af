import { policyToJson } from '../../model/codec.js';
import { promptMaximalLottery } from '../../equilibria/maximalLottery.js';
import { BuiltinSpec, promptOf } from '../_internals/builtin.js';

/** NLHF: the exact maximal lottery, the equilibrium of P(π ≻ π') − ½ (SPEC §3, T7). */
export const nlhf: BuiltinSpec = {
  name: 'nlhf',
  description: 'Nash learning from human feedback: the exact maximal lottery (NLHF game equilibrium)',
  create: () => ({
    name: 'nlhf',
    async align(json) {
      const prompt = promptOf(json);
      return policyToJson((await promptMaximalLottery(prompt)).probs, prompt);
    },
  }),
};
