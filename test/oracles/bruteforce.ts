// Brute-force references (tests only): enumerate Y^k and Y^ℓ and apply the rules of SPEC §2 (and Luce's
// rule of §4b, on the strengths as given) by definition.
import { Fraction, frac, ONE, ZERO, HALF, isZero, sumOf } from '../../src/exact/rational.js';
import { Prompt, UserType } from '../../src/model/types.js';
import { Rule } from '../../src/winrate/rules.js';

/** Opponent's score for one user type, by the definition of the rule on positions of S and T. */
export function ruleScore(rank: Int32Array, S: readonly number[], T: readonly number[], rule: Rule): Fraction {
  const bestS = Math.min(...S.map((y) => rank[y]));
  const bestT = Math.min(...T.map((y) => rank[y]));
  if (rule === 'model-wins-ties') return bestT < bestS ? ONE : ZERO;
  if (rule === 'pairwise') return bestT < bestS ? ONE : bestT === bestS ? HALF : ZERO;
  const top = Math.min(bestS, bestT);
  const inS = S.filter((y) => rank[y] === top).length;
  const inT = T.filter((y) => rank[y] === top).length;
  return frac(inT, inS + inT);
}

/**
 * Luce's rule (SPEC §4b) on the shown positions S then T: position i is picked with probability
 * s(z_i)/Σ_j s(z_j); the opponent's score is the total probability of T's positions.
 */
export function luceScore(strengths: readonly Fraction[], S: readonly number[], T: readonly number[]): Fraction {
  const shown = [...S, ...T];
  const total = sumOf(shown.map((y) => strengths[y]));
  let s = ZERO;
  shown.forEach((y, i) => {
    if (i >= S.length) s = s.add(strengths[y].div(total));
  });
  return s;
}

/** Opponent's score for one user type of either kind. */
export function typeScore(u: UserType, S: readonly number[], T: readonly number[], rule: Rule): Fraction {
  return u.kind === 'luce' ? luceScore(u.strengths, S, T) : ruleScore(u.rank, S, T, rule);
}

/** Every ordered tuple of length k over 0..n−1. */
export function* tuples(n: number, k: number): Generator<number[]> {
  const t = new Array(k).fill(0);
  if (n === 0) return;
  while (true) {
    yield [...t];
    let i = k - 1;
    while (i >= 0 && t[i] === n - 1) t[i--] = 0;
    if (i < 0) return;
    t[i]++;
  }
}

/** The k-sample product as an explicit list of ordered tuples with probabilities. */
export function productOutcomes(probs: readonly Fraction[], k: number): { items: number[]; prob: Fraction }[] {
  const out: { items: number[]; prob: Fraction }[] = [];
  for (const S of tuples(probs.length, k)) {
    let p = ONE;
    for (const y of S) p = p.mul(probs[y]);
    if (!isZero(p)) out.push({ items: S, prob: p });
  }
  return out;
}

/** Opponent's expected score for T against an explicit distribution over tuples. */
export function bruteScore(prompt: Prompt, outcomes: readonly { items: readonly number[]; prob: Fraction }[], T: readonly number[], rule: Rule): Fraction {
  let s = ZERO;
  for (const o of outcomes) {
    let inner = ZERO;
    for (const u of prompt.users) inner = inner.add(u.weight.mul(typeScore(u, o.items, T, rule)));
    s = s.add(o.prob.mul(inner));
  }
  return s;
}

/** max over all ordered ℓ-tuples of the opponent's score, by enumeration. */
export function bruteBestScore(prompt: Prompt, outcomes: readonly { items: readonly number[]; prob: Fraction }[], ell: number, rule: Rule): Fraction {
  let best: Fraction | null = null;
  for (const T of tuples(prompt.responses.length, ell)) {
    const s = bruteScore(prompt, outcomes, T, rule);
    if (best === null || s.gt(best)) best = s;
  }
  return best!;
}

/** NLHF's P(y ≻ y') = Σ_θ w_θ (1[y ≻_θ y'] + ½·1[y ~_θ y']) (SPEC §2); s(y)/(s(y)+s(y')) for a Luce type (§4b). */
export function prefer(prompt: Prompt, y: number, z: number): Fraction {
  let s = ZERO;
  for (const u of prompt.users) {
    if (u.kind === 'luce') {
      s = s.add(u.weight.mul(u.strengths[y].div(u.strengths[y].add(u.strengths[z]))));
      continue;
    }
    const a = u.rank[y];
    const b = u.rank[z];
    if (a < b) s = s.add(u.weight);
    else if (a === b) s = s.add(u.weight.mul(HALF));
  }
  return s;
}
