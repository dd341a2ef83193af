import { Fraction, frac, commonDenominator, lcm } from '../exact/rational.js';
import { hasLuce } from '../model/structure.js';
import { Prompt } from '../model/types.js';
import { activeFault } from './faults.js';
import { luceJacobianNumerators, luceScoreNumerators } from './luce.js';
import { Rule } from './rules.js';

/**
 * U_k(y; π) for every response y: the opponent's score when it plays y against π^{⊗k}
 * (SPEC §2 closed forms). Integer kernel: with π = p/D and w_θ = a_θ/B,
 *   uniform:          U = Σ_θ a_θ ((E+W)^{k+1} − W^{k+1})/E  / ((k+1) D^k B)   ((k+1)W^k when E = 0)
 *   model-wins-ties:  U = Σ_θ a_θ W^k / (D^k B)
 *   pairwise:         U = Σ_θ a_θ ((E+W)^k + W^k) / (2 D^k B)
 * where E, W are the integer masses of the tie class and the strictly-worse set. O(m·n).
 * Luce types (SPEC §4b) choose by Luce's rule under every rule: see luce.ts.
 */
export function productScores(prompt: Prompt, probs: readonly Fraction[], k: number, rule: Rule = 'uniform'): Fraction[] {
  const { num, den } = productScoreNumerators(prompt, probs, k, rule);
  return num.map((v) => frac(v, den));
}

/**
 * Per ranking type and tier t: the integer g with U_θ(tier t) = g/den (SPEC §2 closed forms),
 * den = (k+1)D^k, D^k or 2D^k by rule (g[θ] = [] for a Luce type). Prefix sums along each type's tiers: O(m·n).
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
  // the exponent of the closed form: k+1 (uniform) or k; A = E + W of a tier is W of the tier above, so one
  // power per tier boundary, carried upward (and D^e, the top, shared by every type)
  const e = rule === 'uniform' ? K + 1n : K;
  const De = D ** e;
  const g = prompt.users.map((u) => {
    if (u.kind !== 'ranking') return [];
    const T = u.numTiers;
    const mass = new Array<bigint>(T).fill(0n);
    const rank = u.rank;
    for (let y = 0; y < n; y++) if (p[y] !== 0n) mass[rank[y]] += p[y];
    const gt = new Array<bigint>(T);
    let W = 0n;
    let powW = 0n; // W^e (W = 0, e ≥ 1)
    for (let t = T - 1; t >= 0; t--) {
      const E = mass[t];
      const A = W + E;
      const powA = E === 0n ? powW : A === D ? De : A ** e;
      if (fault === 'uk-tie-worse') {
        // fault injection: the tie class E_θ counted inside W_θ
        const pW = A ** e;
        const pA = (A + E) ** e;
        gt[t] = rule === 'uniform' ? (E === 0n ? (K + 1n) * A ** K : (pA - pW) / E) : rule === 'model-wins-ties' ? pW : pA + pW;
      } else if (rule === 'uniform') gt[t] = E === 0n ? (W === 0n ? 0n : (K + 1n) * (powW / W)) : (powA - powW) / E;
      else if (rule === 'model-wins-ties') gt[t] = powW;
      else gt[t] = powA + powW;
      W = A;
      powW = powA;
    }
    return gt;
  });
  const Dk = D ** K;
  const den = rule === 'uniform' ? (K + 1n) * Dk : rule === 'model-wins-ties' ? Dk : 2n * Dk;
  if (fault === 'uk-tie-share' && rule === 'uniform') return { g: g.map((gt) => gt.map((v) => v * (K + 1n))), den: den * K };
  return { g, den };
}

/** Integer numerators of U_k(·; π) over one common denominator (ranking and Luce types alike). */
export function productScoreNumerators(
  prompt: Prompt,
  probs: readonly Fraction[],
  k: number,
  rule: Rule = 'uniform',
): { num: bigint[]; den: bigint } {
  const r = rankingScoreNumerators(prompt, probs, k, rule);
  if (!hasLuce(prompt)) return r;
  // Luce part over L·D^k·B (the same D^k, k + 1 draws under the off-by-one fault): one denominator lcm(c, L)·D^k·B
  const { num: a, den: B } = commonDenominator(prompt.users.map((u) => u.weight));
  const { num: p, den: D } = commonDenominator(probs);
  const kk = activeFault() === 'uk-off-by-one' ? k + 1 : k;
  const X = D ** BigInt(kk) * B;
  return joinLuceScores(r, luceScoreNumerators(prompt.users, a, p, kk), X);
}

/** Ranking numerators over c·X joined with Luce numerators over L·X: one denominator lcm(c, L)·X. */
export function joinLuceScores(r: { num: readonly bigint[]; den: bigint }, lu: { num: readonly bigint[]; L: bigint }, X: bigint): { num: bigint[]; den: bigint } {
  const c = r.den / X;
  const M = lcm(c, lu.L);
  const fr = M / c;
  const fl = M / lu.L;
  return { num: r.num.map((v, y) => v * fr + lu.num[y] * fl), den: M * X };
}

/** The ranking types' part of U_k(·; π) (Luce types contribute 0), over c·D^k·B with c = k+1, 1 or 2 by rule. */
export function rankingScoreNumerators(
  prompt: Prompt,
  probs: readonly Fraction[],
  k: number,
  rule: Rule = 'uniform',
): { num: bigint[]; den: bigint } {
  const n = prompt.responses.length;
  const { num: a, den: B } = commonDenominator(prompt.users.map((u) => u.weight));
  const { g, den } = productTierValues(prompt, probs, k, rule);
  // Σ_θ a_θ g_θ: the g's summed per distinct weight numerator first, multiplied once per weight
  const byWeight = new Map<bigint, bigint[]>();
  prompt.users.forEach((u, ui) => {
    if (u.kind !== 'ranking') return;
    let part = byWeight.get(a[ui]);
    if (!part) byWeight.set(a[ui], (part = new Array<bigint>(n).fill(0n)));
    const gt = g[ui];
    const rank = u.rank;
    for (let y = 0; y < n; y++) part[y] += gt[rank[y]];
  });
  const acc = new Array<bigint>(n).fill(0n);
  for (const [au, part] of byWeight) for (let y = 0; y < n; y++) acc[y] += au * part[y];
  return { num: acc, den: den * B };
}

/**
 * Exact Jacobian of U_k under the uniform rule (SPEC §2): J[i][j] = ∂U_k(rows[i]; π)/∂π(cols[j]), integers
 * over one denominator. Per type, with π = p/D, A = D(e+w) and W = D·w for the tier of y, E = A − W and
 * G = Σ_{j≤k} A^j W^{k−j} = (A^{k+1} − W^{k+1})/E (so U_θ = G/((k+1)D^k)):
 *   z tied with y:       ∂U_θ/∂π_z = G_a/((k+1)D^{k−1}),  G_a = ((k+1)A^k − G)/E     (E = 0: k(k+1)/2·W^{k−1})
 *   z strictly worse:    ∂U_θ/∂π_z = G_w/((k+1)D^{k−1}),  G_w = (k+1)(A^k − W^k)/E    (E = 0: k(k+1)·W^{k−1})
 *   z strictly better:   0.
 * Luce types: ∂U_θ(y)/∂π_z = k·E[s_y/(s_y + s_z + X_{k−1})] (luce.ts), on the common denominator.
 */
export function productJacobian(
  prompt: Prompt,
  probs: readonly Fraction[],
  k: number,
  rows: readonly number[],
  cols: readonly number[],
): { num: bigint[][]; den: bigint } {
  const n = prompt.responses.length;
  const { num: p, den: D } = commonDenominator(probs);
  const { num: a, den: B } = commonDenominator(prompt.users.map((u) => u.weight));
  const K = BigInt(k);
  const K1 = K + 1n;
  const J = rows.map(() => new Array<bigint>(cols.length).fill(0n));
  prompt.users.forEach((u, ui) => {
    if (u.kind !== 'ranking') return;
    const T = u.numTiers;
    const mass = new Array<bigint>(T).fill(0n);
    for (let y = 0; y < n; y++) if (p[y] !== 0n) mass[u.rank[y]] += p[y];
    const ga = new Array<bigint>(T);
    const gw = new Array<bigint>(T);
    let W = 0n;
    let Wk = K === 0n ? 1n : 0n; // W^k for W = 0
    let Wk1 = 0n; // W^{k+1}
    for (let t = T - 1; t >= 0; t--) {
      const E = mass[t];
      const A = W + E;
      if (E === 0n) {
        const Wkm1 = K === 1n ? 1n : W ** (K - 1n);
        ga[t] = ((K * K1) / 2n) * Wkm1;
        gw[t] = K * K1 * Wkm1;
      } else {
        const Ak = A ** K;
        const Ak1 = Ak * A;
        const G = (Ak1 - Wk1) / E;
        ga[t] = (K1 * Ak - G) / E;
        gw[t] = (K1 * (Ak - Wk)) / E;
        Wk = Ak;
        Wk1 = Ak1;
      }
      W = A;
    }
    const w = a[ui];
    for (let t = 0; t < T; t++) {
      ga[t] *= w;
      gw[t] *= w;
    }
    const rank = u.rank;
    for (let i = 0; i < rows.length; i++) {
      const ty = rank[rows[i]];
      const Ji = J[i];
      const e = ga[ty];
      const f = gw[ty];
      for (let j = 0; j < cols.length; j++) {
        const tz = rank[cols[j]];
        if (tz === ty) Ji[j] += e;
        else if (tz > ty) Ji[j] += f;
      }
    }
  });
  const Dk1 = D ** (K - 1n);
  if (!hasLuce(prompt)) return { num: J, den: K1 * Dk1 * B };
  const lu = luceJacobianNumerators(prompt.users, a, p, k, rows, cols);
  const M = lcm(K1, lu.L);
  const fr = M / K1;
  const fl = M / lu.L;
  return { num: J.map((r, i) => r.map((v, j) => v * fr + lu.num[i][j] * fl)), den: M * Dk1 * B };
}
