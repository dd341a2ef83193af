import { Fraction, frac, commonDenominator } from '../exact/rational.js';
import { Prompt } from '../model/types.js';

/**
 * Integer margin matrix of the NLHF game (SPEC §2, §3): with w_θ = a_θ/B,
 *   K[y][y'] = Σ_θ a_θ (1[y ≻_θ y'] − 1[y' ≻_θ y]),   P(y ≻ y') = (B + K[y][y'])/(2B),
 * so P(y ≻ y') − ½ = K[y][y']/(2B) and K is skew-symmetric. O(m·n²); integer sums in Int32 / doubles while they stay
 * below 2^31 / 2^53 (exact), BigInt otherwise.
 */
export function marginMatrix(prompt: Prompt): { K: bigint[][]; B: bigint } {
  const n = prompt.responses.length;
  const { num: a, den: B } = commonDenominator(prompt.users.map((u) => u.weight));
  let total = 0n;
  for (const v of a) total += v;
  // order: responses sorted by tier (counting sort on rank); next[i]: first position in a worse tier
  const orders = prompt.users.map((u) => {
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
  const K: bigint[][] = [];
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
    for (let y = 0; y < n; y++) {
      const row = new Array<bigint>(n);
      for (let z = 0; z < n; z++) row[z] = BigInt(U[y * n + z] - U[z * n + y]);
      K.push(row);
    }
  } else {
    const U = Array.from({ length: n }, () => new Array<bigint>(n).fill(0n));
    prompt.users.forEach((_, ui) => {
      const w = a[ui];
      const { order, next } = orders[ui];
      for (let i = 0; i < n; i++) for (let j = next[i]; j < n; j++) U[order[i]][order[j]] += w;
    });
    for (let y = 0; y < n; y++) K.push(Array.from({ length: n }, (_, z) => U[y][z] - U[z][y]));
  }
  return { K, B };
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
  const n = prompt.responses.length;
  const { num: a, den: B } = commonDenominator(prompt.users.map((u) => u.weight));
  let total = 0n;
  for (const v of a) total += v;
  const small = total * BigInt(n) < 2n ** 53n; // every accumulator stays an exact double
  const wNum = a.map(Number);
  // tier sizes per user: #better and #worse of a response follow from prefix sums over tiers
  const bordaAcc = small ? new Float64Array(n) : new Array<bigint>(n).fill(0n);
  prompt.users.forEach((u, ui) => {
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
      prompt.users.forEach((u, ui) => {
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
      prompt.users.forEach((u, ui) => {
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

/** P(y ≻ y') = Σ_θ w_θ (1[y ≻_θ y'] + ½·1[y ~_θ y']) as exact rationals (SPEC §2). */
export function pairwiseMatrix(prompt: Prompt): Fraction[][] {
  const { K, B } = marginMatrix(prompt);
  return K.map((row) => row.map((v) => frac(B + v, 2n * B)));
}

/** Condorcet winner c (K[c][y] > 0 for every y ≠ c), or null. */
export function condorcetWinner(K: readonly (readonly bigint[])[]): number | null {
  const n = K.length;
  outer: for (let c = 0; c < n; c++) {
    for (let y = 0; y < n; y++) if (y !== c && K[c][y] <= 0n) continue outer;
    return c;
  }
  return null;
}
