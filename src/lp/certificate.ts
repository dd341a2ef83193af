import { Fraction, frac, numer, signOf, commonDenominator } from '../exact/rational.js';
import { IntLP, toIntLP } from './integer.js';
import { LP, LPResult } from './types.js';

/** Integer numerators of x over one denominator. */
function over(xs: readonly Fraction[]): { num: bigint[]; den: bigint } {
  return commonDenominator(xs);
}

/** Row multipliers y_i on the ORIGINAL rows as integers V_i/Vd acting on the scaled rows (y_i/rowScale_i). */
function rowMultipliers(p: IntLP, y: readonly Fraction[]): { num: bigint[]; den: bigint } {
  return commonDenominator(y.map((v, i) => frac(numer(v), v.d * p.rowScale[i])));
}

/** Row activities Σ_j a_ij X_j for integer X. */
function activities(p: IntLP, X: readonly bigint[]): bigint[] {
  return p.a.map((row) => {
    let s = 0n;
    for (let j = 0; j < p.n; j++) if (row[j] !== 0n && X[j] !== 0n) s += row[j] * X[j];
    return s;
  });
}

/** Column sums Σ_i V_i a_ij. */
function columnSums(p: IntLP, V: readonly bigint[]): bigint[] {
  const out = new Array<bigint>(p.n).fill(0n);
  for (let i = 0; i < p.m; i++) {
    const v = V[i];
    if (v === 0n) continue;
    const row = p.a[i];
    for (let j = 0; j < p.n; j++) if (row[j] !== 0n) out[j] += v * row[j];
  }
  return out;
}

/** A row `activity sense rhs` that does not hold. */
function violated(sense: string, activity: bigint, rhs: bigint): boolean {
  return (sense === '<=' && activity > rhs) || (sense === '>=' && activity < rhs) || (sense === '=' && activity !== rhs);
}

/** x ≥ 0 off free columns and every row satisfied (X over Xd, Xd > 0). Returns a reason or null. */
export function primalViolation(p: IntLP, X: readonly bigint[], Xd: bigint): string | null {
  for (let j = 0; j < p.n; j++) if (!p.free[j] && X[j] < 0n) return `x_${j} < 0`;
  const act = activities(p, X);
  for (let i = 0; i < p.m; i++) if (violated(p.sense[i], act[i], p.b[i] * Xd)) return `row ${i} violated`;
  return null;
}

/** Sign that a dual multiplier must have on a row: +1 (≥ 0), −1 (≤ 0) or 0 (free). */
function dualSign(sense: string, maximize: boolean): number {
  if (sense === '=') return 0;
  const s = sense === '<=' ? 1 : -1;
  return maximize ? s : -s;
}

/**
 * Exact optimality certificate (LP duality): x primal feasible, y dual feasible, c·x = b·y.
 * Returns null when it holds, else the first failure.
 */
export function optimalityViolation(p: IntLP, x: readonly Fraction[], y: readonly Fraction[]): string | null {
  const { num: X, den: Xd } = over(x);
  const pv = primalViolation(p, X, Xd);
  if (pv) return `primal: ${pv}`;
  for (let i = 0; i < p.m; i++) {
    const s = dualSign(p.sense[i], p.maximize);
    if ((s > 0 && signOf(y[i]) < 0) || (s < 0 && signOf(y[i]) > 0)) return `dual: y_${i} has the wrong sign`;
  }
  const { num: V, den: Vd } = rowMultipliers(p, y);
  const cs = columnSums(p, V);
  // Σ_i y_i a_ij (orig) = cs_j/Vd  vs  c_j/objScale
  for (let j = 0; j < p.n; j++) {
    const l = cs[j] * p.objScale;
    const r = p.c[j] * Vd;
    if (p.free[j] ? l !== r : p.maximize ? l < r : l > r) return `dual: reduced cost of x_${j}`;
  }
  let cx = 0n;
  for (let j = 0; j < p.n; j++) cx += p.c[j] * X[j];
  let by = 0n;
  for (let i = 0; i < p.m; i++) by += V[i] * p.b[i];
  // cx/(objScale·Xd) = by/Vd
  if (cx * Vd !== by * p.objScale * Xd) return 'objectives differ';
  return null;
}

/** Farkas: signed y with yᵀA ≥ 0 (= 0 on free columns) and y·b < 0 proves infeasibility. */
export function farkasViolation(p: IntLP, y: readonly Fraction[]): string | null {
  for (let i = 0; i < p.m; i++) {
    const s = dualSign(p.sense[i], true);
    if ((s > 0 && signOf(y[i]) < 0) || (s < 0 && signOf(y[i]) > 0)) return `y_${i} has the wrong sign`;
  }
  const { num: V } = rowMultipliers(p, y);
  const cs = columnSums(p, V);
  for (let j = 0; j < p.n; j++) if (p.free[j] ? cs[j] !== 0n : cs[j] < 0n) return `column ${j}`;
  let by = 0n;
  for (let i = 0; i < p.m; i++) by += V[i] * p.b[i];
  return by < 0n ? null : 'y·b ≥ 0';
}

/** Unboundedness: feasible x and a ray d in the recession cone with c·d improving. */
export function unboundedViolation(p: IntLP, x: readonly Fraction[], ray: readonly Fraction[]): string | null {
  const { num: X, den: Xd } = over(x);
  const pv = primalViolation(p, X, Xd);
  if (pv) return `primal: ${pv}`;
  const { num: D } = over(ray);
  for (let j = 0; j < p.n; j++) if (!p.free[j] && D[j] < 0n) return `ray_${j} < 0`;
  const act = activities(p, D);
  for (let i = 0; i < p.m; i++) if (violated(p.sense[i], act[i], 0n)) return `ray leaves row ${i}`;
  let cd = 0n;
  for (let j = 0; j < p.n; j++) cd += p.c[j] * D[j];
  return (p.maximize ? cd > 0n : cd < 0n) ? null : 'ray does not improve';
}

/** Check any LPResult exactly against its LP: null when the certificate holds. */
export function checkResult(lp: LP | IntLP, r: LPResult): string | null {
  const p = 'numVars' in lp ? toIntLP(lp) : lp;
  if (r.status === 'optimal') {
    const v = optimalityViolation(p, r.x, r.y);
    if (v) return v;
    const { num: X, den: Xd } = over(r.x);
    let cx = 0n;
    for (let j = 0; j < p.n; j++) cx += p.c[j] * X[j];
    return frac(cx, p.objScale * Xd).equals(r.value) ? null : 'reported value differs from c·x';
  }
  if (r.status === 'infeasible') return farkasViolation(p, r.farkas);
  return unboundedViolation(p, r.x, r.ray);
}
