// LP certificates by their textbook definitions (tests only): fraction.js on the LP as given (no integer
// scaling, no shared code with src/lp/certificate.ts). Conventions of src/lp/types.ts (LPResult).
import { Fraction, ZERO, signOf, sumOf } from '../../src/exact/rational.js';
import { LP, LPResult } from '../../src/lp/types.js';

const dense = (lp: LP, i: number): Fraction[] => {
  const row = new Array<Fraction>(lp.numVars).fill(ZERO);
  lp.rows[i].idx.forEach((j, t) => (row[j] = row[j].add(lp.rows[i].val[t])));
  return row;
};
const dot = (a: readonly Fraction[], b: readonly Fraction[]) => sumOf(a.map((v, j) => v.mul(b[j])));
const isFree = (lp: LP, j: number) => lp.free?.[j] ?? false;

/** x satisfies every row and x_j ≥ 0 off free columns. */
export function primalFeasible(lp: LP, x: readonly Fraction[]): boolean {
  if (x.length !== lp.numVars) return false;
  if (x.some((v, j) => !isFree(lp, j) && signOf(v) < 0)) return false;
  return lp.rows.every((r, i) => {
    const s = dot(dense(lp, i), x).compare(r.rhs);
    return r.sense === '<=' ? s <= 0 : r.sense === '>=' ? s >= 0 : s === 0;
  });
}

/** The sign a row's multiplier must have: for max, ≥ 0 on ≤ rows and ≤ 0 on ≥ rows (opposite for min); free on =. */
function signOk(lp: LP, i: number, y: Fraction, maximize: boolean): boolean {
  const r = lp.rows[i];
  if (r.sense === '=') return true;
  const want = (r.sense === '<=') === maximize ? 1 : -1;
  return signOf(y) === 0 || signOf(y) === want;
}

/** yᵀA_j ≥ c_j (max) or ≤ c_j (min) on x_j ≥ 0 columns, = c_j on free columns, with the row signs. */
export function dualFeasible(lp: LP, y: readonly Fraction[]): boolean {
  if (y.length !== lp.rows.length) return false;
  if (!y.every((v, i) => signOk(lp, i, v, lp.maximize))) return false;
  for (let j = 0; j < lp.numVars; j++) {
    const col = sumOf(lp.rows.map((_, i) => y[i].mul(dense(lp, i)[j])));
    const s = col.compare(lp.objective[j]);
    if (isFree(lp, j) ? s !== 0 : lp.maximize ? s < 0 : s > 0) return false;
  }
  return true;
}

/** Is the result a valid certificate, by the definitions? */
export function validCertificate(lp: LP, r: LPResult): boolean {
  const b = lp.rows.map((row) => row.rhs);
  if (r.status === 'optimal') {
    if (!primalFeasible(lp, r.x) || !dualFeasible(lp, r.y)) return false;
    const cx = dot(lp.objective, r.x);
    return cx.equals(dot(b, r.y)) && cx.equals(r.value);
  }
  if (r.status === 'infeasible') {
    const y = r.farkas;
    if (y.length !== lp.rows.length || !y.every((v, i) => signOk(lp, i, v, true))) return false;
    for (let j = 0; j < lp.numVars; j++) {
      const col = sumOf(lp.rows.map((_, i) => y[i].mul(dense(lp, i)[j])));
      if (isFree(lp, j) ? signOf(col) !== 0 : signOf(col) < 0) return false;
    }
    return signOf(dot(b, y)) < 0;
  }
  if (!primalFeasible(lp, r.x) || r.ray.length !== lp.numVars) return false;
  const d = r.ray;
  if (d.some((v, j) => !isFree(lp, j) && signOf(v) < 0)) return false;
  const rowsOk = lp.rows.every((row, i) => {
    const s = signOf(dot(dense(lp, i), d));
    return row.sense === '<=' ? s <= 0 : row.sense === '>=' ? s >= 0 : s === 0;
  });
  const cd = signOf(dot(lp.objective, d));
  return rowsOk && (lp.maximize ? cd > 0 : cd < 0);
}

