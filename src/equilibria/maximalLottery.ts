// Maximal lotteries = equilibria of the NLHF game (SPEC §3, T7): π with min_y P(π ≻ y) ≥ ½.
import { CertificateError, InputError } from '../model/errors.js';
import { Fraction, frac, ONE, ZERO, numer, signOf, sumOf, commonDenominator } from '../exact/rational.js';
import { makePolicy } from '../model/build.js';
import { Policy, Profile, Prompt } from '../model/types.js';
import { IntLP } from '../lp/integer.js';
import { Tableau } from '../lp/simplex.js';
import { solveLPSync, SolveMethod, withGlpkOnDemand } from '../lp/solve.js';
import { loadGlpk } from '../lp/glpk.js';
import { LPMethod } from '../lp/types.js';
import { MarginRows, condorcetWinnerOf, marginMatrix, marginRows } from '../winrate/pairwise.js';

export interface PromptMaximalLottery {
  readonly probs: Fraction[];
  /** c with P(c ≻ y) > ½ for all y ≠ c (then δ_c is the unique maximal lottery), else null. */
  readonly condorcetWinner: number | null;
  /** Certificate: P(π ≻ y) for every y, each ≥ ½ exactly. */
  readonly winRates: Fraction[];
  /** min_y P(π ≻ y) (= ½: the game is symmetric). */
  readonly value: Fraction;
  readonly method: 'condorcet' | LPMethod;
}

export interface MaximalLotteryOptions {
  readonly method?: SolveMethod;
  /**
   * The double oracle above this many responses (default ORACLE_FROM; ignored when `method` is given), starting from
   * the `oracleStart` best net Borda scores (default 10). Small values run it on small prompts, where every
   * maximal lottery can be checked by definition (claim T7).
   */
  readonly oracleAbove?: number;
  readonly oracleStart?: number;
}

export interface MaximalLotteryResult {
  readonly policy: Policy;
  /** Σ_x ρ(x) min_y P_x(π ≻ y) = ½. */
  readonly value: Fraction;
  readonly prompts: PromptMaximalLottery[];
}

/**
 * Exact check of the maximal-lottery certificate: π ≥ 0, Σπ = 1 and Σ_y π_y K[y][y'] ≥ 0 for every y'
 * (⇔ P(π ≻ y') ≥ ½). Returns P(π ≻ y') for every y', or null when π is not a maximal lottery.
 */
export function maximalLotteryCertificate(K: readonly (readonly bigint[])[], B: bigint, probs: readonly Fraction[]): Fraction[] | null {
  return certificateFromRows((y) => K[y], K.length, B, probs);
}

/** The same check reading only the rows K[y][·] of the support of π. */
export function certificateFromRows(row: (y: number) => readonly bigint[], n: number, B: bigint, probs: readonly Fraction[]): Fraction[] | null {
  let D = 1n;
  for (const p of probs) {
    if (signOf(p) < 0) return null;
    D = (D / gcdBig(D, p.d)) * p.d;
  }
  const num = probs.map((p) => numer(p) * (D / p.d));
  let s = 0n;
  for (const v of num) s += v;
  if (s !== D) return null;
  const t = new Array<bigint>(n).fill(0n);
  num.forEach((v, y) => {
    if (v === 0n) return;
    const r = row(y);
    for (let z = 0; z < n; z++) if (r[z] !== 0n) t[z] += v * r[z];
  });
  const out: Fraction[] = [];
  for (let z = 0; z < n; z++) {
    if (t[z] < 0n) return null;
    // P(π ≻ z) = Σ π_y (B + K[y][z])/(2B) = (B·D + t)/(2B·D)
    out.push(frac(B * D + t[z], 2n * B * D));
  }
  return out;
}

function gcdBig(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a < 0n ? -a : a;
}

/** The NLHF LP on one prompt: max v s.t. Σ_y π_y K[y][y'] − v ≥ 0 (all y'), Σ π = 1, π ≥ 0, v free. */
export function nlhfLP(K: readonly (readonly bigint[])[]): IntLP {
  const n = K.length;
  const a: bigint[][] = [];
  for (let z = 0; z < n; z++) {
    const row = new Array<bigint>(n + 1);
    for (let y = 0; y < n; y++) row[y] = K[y][z];
    row[n] = -1n;
    a.push(row);
  }
  const ones = new Array<bigint>(n + 1).fill(1n);
  ones[n] = 0n;
  a.push(ones);
  const c = new Array<bigint>(n + 1).fill(0n);
  c[n] = 1n;
  return {
    m: n + 1,
    n: n + 1,
    maximize: true,
    a,
    b: [...new Array<bigint>(n).fill(0n), 1n],
    sense: [...new Array<'>='>(n).fill('>='), '='],
    rowScale: new Array<bigint>(n + 1).fill(1n),
    c,
    objScale: 1n,
    free: [...new Array<boolean>(n).fill(false), true],
  };
}

/** Above this many responses, solve restricted games first (double oracle); measured in bench/lp.mjs. */
export const ORACLE_FROM = 40;

/**
 * Double oracle on the symmetric game K: solve the NLHF LP restricted to a set S of responses, then add the
 * responses z that beat the restricted equilibrium (Σ_{y∈S} π_y K[y][z] < 0), until none does. Then π is a
 * maximal lottery of the whole game: exactly the certificate checked afterwards. S starts from the best
 * net Borda scores; each round adds at most 10 of the most violated responses. Only rows K[y][·], y ∈ S,
 * are ever computed: O(m·n·|S|) instead of the full O(m·n²) matrix.
 */
function doubleOracle(M: MarginRows, start: number): { probs: Fraction[]; method: LPMethod } {
  const n = M.n;
  const byScore = [...Array(n).keys()].sort((x, y) => (M.borda[y] > M.borda[x] ? 1 : M.borda[y] < M.borda[x] ? -1 : x - y));
  const inS = new Uint8Array(n);
  let S = byScore.slice(0, start);
  for (;;) {
    S.sort((x, y) => x - y);
    S.forEach((y) => (inS[y] = 1));
    const r = solveLPSync(nlhfLP(S.map((y) => S.map((z) => M.row(y)[z]))));
    if (r.status !== 'optimal') throw new CertificateError(`NLHF LP: ${r.status}`);
    const { num, den } = commonDenominator(r.x.slice(0, S.length));
    const viol: { z: number; t: bigint }[] = [];
    for (let z = 0; z < n; z++) {
      if (inS[z]) continue;
      let t = 0n;
      S.forEach((y, i) => {
        if (num[i] !== 0n) t += num[i] * M.row(y)[z];
      });
      if (t < 0n) viol.push({ z, t });
    }
    if (viol.length === 0) {
      const probs = new Array<Fraction>(n).fill(ZERO);
      S.forEach((y, i) => (probs[y] = frac(num[i], den)));
      return { probs, method: r.method };
    }
    viol.sort((a, b) => (a.t < b.t ? -1 : a.t > b.t ? 1 : a.z - b.z));
    S = [...S, ...viol.slice(0, 10).map((v) => v.z)];
  }
}

/** A certified maximal lottery on one prompt (synchronous: LPs use glpk.js only when it is loaded). */
export function promptMaximalLotterySync(prompt: Prompt, opts: MaximalLotteryOptions = {}): PromptMaximalLottery {
  const n = prompt.responses.length;
  if (n > (opts.oracleAbove ?? ORACLE_FROM) && opts.method === undefined) return largeMaximalLottery(prompt, opts.oracleStart ?? 10);
  const { K, B } = marginMatrix(prompt);
  const cw = condorcetWinnerOf(K);
  let probs: Fraction[];
  let method: PromptMaximalLottery['method'];
  if (cw !== null) {
    probs = prompt.responses.map((_, y) => (y === cw ? ONE : ZERO));
    method = 'condorcet';
  } else {
    const r = solveLPSync(nlhfLP(K), opts);
    if (r.status !== 'optimal') throw new CertificateError(`NLHF LP: ${r.status}`); // impossible: feasible and bounded
    probs = r.x.slice(0, n);
    method = r.method;
  }
  return certified(probs, cw, method, maximalLotteryCertificate(K, B, probs));
}

/**
 * The margin rows of a prompt, kept while the prompt lives: withGlpkOnDemand runs a computation again from the start
 * once it has loaded glpk.js, and the rows computed by the first run are the costly part of it.
 */
const rowsOf = new WeakMap<Prompt, MarginRows>();

/** Large n: double oracle on margin rows computed on demand; the certificate reads the support's rows only. */
function largeMaximalLottery(prompt: Prompt, start: number): PromptMaximalLottery {
  let M = rowsOf.get(prompt);
  if (M === undefined) rowsOf.set(prompt, (M = marginRows(prompt)));
  const n = M.n;
  const { probs, method } = doubleOracle(M, start);
  // δ_c with P(c ≻ y) > ½ for all y ≠ c: c is the Condorcet winner (and δ_c the unique maximal lottery)
  const support = probs.flatMap((v, y) => (signOf(v) > 0 ? [y] : []));
  let cw: number | null = null;
  if (support.length === 1) {
    const r = M.row(support[0]);
    if (r.every((v, z) => z === support[0] || v > 0n)) cw = support[0];
  }
  return certified(probs, cw, cw !== null ? 'condorcet' : method, certificateFromRows(M.row, n, M.B, probs));
}

function certified(probs: Fraction[], cw: number | null, method: PromptMaximalLottery['method'], winRates: Fraction[] | null): PromptMaximalLottery {
  if (winRates === null) throw new CertificateError('maximal lottery certificate failed'); // never return uncertified
  let value = winRates[0];
  for (const w of winRates) if (w.lt(value)) value = w;
  return { probs, condorcetWinner: cw, winRates, value, method };
}

/** A certified maximal lottery on one prompt, with glpk.js loaded when an LP is large enough to use it. */
export async function promptMaximalLottery(prompt: Prompt, opts: MaximalLotteryOptions = {}): Promise<PromptMaximalLottery> {
  if (opts.method === 'glpk') await loadGlpk();
  return withGlpkOnDemand(() => promptMaximalLotterySync(prompt, opts));
}

/** One exact maximal lottery per prompt with its certificate (SPEC §3, T7); synchronous. */
export function maximalLotterySync(profile: Profile, opts: MaximalLotteryOptions = {}): MaximalLotteryResult {
  const prompts = profile.prompts.map(({ prompt }) => promptMaximalLotterySync(prompt, opts));
  const value = sumOf(prompts.map((p, x) => p.value.mul(profile.prompts[x].weight)));
  return { policy: makePolicy(prompts.map((p) => p.probs)), value, prompts };
}

/** maximalLottery(profile): as maximalLotterySync, with glpk.js loaded when an LP is large enough to use it. */
export async function maximalLottery(profile: Profile, opts: MaximalLotteryOptions = {}): Promise<MaximalLotteryResult> {
  if (opts.method === 'glpk') await loadGlpk();
  return withGlpkOnDemand(() => maximalLotterySync(profile, opts));
}

/**
 * Every extreme maximal lottery of one prompt: the vertices of {π ∈ Δ(Y) : Σ_y π_y K[y][y'] ≥ 0 ∀y'},
 * by breadth-first search over all feasible bases of its standard form (exact integer pivots; the graph
 * of feasible bases is connected). For n ≤ maxN (default 10); throws past `maxBases` visited bases.
 * Sorted lexicographically by (π(y_0), π(y_1), …) descending: deterministic.
 */
export function allMaximalLotteriesOfPrompt(prompt: Prompt, opts: { maxN?: number; maxBases?: number } = {}): Fraction[][] {
  const n = prompt.responses.length;
  const maxN = opts.maxN ?? 10;
  if (n > maxN) throw new InputError(`enumerating all maximal lotteries is limited to n ≤ ${maxN} responses (got ${n})`);
  const { K } = marginMatrix(prompt);
  const cw = condorcetWinnerOf(K);
  if (cw !== null) return [prompt.responses.map((_, y) => (y === cw ? ONE : ZERO))];
  // columns: π_0..π_{n−1}, s_0..s_{n−1};  rows: Σπ = 1;  Σ_y K[y][z] π_y − s_z = 0
  const A: bigint[][] = [[...new Array<bigint>(n).fill(1n), ...new Array<bigint>(n).fill(0n)]];
  for (let z = 0; z < n; z++) {
    const row = new Array<bigint>(2 * n).fill(0n);
    for (let y = 0; y < n; y++) row[y] = K[y][z];
    row[n + z] = -1n;
    A.push(row);
  }
  const b = [1n, ...new Array<bigint>(n).fill(0n)];
  const start = new Tableau(A, b, new Array<bigint>(2 * n).fill(0n));
  start.run(start.m + 1, start.N);
  if (start.T[start.m + 1][start.rhs] !== 0n) throw new CertificateError('NLHF polytope empty'); // impossible (minimax)
  start.driveOutArtificials();
  const maxBases = opts.maxBases ?? 200_000;
  const key = (t: Tableau) => [...t.basis].sort((x, y) => x - y).join(',');
  const seen = new Set<string>([key(start)]);
  const vertices = new Map<string, Fraction[]>();
  const queue: Tableau[] = [start];
  const N = start.N;
  const R = start.rhs;
  while (queue.length > 0) {
    const t = queue.pop()!;
    const z = t.primal();
    const pi = Array.from({ length: n }, (_, y) => frac(z[y], t.det));
    const vk = JSON.stringify(pi.map((v) => v.toFraction())); // exact: toString() keeps 15 decimals only
    if (!vertices.has(vk)) vertices.set(vk, pi);
    const inBasis = new Set(t.basis);
    for (let j = 0; j < N; j++) {
      if (inBasis.has(j)) continue;
      let best: number[] = [];
      for (let i = 0; i < t.m; i++) {
        const a = t.T[i][j];
        if (a <= 0n || t.basis[i] >= N) continue;
        if (best.length === 0) {
          best = [i];
          continue;
        }
        const r0 = best[0];
        const l = t.T[i][R] * t.T[r0][j];
        const r = t.T[r0][R] * a;
        if (l < r) best = [i];
        else if (l === r) best.push(i);
      }
      for (const r of best) {
        const u = t.clone();
        u.pivot(r, j);
        const k = key(u);
        if (seen.has(k)) continue;
        seen.add(k);
        if (seen.size > maxBases) throw new InputError(`more than ${maxBases} feasible bases: too degenerate to enumerate`);
        queue.push(u);
      }
    }
  }
  const out = [...vertices.values()];
  out.sort((p, q) => {
    for (let y = 0; y < n; y++) {
      const c = q[y].compare(p[y]);
      if (c !== 0) return c;
    }
    return 0;
  });
  return out;
}

/** All extreme maximal lotteries, per prompt (each list certified: every vertex passes the exact check). */
export function allMaximalLotteries(profile: Profile, opts: { maxN?: number; maxBases?: number } = {}): Fraction[][][] {
  return profile.prompts.map(({ prompt }) => {
    const list = allMaximalLotteriesOfPrompt(prompt, opts);
    const { K, B } = marginMatrix(prompt);
    for (const pi of list) if (maximalLotteryCertificate(K, B, pi) === null) throw new Error('enumerated vertex failed the certificate');
    return list;
  });
}
