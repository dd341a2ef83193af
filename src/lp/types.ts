import { Fraction, isZero } from '../exact/rational.js';

/** Row sense of one linear constraint a·x (sense) b. */
export type Sense = '<=' | '>=' | '=';

/** One constraint: sparse coefficients (idx[t] → val[t]), sense and right-hand side. */
export interface LPRow {
  readonly idx: readonly number[];
  readonly val: readonly Fraction[];
  readonly sense: Sense;
  readonly rhs: Fraction;
}

/**
 * A linear program over exact rational data:
 *   max (or min) c·x  s.t.  rows,  x_j ≥ 0 unless free[j].
 */
export interface LP {
  readonly numVars: number;
  readonly maximize: boolean;
  /** Dense objective c, length numVars. */
  readonly objective: readonly Fraction[];
  readonly rows: readonly LPRow[];
  /** free[j] = true: x_j unrestricted in sign. Default: every x_j ≥ 0. */
  readonly free?: readonly boolean[];
}

/**
 * Certified result. Conventions (for both senses, read as the LP's own dual):
 * - optimal: x primal feasible, y dual feasible (y_i ≥ 0 on ≤ rows and ≤ 0 on ≥ rows when maximising,
 *   the opposite signs when minimising, free on = rows), c·x = b·y = value. Checked exactly.
 * - infeasible: Farkas vector y (y_i ≥ 0 on ≤, ≤ 0 on ≥, free on =) with yᵀA ≥ 0 on x ≥ 0 columns,
 *   = 0 on free columns, and y·b < 0.
 * - unbounded: a feasible x and a ray d (d_j ≥ 0 unless free; a_i·d ≤ 0 on ≤ rows, ≥ 0 on ≥ rows,
 *   = 0 on = rows) improving the objective strictly.
 */
export type LPResult =
  | { readonly status: 'optimal'; readonly value: Fraction; readonly x: Fraction[]; readonly y: Fraction[]; readonly method: LPMethod }
  | { readonly status: 'infeasible'; readonly farkas: Fraction[]; readonly method: LPMethod }
  | { readonly status: 'unbounded'; readonly x: Fraction[]; readonly ray: Fraction[]; readonly method: LPMethod };

/** Which path produced the certified answer. */
export type LPMethod = 'simplex' | 'glpk+certificate';

/** Dense-row helper: an LPRow from a dense coefficient array (zeros dropped). */
export function denseRow(coefs: readonly Fraction[], sense: Sense, rhs: Fraction): LPRow {
  const idx: number[] = [];
  const val: Fraction[] = [];
  coefs.forEach((v, j) => {
    if (!isZero(v)) {
      idx.push(j);
      val.push(v);
    }
  });
  return { idx, val, sense, rhs };
}
