import { frac, sumOf, ZERO } from '../../exact/rational.js';
import { policyToJson } from '../../model/codec.js';
import { BuiltinSpec, promptOf } from '../_internals/builtin.js';

/**
 * π(y) = Σ_θ w_θ·1[y ∈ top tier of θ]/|top tier of θ|: each user type's first choice, weighted. A Luce type
 * (SPEC §4b) shown every response picks y with probability s_θ(y)/Σ_z s_θ(z): its share goes there.
 */
export const populationShares: BuiltinSpec = {
  name: 'population-shares',
  description: "each user type's top choice, weighted by the type's share (ties in a top tier split equally; a Luce type's choice among all responses)",
  create: () => ({
    name: 'population-shares',
    align(json) {
      const prompt = promptOf(json);
      const n = prompt.responses.length;
      const probs = prompt.responses.map(() => ZERO);
      for (const u of prompt.users) {
        if (u.kind === 'luce') {
          const total = sumOf(u.strengths);
          u.strengths.forEach((s, y) => (probs[y] = probs[y].add(u.weight.mul(s).div(total))));
          continue;
        }
        // an empty ranking ties everything in its (implicit) top tier
        const top = u.tiers.length > 0 ? u.tiers[0] : [...Array(n).keys()];
        for (const y of top) probs[y] = probs[y].add(u.weight.div(frac(top.length)));
      }
      return policyToJson(probs, prompt);
    },
  }),
};
