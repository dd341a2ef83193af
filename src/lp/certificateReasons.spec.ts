// The exact LP certificate checks, fed hand-made wrong answers, must reject each with its own reason: primal
// rows of every sense, x ≥ 0, dual signs for max and min, reduced costs (free columns: equality), c·x = b·y,
// the reported value, Farkas signs / columns / y·b, rays; scaled (fractional) rows and objectives.
import { describe, expect, it } from 'vitest';
import { Fraction, isZero, parseRational } from '../exact/rational.js';
import { checkResult, farkasViolation, optimalityViolation, primalViolation, unboundedViolation } from './certificate.js';
import { toIntLP } from './integer.js';
import { LP, LPResult, LPRow, Sense } from './types.js';

const r = (s: string | number) => parseRational(String(s))!;
const v = (xs: (string | number)[]) => xs.map(r);
function row(coefs: (string | number)[], sense: Sense, rhs: string | number): LPRow {
  const idx: number[] = [];
  const val: Fraction[] = [];
  coefs.forEach((c, j) => {
    if (!isZero(r(c))) {
      idx.push(j);
      val.push(r(c));
    }
  });
  return { idx, val, sense, rhs: r(rhs) };
}
const lp = (maximize: boolean, c: (string | number)[], rows: LPRow[], free?: boolean[]): LP => ({
  numVars: c.length,
  maximize,
  objective: c.map(r),
  rows,
  free,
});
const opt = (value: string | number, x: (string | number)[], y: (string | number)[]): LPResult => ({ status: 'optimal', value: r(value), x: v(x), y: v(y), method: 'simplex' });

// max 3/4 x + 5/4 y  s.t.  x ≤ 4,  2y ≤ 12,  3/2 x + y ≤ 9 → (2, 6), value 9, duals (0, 3/8, 1/2)
const A = lp(true, ['3/4', '5/4'], [row([1, 0], '<=', 4), row([0, 2], '<=', 12), row(['3/2', 1], '<=', 9)]);
// min x − y  s.t.  x + y = 1,  x − y ≥ −3,  y free → (0, 1), value −1, duals (−1, 0)
const B = lp(false, [1, -1], [row([1, 1], '=', 1), row([1, -1], '>=', -3)], [false, true]);
// max −x  s.t.  x ≥ 2 → x = 2, value −2, dual −1
const C = lp(true, [-1], [row([1], '>=', 2)]);
// min y  s.t.  y ≥ −2, y free → −2, dual 1
const D = lp(false, [1], [row([1], '>=', -2)], [true]);
// min x + y  s.t.  x + 2y ≤ 4, x ≥ 1 → (1, 0), value 1, duals (0, 1)
const E = lp(false, [1, 1], [row([1, 2], '<=', 4), row([1, 0], '>=', 1)]);

describe('optimality certificate', () => {
  it('accepts the right certificates (fractional rows and objective: scaled correctly)', () => {
    expect(checkResult(A, opt(9, [2, 6], [0, '3/8', '1/2']))).toBeNull();
    expect(checkResult(B, opt(-1, [0, 1], [-1, 0]))).toBeNull();
    expect(checkResult(C, opt(-2, [2], [-1]))).toBeNull();
    expect(checkResult(D, opt(-2, [-2], [1]))).toBeNull();
    expect(checkResult(E, opt(1, [1, 0], [0, 1]))).toBeNull();
    expect(checkResult(toIntLP(A), opt(9, [2, 6], [0, '3/8', '1/2']))).toBeNull();
  });

  it('rejects primal violations: x < 0, each row sense, fractional x', () => {
    expect(checkResult(A, opt(9, [-1, 6], [0, '3/8', '1/2']))).toBe('primal: x_0 < 0');
    expect(checkResult(A, opt(9, [2, 7], [0, '3/8', '1/2']))).toBe('primal: row 1 violated');
    expect(checkResult(A, opt(9, ['9/2', 0], [0, '3/8', '1/2']))).toBe('primal: row 0 violated');
    expect(checkResult(A, opt(9, ['5/2', '11/2'], [0, '3/8', '1/2']))).toBe('primal: row 2 violated');
    expect(checkResult(B, opt(-1, [0, 2], [-1, 0]))).toBe('primal: row 0 violated');
    expect(checkResult(B, opt(-1, [1, 0], [-1, 0]))).toBe('objectives differ'); // feasible, not optimal
    expect(checkResult(C, opt(-1, [1], [-1]))).toBe('primal: row 0 violated');
    expect(checkResult(C, opt(-2, ['3/2'], [-1]))).toBe('primal: row 0 violated');
  });

  it('rejects a wrong dual sign on ≤, ≥ rows, for max and for min', () => {
    expect(checkResult(A, opt(9, [2, 6], [0, '-3/8', '1/2']))).toBe('dual: y_1 has the wrong sign');
    expect(checkResult(C, opt(-2, [2], [1]))).toBe('dual: y_0 has the wrong sign');
    expect(checkResult(D, opt(-2, [-2], [-1]))).toBe('dual: y_0 has the wrong sign');
    expect(checkResult(E, opt(1, [1, 0], [0, -1]))).toBe('dual: y_1 has the wrong sign');
    expect(checkResult(E, opt(1, [1, 0], [1, 1]))).toBe('dual: y_0 has the wrong sign');
    // = rows take either sign: B's y_0 = −1 is fine (accepted above)
  });

  it('rejects reduced costs of the wrong sign (max: yᵀA_j ≥ c_j; min: ≤; free: =)', () => {
    expect(checkResult(A, opt(9, [2, 6], [0, '1/4', '1/2']))).toBe('dual: reduced cost of x_1');
    expect(checkResult(A, opt(9, [2, 6], [0, '3/8', '1/4']))).toBe('dual: reduced cost of x_0');
    expect(checkResult(C, opt(-2, [2], ['-2']))).toBe('dual: reduced cost of x_0');
    expect(checkResult(B, opt(-1, [0, 1], [0, 0]))).toBe('dual: reduced cost of x_1');
    expect(checkResult(B, opt(-1, [0, 1], [-2, 0]))).toBe('dual: reduced cost of x_1');
    expect(checkResult(B, opt(-1, [0, 1], [1, 2]))).toBe('dual: reduced cost of x_0');
    expect(checkResult(B, opt(-1, [0, 1], [0, 1]))).toBe('objectives differ');
    expect(checkResult(E, opt(1, [1, 0], [0, 2]))).toBe('dual: reduced cost of x_0');
    expect(checkResult(D, opt(-2, [-2], ['1/2']))).toBe('dual: reduced cost of x_0');
  });

  it('rejects c·x ≠ b·y and a reported value other than c·x', () => {
    // both feasible, not optimal
    expect(checkResult(A, opt(0, [0, 0], [0, '3/8', '1/2']))).toBe('objectives differ');
    expect(checkResult(A, opt(9, [2, 6], ['1/4', '3/8', '1/2']))).toBe('objectives differ');
    expect(checkResult(C, opt(-2, [2], ['-1/2']))).toBe('objectives differ');
    expect(checkResult(C, opt(-3, [3], [-1]))).toBe('objectives differ');
    expect(checkResult(E, opt(2, [2, 0], [0, 1]))).toBe('objectives differ');
    expect(checkResult(A, opt(10, [2, 6], [0, '3/8', '1/2']))).toBe('reported value differs from c·x');
    expect(checkResult(A, opt('9/2', [2, 6], [0, '3/8', '1/2']))).toBe('reported value differs from c·x');
  });

  it('optimalityViolation and primalViolation on the integer form, x over a denominator', () => {
    const p = toIntLP(A);
    expect(optimalityViolation(p, v([2, 6]), v([0, '3/8', '1/2']))).toBeNull();
    // x = (X/Xd): (4, 12)/2 is (2, 6); (5, 12)/2 violates row 2 (3/2·5/2 + 6 = 39/4 > 9)
    expect(primalViolation(p, [4n, 12n], 2n)).toBeNull();
    expect(primalViolation(p, [5n, 12n], 2n)).toBe('row 2 violated');
    expect(primalViolation(p, [8n, 0n], 2n)).toBeNull();
    expect(primalViolation(p, [9n, 0n], 2n)).toBe('row 0 violated');
    expect(primalViolation(p, [0n, -1n], 2n)).toBe('x_1 < 0');
    expect(primalViolation(toIntLP(D), [-1n], 1n)).toBeNull(); // free: any sign
    expect(primalViolation(toIntLP(D), [-5n], 2n)).toBe('row 0 violated');
    expect(primalViolation(toIntLP(B), [1n, 0n], 1n)).toBeNull();
    expect(primalViolation(toIntLP(B), [0n, 1n], 2n)).toBe('row 0 violated');
    expect(primalViolation(toIntLP(B), [0n, 2n], 1n)).toBe('row 0 violated');
    expect(primalViolation(toIntLP(B), [0n, 3n], 3n)).toBeNull();
  });
});

// infeasible: x + y ≤ 1 and x + y ≥ 2
const F = lp(true, [1, 1], [row([1, 1], '<=', 1), row([1, 1], '>=', 2)]);
const Fmin = lp(false, [1, 1], [row([1, 1], '<=', 1), row([1, 1], '>=', 2)]);
// infeasible with a free column: x ≤ 1, −x ≤ −2 (x free)
const G = lp(true, [0], [row([1], '<=', 1), row([-1], '<=', -2)], [true]);
// infeasible equalities: x = 1, x = 2; and with fractional rows: x/2 ≤ 1/2, x/3 ≥ 2/3
const H = lp(true, [0], [row([1], '=', 1), row([1], '=', 2)]);
const Hq = lp(true, [1], [row(['1/2'], '<=', '1/2'), row(['1/3'], '>=', '2/3')]);
const inf = (y: (string | number)[]): LPResult => ({ status: 'infeasible', farkas: v(y), method: 'simplex' });

describe('Farkas certificate', () => {
  it('accepts valid ones (for max and min alike; = rows of either sign; scaled rows)', () => {
    expect(checkResult(F, inf([1, -1]))).toBeNull();
    expect(checkResult(Fmin, inf([1, -1]))).toBeNull();
    expect(checkResult(G, inf([1, 1]))).toBeNull();
    expect(checkResult(H, inf([1, -1]))).toBeNull();
    expect(checkResult(H, inf([-1, 1]))).toBe('y·b ≥ 0');
    expect(checkResult(Hq, inf([2, -3]))).toBeNull();
    expect(farkasViolation(toIntLP(Hq), v([2, -3]))).toBeNull();
  });

  it('rejects wrong signs, negative columns, free columns ≠ 0, y·b ≥ 0', () => {
    expect(checkResult(F, inf([-1, 1]))).toBe('y_0 has the wrong sign');
    expect(checkResult(F, inf([1, 1]))).toBe('y_1 has the wrong sign');
    expect(checkResult(Fmin, inf([-1, 1]))).toBe('y_0 has the wrong sign');
    expect(checkResult(F, inf([1, -2]))).toBe('column 0');
    expect(checkResult(F, inf([1, 0]))).toBe('y·b ≥ 0');
    expect(checkResult(F, inf([0, 0]))).toBe('y·b ≥ 0');
    expect(checkResult(F, inf([2, -1]))).toBe('y·b ≥ 0'); // columns 1 ≥ 0, y·b = 0
    expect(checkResult(G, inf([3, 2]))).toBe('column 0'); // free column: must be 0, is 1 (y·b = −1)
    expect(checkResult(G, inf([1, 2]))).toBe('column 0');
    expect(checkResult(Hq, inf([1, -3]))).toBe('column 0'); // 1/2 − 1 < 0 on the original rows
    expect(checkResult(Hq, inf([2, -1]))).toBe('y·b ≥ 0'); // columns 1 − 1/3 ≥ 0, y·b = 1 − 2/3 > 0
  });
});

// unbounded: max x + 2y s.t. x − y ≤ 1
const U = lp(true, [1, 2], [row([1, -1], '<=', 1)]);
// min −y s.t. y − x ≥ −1, x − y = −1/2 ... and max y s.t. x − y = 0; min x (x free, no rows)
const Umin = lp(false, [0, -1], [row([-1, 1], '>=', -1)]);
const Ueq = lp(true, [0, 1], [row([1, -1], '=', 0)]);
const Ufree = lp(false, [1], [], [true]);
const unb = (x: (string | number)[], ray: (string | number)[]): LPResult => ({ status: 'unbounded', x: v(x), ray: v(ray), method: 'simplex' });

describe('unbounded certificate', () => {
  it('accepts a feasible point and an improving ray in the recession cone', () => {
    expect(checkResult(U, unb([0, 0], [0, 1]))).toBeNull();
    expect(checkResult(U, unb([1, 0], [1, 1]))).toBeNull();
    expect(checkResult(Umin, unb([0, 0], [0, 1]))).toBeNull();
    expect(checkResult(Ueq, unb([1, 1], [1, 1]))).toBeNull();
    expect(checkResult(Ufree, unb([3], [-1]))).toBeNull();
    expect(unboundedViolation(toIntLP(U), v(['1/2', 0]), v(['1/3', '1/2']))).toBeNull();
  });

  it('rejects an infeasible point, a negative ray, a ray leaving a row, a ray that does not improve', () => {
    expect(checkResult(U, unb([2, 0], [0, 1]))).toBe('primal: row 0 violated');
    expect(checkResult(U, unb([-1, 0], [0, 1]))).toBe('primal: x_0 < 0');
    expect(checkResult(U, unb([0, 0], [-1, 1]))).toBe('ray_0 < 0');
    expect(checkResult(U, unb([0, 0], [1, 0]))).toBe('ray leaves row 0');
    expect(checkResult(U, unb([0, 0], [0, 0]))).toBe('ray does not improve');
    expect(checkResult(Umin, unb([0, 0], [1, 0]))).toBe('ray leaves row 0');
    expect(checkResult(Umin, unb([0, 0], [1, 1]))).toBe(null);
    expect(checkResult(Umin, unb([0, 0], [1, 2]))).toBe(null);
    expect(checkResult(lp(false, [0, 1], [row([-1, 1], '>=', -1)]), unb([0, 0], [0, 1]))).toBe('ray does not improve');
    expect(checkResult(lp(true, [0, -1], [row([-1, 1], '>=', -1)]), unb([0, 0], [0, 1]))).toBe('ray does not improve');
    expect(checkResult(Ueq, unb([1, 1], [0, 1]))).toBe('ray leaves row 0');
    expect(checkResult(Ueq, unb([1, 1], [1, 0]))).toBe('ray leaves row 0');
    expect(checkResult(Ueq, unb([1, 2], [1, 1]))).toBe('primal: row 0 violated');
    expect(checkResult(lp(false, [1], []), unb([3], [-1]))).toBe('ray_0 < 0');
    expect(checkResult(Ufree, unb([3], [1]))).toBe('ray does not improve');
  });
});
