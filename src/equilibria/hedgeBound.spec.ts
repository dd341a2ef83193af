// The Hedge-bound predicate of self-play (SPEC T5: Reg_T ≤ sqrt((T/2) ln n)), fed regrets on both sides of the bound.
import { test } from '@fast-check/vitest';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { frac, ONE, ZERO } from '../exact/rational.js';
import { hedgeBoundHolds, lnUpperBound } from './dynamics.js';
import { params } from '../../test/helpers/fc.js';

describe('hedgeBoundHolds', () => {
  it('T = 8, ln n ≤ 2: the bound is sqrt(8) ≈ 2.83 — 2 and 2.8 pass, 2.9 and 3 fail (without the square, 3 would pass)', () => {
    const ln = frac(2);
    expect(hedgeBoundHolds(frac(2), 8, ln)).toBe(true);
    expect(hedgeBoundHolds(frac(14, 5), 8, ln)).toBe(true);
    expect(hedgeBoundHolds(frac(29, 10), 8, ln)).toBe(false);
    expect(hedgeBoundHolds(frac(3), 8, ln)).toBe(false);
    expect(hedgeBoundHolds(frac(8), 8, ln)).toBe(false);
  });

  it('exactly at the bound it holds; non-positive regret always holds, even with ln n = 0', () => {
    // Reg² = (T/2)·ln: T = 2, ln = 9/4, Reg = 3/2
    expect(hedgeBoundHolds(frac(3, 2), 2, frac(9, 4))).toBe(true);
    expect(hedgeBoundHolds(frac(3, 2).add(frac(1, 1000)), 2, frac(9, 4))).toBe(false);
    expect(hedgeBoundHolds(ZERO, 5, ZERO)).toBe(true);
    expect(hedgeBoundHolds(frac(-7), 1, ZERO)).toBe(true);
    expect(hedgeBoundHolds(frac(1, 1000), 1, ZERO)).toBe(false);
  });

  it('a regret below 1 whose square is below the bound but which exceeds it (no square root taken by mistake)', () => {
    // T = 1, ln = 1/8: bound sqrt(1/16) = 1/4; Reg = 1/3 fails, Reg = 1/5 passes
    expect(hedgeBoundHolds(frac(1, 3), 1, frac(1, 8))).toBe(false);
    expect(hedgeBoundHolds(frac(1, 5), 1, frac(1, 8))).toBe(true);
    expect(hedgeBoundHolds(ONE, 2, ONE)).toBe(true);
  });

  test.prop([fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: 2, max: 100 }), fc.integer({ min: 0, max: 1000 })], params(200))(
    'agrees with the float bound away from it',
    (T, n, r) => {
      const reg = frac(r, 10);
      const bound = Math.sqrt((T / 2) * Math.log(n));
      const f = r / 10;
      if (Math.abs(f - bound) > 1e-6 * Math.max(1, bound)) expect(hedgeBoundHolds(reg, T, lnUpperBound(n))).toBe(f <= bound);
    },
  );
});
