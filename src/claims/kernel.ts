// The U_k kernel as the claims see it (SPEC §2), with a test-only fault-injection hook:
// the verification engine must catch a broken kernel (issue 5 acceptance).
import { Fraction, frac } from '../exact/rational.js';
import { Prompt } from '../model/types.js';
import { productScores } from '../winrate/product.js';
import { Rule } from '../winrate/rules.js';

export type UkFunction = (prompt: Prompt, probs: readonly Fraction[], k: number, rule: Rule) => Fraction[];

/** Deliberate bugs, for testing that `ualign verify` fails. Never set in production runs. */
export const FAULTS: Record<string, UkFunction> = {
  /** Off-by-one in U_k: uses k+1 samples. */
  'uk-off-by-one': (prompt, probs, k, rule) => productScores(prompt, probs, k + 1, rule),
  /** Off-by-one in the uniform rule's tie share (1/k instead of 1/(k+1)) on ties only. */
  'uk-tie-share': (prompt, probs, k, rule) => productScores(prompt, probs, k, rule).map((u) => (rule === 'uniform' ? u.mul(frac(k + 1, k)) : u)),
};

let current: UkFunction = productScores;
let currentFault: string | null = null;

/** U_k(y; π) for every y: the core's closed form unless a fault is injected. */
export function Uk(prompt: Prompt, probs: readonly Fraction[], k: number, rule: Rule = 'uniform'): Fraction[] {
  return current(prompt, probs, k, rule);
}

/** Inject a named fault (null restores the core). Returns the previous fault name. */
export function setFault(name: string | null): string | null {
  const prev = currentFault;
  if (name === null) current = productScores;
  else {
    const f = FAULTS[name];
    if (f === undefined) throw new RangeError(`unknown fault "${name}" (known: ${Object.keys(FAULTS).join(', ')})`);
    current = f;
  }
  currentFault = name;
  return prev;
}

export function activeFault(): string | null {
  return currentFault;
}

/** The one place the environment can inject a fault (tests of the CLI): UALIGN_FAULT. */
export function faultFromEnv(): string | null {
  const f = process.env.UALIGN_FAULT;
  return f === undefined || f === '' ? null : f;
}
