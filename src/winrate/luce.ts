// Exact kernels for Luce user types (SPEC §4b), on integers over common denominators.
// A Luce type θ with integer strengths s (LuceType.ints; only ratios matter) shown the model's items S
// and the opponent's items T gives the opponent s(T)/(s(S) + s(T)). Against π^{⊗k} with π = p/D, the
// strength sum X of the k draws has the distribution of the polynomial (Σ_y p_y z^{s_y})^k / D^k, so
//   U_θ(t) = E[t/(t + X)] = Σ_x c_x·t/(t + x) / D^k      (t = s(T); t = s_y for a single response y).
// One common L = lcm{t + x} makes every term an integer; results are reduced once, by the callers.
// One file: the strength-sum distributions, the common denominator and the size budgets they are refused by
// belong together (each budget bounds one of these computations).
import { gcd } from '../exact/rational.js';
import { InputError } from '../model/errors.js';
import { activeFault } from './faults.js';
import { LuceType } from '../model/types.js';

/** The strength sum of a model's items: integer weights c_x of the sums x (ascending, all c_x > 0). */
export interface SumDist {
  readonly sums: readonly number[];
  readonly coef: readonly bigint[];
}

/**
 * Sizes past which exact Luce work is refused before it starts (one InputError naming the budget): raise them
 * with setLuceBudget, or in CLI runs with the environment variables named below.
 */
export const LUCE_BUDGET = {
  /** Distinct strength sums of one type (the support of X; the sums a table or a denominator holds). UALIGN_LUCE_SUMS. */
  sums: budgetFromEnv('UALIGN_LUCE_SUMS', 1_000_000),
  /** Terms c_x·t·(L/(t + x)) of one exact evaluation, over all types. UALIGN_LUCE_TERMS. */
  terms: budgetFromEnv('UALIGN_LUCE_TERMS', 10_000_000),
  /** Bits of the common denominator L = lcm{t + x}. UALIGN_LUCE_LCM_BITS. */
  lcmBits: budgetFromEnv('UALIGN_LUCE_LCM_BITS', 1 << 16),
};

function budgetFromEnv(name: string, dflt: number): number {
  const v = typeof process !== 'undefined' ? process.env[name] : undefined;
  const n = v === undefined ? NaN : Number(v);
  return Number.isSafeInteger(n) && n > 0 ? n : dflt;
}

export function setLuceBudget(b: Partial<typeof LUCE_BUDGET>): void {
  Object.assign(LUCE_BUDGET, b);
}

/** Dense coefficient arrays up to this many sums; past it, a sparse map. */
const DENSE_MAX = 1 << 16;

function refuse(what: string, count: number): never {
  const size = count > LUCE_BUDGET.sums + 1 ? `about ${count}` : `more than ${LUCE_BUDGET.sums}`;
  throw new InputError(
    `Luce strengths: ${what} has ${size} distinct strength sums for one user type, above the budget of ${LUCE_BUDGET.sums} (raise it with UALIGN_LUCE_SUMS); use strengths with smaller integer ratios`,
  );
}

function refuseWork(what: string, size: string, budget: number, env: string): never {
  throw new InputError(`Luce strengths: ${what} (${size}) is above the budget of ${budget} (raise it with ${env}); use strengths with smaller integer ratios`);
}

/** C(a, b) as a number, capped at `cap` (for size estimates only). */
function binomCapped(a: number, b: number, cap: number): number {
  let r = 1;
  for (let i = 1; i <= b; i++) {
    r = (r * (a - b + i)) / i;
    if (r > cap) return cap + 1;
  }
  return Math.round(r);
}

/** Distinct strength values with positive mass and their masses (ascending values). */
function massesByValue(ints: readonly number[], p: readonly bigint[]): { v: number[]; mass: bigint[] } {
  const byV = new Map<number, bigint>();
  for (let y = 0; y < ints.length; y++) if (p[y] !== 0n) byV.set(ints[y], (byV.get(ints[y]) ?? 0n) + p[y]);
  const v = [...byV.keys()].sort((a, b) => a - b);
  return { v, mass: v.map((x) => byV.get(x)!) };
}

/**
 * Coefficients of (Σ_i mass_i z^{v_i})^k: the distribution of the strength sum of k i.i.d. draws (SPEC §4b),
 * integers (the masses are integer numerators over D, so P(X = x) = c_x/D^k).
 * Dense: J.C.P. Miller's recurrence for a power of a polynomial f = Σ_e a_e z^e with a_0 ≠ 0 (from f·(f^k)′ =
 * k f′·f^k): g_0 = a_0^k, g_j = Σ_{e ≥ 1} ((k+1)e − j) a_e g_{j−e} / (j a_0) — an exact integer division,
 * since every g_j is an integer. Sparse (wide strength ranges): k products keyed by sum.
 */
export function powerDist(v: readonly number[], mass: readonly bigint[], k: number): SumDist {
  const d = v.length;
  if (k === 0) return { sums: [0], coef: [1n] };
  if (d === 0) return { sums: [], coef: [] };
  const v0 = v[0];
  const R = k * (v[d - 1] - v0) + 1;
  if (R <= DENSE_MAX) {
    const a0 = mass[0];
    const e = v.slice(1).map((x) => x - v0);
    const a = mass.slice(1);
    const K1 = k + 1;
    const g = new Array<bigint>(R);
    g[0] = a0 ** BigInt(k);
    let ja0 = 0n; // j·a_0
    for (let j = 1; j < R; j++) {
      let s = 0n;
      for (let i = 0; i < e.length; i++) {
        const ei = e[i];
        if (ei > j) break;
        const gj = g[j - ei];
        if (gj !== 0n) s += BigInt(K1 * ei - j) * a[i] * gj;
      }
      ja0 += a0;
      g[j] = s === 0n ? 0n : s / ja0;
    }
    const sums: number[] = [];
    const coef: bigint[] = [];
    for (let j = 0; j < R; j++)
      if (g[j] !== 0n) {
        sums.push(k * v0 + j);
        coef.push(g[j]);
      }
    return { sums, coef };
  }
  const est = Math.min(R, binomCapped(d + k - 1, k, LUCE_BUDGET.sums));
  if (est > LUCE_BUDGET.sums) refuse(`the strength sum of k = ${k} draws`, est);
  let cur = new Map<number, bigint>([[0, 1n]]);
  for (let step = 0; step < k; step++) {
    const next = new Map<number, bigint>();
    for (const [x, c] of cur) for (let i = 0; i < d; i++) next.set(x + v[i], (next.get(x + v[i]) ?? 0n) + c * mass[i]);
    cur = next;
  }
  const sums = [...cur.keys()].sort((x, y) => x - y);
  return { sums, coef: sums.map((x) => cur.get(x)!) };
}

/** The strength sum of k draws from p (integer numerators over D) for one Luce type. */
export function strengthSumDist(u: LuceType, p: readonly bigint[], k: number): SumDist {
  const { v, mass } = massesByValue(u.ints, p);
  if (activeFault() === 'luce-sum-short' && k >= 2) {
    // test-only fault: k − 1 draws, kept over D^k
    const D = mass.reduce((a, b) => a + b, 0n);
    const d = powerDist(v, mass, k - 1);
    return { sums: d.sums, coef: d.coef.map((c) => c * D) };
  }
  return powerDist(v, mass, k);
}

/** The strength sum s(S) of a distribution over multisets S (integer probability numerators q). */
export function outcomeSumDist(u: LuceType, outcomes: readonly { readonly items: readonly number[] }[], q: readonly bigint[]): SumDist {
  const by = new Map<number, bigint>();
  outcomes.forEach((o, i) => {
    if (q[i] === 0n) return;
    let s = 0;
    for (const y of o.items) s += u.ints[y];
    by.set(s, (by.get(s) ?? 0n) + q[i]);
  });
  const sums = [...by.keys()].sort((x, y) => x - y);
  return { sums, coef: sums.map((x) => by.get(x)!) };
}

/** Distinct strength values of a type, ascending. */
export function distinctValues(u: LuceType): number[] {
  return [...new Set(u.ints)].sort((a, b) => a - b);
}

/**
 * Every sum of exactly j strengths (values `v`, repetition allowed), for j = 0..upTo: sums[j] ascending.
 * Refused past the budget.
 */
export function sumSets(v: readonly number[], upTo: number): number[][] {
  const out: number[][] = [[0]];
  let cur = [0];
  for (let j = 1; j <= upTo; j++) {
    const next = new Set<number>();
    for (const x of cur) for (const a of v) next.add(x + a);
    if (next.size > LUCE_BUDGET.sums) refuse(`sums of ${j} strengths`, next.size);
    cur = [...next].sort((a, b) => a - b);
    out.push(cur);
  }
  return out;
}

/**
 * L = lcm of a set of positive integers (given as a 0/1 mark per integer or as a list) with the quotients
 * L/d for each d: the one common denominator of the shares t/(t + x).
 */
export class ShareDenominator {
  private readonly marks = new Set<number>();
  private quot: Map<number, bigint> | null = null;
  /** Dense quotients L/d at d − base (when the marks span a small range). */
  private dense: bigint[] | null = null;
  private base = 0;
  private l = 1n;
  private terms = 0;
  add(d: number): void {
    if (this.quot !== null) throw new Error('ShareDenominator: a denominator added after L was fixed');
    this.marks.add(d);
    if (this.marks.size > LUCE_BUDGET.sums) refuseWork('the exact shares need more distinct denominators t + x', `over ${LUCE_BUDGET.sums}`, LUCE_BUDGET.sums, 'UALIGN_LUCE_SUMS');
  }
  /** Every t + x for t in ts and x in the support of X (one term each in the evaluation). */
  addAll(ts: readonly number[], dist: SumDist): void {
    this.terms += ts.length * dist.sums.length;
    if (this.terms > LUCE_BUDGET.terms) refuseWork('the exact shares need more terms c_x·t/(t + x)', `over ${LUCE_BUDGET.terms}`, LUCE_BUDGET.terms, 'UALIGN_LUCE_TERMS');
    for (const t of ts) for (const x of dist.sums) this.add(t + x);
  }
  get L(): bigint {
    this.freeze();
    return this.l;
  }
  /** L/d, for a d that was added. */
  over(d: number): bigint {
    if (this.quot === null) this.freeze();
    return this.dense !== null ? this.dense[d - this.base] : this.quot!.get(d)!;
  }
  private freeze(): void {
    if (this.quot !== null) return;
    const ds = [...this.marks].sort((a, b) => b - a);
    let L = 1n;
    for (const d of ds) {
      const D = BigInt(d);
      const r = L % D;
      if (r !== 0n) L *= D / gcd(D, r);
    }
    const bits = L.toString(16).length * 4;
    if (bits > LUCE_BUDGET.lcmBits) refuseWork('the common denominator lcm{t + x} of the exact shares', `about ${bits} bits`, LUCE_BUDGET.lcmBits, 'UALIGN_LUCE_LCM_BITS');
    this.l = L;
    this.quot = new Map(ds.map((d) => [d, L / BigInt(d)]));
    if (ds.length > 0 && ds[0] - ds[ds.length - 1] < 1 << 20) {
      this.base = ds[ds.length - 1];
      this.dense = new Array<bigint>(ds[0] - this.base + 1).fill(0n);
      for (const [d, q] of this.quot) this.dense[d - this.base] = q;
    }
  }
}

/** Σ_x c_x·t·(L/(t + x)) for each t: the numerator of E[t/(t + X)] over L·(Σ c) (SPEC §4b). */
export function shareNumerators(dist: SumDist, ts: readonly number[], den: ShareDenominator): bigint[] {
  const { sums, coef } = dist;
  const m = sums.length;
  return ts.map((t) => {
    if (t === 0) return 0n;
    let s = 0n;
    for (let i = 0; i < m; i++) s += coef[i] * den.over(t + sums[i]);
    return s * BigInt(t);
  });
}

/**
 * Σ_t c_t·X_t for strength-sum distributions X_t (integer coefficients, integer scales c_t): the strength sum of
 * a mixture of products Σ_t w_t π_t^{⊗k} over one denominator (c_t = w_t·Q/D_t^k for a common Q).
 */
export function combineDists(parts: readonly { readonly dist: SumDist; readonly scale: bigint }[]): SumDist {
  if (parts.length === 1 && parts[0].scale === 1n) return parts[0].dist;
  const by = new Map<number, bigint>();
  for (const { dist, scale } of parts) dist.sums.forEach((x, i) => by.set(x, (by.get(x) ?? 0n) + dist.coef[i] * scale));
  const sums = [...by.keys()].filter((x) => by.get(x) !== 0n).sort((x, y) => x - y);
  return { sums, coef: sums.map((x) => by.get(x)!) };
}

/**
 * E_X[s_y/(s_y + X)] summed over the Luce types of a prompt with weights a_θ (SPEC §4b), for the model's
 * strength sum X of each type given by `dist` (coefficients over a denominator Q, the same for every type):
 * Σ_θ a_θ E_θ[·] = num[y] / (L·Q) for every response y. `users` are the prompt's types (ranking types skipped).
 */
export function luceShareScores(users: readonly { readonly kind: string }[], a: readonly bigint[], n: number, dist: (u: LuceType) => SumDist): { num: bigint[]; L: bigint } {
  const den = new ShareDenominator();
  const per: { u: LuceType; ui: number; vals: number[]; dist: SumDist }[] = [];
  users.forEach((t, ui) => {
    if (t.kind !== 'luce') return;
    const u = t as LuceType;
    const d = dist(u);
    const vals = distinctValues(u);
    den.addAll(vals, d);
    per.push({ u, ui, vals, dist: d });
  });
  const acc = new Array<bigint>(n).fill(0n);
  for (const { u, ui, vals, dist: d } of per) {
    const s = shareNumerators(d, vals, den);
    const byV = new Map(vals.map((v, i) => [v, s[i] * a[ui]]));
    for (let y = 0; y < n; y++) acc[y] += byV.get(u.ints[y])!;
  }
  return { num: acc, L: den.L };
}

/**
 * U_k(y; π) summed over the Luce types of a prompt (SPEC §4b): with π = p/D and weights a_θ/B,
 * Σ_θ a_θ U_θ(y) = num[y] / (L·D^k·B). `users` are the prompt's types (ranking types skipped).
 */
export function luceScoreNumerators(
  users: readonly { readonly kind: string }[],
  a: readonly bigint[],
  p: readonly bigint[],
  k: number,
): { num: bigint[]; L: bigint } {
  return luceShareScores(users, a, p.length, (u) => strengthSumDist(u, p, k));
}

/**
 * Exact Jacobian of U_k for the Luce types (SPEC §4b): ∂U_θ(y)/∂π_z = k·E[s_y/(s_y + s_z + X_{k−1})],
 * X_{k−1} the strength sum of k−1 draws (differentiating the degree-k polynomial U in π, symmetric in the
 * k draws). Σ_θ a_θ ∂U_θ(rows[i])/∂π(cols[j]) = num[i][j] / (L·D^{k−1}·B).
 */
export function luceJacobianNumerators(
  users: readonly { readonly kind: string }[],
  a: readonly bigint[],
  p: readonly bigint[],
  k: number,
  rows: readonly number[],
  cols: readonly number[],
): { num: bigint[][]; L: bigint } {
  const den = new ShareDenominator();
  const per: { u: LuceType; ui: number; ws: number[]; dist: SumDist }[] = [];
  users.forEach((t, ui) => {
    if (t.kind !== 'luce') return;
    const u = t as LuceType;
    const dist = strengthSumDist(u, p, k - 1);
    const ws = [...new Set(rows.flatMap((y) => cols.map((z) => u.ints[y] + u.ints[z])))];
    den.addAll(ws, dist);
    per.push({ u, ui, ws, dist });
  });
  const K = BigInt(k);
  const J = rows.map(() => new Array<bigint>(cols.length).fill(0n));
  for (const { u, ui, ws, dist } of per) {
    // H(w) = Σ_x c_x·(L/(w + x)); then ∂ = a·k·s_y·H(s_y + s_z)
    const H = new Map<number, bigint>();
    for (const w of ws) {
      let s = 0n;
      for (let i = 0; i < dist.sums.length; i++) s += dist.coef[i] * den.over(w + dist.sums[i]);
      H.set(w, s * K * a[ui]);
    }
    rows.forEach((y, i) => {
      const sy = u.ints[y];
      const Sy = BigInt(sy);
      const Ji = J[i];
      cols.forEach((z, j) => {
        Ji[j] += Sy * H.get(sy + u.ints[z])!;
      });
    });
  }
  return { num: J, L: den.L };
}
