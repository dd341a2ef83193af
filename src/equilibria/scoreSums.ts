// Σ_t U_k(y; π_t) over a sequence of exact iterates (SPEC T5's cumulative reward), as integers over one
// denominator: the closed form of each iterate (SPEC §3, winrate/product.ts) added exactly. Luce types are left
// to exactRegret (dynamics.ts), which adds their shares once for the whole sequence.
import { Fraction, gcd } from '../exact/rational.js';
import { hasLuce } from '../model/structure.js';
import { Prompt } from '../model/types.js';
import { productScoreNumerators, rankingScoreNumerators } from '../winrate/product.js';

/** Σ_t U_k(y; π_t) = num[y]/den (not reduced). */
export interface ScoreSums {
  readonly num: bigint[];
  readonly den: bigint;
}

/** The sums over `iterates`; any split of them gives the same value through addSums. */
export function scoreSums(prompt: Prompt, iterates: readonly (readonly Fraction[])[], k: number): ScoreSums {
  const kernel = hasLuce(prompt) ? rankingScoreNumerators : productScoreNumerators;
  let sum: ScoreSums = { num: new Array<bigint>(prompt.responses.length).fill(0n), den: 1n };
  for (const pi of iterates) sum = addSums(sum, kernel(prompt, pi, k, 'uniform'));
  return sum;
}

/** a + b over the least common denominator of the two. */
export function addSums(a: ScoreSums, b: ScoreSums): ScoreSums {
  if (a.num.length !== b.num.length) throw new Error('addSums: sums over different responses');
  if (a.den % b.den === 0n) {
    const f = a.den / b.den;
    return { num: a.num.map((v, y) => v + b.num[y] * f), den: a.den };
  }
  const g = gcd(a.den, b.den);
  const fa = b.den / g;
  const fb = a.den / g;
  return { num: a.num.map((v, y) => v * fa + b.num[y] * fb), den: fb * b.den };
}
