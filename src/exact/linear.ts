// The one exact linear solve: fraction-free Gauss–Jordan on integers, and its rational front end.
import { Fraction, commonDenominator, frac } from './rational.js';

export function absBig(v: bigint): bigint {
  return v < 0n ? -v : v;
}

/**
 * Fraction-free Gauss–Jordan (integer pivoting) on an integer system A x = b, A of size r×c, any shape.
 * Every intermediate entry is a minor of [A | b], so the division is exact. Unknowns whose column
 * has no pivot are set to 0. Returns x = num/den (den > 0), or null when the system is inconsistent.
 */
export function solveIntegerSystem(A: readonly (readonly bigint[])[], b: readonly bigint[], c: number): { num: bigint[]; den: bigint } | null {
  const r = A.length;
  const T = A.map((row, i) => [...row, b[i]]);
  const pivotRow = new Int32Array(c).fill(-1);
  const used = new Uint8Array(r);
  let det = 1n;
  for (let j = 0; j < c; j++) {
    let p = -1;
    // smallest nonzero pivot keeps numbers small
    for (let i = 0; i < r; i++) {
      if (used[i] || T[i][j] === 0n) continue;
      if (p < 0 || absBig(T[i][j]) < absBig(T[p][j])) p = i;
    }
    if (p < 0) continue;
    const pr = T[p];
    const pv = pr[j];
    for (let i = 0; i < r; i++) {
      if (i === p) continue;
      const row = T[i];
      const f = row[j];
      if (f === 0n) {
        if (pv !== det) for (let t = 0; t <= c; t++) if (row[t] !== 0n) row[t] = (row[t] * pv) / det;
        continue;
      }
      for (let t = 0; t <= c; t++) row[t] = (row[t] * pv - f * pr[t]) / det;
    }
    det = pv;
    used[p] = 1;
    pivotRow[j] = p;
  }
  for (let i = 0; i < r; i++) if (!used[i] && T[i][c] !== 0n) return null;
  const sign = det < 0n ? -1n : 1n;
  const num = new Array<bigint>(c).fill(0n);
  for (let j = 0; j < c; j++) if (pivotRow[j] >= 0) num[j] = T[pivotRow[j]][c] * sign;
  return { num, den: det * sign };
}

/** A x = b over the rationals (each row scaled to integers first); null when inconsistent. */
export function solveRational(A: readonly (readonly Fraction[])[], b: readonly Fraction[], c: number): Fraction[] | null {
  const rows = A.map((row, i) => commonDenominator([...row, b[i]]).num);
  const r = solveIntegerSystem(
    rows.map((row) => row.slice(0, c)),
    rows.map((row) => row[c]),
    c,
  );
  return r === null ? null : r.num.map((v) => frac(v, r.den));
}

/** Rank of an integer matrix (fraction-free elimination). */
export function rankOf(A: readonly (readonly bigint[])[]): number {
  const M = A.map((r) => [...r]);
  const rows = M.length;
  const cols = rows === 0 ? 0 : M[0].length;
  let rank = 0;
  let det = 1n;
  for (let j = 0; j < cols && rank < rows; j++) {
    let p = -1;
    for (let i = rank; i < rows; i++) if (M[i][j] !== 0n) {
      p = i;
      break;
    }
    if (p < 0) continue;
    [M[rank], M[p]] = [M[p], M[rank]];
    const pr = M[rank];
    const pv = pr[j];
    for (let i = rank + 1; i < rows; i++) {
      const row = M[i];
      const f = row[j];
      for (let t = j; t < cols; t++) row[t] = (row[t] * pv - f * pr[t]) / det;
    }
    det = pv;
    rank++;
  }
  return rank;
}
