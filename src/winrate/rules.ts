import { InputError } from '../model/errors.js';

/** Choice rules of SPEC §2. */
export type Rule = 'uniform' | 'model-wins-ties' | 'pairwise';
export const RULES: readonly Rule[] = ['uniform', 'model-wins-ties', 'pairwise'];

export function parseRule(s: string | undefined, where = '--rule'): Rule {
  if (s === undefined) return 'uniform';
  if ((RULES as readonly string[]).includes(s)) return s as Rule;
  throw new InputError(`${where}: unknown rule "${s}" (expected one of ${RULES.join(', ')})`);
}
