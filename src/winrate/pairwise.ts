import { Fraction, frac, commonDenominator } from '../exact/rational.js';
import { InputError } from '../model/errors.js';
import { hasLuce } from '../model/structure.js';
import { LuceType, Prompt, RankingType } from '../model/types.js';
import { ShareDenominator } from './luce.js';

/**
 * Integer strict-preference matrix (SPEC §2, §3): with w_θ = a_θ/B, S[y][z] = Σ_θ a_θ·1[y ≻_θ z], so that
 * P_θ[y ≻_θ z] = S[y][z]/B. Responses sorted by tier per type (counting sort); O(m·n²), accumulated in
 * Int32 / doubles while the sums stay below 2^31 / 2^53 (exact), BigInt otherwise. Weak orders only: a Luce
 * type has no strict preferences (InputError).
 */
export function strictPreferences(prompt: Prompt, who = 'strict preference shares'): { S: bigint[][]; B: bigint } {
  if (hasLuce(prompt)) throw new InputError(`${who}: defined for ranking user types only, and this profile has Luce (strength) types`);
  const n = prompt.responses.length;
  const { num: a, den: B } = commonDenominator(prompt.users.map((u) => u.weight));
  let total = 0n;
  for (const v of a) total += v;
  // order: responses sorted by tier (counting sort on rank); next[i]: first position in a worse tier
  const orders = (prompt.users as readonly RankingType[]).map((u) => {
    const start = new Int32Array(u.numTiers + 1);
    for (let y = 0; y < n; y++) start[u.rank[y] + 1]++;
    for (let t = 0; t < u.numTiers; t++) start[t + 1] += start[t];
    const fill = start.slice(0, u.numTiers);
    const order = new Int32Array(n);
    const next = new Int32Array(n);
    for (let y = 0; y < n; y++) {
      const t = u.rank[y];
      const i = fill[t]++;
      order[i] = y;
      next[i] = start[t + 1];
    }
    return { order, next };
  });
  if (total < 2n ** 53n) {
    const U = total < 2n ** 31n ? new Int32Array(n * n) : new Float64Array(n * n);
    prompt.users.forEach((_, ui) => {
      const w = Number(a[ui]);
      const { order, next } = orders[ui];
      for (let i = 0; i < n; i++) {
        const base = order[i] * n;
        for (let j = next[i]; j < n; j++) U[base + order[j]] += w;
      }
    });
    return { S: Array.from({ length: n }, (_, y) => Array.from({ length: n }, (_, z) => BigInt(U[y * n + z]))), B };
  }
  const S = Array.from({ length: n }, () => new Array<bigint>(n).fill(0n));
  prompt.users.forEach((_, ui) => {
    const w = a[ui];
    const { order, next } = orders[ui];
    for (let i = 0; i < n; i++) for (let j = next[i]; j < n; j++) S[order[i]][order[j]] += w;
  });
  return { S, B };
}

/**
 * Integer margin matrix of the NLHF game (SPEC §2, §3): K[y][z] = S[y][z] − S[z][y], so that
 * P(y ≻ z) = (B + K[y][z])/(2B) and P(y ≻ z) − ½ = K[y][z]/(2B); K is skew-symmetric. With Luce types
 * (SPEC §4b: P_θ(y ≻ z) = s_y/(s_y + s_z)) B is B·L, L = lcm of the pair sums s_y + s_z (luceMargins).
 */
export function marginMatrix(prompt: Prompt): { K: bigint[][]; B: bigint } {
  if (hasLuce(prompt)) return luceMargins(prompt);
  const { S, B } = strictPreferences(prompt);
  return { K: S.map((row, y) => row.map((v, z) => v - S[z][y])), B };
}

/** L = lcm of s_θ(y) + s_θ(z) over the Luce types and pairs of distinct strengths (equal ones have margin 0). */
function pairDenominator(prompt: Prompt): ShareDenominator {
  const den = new ShareDenominator();
  for (const u of prompt.users) {
    if (u.kind !== 'luce') continue;
    const v = [...new Set(u.ints)];
    v.forEach((x, i) => v.forEach((y, j) => j > i && den.add(x + y)));
  }
  return den;
}

/**
 * Margins with Luce types: P(y ≻ z) − ½ = Σ_θ w_θ d_θ(y, z)/2 with d_θ = 1[y ≻_θ z] − 1[z ≻_θ y] for a ranking
 * type and (s_y − s_z)/(s_y + s_z) for a Luce type; over 2B·L, K[y][z] = Σ_θ a_θ·L·d_θ(y, z), an integer.
 */
function luceMargins(prompt: Prompt): { K: bigint[][]; B: bigint } {
  const n = prompt.responses.length;
  const { num: a, den: B } = commonDenominator(prompt.users.map((u) => u.weight));
  const den = pairDenominator(prompt);
  const L = den.L;
  const K = Array.from({ length: n }, () => new Array<bigint>(n).fill(0n));
  prompt.users.forEach((u, ui) => addMarginRows(u, a[ui], L, den, n, K, null));
  return { K, B: B * L };
}

/** Add a_θ·L·d_θ(y, z) to K[y][z] for every y (or only y = only), z. */
function addMarginRows(u: RankingType | LuceType, a: bigint, L: bigint, den: ShareDenominator, n: number, K: bigint[][], only: number | null): void {
  const aL = a * L;
  for (let y = only ?? 0; y < (only === null ? n : only + 1); y++) {
    const row = K[only === null ? y : 0];
    for (let z = 0; z < n; z++) {
      if (u.kind === 'ranking') {
        const ry = u.rank[y];
        const rz = u.rank[z];
        if (ry < rz) row[z] += aL;
        else if (rz < ry) row[z] -= aL;
      } else {
        const sy = u.ints[y];
        const sz = u.ints[z];
        if (sy !== sz) row[z] += BigInt(sy - sz) * a * den.over(sy + sz);
      }
    }
  }
}

/**
 * Rows of the margin matrix on demand: K[y][·] in O(m·n) each (cached), and the net Borda score
 * Σ_z K[y][z] for every y in O(m·n). For the double oracle, which needs only the rows of the
 * responses it keeps, not all n² entries.
 */
export interface MarginRows {
  readonly n: number;
  readonly B: bigint;
  row(y: number): readonly bigint[];
  readonly borda: readonly bigint[];
}

export function marginRows(prompt: Prompt): MarginRows {
  if (hasLuce(prompt)) return luceMarginRows(prompt);
  const n = prompt.responses.length;
  const { num: a, den: B } = commonDenominator(prompt.users.map((u) => u.weight));
  let total = 0n;
  for (const v of a) total += v;
  const small = total * BigInt(n) < 2n ** 53n; // every accumulator stays an exact double
  const wNum = a.map(Number);
  // tier sizes per user: #better and #worse of a response follow from prefix sums over tiers
  const bordaAcc = small ? new Float64Array(n) : new Array<bigint>(n).fill(0n);
  (prompt.users as readonly RankingType[]).forEach((u, ui) => {
    const cnt = new Int32Array(u.numTiers + 1);
    const rank = u.rank;
    for (let y = 0; y < n; y++) cnt[rank[y] + 1]++;
    for (let t = 0; t < u.numTiers; t++) cnt[t + 1] += cnt[t];
    for (let y = 0; y < n; y++) {
      const t = rank[y];
      const d = n - cnt[t + 1] - cnt[t]; // #worse − #better
      if (small) (bordaAcc as Float64Array)[y] += wNum[ui] * d;
      else (bordaAcc as bigint[])[y] += a[ui] * BigInt(d);
    }
  });
  const borda = Array.from(bordaAcc as ArrayLike<number | bigint>, (v) => BigInt(v));
  const cache = new Map<number, bigint[]>();
  const row = (y: number): bigint[] => {
    let r = cache.get(y);
    if (r !== undefined) return r;
    if (small) {
      const acc = new Float64Array(n);
      (prompt.users as readonly RankingType[]).forEach((u, ui) => {
        const w = wNum[ui];
        const ry = u.rank[y];
        const rank = u.rank;
        for (let z = 0; z < n; z++) {
          const rz = rank[z];
          if (ry < rz) acc[z] += w;
          else if (rz < ry) acc[z] -= w;
        }
      });
      r = Array.from(acc, (v) => BigInt(v));
    } else {
      r = new Array<bigint>(n).fill(0n);
      (prompt.users as readonly RankingType[]).forEach((u, ui) => {
        const ry = u.rank[y];
        for (let z = 0; z < n; z++) {
          const rz = u.rank[z];
          if (ry < rz) r![z] += a[ui];
          else if (rz < ry) r![z] -= a[ui];
        }
      });
    }
    cache.set(y, r);
    return r;
  };
  return { n, B, row, borda };
}

/**
 * marginRows with Luce types: rows K[y][·] (over 2B·L, as luceMargins) computed on demand in O(m·n), and net
 * scores Σ_z K[y][z] from each type's distinct strengths (O(m·(n + d²)) for d distinct strengths).
 */
function luceMarginRows(prompt: Prompt): MarginRows {
  const n = prompt.responses.length;
  const { num: a, den: B } = commonDenominator(prompt.users.map((u) => u.weight));
  const den = pairDenominator(prompt);
  const L = den.L;
  const borda = new Array<bigint>(n).fill(0n);
  prompt.users.forEach((u, ui) => {
    if (u.kind === 'ranking') {
      const cnt = new Int32Array(u.numTiers + 1);
      for (let y = 0; y < n; y++) cnt[u.rank[y] + 1]++;
      for (let t = 0; t < u.numTiers; t++) cnt[t + 1] += cnt[t];
      for (let y = 0; y < n; y++) borda[y] += a[ui] * L * BigInt(n - cnt[u.rank[y] + 1] - cnt[u.rank[y]]);
      return;
    }
    const count = new Map<number, number>();
    for (const v of u.ints) count.set(v, (count.get(v) ?? 0) + 1);
    const byV = new Map<number, bigint>();
    for (const [v] of count) {
      let s = 0n;
      for (const [w, c] of count) if (w !== v) s += BigInt((v - w) * c) * den.over(v + w);
      byV.set(v, s * a[ui]);
    }
    for (let y = 0; y < n; y++) borda[y] += byV.get(u.ints[y])!;
  });
  const cache = new Map<number, bigint[]>();
  const row = (y: number): bigint[] => {
    let r = cache.get(y);
    if (r !== undefined) return r;
    const K = [new Array<bigint>(n).fill(0n)];
    prompt.users.forEach((u, ui) => addMarginRows(u, a[ui], L, den, n, K, y));
    r = K[0];
    cache.set(y, r);
    return r;
  };
  return { n, B: B * L, row, borda };
}

/** P(y ≻ z) = Σ_θ w_θ (1[y ≻_θ z] + ½·1[y ~_θ z]) as exact rationals (SPEC §2); s_y/(s_y + s_z) for Luce types (§4b). */
export function pairwiseMatrix(prompt: Prompt): Fraction[][] {
  const { K, B } = marginMatrix(prompt);
  return K.map((row) => row.map((v) => frac(B + v, 2n * B)));
}

/** The same P(y ≻ z) in floats (for float-only algorithms under test). */
export function pairwiseMatrixFloat(prompt: Prompt): number[][] {
  const { K, B } = marginMatrix(prompt);
  const b = Number(B);
  return K.map((row) => row.map((v) => (b + Number(v)) / (2 * b)));
}

/** P_θ[y ≻_θ z] = Σ_θ w_θ·1[y ≻_θ z] for every pair, exact (SPEC T4); ranking types only. */
export function strictShareMatrix(prompt: Prompt): Fraction[][] {
  const { S, B } = strictPreferences(prompt, 'strictShareMatrix (SPEC T4)');
  return S.map((row) => row.map((v) => frac(v, B)));
}

/** The Condorcet winner c (K[c][y] > 0, i.e. P(c ≻ y) > ½, for every y ≠ c), or null. */
export function condorcetWinnerOf(K: readonly (readonly bigint[])[]): number | null {
  const n = K.length;
  outer: for (let c = 0; c < n; c++) {
    for (let y = 0; y < n; y++) if (y !== c && K[c][y] <= 0n) continue outer;
    return c;
  }
  return null;
}

/** The Condorcet winner of a prompt, or null. */
export function condorcetWinner(prompt: Prompt): number | null {
  return condorcetWinnerOf(marginMatrix(prompt).K);
}
