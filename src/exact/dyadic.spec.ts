// Float → exact: rounding to the simplex, floor/ceil division, round(v·2^bits), bitsBelow — exact values.
import { test } from '@fast-check/vitest';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { params } from '../../test/helpers/fc.js';
import { bitsBelow, ceilDiv, floorDiv, roundToSimplex, scaleToInt } from './dyadic.js';
import { frac, fromDouble, sumOf } from './rational.js';

const txt = (xs: { toFraction(): string }[]) => xs.map((x) => x.toFraction());
const D40 = 2n ** 40n;

describe('roundToSimplex', () => {
  it('rounds each entry to 2^−bits, the first largest entry absorbing the error', () => {
    expect(txt(roundToSimplex([0.5, 0.5], 1))).toEqual(['1/2', '1/2']);
    expect(txt(roundToSimplex([0.25, 0.75], 2))).toEqual(['1/4', '3/4']);
    // 1/3 each at the default 40 bits: round(2^40/3) = 366503875925, the missing 2^−40 goes to entry 0
    const third = 366503875925n;
    expect(txt(roundToSimplex([1 / 3, 1 / 3, 1 / 3]))).toEqual([frac(third + 1n, D40), frac(third, D40), frac(third, D40)].map((x) => x.toFraction()));
    // the largest entry (index 1 here) takes the error, ties to the first
    expect(txt(roundToSimplex([0.2, 0.3, 0.3], 2))).toEqual(['1/4', '1/2', '1/4']);
    expect(txt(roundToSimplex([0.1, 0.3, 0.2, 0.3], 3))).toEqual(['1/8', '3/8', '1/4', '1/4']);
    expect(txt(roundToSimplex([0.1, 0.7, 0.2], 3))).toEqual(['1/8', '5/8', '1/4']);
  });

  it('negative entries count as 0; a far-off vector becomes the point mass on its largest entry', () => {
    expect(txt(roundToSimplex([-0.25, 0.75, 0.5], 2))).toEqual(['0', '1/2', '1/2']);
    expect(txt(roundToSimplex([0.9, 0.9, 0.9], 4))).toEqual(['1', '0', '0']);
    expect(txt(roundToSimplex([0.2, 0.9, 0.9], 4))).toEqual(['0', '1', '0']);
    // the largest entry ends at exactly 0: kept (not a point mass)
    expect(txt(roundToSimplex([1, 1], 3))).toEqual(['0', '1']);
  });

  test.prop([fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 8 }), fc.integer({ min: 1, max: 60 })], params(300))(
    'sums to exactly 1, entries are multiples of 2^−bits, in [0, 1], and within 2^−bits of pi elsewhere than the largest',
    (pi, bits) => {
      const p = roundToSimplex(pi, bits);
      expect(sumOf(p).toFraction()).toBe('1');
      const D = 2n ** BigInt(bits);
      let big = 0;
      pi.forEach((v, y) => (v > pi[big] ? (big = y) : 0));
      p.forEach((x, y) => {
        expect(D % x.d).toBe(0n);
        expect(x.s > 0n || x.n === 0n).toBe(true);
        expect(x.compare(1) <= 0).toBe(true);
        if (y !== big && p[big].n !== 1n * p[big].d) expect(x.sub(fromDouble(pi[y])).abs().compare(frac(1n, 2n * D)) <= 0).toBe(true);
      });
    },
  );
});

describe('floorDiv, ceilDiv', () => {
  it('round toward −∞ and +∞ for every sign of a (b > 0)', () => {
    const cases: [bigint, bigint, bigint, bigint][] = [
      [7n, 2n, 3n, 4n],
      [-7n, 2n, -4n, -3n],
      [6n, 2n, 3n, 3n],
      [-6n, 2n, -3n, -3n],
      [0n, 5n, 0n, 0n],
      [1n, 5n, 0n, 1n],
      [-1n, 5n, -1n, 0n],
    ];
    for (const [a, b, f, c] of cases) {
      expect(floorDiv(a, b), `${a}/${b}`).toBe(f);
      expect(ceilDiv(a, b), `${a}/${b}`).toBe(c);
    }
  });

  test.prop([fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }), fc.bigInt({ min: 1n, max: 10n ** 10n })], params(300))(
    'floor·b ≤ a < (floor+1)·b and (ceil−1)·b < a ≤ ceil·b',
    (a, b) => {
      const f = floorDiv(a, b);
      const c = ceilDiv(a, b);
      expect(f * b <= a && a < (f + 1n) * b).toBe(true);
      expect((c - 1n) * b < a && a <= c * b).toBe(true);
    },
  );
});

describe('scaleToInt: round(v·2^bits), half away from zero', () => {
  it('exact products, halves, negative bits', () => {
    const cases: [number, number, bigint][] = [
      [0.5, 1, 1n],
      [0.75, 1, 2n],
      [-0.75, 1, -2n],
      [0.25, 1, 1n],
      [-0.25, 1, -1n],
      [0.2, 1, 0n],
      [-0.2, 1, 0n],
      [0.3, 1, 1n],
      [-0.3, 1, -1n],
      [3, 0, 3n],
      [2.5, 0, 3n],
      [-2.5, 0, -3n],
      [2.4, 0, 2n],
      [-3, 2, -12n],
      [6, -2, 2n],
      [5, -2, 1n],
      [-6, -2, -2n],
      [-5, -2, -1n],
      [7, -3, 1n],
      [3, -3, 0n],
      [0.1, 3, 1n],
      [0.0625, 2, 0n],
      [0, 10, 0n],
      [1e300, 0, BigInt(1e300)],
      [2 ** -1074, 1074, 1n],
      [2 ** -1074, 1073, 1n],
      [2 ** -1074, 1072, 0n],
    ];
    for (const [v, bits, r] of cases) expect(scaleToInt(v, bits), `${v}·2^${bits}`).toBe(r);
  });

  it('refuses non-finite values', () => {
    expect(() => scaleToInt(NaN, 3)).toThrow(RangeError);
    expect(() => scaleToInt(Infinity, 3)).toThrow('scaleToInt: Infinity is not finite');
    expect(() => scaleToInt(-Infinity, 0)).toThrow(RangeError);
  });

  test.prop([fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.integer({ min: -30, max: 60 })], params(300))(
    '|v·2^bits − result| ≤ 1/2, with ties away from zero',
    (v, bits) => {
      const r = scaleToInt(v, bits);
      const exact = fromDouble(v).mul(bits >= 0 ? frac(2n ** BigInt(bits)) : frac(1n, 2n ** BigInt(-bits)));
      const err = exact.sub(frac(r));
      expect(err.abs().compare(frac(1, 2)) <= 0).toBe(true);
      if (err.abs().equals(frac(1, 2))) expect(err.s === exact.s).toBe(false); // rounded away from zero
    },
  );
});

describe('bitsBelow', () => {
  it('from the bit lengths of numerator and denominator, never negative', () => {
    expect(bitsBelow(frac(1, 8))).toBe(4);
    expect(bitsBelow(frac(3, 8))).toBe(3);
    expect(bitsBelow(frac(1, 1))).toBe(1);
    expect(bitsBelow(frac(2, 1))).toBe(0);
    expect(bitsBelow(frac(5, 1))).toBe(0);
    expect(bitsBelow(frac(1n, 2n ** 200n))).toBe(201);
  });

  test.prop([fc.bigInt({ min: 1n, max: 10n ** 30n }), fc.bigInt({ min: 1n, max: 10n ** 30n })], params(300))('2^−bitsBelow(x) ≤ x when x ≤ 1/2', (n, d) => {
    const x = frac(n, d);
    const b = bitsBelow(x);
    expect(b >= 0).toBe(true);
    if (x.compare(frac(1, 2)) <= 0) expect(frac(1n, 2n ** BigInt(b)).compare(x) <= 0).toBe(true);
  });
});
