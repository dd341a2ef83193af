import { describe, expect, it } from 'vitest';
import { Fraction, isZero, parseRational } from '../exact/rational.js';
import { checkResult } from './certificate.js';
import { simplexSolve } from './simplex.js';
import { solveLP } from './solve.js';
import { LP, LPRow, Sense } from './types.js';

const r = (s: string) => parseRational(s)!;
function row(coefs: (string | number)[], sense: Sense, rhs: string | number): LPRow {
  const idx: number[] = [];
  const val: Fraction[] = [];
  coefs.forEach((c, j) => {
    const v = r(String(c));
    if (!isZero(v)) {
      idx.push(j);
      val.push(v);
    }
  });
  return { idx, val, sense, rhs: r(String(rhs)) };
}
function lp(maximize: boolean, c: (string | number)[], rows: LPRow[], free?: boolean[]): LP {
  return { numVars: c.length, maximize, objective: c.map((v) => r(String(v))), rows, free };
}

describe('exact simplex', () => {
  it('solves a textbook LP with exact duals', () => {
    // max 3x + 5y, x ≤ 4, 2y ≤ 12, 3x + 2y ≤ 18 → (2, 6), value 36, duals (0, 3/2, 1)
    const p = lp(true, [3, 5], [row([1, 0], '<=', 4), row([0, 2], '<=', 12), row([3, 2], '<=', 18)]);
    const s = simplexSolve(p);
    expect(s.status).toBe('optimal');
    if (s.status !== 'optimal') return;
    expect(s.value.toFraction()).toBe('36');
    expect(s.x.map((v) => v.toFraction())).toEqual(['2', '6']);
    expect(s.y.map((v) => v.toFraction())).toEqual(['0', '3/2', '1']);
    expect(checkResult(p, s)).toBeNull();
  });

  it("terminates on Beale's cycling example (degenerate) with value −5/4", () => {
    const p = lp(
      false,
      ['-3/4', 20, '-1/2', 6],
      [row(['1/4', -8, -1, 9], '<=', 0), row(['1/2', -12, '-1/2', 3], '<=', 0), row([0, 0, 1, 0], '<=', 1)],
    );
    const s = simplexSolve(p);
    expect(s.status).toBe('optimal');
    if (s.status === 'optimal') expect(s.value.toFraction()).toBe('-5/4');
    expect(checkResult(p, s)).toBeNull();
  });

  it('handles free variables, ≥ and = rows, minimisation', () => {
    // min x − y, x + y = 1, x − y ≥ −3, y free, x ≥ 0 → x = 0, y = 1, value −1
    const p = lp(false, [1, -1], [row([1, 1], '=', 1), row([1, -1], '>=', -3)], [false, true]);
    const s = simplexSolve(p);
    expect(s.status).toBe('optimal');
    if (s.status === 'optimal') expect(s.value.toFraction()).toBe('-1');
    expect(checkResult(p, s)).toBeNull();
  });

  it('reports infeasibility with a Farkas certificate', () => {
    const p = lp(true, [1, 1], [row([1, 1], '<=', 1), row([1, 1], '>=', 2)]);
    const s = simplexSolve(p);
    expect(s.status).toBe('infeasible');
    expect(checkResult(p, s)).toBeNull();
  });

  it('reports unboundedness with a ray', () => {
    const p = lp(true, [1, 2], [row([1, -1], '<=', 1)]);
    const s = simplexSolve(p);
    expect(s.status).toBe('unbounded');
    expect(checkResult(p, s)).toBeNull();
  });

  it('a wrong certificate is rejected', () => {
    const p = lp(true, [3, 5], [row([1, 0], '<=', 4), row([0, 2], '<=', 12), row([3, 2], '<=', 18)]);
    const bad = { status: 'optimal' as const, value: r('36'), x: [r('2'), r('6')], y: [r('0'), r('1'), r('1')], method: 'simplex' as const };
    expect(checkResult(p, bad)).not.toBeNull();
  });

  it('glpk + certificate agrees with the exact simplex on random LPs (and falls back when it must)', async () => {
    let seed = 7;
    const rnd = (k: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % k;
    };
    for (let t = 0; t < 40; t++) {
      const n = 2 + rnd(14);
      const m = 2 + rnd(14);
      const rows = Array.from({ length: m }, () =>
        row(
          Array.from({ length: n }, () => `${rnd(9) - 3}/${1 + rnd(3)}`),
          (['<=', '>=', '='] as Sense[])[rnd(5) < 3 ? 0 : rnd(5) < 4 ? 1 : 2],
          `${rnd(11) - 2}/${1 + rnd(2)}`,
        ),
      );
      const p = lp(rnd(2) === 0, Array.from({ length: n }, () => rnd(7) - 3), rows);
      const a = simplexSolve(p);
      const b = await solveLP(p, { method: 'glpk' });
      expect(checkResult(p, a)).toBeNull();
      expect(checkResult(p, b)).toBeNull();
      expect(b.status).toBe(a.status);
      if (a.status === 'optimal' && b.status === 'optimal') expect(a.value.equals(b.value)).toBe(true);
    }
  });
});
