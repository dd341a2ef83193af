// Second opinions for the claims (SPEC §2–4, §4b): deliberate, independent recomputations of what the kernels
// compute, each sharing no code with the kernel it checks.
//  - U_k by the direct expectation over the number of tied draws (the score tables of tables.ts) checks the
//    closed forms of product.ts, which `winrate`, `exploitability` and `equilibrium` use. For Luce types, U_k
//    by the strength sum of the k draws computed by repeated convolution (one draw at a time) checks the power
//    recurrence (Miller's) of winrate/luce.ts.
//  - The rules of SPEC §2 (and Luce's rule of §4b, on the strengths as given) applied by definition to explicit
//    distributions over k-multisets check the score tables (tables.ts) and the branch and bound over ℓ-multisets
//    (multiset.ts, opponents.ts).
//  - P(y ≻ z) by its definition checks the margin matrix (pairwise.ts) and the maximal lotteries.
//  - V_k as the LP over ALL k-multisets (exact simplex), and its certificate evaluated by definition, check
//    the column generation of bestKOutput.ts.
// Exact fraction.js arithmetic, written for clarity, for small cases: callers bound the sizes (multisetCountOf).
// The brute-force oracles of the unit tests are another, separate set (test/oracles/).
// One file on purpose: every second opinion of the claims in one place, apart from the kernels it checks (it
// imports none of product.ts, luce.ts or multiset.ts, and of tables.ts it uses the weak-order tables only).
import { Fraction, frac, ONE, ZERO, HALF, isZero, sumOf } from '../exact/rational.js';
import { Profile, Prompt, UserType } from '../model/types.js';
import { denseRow, LP, LPResult, LPRow } from '../lp/types.js';
import { simplexSolve } from '../lp/simplex.js';
import { PromptModel } from '../winrate/promptModel.js';
import { Rule } from '../winrate/rules.js';
import { scoreOf, scoreTable } from '../winrate/tables.js';

/** A distribution over multisets (sorted item lists). */
export type Distribution = readonly { readonly items: readonly number[]; readonly prob: Fraction }[];

/** C(n + size − 1, size), the number of multisets of `size` items of n, as a float (a size guard only). */
export function multisetCountOf(n: number, size: number): number {
  let r = 1;
  for (let i = 1; i <= size; i++) r = (r * (n - 1 + i)) / i;
  return Math.round(r);
}

/**
 * A size guard for the definitional computations on π^{⊗k}: `count` elementary steps, each on rationals whose
 * size grows with k·log2(denominator of π) bits. Callers compare it with a budget.
 */
export function explicitWork(count: number, probs: readonly (readonly Fraction[])[], k: number): number {
  let bits = 1;
  for (const p of probs) for (const v of p) bits = Math.max(bits, v.d.toString(2).length);
  return count * (1 + (bits * k) / 64);
}

/** Every multiset of `size` items of 0..n−1, sorted, in lexicographic order (odometer). */
export function multisetsOf(n: number, size: number): number[][] {
  const out: number[][] = [];
  if (n < 1) return out;
  const cur = new Array<number>(size).fill(0);
  for (;;) {
    out.push([...cur]);
    let i = size - 1;
    while (i >= 0 && cur[i] === n - 1) i--;
    if (i < 0) return out;
    const v = cur[i] + 1;
    for (let j = i; j < size; j++) cur[j] = v;
  }
}

function factorial(m: number): bigint {
  let f = 1n;
  for (let i = 2; i <= m; i++) f *= BigInt(i);
  return f;
}

/** Σ_t w_t π_t^{⊗k} as an explicit distribution: P(S) = Σ_t w_t · k!/Π_y c_y! · Π_y π_t(y)^{c_y} (SPEC §1). */
export function mixtureDistribution(parts: readonly { weight: Fraction; probs: readonly Fraction[] }[], k: number): Distribution {
  const n = parts[0].probs.length;
  const out: { items: number[]; prob: Fraction }[] = [];
  for (const S of multisetsOf(n, k)) {
    const counts = new Map<number, number>();
    for (const y of S) counts.set(y, (counts.get(y) ?? 0) + 1);
    let multinomial = factorial(k);
    for (const c of counts.values()) multinomial /= factorial(c);
    const p = sumOf(
      parts.map((part) => {
        let q = part.weight.mul(frac(multinomial));
        for (const [y, c] of counts) q = q.mul(part.probs[y].pow(c));
        return q;
      }),
    );
    if (!isZero(p)) out.push({ items: S, prob: p });
  }
  return out;
}

/** π^{⊗k} as an explicit distribution over k-multisets. */
export function productDistribution(probs: readonly Fraction[], k: number): Distribution {
  return mixtureDistribution([{ weight: ONE, probs }], k);
}

/** The distribution a prompt model plays, made explicit (products and mixtures expanded). */
export function distributionOf(model: PromptModel): Distribution {
  if (model.kind === 'outcomes') return model.outcomes;
  if (model.kind === 'product') return productDistribution(model.probs, model.k);
  return mixtureDistribution(model.parts, model.k);
}

/**
 * One user type's opponent score by the rule's definition (SPEC §2) when the model shows S and the opponent T:
 * uniform: the share of T among the shown positions holding a top-tier item; model-wins-ties: 1 iff T's best
 * is strictly better than S's; pairwise: 1, ½ or 0 as T's best is better than, tied with or worse than S's.
 */
export function ruleScoreOf(rank: Int32Array, S: readonly number[], T: readonly number[], rule: Rule): Fraction {
  let bestS = Infinity;
  for (const y of S) bestS = Math.min(bestS, rank[y]);
  let bestT = Infinity;
  for (const y of T) bestT = Math.min(bestT, rank[y]);
  if (rule === 'model-wins-ties') return bestT < bestS ? ONE : ZERO;
  if (rule === 'pairwise') return bestT < bestS ? ONE : bestT === bestS ? HALF : ZERO;
  const top = Math.min(bestS, bestT);
  const inS = S.filter((y) => rank[y] === top).length;
  const inT = T.filter((y) => rank[y] === top).length;
  return frac(inT, inS + inT);
}

/**
 * A Luce type's opponent score by Luce's rule (SPEC §4b), with the strengths as given: the opponent's items T are
 * picked with probability s(T)/(s(S) + s(T)). The rule of SPEC §2 does not apply to Luce types.
 */
export function luceScoreOf(strengths: readonly Fraction[], S: readonly number[], T: readonly number[]): Fraction {
  const sT = sumOf(T.map((y) => strengths[y]));
  const sS = sumOf(S.map((y) => strengths[y]));
  return sT.div(sS.add(sT));
}

/** One user type's opponent score by definition: the rule for a weak order, Luce's rule for a Luce type. */
export function typeScoreOf(u: UserType, S: readonly number[], T: readonly number[], rule: Rule): Fraction {
  return u.kind === 'ranking' ? ruleScoreOf(u.rank, S, T, rule) : luceScoreOf(u.strengths, S, T);
}

/** The opponent's expected score E_{S~σ} Σ_θ w_θ score_θ(S, T) = 1 − WR(σ, T), by definition. */
export function opponentScoreByDefinition(prompt: Prompt, dist: Distribution, T: readonly number[], rule: Rule): Fraction {
  return sumOf(dist.map((o) => o.prob.mul(sumOf(prompt.users.map((u) => u.weight.mul(typeScoreOf(u, o.items, T, rule)))))));
}

/** max over every ℓ-multiset T of the opponent's score, by enumeration (the first best in lexicographic order). */
export function bestOpponentByEnumeration(prompt: Prompt, dist: Distribution, ell: number, rule: Rule): { items: number[]; score: Fraction } {
  let best: { items: number[]; score: Fraction } | null = null;
  for (const T of multisetsOf(prompt.responses.length, ell)) {
    const s = opponentScoreByDefinition(prompt, dist, T, rule);
    if (best === null || s.gt(best.score)) best = { items: T, score: s };
  }
  return best!;
}

/** P(y ≻ z) = Σ_θ w_θ (1[y ≻_θ z] + ½·1[y ~_θ z]) (SPEC §2), and w_θ s_θ(y)/(s_θ(y) + s_θ(z)) for a Luce type (§4b), by definition. */
export function preferenceByDefinition(prompt: Prompt, y: number, z: number): Fraction {
  return sumOf(
    prompt.users.map((u) => {
      if (u.kind === 'luce') return u.weight.mul(u.strengths[y].div(u.strengths[y].add(u.strengths[z])));
      return u.rank[y] < u.rank[z] ? u.weight : u.rank[y] === u.rank[z] ? u.weight.mul(HALF) : ZERO;
    }),
  );
}

/** P(π ≻ z) = Σ_y π(y) P(y ≻ z) for every z, by definition: π is a maximal lottery iff all are ≥ ½ (SPEC §3). */
export function lotteryWinRates(prompt: Prompt, probs: readonly Fraction[]): Fraction[] {
  const n = prompt.responses.length;
  return Array.from({ length: n }, (_, z) => sumOf(probs.map((p, y) => (isZero(p) ? ZERO : p.mul(preferenceByDefinition(prompt, y, z))))));
}

/** P(π ≻ π′) = Σ_{y,z} π(y) π′(z) P(y ≻ z), by definition. */
export function lotteryPreference(prompt: Prompt, probs: readonly Fraction[], other: readonly Fraction[]): Fraction {
  const w = lotteryWinRates(prompt, probs);
  return sumOf(other.map((q, z) => q.mul(w[z])));
}

// ---- Luce types (SPEC §4b): the strength sum of the model's items by repeated convolution ----

/** A Luce type's strengths as integers s(y)·Λ, Λ = lcm of their denominators (ratios are all that matter). */
export function scaledStrengths(strengths: readonly Fraction[]): bigint[] {
  let lam = 1n;
  for (const v of strengths) lam = (lam * v.d) / gcdOf(lam, v.d);
  return strengths.map((v) => (v.n * lam) / v.d);
}

function gcdOf(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

/** The distribution of a sum: P(X = x) = num.get(x)/den. */
export interface SumDistribution {
  readonly num: ReadonlyMap<bigint, bigint>;
  readonly den: bigint;
}

/**
 * X_k for π^{⊗k}: k convolutions with the one-draw distribution of s(y), y ~ π (numerators over D^k), on a dense
 * array indexed by the sum (responses of equal strength pooled first).
 */
function convolvedProduct(s: readonly bigint[], probs: readonly Fraction[], k: number): SumDistribution {
  let D = 1n;
  for (const p of probs) D = (D * p.d) / gcdOf(D, p.d);
  const mass = new Map<number, bigint>();
  probs.forEach((p, y) => {
    if (p.n !== 0n) mass.set(Number(s[y]), (mass.get(Number(s[y])) ?? 0n) + (p.n * D) / p.d);
  });
  const vals = [...mass.entries()];
  let cur: bigint[] = [1n];
  for (let j = 0; j < k; j++) {
    const next = new Array<bigint>(cur.length + Math.max(...vals.map(([v]) => v))).fill(0n);
    for (let x = 0; x < cur.length; x++) {
      const c = cur[x];
      if (c !== 0n) for (const [v, m] of vals) next[x + v] += c * m;
    }
    cur = next;
  }
  const num = new Map<bigint, bigint>();
  cur.forEach((c, x) => {
    if (c !== 0n) num.set(BigInt(x), c);
  });
  return { num, den: D ** BigInt(k) };
}

/**
 * The distribution of the strength sum s(S) of the model's k items for one Luce type (scaled strengths s):
 * a product by repeated convolution (one draw at a time), a mixture as Σ_t w_t of its parts' distributions,
 * an explicit distribution over k-multisets item by item. Shares no code with the power recurrence of
 * winrate/luce.ts (strengthSumDist), which it checks.
 */
export function strengthSumByConvolution(s: readonly bigint[], model: PromptModel): SumDistribution {
  if (model.kind === 'product') return convolvedProduct(s, model.probs, model.k);
  // Σ_i p_i·[X = x_i] with p_i = a_i/b_i: over den = lcm(b_i)
  const terms: { x: bigint; a: bigint; b: bigint }[] = [];
  if (model.kind === 'outcomes') for (const o of model.outcomes) terms.push({ x: o.items.reduce((a, y) => a + s[y], 0n), a: o.prob.n, b: o.prob.d });
  else
    for (const part of model.parts) {
      const d = convolvedProduct(s, part.probs, model.k);
      for (const [x, c] of d.num) terms.push({ x, a: part.weight.n * c, b: part.weight.d * d.den });
    }
  let den = 1n;
  for (const b of new Set(terms.map((t) => t.b))) den = (den * b) / gcdOf(den, b);
  const num = new Map<bigint, bigint>();
  for (const t of terms) if (t.a !== 0n) num.set(t.x, (num.get(t.x) ?? 0n) + t.a * (den / t.b));
  return { num, den };
}

/** E[t/(t + X)] exactly: Σ_x P(X = x)·t/(t + x), summed over the lcm of the (t + x). */
export function shareExpectation(dist: SumDistribution, t: bigint): Fraction {
  let L = 1n;
  for (const x of dist.num.keys()) L = (L * (t + x)) / gcdOf(L, t + x);
  let num = 0n;
  for (const [x, c] of dist.num) num += c * t * (L / (t + x));
  return frac(num, L * dist.den);
}

/**
 * The Luce types' part of the opponent's score (SPEC §4b), Σ_{θ Luce} w_θ E[s_θ(T)/(s_θ(S) + s_θ(T))], for each
 * opponent multiset T, with the model's strength sums by convolution.
 */
export function luceScoresByConvolution(prompt: Prompt, model: PromptModel, opponents: readonly (readonly number[])[]): Fraction[] {
  const out = opponents.map(() => ZERO);
  for (const u of prompt.users) {
    if (u.kind !== 'luce') continue;
    const s = scaledStrengths(u.strengths);
    const dist = strengthSumByConvolution(s, model);
    const seen = new Map<bigint, Fraction>();
    opponents.forEach((T, i) => {
      const t = T.reduce((a, y) => a + s[y], 0n);
      let e = seen.get(t);
      if (e === undefined) seen.set(t, (e = shareExpectation(dist, t)));
      out[i] = out[i].add(u.weight.mul(e));
    });
  }
  return out;
}

/** The prompt's weak-order types with their weights as they are (not renormalised), or null if it has none. */
function rankingPart(prompt: Prompt): Prompt | null {
  const users = prompt.users.filter((u) => u.kind === 'ranking');
  if (users.length === 0) return null;
  return users.length === prompt.users.length ? prompt : { responses: prompt.responses, index: prompt.index, users };
}

/**
 * The opponent's score of every single response y against a product or mixture of products (SPEC §2, §4b): the
 * weak-order types by the direct expectation over the number of tied draws (the score table of tables.ts, ℓ = 1),
 * the Luce types by the convolution above — no closed form of U_k, no power recurrence.
 */
export function directScores(prompt: Prompt, model: PromptModel, rule: Rule): Fraction[] {
  const rp = rankingPart(prompt);
  let out = prompt.responses.map(() => ZERO);
  if (rp !== null) {
    const table = scoreTable(rp, model, 1, rule);
    out = prompt.responses.map((_, y) => frac(scoreOf(rp, table, [y]), table.den));
  }
  if (rp === prompt) return out;
  const luce = luceScoresByConvolution(
    prompt,
    model,
    prompt.responses.map((_, y) => [y]),
  );
  return out.map((v, y) => v.add(luce[y]));
}

/** rob_k(σ) = Σ_x ρ(x) min_y (1 − score(y)) with the scores of `directScores` (weak orders: compared over their common denominator). */
export function directRobustness(profile: Profile, models: readonly PromptModel[], rule: Rule): { robustness: Fraction; perPrompt: Fraction[] } {
  const perPrompt = profile.prompts.map(({ prompt }, x) => {
    if (rankingPart(prompt) !== prompt) {
      const d = directScores(prompt, models[x], rule);
      return ONE.sub(d.reduce((a, b) => (b.gt(a) ? b : a)));
    }
    const table = scoreTable(prompt, models[x], 1, rule);
    let mx = scoreOf(prompt, table, [0]);
    for (let y = 1; y < prompt.responses.length; y++) {
      const v = scoreOf(prompt, table, [y]);
      if (v > mx) mx = v;
    }
    return ONE.sub(frac(mx, table.den));
  });
  return { robustness: sumOf(perPrompt.map((r, x) => r.mul(profile.prompts[x].weight))), perPrompt };
}

/**
 * The best ℓ-output opponent by enumerating every ℓ-multiset T (the first best in lexicographic order): weak-order
 * types by the score table of tables.ts, Luce types by the convolution (their score depends on T through s_θ(T)).
 * Checks the branch and bound of multiset.ts at any k; callers bound C(n+ℓ−1, ℓ).
 */
export function bestOpponentByDirectEnumeration(prompt: Prompt, model: PromptModel, ell: number, rule: Rule): { items: number[]; score: Fraction } {
  const all = multisetsOf(prompt.responses.length, ell);
  const rp = rankingPart(prompt);
  let scores = all.map(() => ZERO);
  if (rp !== null) {
    const table = scoreTable(rp, model, ell, rule);
    scores = all.map((T) => frac(scoreOf(rp, table, T), table.den));
  }
  if (rp !== prompt) {
    const luce = luceScoresByConvolution(prompt, model, all);
    scores = scores.map((v, i) => v.add(luce[i]));
  }
  let best = 0;
  for (let i = 1; i < all.length; i++) if (scores[i].gt(scores[best])) best = i;
  return { items: all[best], score: scores[best] };
}

/** WR(S, y) = 1 − score(S, {y}) for a model showing the k-multiset S, by definition. */
function winRateOfMultiset(prompt: Prompt, S: readonly number[], y: number, rule: Rule): Fraction {
  return ONE.sub(sumOf(prompt.users.map((u) => u.weight.mul(typeScoreOf(u, S, [y], rule)))));
}

/**
 * V_k on one prompt as the LP over ALL k-multisets (SPEC T3): max v s.t. Σ_S σ_S WR(S, y) ≥ v for every y,
 * Σ_S σ_S = 1, σ ≥ 0 — columns by definition, solved by the exact simplex (no column generation, no pricing).
 */
export function vkByFullLP(prompt: Prompt, k: number, rule: Rule): Fraction {
  const n = prompt.responses.length;
  const all = multisetsOf(n, k);
  const C = all.length;
  const wr = all.map((S) => prompt.responses.map((_, y) => winRateOfMultiset(prompt, S, y, rule)));
  const rows = [
    ...prompt.responses.map((_, y) => denseRow([...all.map((_, s) => wr[s][y]), ONE.neg()], '>=', ZERO)),
    denseRow([...all.map(() => ONE), ZERO], '=', ONE),
  ];
  const lp: LP = {
    numVars: C + 1,
    maximize: true,
    objective: [...all.map(() => ZERO), ONE],
    rows,
    free: [...all.map(() => false), true],
  };
  const r = simplexSolve(lp);
  if (r.status !== 'optimal') throw new Error(`V_k LP over all k-multisets: ${r.status}`); // feasible and bounded by 1
  return r.value;
}

/**
 * A V_k certificate evaluated by definition (SPEC T3, LP duality): the model σ guarantees min_y WR(σ, y), the
 * opponent mixture q holds every k-multiset to max_S Σ_y q(y) WR(S, y) (null when `enumerate` is false);
 * both equal V_k exactly iff the certificate is right. q must be a distribution (checked: `qIsDistribution`).
 */
export function vkCertificateByDefinition(
  prompt: Prompt,
  k: number,
  rule: Rule,
  outcomes: Distribution,
  q: readonly Fraction[],
  enumerate: boolean,
): { modelValue: Fraction; opponentValue: Fraction | null; qIsDistribution: boolean } {
  const n = prompt.responses.length;
  let modelValue: Fraction | null = null;
  for (let y = 0; y < n; y++) {
    const v = ONE.sub(opponentScoreByDefinition(prompt, outcomes, [y], rule));
    if (modelValue === null || v.lt(modelValue)) modelValue = v;
  }
  let opponentValue: Fraction | null = null;
  if (enumerate)
    for (const S of multisetsOf(n, k)) {
      const v = sumOf(q.map((qy, y) => (isZero(qy) ? ZERO : qy.mul(winRateOfMultiset(prompt, S, y, rule)))));
      if (opponentValue === null || v.gt(opponentValue)) opponentValue = v;
    }
  const qIsDistribution = q.length === n && q.every((v) => v.gte(ZERO)) && sumOf(q).equals(ONE);
  return { modelValue: modelValue!, opponentValue, qIsDistribution };
}

/**
 * Whether an LP result's certificate holds, by the definitions of LPResult (lp/types.ts: weak duality,
 * Farkas' lemma, a feasible point with an improving ray) on the LP's own rational rows, with fraction.js's
 * arithmetic and comparison only: no integer scaling, no common denominators, nothing of lp/certificate.ts,
 * which checks the same conditions on the integer-scaled LP. Judges C1's tampered certificates.
 */
export function lpCertificateByDefinition(lp: LP, r: LPResult): boolean {
  const n = lp.numVars;
  const zero = new Fraction(0);
  const sgn = (v: Fraction) => v.compare(zero);
  const isFree = (j: number) => lp.free?.[j] === true;
  const dot = (row: LPRow, x: readonly Fraction[]) => row.idx.reduce((s, j, t) => s.add(row.val[t].mul(x[j])), zero);
  const cdot = (x: readonly Fraction[]) => lp.objective.reduce((s, c, j) => s.add(c.mul(x[j])), zero);
  const yb = (y: readonly Fraction[]) => lp.rows.reduce((s, row, i) => s.add(y[i].mul(row.rhs)), zero);
  // column j of yᵀA: Σ_i y_i a_ij
  const yA = (y: readonly Fraction[]) => Array.from({ length: n }, (_, j) => lp.rows.reduce((s, row, i) => s.add(y[i].mul(row.val[row.idx.indexOf(j)] ?? zero)), zero));
  const rowHolds = (a: Fraction, sense: string, b: Fraction) => (sense === '<=' ? a.compare(b) <= 0 : sense === '>=' ? a.compare(b) >= 0 : a.compare(b) === 0);
  const inCone = (x: readonly Fraction[]) => x.length === n && x.every((v, j) => isFree(j) || sgn(v) >= 0);
  const feasible = (x: readonly Fraction[]) => inCone(x) && lp.rows.every((row) => rowHolds(dot(row, x), row.sense, row.rhs));
  // a multiplier's sign: ≥ 0 on ≤ rows and ≤ 0 on ≥ rows when `up` (maximising, or Farkas), reversed otherwise; free on = rows
  const signed = (y: readonly Fraction[], up: boolean) =>
    y.length === lp.rows.length && lp.rows.every((row, i) => row.sense === '=' || sgn(y[i]) === 0 || sgn(y[i]) > 0 === (row.sense === '<=' ? up : !up));
  if (r.status === 'optimal') {
    const { x, y, value } = r;
    if (!feasible(x) || !signed(y, lp.maximize)) return false;
    const dualFeasible = yA(y).every((v, j) => {
      const d = v.compare(lp.objective[j]);
      return isFree(j) ? d === 0 : lp.maximize ? d >= 0 : d <= 0;
    });
    return dualFeasible && cdot(x).compare(yb(y)) === 0 && cdot(x).compare(value) === 0;
  }
  if (r.status === 'infeasible') {
    const y = r.farkas;
    return signed(y, true) && yA(y).every((v, j) => (isFree(j) ? sgn(v) === 0 : sgn(v) >= 0)) && sgn(yb(y)) < 0;
  }
  const { x, ray } = r;
  if (!feasible(x) || !inCone(ray) || !lp.rows.every((row) => rowHolds(dot(row, ray), row.sense, zero))) return false;
  const improves = sgn(cdot(ray));
  return lp.maximize ? improves > 0 : improves < 0;
}
