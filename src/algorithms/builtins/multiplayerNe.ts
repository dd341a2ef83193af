import { policyToJson } from '../../model/codec.js';
import { promptEquilibrium } from '../../equilibria/equilibrium.js';
import { BuiltinSpec, promptOf } from '../_internals/builtin.js';

/** A symmetric ε-NE π of G_{k+1} with exact ε; rob_k(π^{⊗k}) = k/(k+1) − ε (T2), so the slack is ε. */
export const multiplayerNe: BuiltinSpec = {
  name: 'multiplayer-ne',
  description: 'certified symmetric equilibrium of the (k+1)-player game G_{k+1}; slack = its exact ε',
  create: () => ({
    name: 'multiplayer-ne',
    align(json, k) {
      const prompt = promptOf(json);
      const eq = promptEquilibrium(prompt, k, { box: false });
      return { model: policyToJson(eq.probs, prompt), slack: eq.epsilon.toFraction() };
    },
  }),
};
