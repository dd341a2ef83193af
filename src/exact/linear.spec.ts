// The exact linear solve: hand-checked systems (unique, underdetermined, inconsistent, zero columns, row order),
// the fraction-free representation (num/den with den the pivot minor), and properties against substitution.
import { test } from '@fast-check/vitest';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { params } from '../../test/helpers/fc.js';
import { absBig, rankOf, solveIntegerSystem, solveRational } from './linear.js';
import { Fraction, frac, parseRational } from './rational.js';

const q = (s: string | number) => parseRational(String(s))!;
const Q = (rows: (string | number)[][]) => rows.map((r) => r.map(q));
const txt = (xs: Fraction[] | null) => (xs === null ? null : xs.map((x) => x.toFraction()));

describe('absBig', () => {
  it('|v|', () => {
    expect([absBig(-5n), absBig(0n), absBig(5n)]).toEqual([5n, 0n, 5n]);
  });
});

describe('solveIntegerSystem', () => {
  it('a unique solution, as num/den with den = |det A| > 0', () => {
    // 2x + y = 5, x − y = 1 → (2, 1); det = −3
    expect(solveIntegerSystem([[2n, 1n], [1n, -1n]], [5n, 1n], 2)).toEqual({ num: [6n, 3n], den: 3n });
    // 3x = 6 (one row)
    expect(solveIntegerSystem([[3n]], [6n], 1)).toEqual({ num: [6n], den: 3n });
    expect(solveIntegerSystem([[-3n]], [6n], 1)).toEqual({ num: [-6n], den: 3n });
  });

  it('takes the smallest nonzero pivot in each column', () => {
    // column 0 has 3, 0, 1 (and 1 is taken): the pivot minor is 1, not 3
    expect(solveIntegerSystem([[3n], [0n], [1n]], [6n, 0n, 2n], 1)).toEqual({ num: [2n], den: 1n });
    expect(solveIntegerSystem([[1n], [3n]], [2n, 6n], 1)).toEqual({ num: [2n], den: 1n });
    expect(solveIntegerSystem([[-3n], [2n]], [-6n, 4n], 1)).toEqual({ num: [4n], den: 2n });
    expect(solveIntegerSystem([[2n], [-3n]], [4n, -6n], 1)).toEqual({ num: [4n], den: 2n });
    // ties go to the first row: rows 0 and 1 tie in column 0; taking row 0 leaves the minor 1 in column 1
    // (row 1 would leave minors 3 and 5, so den 3)
    expect(solveIntegerSystem([[1n, 0n], [1n, 3n], [2n, 1n]], [1n, 4n, 3n], 2)).toEqual({ num: [1n, 1n], den: 1n });
  });

  it('inconsistent systems give null (a left-over row with a nonzero right-hand side)', () => {
    expect(solveIntegerSystem([[1n, 1n], [2n, 2n]], [1n, 3n], 2)).toBeNull();
    expect(solveIntegerSystem([[0n]], [1n], 1)).toBeNull();
    expect(solveIntegerSystem([[1n], [1n]], [1n, 2n], 1)).toBeNull();
    expect(solveIntegerSystem([], [], 2)).toEqual({ num: [0n, 0n], den: 1n });
  });

  it('redundant rows are fine; unknowns without a pivot are 0', () => {
    expect(solveIntegerSystem([[1n, 1n], [2n, 2n]], [1n, 2n], 2)).toEqual({ num: [1n, 0n], den: 1n });
    // zero column first: x0 free (0), x1 = 2
    expect(solveIntegerSystem([[0n, 2n], [0n, 1n]], [4n, 2n], 2)).toEqual({ num: [0n, 2n], den: 1n });
    // more unknowns than rows: x0 + 2x1 + 3x2 = 6 → x0 = 6
    expect(solveIntegerSystem([[1n, 2n, 3n]], [6n], 3)).toEqual({ num: [6n, 0n, 0n], den: 1n });
    expect(solveIntegerSystem([[0n, 0n, 5n]], [10n], 3)).toEqual({ num: [0n, 0n, 10n], den: 5n });
  });

  it('rows that are already zero in the pivot column are rescaled (fraction-free invariant)', () => {
    // pivot 2 in column 0; row 1 has 0 there and must be multiplied by 2 before column 1 is eliminated
    const A = [
      [2n, 1n, 1n],
      [0n, 3n, 1n],
      [4n, 1n, 3n],
    ];
    const b = [4n, 5n, 9n];
    const r = solveIntegerSystem(A, b, 3)!;
    expect(r).not.toBeNull();
    const x = r.num.map((v) => frac(v, r.den));
    expect(x.map((v) => v.toFraction())).toEqual(['1/2', '1', '2']);
    expect(r.den).toBe(8n); // |det A|
  });

  it('a negative determinant is normalised to den > 0', () => {
    const r = solveIntegerSystem([[0n, 1n], [1n, 0n]], [3n, 5n], 2)!;
    expect(r).toEqual({ num: [5n, 3n], den: 1n });
    const s = solveIntegerSystem([[1n, 2n], [3n, 4n]], [5n, 6n], 2)!; // det −2 → x = (−4, 9/2)
    expect(s).toEqual({ num: [-8n, 9n], den: 2n });
  });

  const system = fc
    .record({ r: fc.integer({ min: 1, max: 5 }), c: fc.integer({ min: 1, max: 5 }) })
    .chain(({ r, c }) =>
      fc.record({
        A: fc.array(fc.array(fc.bigInt({ min: -4n, max: 4n }), { minLength: c, maxLength: c }), { minLength: r, maxLength: r }),
        x: fc.array(fc.bigInt({ min: -5n, max: 5n }), { minLength: c, maxLength: c }),
        noise: fc.array(fc.bigInt({ min: -1n, max: 1n }), { minLength: r, maxLength: r }),
        c: fc.constant(c),
      }),
    );

  test.prop([system], params(300))('a returned solution satisfies A x = b exactly; null only when rank [A|b] > rank A', ({ A, x, noise, c }) => {
    const b0 = A.map((row) => row.reduce((s, a, j) => s + a * x[j], 0n));
    for (const b of [b0, b0.map((v, i) => v + noise[i])]) {
      const r = solveIntegerSystem(A, b, c);
      const aug = A.map((row, i) => [...row, b[i]]);
      expect(r === null).toBe(rankOf(aug) > rankOf(A));
      if (r === null) continue;
      expect(r.den > 0n).toBe(true);
      A.forEach((row, i) => expect(row.reduce((s, a, j) => s + a * r.num[j], 0n)).toBe(b[i] * r.den));
    }
  });
});

describe('solveRational', () => {
  it('scales each row to integers first', () => {
    // x/2 + y/3 = 1, x − y = 1/2 → x = 7/5, y = 9/10
    expect(txt(solveRational(Q([['1/2', '1/3'], [1, -1]]), [q(1), q('1/2')], 2))).toEqual(['7/5', '9/10']);
    expect(txt(solveRational(Q([['2/3']]), [q('4/9')], 1))).toEqual(['2/3']);
    expect(solveRational(Q([[1, 1], [1, 1]]), [q(1), q(2)], 2)).toBeNull();
    expect(txt(solveRational(Q([['1/2', 0, '-1/4']]), [q('3/8')], 3))).toEqual(['3/4', '0', '0']);
  });
});

describe('rankOf', () => {
  it('hand-checked ranks: empty, zero, row swaps needed, dependent rows and columns', () => {
    expect(rankOf([])).toBe(0);
    expect(rankOf([[]])).toBe(0);
    expect(rankOf([[0n, 0n], [0n, 0n]])).toBe(0);
    expect(rankOf([[0n, 1n], [1n, 0n]])).toBe(2);
    expect(rankOf([[1n, 2n], [2n, 4n]])).toBe(1);
    expect(rankOf([[1n, 2n, 3n], [4n, 5n, 6n], [7n, 8n, 9n]])).toBe(2);
    expect(rankOf([[1n, 2n, 3n], [4n, 5n, 6n], [7n, 8n, 10n]])).toBe(3);
    expect(rankOf([[0n, 0n, 1n], [0n, 0n, 2n], [0n, 1n, 0n]])).toBe(2);
    expect(rankOf([[2n, 4n], [1n, 2n], [3n, 7n]])).toBe(2);
    expect(rankOf([[1n, 1n, 1n, 1n]])).toBe(1);
    expect(rankOf([[0n], [0n], [3n]])).toBe(1);
    expect(rankOf([[2n, 3n], [4n, 6n], [6n, 9n]])).toBe(1);
    expect(rankOf([[3n, 1n], [1n, 1n]])).toBe(2);
  });

  test.prop(
    [
      fc.record({
        u: fc.array(fc.bigInt({ min: -3n, max: 3n }), { minLength: 4, maxLength: 4 }),
        v: fc.array(fc.bigInt({ min: -3n, max: 3n }), { minLength: 4, maxLength: 4 }),
        coef: fc.array(fc.tuple(fc.bigInt({ min: -3n, max: 3n }), fc.bigInt({ min: -3n, max: 3n })), { minLength: 1, maxLength: 5 }),
      }),
    ],
    params(300),
  )('rows spanned by two vectors u, v have rank ≤ 2, = rank of [u; v]', ({ u, v, coef }) => {
    const rows = coef.map(([a, b]) => u.map((x, j) => a * x + b * v[j]));
    const r = rankOf(rows);
    expect(r).toBeLessThanOrEqual(Math.min(2, rankOf([u, v])));
    expect(rankOf([...rows, u, v])).toBe(rankOf([u, v]));
    // rank is the size of a largest nonsingular minor: 2 iff some 2×2 minor of [u; v] is nonzero
    let two = false;
    for (let i = 0; i < 4; i++) for (let j = i + 1; j < 4; j++) if (u[i] * v[j] - u[j] * v[i] !== 0n) two = true;
    const nz = u.some((x) => x !== 0n) || v.some((x) => x !== 0n);
    expect(rankOf([u, v])).toBe(two ? 2 : nz ? 1 : 0);
  });
});
