// LP optimum by vertex enumeration (tests only): every choice of numVars tight constraints solved by Gaussian
// elimination on Fractions, feasibility checked on the LP as given. Nothing from src/lp is used.
import { Fraction, ONE, ZERO } from '../../src/exact/rational.js';
import type { LP } from '../../src/lp/types.js';

/** Dense row i of the LP. */
function dense(lp: LP, i: number): Fraction[] {
  const r = new Array<Fraction>(lp.numVars).fill(ZERO);
  const row = lp.rows[i];
  row.idx.forEach((j, t) => (r[j] = r[j].add(row.val[t])));
  return r;
}

const dot = (a: readonly Fraction[], b: readonly Fraction[]) => a.reduce((s, v, j) => s.add(v.mul(b[j])), ZERO);
const isFree = (lp: LP, j: number) => lp.free?.[j] ?? false;

/** x satisfies every row and x_j ≥ 0 off free columns. */
export function feasibleOracle(lp: LP, x: readonly Fraction[]): boolean {
  if (x.length !== lp.numVars) return false;
  for (let j = 0; j < lp.numVars; j++) if (!isFree(lp, j) && x[j].s < 0n && x[j].n !== 0n) return false;
  return lp.rows.every((row, i) => {
    const a = dot(dense(lp, i), x);
    return row.sense === '<=' ? a.lte(row.rhs) : row.sense === '>=' ? a.gte(row.rhs) : a.equals(row.rhs);
  });
}

/** Solve a square system by Gaussian elimination on Fractions; null when singular. */
function solveSquare(A: Fraction[][], b: Fraction[]): Fraction[] | null {
  const n = b.length;
  const M = A.map((r, i) => [...r, b[i]]);
  for (let c = 0; c < n; c++) {
    const p = M.findIndex((r, i) => i >= c && r[c].n !== 0n);
    if (p < 0) return null;
    [M[c], M[p]] = [M[p], M[c]];
    for (let i = 0; i < n; i++) {
      if (i === c || M[i][c].n === 0n) continue;
      const f = M[i][c].div(M[c][c]);
      M[i] = M[i].map((v, t) => v.sub(f.mul(M[c][t])));
    }
  }
  return M.map((r, i) => r[n].div(r[i]));
}

/**
 * Vertex enumeration for an LP with every x_j ≥ 0 (no free columns), so that a feasible LP has a vertex and a
 * bounded optimum is attained at one: every choice of numVars constraints (rows or x_j = 0) made tight.
 * Returns the best vertex value, or null when there is no feasible vertex (the LP is infeasible).
 */
export function bestVertexOracle(lp: LP): Fraction | null {
  const n = lp.numVars;
  const cons: { a: Fraction[]; b: Fraction }[] = [
    ...lp.rows.map((row, i) => ({ a: dense(lp, i), b: row.rhs })),
    ...Array.from({ length: n }, (_, j) => ({ a: Array.from({ length: n }, (_, t) => (t === j ? ONE : ZERO)), b: ZERO })),
  ];
  let best: Fraction | null = null;
  const pick: number[] = [];
  const rec = (start: number) => {
    if (pick.length === n) {
      const x = solveSquare(
        pick.map((i) => cons[i].a),
        pick.map((i) => cons[i].b),
      );
      if (x === null || !feasibleOracle(lp, x)) return;
      const v = dot(lp.objective, x);
      if (best === null || (lp.maximize ? v.gt(best) : v.lt(best))) best = v;
      return;
    }
    for (let i = start; i < cons.length; i++) {
      pick.push(i);
      rec(i + 1);
      pick.pop();
    }
  };
  rec(0);
  return best as Fraction | null; // assigned inside rec (not seen by narrowing)
}
