import { frac } from '../../exact/rational.js';
import { BuiltinSpec } from '../_internals/builtin.js';

/** π(y) = 1/n: the baseline. */
export const uniform: BuiltinSpec = {
  name: 'uniform',
  description: 'uniform policy over the responses (baseline)',
  create: () => ({
    name: 'uniform',
    align: (p) => Object.fromEntries(p.responses.map((id) => [id, frac(1, p.responses.length).toFraction()])),
  }),
};
