import { numer, lcm } from '../exact/rational.js';
import { LP, Sense } from './types.js';

/**
 * The LP with every row scaled to integers (private to src/lp):
 *   row i:  Σ_j a[i][j] x_j (sense_i) b_i,  original row = this row / rowScale[i];
 *   objective: c_j / objScale.
 */
export interface IntLP {
  readonly m: number;
  readonly n: number;
  readonly maximize: boolean;
  readonly a: bigint[][];
  readonly b: bigint[];
  readonly sense: Sense[];
  readonly rowScale: bigint[];
  readonly c: bigint[];
  readonly objScale: bigint;
  readonly free: boolean[];
}

export function toIntLP(lp: LP): IntLP {
  const n = lp.numVars;
  if (lp.objective.length !== n) throw new RangeError(`LP: objective has ${lp.objective.length} entries, numVars = ${n}`);
  const a: bigint[][] = [];
  const b: bigint[] = [];
  const rowScale: bigint[] = [];
  const sense: Sense[] = [];
  for (const row of lp.rows) {
    let s = row.rhs.d;
    for (const v of row.val) s = lcm(s, v.d);
    const r = new Array<bigint>(n).fill(0n);
    row.idx.forEach((j, t) => {
      if (j < 0 || j >= n) throw new RangeError(`LP: column ${j} out of range`);
      r[j] += numer(row.val[t]) * (s / row.val[t].d);
    });
    a.push(r);
    b.push(numer(row.rhs) * (s / row.rhs.d));
    rowScale.push(s);
    sense.push(row.sense);
  }
  let cs = 1n;
  for (const v of lp.objective) cs = lcm(cs, v.d);
  const c = lp.objective.map((v) => numer(v) * (cs / v.d));
  const free = Array.from({ length: n }, (_, j) => lp.free?.[j] ?? false);
  return { m: a.length, n, maximize: lp.maximize, a, b, sense, rowScale, c, objScale: cs, free };
}

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
