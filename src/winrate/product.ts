import { Fraction, frac, commonDenominator } from '../exact/rational.js';
import { Prompt } from '../model/types.js';
import { activeFault } from './faults.js';
import { Rule } from './rules.js';

/**
 * U_k(y; π) for every response y: the opponent's score when it plays y against π^{⊗k}
 * (SPEC §2 closed forms). Integer kernel: with π = p/D and w_θ = a_θ/B,
 *   uniform:          U = Σ_θ a_θ ((E+W)^{k+1} − W^{k+1})/E  / ((k+1) D^k B)   ((k+1)W^k when E = 0)
 *   model-wins-ties:  U = Σ_θ a_θ W^k / (D^k B)
 *   pairwise:         U = Σ_θ a_θ ((E+W)^k + W^k) / (2 D^k B)
 * where E, W are the integer masses of the tie class and the strictly-worse set. O(m·n).
 */
export function productScores(prompt: Prompt, probs: readonly Fraction[], k: number, rule: Rule = 'uniform'): Fraction[] {
  const { num, den } = productScoreNumerators(prompt, probs, k, rule);
  return num.map((v) => frac(v, den));
}

/**
 * Per user type and tier t: the integer g with U_θ(tier t) = g/den (SPEC §2 closed forms),
 * den = (k+1)D^k, D^k or 2D^k by rule. Prefix sums along each type's tiers: O(m·n).
 */
export function productTierValues(
  prompt: Prompt,
  probs: readonly Fraction[],
  k: number,
  rule: Rule = 'uniform',
): { g: bigint[][]; den: bigint } {
  const fault = activeFault();
  if (fault === 'uk-off-by-one') k += 1;
  const n = prompt.responses.length;
  const { num: p, den: D } = commonDenominator(probs);
  const K = BigInt(k);
  const powK = powCache(K);
  const powK1 = powCache(K + 1n);
  const g = prompt.users.map((u) => {
    const T = u.numTiers;
    const mass = new Array<bigint>(T).fill(0n);
    const rank = u.rank;
    for (let y = 0; y < n; y++) if (p[y] !== 0n) mass[rank[y]] += p[y];
    const gt = new Array<bigint>(T);
    let W = 0n;
    for (let t = T - 1; t >= 0; t--) {
      const E = mass[t];
      if (fault === 'uk-tie-worse') W += E; // fault injection: E_θ counted inside W_θ
      if (rule === 'uniform') gt[t] = E === 0n ? (K + 1n) * powK(W) : (powK1(E + W) - powK1(W)) / E;
      else if (rule === 'model-wins-ties') gt[t] = powK(W);
      else gt[t] = powK(E + W) + powK(W);
      if (fault !== 'uk-tie-worse') W += E;
    }
    return gt;
  });
  const Dk = D ** K;
  const den = rule === 'uniform' ? (K + 1n) * Dk : rule === 'model-wins-ties' ? Dk : 2n * Dk;
  if (fault === 'uk-tie-share' && rule === 'uniform') return { g: g.map((gt) => gt.map((v) => v * (K + 1n))), den: den * K };
  return { g, den };
}

/** Integer numerators of U_k(·; π) over one common denominator. */
export function productScoreNumerators(
  prompt: Prompt,
  probs: readonly Fraction[],
  k: number,
  rule: Rule = 'uniform',
): { num: bigint[]; den: bigint } {
  const n = prompt.responses.length;
  const { num: a, den: B } = commonDenominator(prompt.users.map((u) => u.weight));
  const { g, den } = productTierValues(prompt, probs, k, rule);
  const acc = new Array<bigint>(n).fill(0n);
  prompt.users.forEach((u, ui) => {
    const au = a[ui];
    const gt = g[ui].map((v) => v * au);
    const rank = u.rank;
    for (let y = 0; y < n; y++) acc[y] += gt[rank[y]];
  });
  return { num: acc, den: den * B };
}

function powCache(e: bigint): (v: bigint) => bigint {
  const m = new Map<bigint, bigint>();
  return (v) => {
    let r = m.get(v);
    if (r === undefined) {
      r = v ** e;
      m.set(v, r);
    }
    return r;
  };
}
