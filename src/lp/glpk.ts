import type GLPK from 'glpk.js/node';
import { Fraction, frac, ZERO, isZero, sumOf } from '../exact/rational.js';
import { optimalityViolation } from './certificate.js';
import { IntLP } from './integer.js';
import { solveIntegerSystem } from '../exact/linear.js';
import { LPResult } from './types.js';

type Glpk = Awaited<ReturnType<typeof GLPK>>;
let loading: Promise<Glpk> | null = null;
let loaded: Glpk | null = null;

/**
 * Load the one glpk.js instance of this process (repeated instantiation exhausts wasm memory). Loaded on
 * demand: runs that only meet small LPs (exact simplex) never pay for the wasm module.
 */
export function loadGlpk(): Promise<Glpk> {
  if (loading === null)
    loading = import('glpk.js/node').then(async (m) => {
      loaded = await m.default();
      return loaded;
    });
  return loading;
}

/** The glpk.js instance if it has been loaded, else null (glpk.js/node solves synchronously once loaded). */
export function glpkIfLoaded(): Glpk | null {
  return loaded;
}

/** Float guess from glpk: column values, row duals and row activities on the integer-scaled rows. */
export interface FloatGuess {
  readonly status: 'optimal' | 'infeasible' | 'unbounded' | 'other';
  readonly x: Float64Array;
  readonly dual: Float64Array;
  readonly act: Float64Array;
}

const NO_GUESS = (p: IntLP): FloatGuess => ({ status: 'other', x: new Float64Array(p.n), dual: new Float64Array(p.m), act: new Float64Array(p.m) });

/**
 * Solve the integer-scaled LP in floating point (guidance only; never returned as an answer). No guess
 * ('other': the caller solves exactly) when a coefficient of A or c is not a finite double or glpk.js fails
 * (a bound beyond doubles is glpk's to report).
 */
export function glpkGuess(g: Glpk, p: IntLP): FloatGuess {
  const finite = (v: bigint) => Number.isFinite(Number(v));
  if (!p.c.every(finite) || !p.a.every((row) => row.every(finite))) return NO_GUESS(p); // glpk.js aborts on them
  const vars = Array.from({ length: p.n }, (_, j) => `x${j}`);
  const subjectTo = p.a.map((row, i) => {
    const vs: { name: string; coef: number }[] = [];
    for (let j = 0; j < p.n; j++) if (row[j] !== 0n) vs.push({ name: vars[j], coef: Number(row[j]) });
    const b = Number(p.b[i]);
    const s = p.sense[i];
    const bnds =
      s === '<=' ? { type: g.GLP_UP, ub: b, lb: 0 } : s === '>=' ? { type: g.GLP_LO, ub: 0, lb: b } : { type: g.GLP_FX, ub: b, lb: b };
    return { name: `r${i}`, vars: vs, bnds };
  });
  const bounds = vars.map((name, j) => (p.free[j] ? { name, type: g.GLP_FR, ub: 0, lb: 0 } : { name, type: g.GLP_LO, ub: 0, lb: 0 }));
  let res: ReturnType<Glpk['solve']>;
  try {
    res = g.solve(
      {
        name: 'ualign',
        objective: { direction: p.maximize ? g.GLP_MAX : g.GLP_MIN, name: 'z', vars: vars.map((name, j) => ({ name, coef: Number(p.c[j]) })) },
        subjectTo,
        bounds,
      },
      { msglev: g.GLP_MSG_OFF, presol: false, rows: true },
    );
  } catch {
    return NO_GUESS(p); // glpk.js aborts on some badly scaled LPs (an assertion in its wasm build)
  }
  const st = res.result.status;
  const status = st === g.GLP_OPT ? 'optimal' : st === g.GLP_NOFEAS ? 'infeasible' : st === g.GLP_UNBND ? 'unbounded' : 'other';
  const x = Float64Array.from(vars, (v) => res.result.vars[v] ?? 0);
  const dual = Float64Array.from({ length: p.m }, (_, i) => res.result.dual?.[`r${i}`] ?? 0);
  const act = Float64Array.from({ length: p.m }, (_, i) => res.result.rows?.[`r${i}`] ?? 0);
  return { status, x, dual, act };
}

const REL = 1e-9;

/**
 * Exact certificate from a float guess: rebuild the basis from the support of x and the tight rows, solve
 * A[tight, support] x = b[tight] and y[dual support]ᵀ A[·, zero reduced cost] = c by fraction-free
 * elimination, then check primal feasibility, dual feasibility and c·x = b·y exactly.
 * Returns null when the certificate does not hold (the caller falls back to the exact simplex).
 */
export function certifyGuess(p: IntLP, g: FloatGuess): LPResult | null {
  const { x, dual, act } = g;
  let xmax = 1;
  for (const v of x) xmax = Math.max(xmax, Math.abs(v));
  const J: number[] = [];
  for (let j = 0; j < p.n; j++) if (p.free[j] || Math.abs(x[j]) > REL * xmax) J.push(j);
  const I: number[] = [];
  for (let i = 0; i < p.m; i++) {
    if (p.sense[i] === '=') {
      I.push(i);
      continue;
    }
    let scale = 1 + Math.abs(Number(p.b[i]));
    const row = p.a[i];
    for (const j of J) if (row[j] !== 0n) scale += Math.abs(Number(row[j]) * x[j]);
    if (Math.abs(act[i] - Number(p.b[i])) <= REL * scale) I.push(i);
  }
  const prim = solveIntegerSystem(
    I.map((i) => J.map((j) => p.a[i][j])),
    I.map((i) => p.b[i]),
    J.length,
  );
  if (prim === null) return null;
  // dual: unknowns on rows with a nonzero float dual, equations on columns with zero reduced cost
  let ymax = 1;
  for (const v of dual) ymax = Math.max(ymax, Math.abs(v));
  const Id: number[] = [];
  for (let i = 0; i < p.m; i++) if (Math.abs(dual[i]) > REL * ymax) Id.push(i);
  const Jd: number[] = [];
  for (let j = 0; j < p.n; j++) {
    let rc = Number(p.c[j]);
    let scale = 1 + Math.abs(rc);
    for (const i of Id) {
      const a = p.a[i][j];
      if (a === 0n) continue;
      const t = dual[i] * Number(a);
      rc -= t;
      scale += Math.abs(t);
    }
    if (p.free[j] || Math.abs(rc) <= REL * scale) Jd.push(j);
  }
  const du = solveIntegerSystem(
    Jd.map((j) => Id.map((i) => p.a[i][j])),
    Jd.map((j) => p.c[j]),
    Id.length,
  );
  if (du === null) return null;
  const xs = new Array<Fraction>(p.n).fill(ZERO);
  J.forEach((j, t) => (xs[j] = frac(prim.num[t], prim.den)));
  // scaled-row dual Y_i ↦ original-row dual Y_i·rowScale_i/objScale
  const ys = new Array<Fraction>(p.m).fill(ZERO);
  Id.forEach((i, t) => (ys[i] = frac(du.num[t] * p.rowScale[i], du.den * p.objScale)));
  if (optimalityViolation(p, xs, ys) !== null) return null;
  let cx = ZERO;
  const terms: Fraction[] = [];
  for (let j = 0; j < p.n; j++) if (p.c[j] !== 0n && !isZero(xs[j])) terms.push(xs[j].mul(frac(p.c[j], p.objScale)));
  cx = sumOf(terms);
  return { status: 'optimal', value: cx, x: xs, y: ys, method: 'glpk+certificate' };
}
