// The fraction.js helpers, exactly: each against hand-computed values and fast-check properties
// (BigInt arithmetic as the oracle). Edge cases: zero, signs, empty lists, huge numerators and denominators.
import { test } from '@fast-check/vitest';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { params } from '../../test/helpers/fc.js';
import {
  Fraction,
  HALF,
  ONE,
  ZERO,
  argmax,
  commonDenominator,
  frac,
  fromDouble,
  gcd,
  isZero,
  lcm,
  maxOf,
  minOf,
  mulOf,
  numer,
  parseDecimal,
  parseExactText,
  MAX_EXACT_CHARS,
  parseRational,
  quotientToNumber,
  signOf,
  subOf,
  sumOf,
  toDecimal,
  toExponential,
  toNumber,
} from './rational.js';

const t = (x: Fraction) => x.toFraction();
const q = (s: string) => parseRational(s)!;
const rat = fc.record({ n: fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }), d: fc.bigInt({ min: 1n, max: 10n ** 20n }) });

describe('frac, constants, numer, signOf, isZero', () => {
  it('frac reduces, takes numbers or BigInts, defaults to an integer, refuses d = 0', () => {
    expect(t(frac(6, 4))).toBe('3/2');
    expect(t(frac(6n, -4n))).toBe('-3/2');
    expect(t(frac(-7))).toBe('-7');
    expect(t(frac(0, 5))).toBe('0');
    expect(() => frac(1, 0)).toThrow(RangeError);
    expect(() => frac(1n, 0n)).toThrow('division by zero');
  });

  it('ZERO, ONE, HALF', () => {
    expect([t(ZERO), t(ONE), t(HALF)]).toEqual(['0', '1', '1/2']);
  });

  it('numer is the signed numerator, signOf the sign, isZero', () => {
    expect(numer(frac(-3, 4))).toBe(-3n);
    expect(numer(frac(3, 4))).toBe(3n);
    expect(numer(ZERO)).toBe(0n);
    expect([signOf(frac(-1, 9)), signOf(ZERO), signOf(frac(2, 9))]).toEqual([-1, 0, 1]);
    expect([isZero(ZERO), isZero(frac(1, 10 ** 9)), isZero(frac(-1, 3))]).toEqual([true, false, false]);
  });

  test.prop([rat], params(200))('numer(n/d)/d = n/d and signOf matches the sign of n', ({ n, d }) => {
    const x = frac(n, d);
    const g = gcd(n, d);
    expect(numer(x)).toBe(n / g);
    expect(x.d).toBe(d / g);
    expect(signOf(x)).toBe(n < 0n ? -1 : n > 0n ? 1 : 0);
    expect(isZero(x)).toBe(n === 0n);
  });
});

describe('sumOf, minOf, maxOf, argmax', () => {
  it('sumOf: empty, equal and different denominators, signs', () => {
    expect(t(sumOf([]))).toBe('0');
    expect(t(sumOf([frac(1, 4), frac(1, 4)]))).toBe('1/2');
    expect(t(sumOf([frac(1, 2), frac(1, 3), frac(1, 6)]))).toBe('1');
    expect(t(sumOf([frac(1, 2), frac(-1, 3)]))).toBe('1/6');
    expect(t(sumOf([frac(-5, 7), frac(2), frac(1, 7)]))).toBe('10/7');
    expect(t(sumOf(new Set([frac(1, 3), frac(1, 5)])))).toBe('8/15');
  });

  test.prop([fc.array(rat, { maxLength: 8 })], params(200))('sumOf = the left fold of fraction.js add', (xs) => {
    const fs = xs.map(({ n, d }) => frac(n, d));
    expect(t(sumOf(fs))).toBe(t(fs.reduce((a, b) => a.add(b), ZERO)));
  });

  it('minOf and maxOf return the smaller and the larger (either on ties)', () => {
    const a = frac(1, 3);
    const b = frac(1, 2);
    expect(minOf(a, b)).toBe(a);
    expect(minOf(b, a)).toBe(a);
    expect(maxOf(a, b)).toBe(b);
    expect(maxOf(b, a)).toBe(b);
    expect(t(minOf(frac(-2), frac(-3)))).toBe('-3');
    expect(t(maxOf(frac(2, 4), HALF))).toBe('1/2');
  });

  it('argmax: −1 when empty, the first index of the largest value', () => {
    expect(argmax([])).toBe(-1);
    expect(argmax([ONE])).toBe(0);
    expect(argmax([frac(5), frac(1), frac(3)])).toBe(0);
    expect(argmax([frac(1), frac(3), frac(3), frac(2)])).toBe(1);
    expect(argmax([frac(-3), frac(-1, 2), frac(-2)])).toBe(1);
    expect(argmax([frac(1), frac(2), frac(7)])).toBe(2);
  });
});

describe('parseRational', () => {
  it('accepts integers and p/q with signs and spaces, reduced', () => {
    const ok: [string, string][] = [
      ['3', '3'],
      ['+5', '5'],
      ['-5', '-5'],
      ['  -7  ', '-7'],
      ['12/34', '6/17'],
      ['-12/34', '-6/17'],
      [' 3 / 4 ', '3/4'],
      ['3/ 4', '3/4'],
      ['3 /4', '3/4'],
      ['007/010', '7/10'],
      ['123456789012345678901234567890/3', '41152263004115226300411522630'],
    ];
    for (const [s, v] of ok) expect(t(q(s)), s).toBe(v);
  });

  it('refuses texts longer than MAX_EXACT_CHARS and reads them at the bound', () => {
    expect(parseRational('1'.repeat(MAX_EXACT_CHARS + 1))).toBeNull();
    expect(parseRational(`${' '.repeat(MAX_EXACT_CHARS)}1`)).toBeNull();
    expect(t(parseRational('1'.repeat(MAX_EXACT_CHARS))!)).toBe('1'.repeat(MAX_EXACT_CHARS));
  });

  it('rejects anything else, and a zero denominator', () => {
    for (const s of ['', ' ', '3/0', '-1/00', 'abc', '3.5', '1e3', '1/2/3', 'x1', '1x', '3/', '/4', '3/-4', '3/+4', '--3', '+-3', '3 4', '3/4 5', '0x10', '½'])
      expect(parseRational(s), JSON.stringify(s)).toBeNull();
  });

  test.prop([rat], params(200))('parses its own text: p/q and "p" for integers', ({ n, d }) => {
    const x = frac(n, d);
    expect(t(parseRational(x.toFraction())!)).toBe(x.toFraction());
    expect(t(parseRational(`${n}/${d}`)!)).toBe(x.toFraction());
  });
});

describe('fromDouble: the exact value of a double', () => {
  it('integers, halves, negatives, subnormals, the largest double, ±0', () => {
    expect(t(fromDouble(3))).toBe('3');
    expect(t(fromDouble(-3))).toBe('-3');
    expect(t(fromDouble(0))).toBe('0');
    expect(t(fromDouble(-0))).toBe('0');
    expect(t(fromDouble(0.5))).toBe('1/2');
    expect(t(fromDouble(-0.75))).toBe('-3/4');
    expect(t(fromDouble(2.5))).toBe('5/2');
    expect(t(fromDouble(0.1))).toBe(`3602879701896397/${2n ** 55n}`);
    expect(t(fromDouble(-0.1))).toBe(`-3602879701896397/${2n ** 55n}`);
    expect(t(fromDouble(Number.MIN_VALUE))).toBe(`1/${2n ** 1074n}`);
    expect(t(fromDouble(-Number.MIN_VALUE))).toBe(`-1/${2n ** 1074n}`);
    expect(t(fromDouble(3 * 2 ** -1070))).toBe(`3/${2n ** 1070n}`); // subnormal
    expect(t(fromDouble(2 ** -1022))).toBe(`1/${2n ** 1022n}`); // smallest normal
    expect(t(fromDouble(1 + 2 ** -52))).toBe(`${2n ** 52n + 1n}/${2n ** 52n}`);
    expect(t(fromDouble(Number.MAX_VALUE))).toBe(((2n ** 53n - 1n) * 2n ** 971n).toString());
    expect(t(fromDouble(2 ** 60 + 2 ** 9))).toBe((2n ** 60n + 2n ** 9n).toString());
  });

  it('refuses NaN and infinities', () => {
    for (const v of [NaN, Infinity, -Infinity]) expect(() => fromDouble(v)).toThrow(RangeError);
    expect(() => fromDouble(NaN)).toThrow('not a finite number: NaN');
  });

  test.prop([fc.double({ noNaN: true, noDefaultInfinity: true })], params(300))('toNumber(fromDouble(v)) = v', (v) => {
    const x = fromDouble(v);
    expect(toNumber(x)).toBe(v === 0 ? 0 : v);
    expect(signOf(x)).toBe(Math.sign(v) || 0);
  });
});

describe('toNumber and quotientToNumber', () => {
  it('small, negative, zero', () => {
    expect(toNumber(frac(1, 3))).toBe(1 / 3);
    expect(toNumber(frac(-2, 3))).toBe(-2 / 3);
    expect(toNumber(frac(7))).toBe(7);
    expect(toNumber(ZERO)).toBe(0);
    expect(quotientToNumber(0n, 7n)).toBe(0);
    expect(quotientToNumber(6n, 4n)).toBe(1.5);
    expect(quotientToNumber(-6n, 4n)).toBe(-1.5);
  });

  it('huge numerators and denominators (beyond the double range each)', () => {
    // floats: display and guides only; a double rounding (cut to 64 bits, then divided) is allowed
    const near = (v: number, ref: number) => expect(Math.abs(v - ref)).toBeLessThanOrEqual(Math.abs(ref) * 2 ** -51);
    const big = 10n ** 400n;
    near(quotientToNumber(big, 3n * big), 1 / 3);
    near(quotientToNumber(-big, 3n * big), -1 / 3);
    expect(quotientToNumber(-big, 3n * big)).toBeLessThan(0);
    expect(toNumber(frac(2n ** 2000n + 1n, 2n ** 2001n))).toBe(0.5);
    expect(quotientToNumber(2n ** 1100n, 2n ** 1000n)).toBe(2 ** 100);
    expect(quotientToNumber(2n ** 1000n, 2n ** 1100n)).toBe(2 ** -100);
    expect(quotientToNumber(3n, 2n ** 100n)).toBe(3 * 2 ** -100);
    expect(quotientToNumber(2n ** 100n * 3n, 1n)).toBe(3 * 2 ** 100);
    expect(quotientToNumber(2n ** 70n + 2n ** 20n, 2n ** 70n)).toBe(1 + 2 ** -50);
  });

  test.prop([rat], params(300))('within one ulp-ish of n/d computed by fraction.js', ({ n, d }) => {
    const x = frac(n, d);
    const v = toNumber(x);
    const ref = Number(numer(x)) / Number(x.d);
    expect(Math.abs(v - ref)).toBeLessThanOrEqual(Math.abs(ref) * 2 ** -50);
  });
});

describe('toDecimal and toExponential (display)', () => {
  it('toDecimal rounds toward zero, signs only on nonzero digits', () => {
    expect(toDecimal(frac(1, 3))).toBe('0.333333');
    expect(toDecimal(frac(2, 3), 3)).toBe('0.666');
    expect(toDecimal(frac(-1, 3), 2)).toBe('-0.33');
    expect(toDecimal(frac(-1, 1000), 2)).toBe('0.00');
    expect(toDecimal(frac(7, 2), 0)).toBe('3');
    expect(toDecimal(frac(-7, 2), 0)).toBe('-3');
    expect(toDecimal(frac(123456789, 1000))).toBe('123456.789000');
    expect(toDecimal(frac(-1001, 100), 1)).toBe('-10.0');
    expect(toDecimal(frac(1, 20), 2)).toBe('0.05');
    expect(toDecimal(ZERO, 3)).toBe('0.000');
  });

  it('toExponential: mantissa rounded toward zero, e±E', () => {
    expect(toExponential(ZERO)).toBe('0');
    expect(toExponential(frac(12345))).toBe('1.234e+4');
    expect(toExponential(frac(5))).toBe('5.000e+0');
    expect(toExponential(frac(10))).toBe('1.000e+1');
    expect(toExponential(frac(99))).toBe('9.900e+1');
    expect(toExponential(frac(1, 3))).toBe('3.333e-1');
    expect(toExponential(frac(-2, 3))).toBe('-6.666e-1');
    expect(toExponential(frac(1, 1000))).toBe('1.000e-3');
    expect(toExponential(frac(999, 1000))).toBe('9.990e-1');
    expect(toExponential(frac(1, 3), 0)).toBe('3e-1');
    expect(toExponential(frac(123, 1), 1)).toBe('1.2e+2');
    expect(toExponential(frac(10n ** 400n, 3n))).toBe('3.333e+399');
    expect(toExponential(frac(2n, 3n * 10n ** 400n), 5)).toBe('6.66666e-401');
    expect(toExponential(frac(-7, 10 ** 9))).toBe('-7.000e-9');
  });
});

describe('gcd, lcm, commonDenominator', () => {
  it('gcd: signs and zeros', () => {
    expect(gcd(12n, 18n)).toBe(6n);
    expect(gcd(-12n, 18n)).toBe(6n);
    expect(gcd(12n, -18n)).toBe(6n);
    expect(gcd(-12n, 0n)).toBe(12n);
    expect(gcd(0n, -7n)).toBe(7n);
    expect(gcd(7n, 0n)).toBe(7n);
    expect(gcd(0n, 0n)).toBe(0n);
    expect(gcd(17n, 5n)).toBe(1n);
    // a zero beside a value above 2^48 (past the doubles-only range), in either order
    expect(gcd(0n, 1n << 60n)).toBe(1n << 60n);
    expect(gcd(-(1n << 60n), 0n)).toBe(1n << 60n);
  });

  it('lcm: signs and zeros', () => {
    expect(lcm(4n, 6n)).toBe(12n);
    expect(lcm(-4n, 6n)).toBe(12n);
    expect(lcm(4n, -6n)).toBe(12n);
    expect(lcm(0n, 5n)).toBe(0n);
    expect(lcm(5n, 0n)).toBe(0n);
    expect(lcm(0n, 0n)).toBe(0n);
    expect(lcm(7n, 7n)).toBe(7n);
  });

  test.prop([fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }), fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n })], params(300))(
    'gcd divides both and gcd·lcm = |a·b|',
    (a, b) => {
      const g = gcd(a, b);
      expect(g >= 0n).toBe(true);
      if (g !== 0n) expect([a % g, b % g]).toEqual([0n, 0n]);
      const l = lcm(a, b);
      expect(g * l).toBe(a * b < 0n ? -a * b : a * b);
    },
  );

  // oracle: Euclid on BigInt, independent of the Lehmer and dyadic paths of gcd
  const euclid = (a: bigint, b: bigint): bigint => {
    a = a < 0n ? -a : a;
    b = b < 0n ? -b : b;
    while (b !== 0n) [a, b] = [b, a % b];
    return a;
  };
  test.prop(
    [
      fc.record({
        i: fc.integer({ min: 0, max: 300 }),
        j: fc.integer({ min: 0, max: 300 }),
        oa: fc.bigInt({ min: 1n, max: 1n << 120n }),
        ob: fc.bigInt({ min: 1n, max: 1n << 60n }),
        c: fc.bigInt({ min: 1n, max: 1000n }),
        neg: fc.boolean(),
      }),
    ],
    params(300),
  )('gcd of large values with power-of-two and small odd factors equals Euclid (both paths)', ({ i, j, oa, ob, c, neg }) => {
    const a = c * oa * (1n << BigInt(i)) * (neg ? -1n : 1n);
    const b = c * ob * (1n << BigInt(j));
    expect(gcd(a, b)).toBe(euclid(a, b));
    expect(gcd(b, a)).toBe(euclid(a, b));
  });
  it('gcd on the dyadic path: 2^min(i,j) times the gcd of the odd parts', () => {
    expect(gcd(257n << 10240n, 3n * 257n * 5n ** 300n)).toBe(257n);
    expect(gcd(3n << 100n, 9n << 60n)).toBe(3n << 60n);
    expect(gcd(1n << 200n, 1n << 199n)).toBe(1n << 199n);
    expect(gcd((1n << 64n) - 59n, ((1n << 64n) - 59n) << 70n)).toBe((1n << 64n) - 59n);
  });

  it('commonDenominator: the lcm of the denominators and the signed numerators over it', () => {
    expect(commonDenominator([frac(1, 2), frac(-1, 3), frac(5)])).toEqual({ num: [3n, -2n, 30n], den: 6n });
    expect(commonDenominator([])).toEqual({ num: [], den: 1n });
    expect(commonDenominator([frac(1, 4), frac(1, 6)])).toEqual({ num: [3n, 2n], den: 12n });
  });
});

describe('frac: sign and reduction on both paths (fraction.js below 2^1024, Lehmer gcd above)', () => {
  const fields = (x: Fraction) => [x.s, x.n, x.d];
  it('a negative denominator moves its sign to the numerator, small and large alike', () => {
    expect(fields(frac(3, -6))).toEqual([-1n, 1n, 2n]);
    const big = (1n << 1100n) + 1n; // odd, and not a multiple of 3
    expect(fields(frac(big, -3n))).toEqual([-1n, big, 3n]);
    expect(fields(frac(-big, -3n))).toEqual([1n, big, 3n]);
  });
  it('large values are reduced to the same fields as fraction.js gives', () => {
    const g = (1n << 1100n) + 7n;
    expect(fields(frac(6n * g, 4n * g))).toEqual([1n, 3n, 2n]);
    expect(fields(frac(-6n * g, 4n * g))).toEqual([-1n, 3n, 2n]);
    expect(fields(frac(g * 5n, 10n))).toEqual(fields(new Fraction(g * 5n, 10n)));
  });
  it('zero over a large denominator is 0/1 with the sign +1, as fraction.js gives', () => {
    const big = 1n << 1100n;
    expect(fields(frac(0n, big))).toEqual([1n, 0n, 1n]);
    expect(fields(frac(0n, -big))).toEqual(fields(new Fraction(0n, -big)));
    expect(t(frac(0n, -big))).toBe('0');
  });
});

describe('parseDecimal and parseExactText: exact decimal text', () => {
  it('reads decimals exactly', () => {
    for (const [s, v] of [
      ['0.55', '11/20'], ['1e-3', '1/1000'], ['-2.5E+2', '-250'], ['+3', '3'], [' 7 ', '7'], ['1.50e1', '15'],
      ['00012', '12'], ['12e0', '12'], ['-0.125', '-1/8'], ['2E3', '2000'], ['5e+000000001', '50'],
      // leading zeros of the exponent, signed or not, do not count toward its length
      ['1e0000000001', '10'], ['2e00000000003', '2000'], ['5e-0000000000001', '1/2'],
    ] as const)
      expect(t(parseDecimal(s)!), s).toBe(v);
  });
  it('refuses what is not one: no ".5", "1.", hex, words, signs twice, a bare exponent, surrounding text', () => {
    for (const s of ['.5', '1.', '0x1', 'Infinity', '+-1', '1e', 'e5', '1.5.2', 'a1', '1a', '1 2', '1e+-2', '', ' '])
      expect(parseDecimal(s), JSON.stringify(s)).toBeNull();
  });
  it('refuses exponents and texts too long to read, at the bound and not below it', () => {
    expect(parseDecimal('1e1234567890')).toBeNull(); // an exponent of 10 digits
    expect(parseDecimal('1e123456789')).toBeNull(); // 9 digits, but past the bound
    expect(parseDecimal(`1e${MAX_EXACT_CHARS}`)).toBeNull(); // digits + |exponent| past the bound
    expect(parseDecimal(`1e${MAX_EXACT_CHARS - 1}`)).not.toBeNull();
    expect(parseDecimal('1'.repeat(MAX_EXACT_CHARS + 1))).toBeNull();
    expect(t(parseDecimal('1'.repeat(MAX_EXACT_CHARS))!)).toBe('1'.repeat(MAX_EXACT_CHARS));
    expect(parseDecimal(`${' '.repeat(MAX_EXACT_CHARS)}1`)).toBeNull(); // the text itself past the bound
    // digits plus |exponent|: 60,001 + 60,000 past the bound, 50,000 + 49,999 within it
    expect(parseDecimal(`1.${'0'.repeat(60_000)}`)).toBeNull();
    expect(t(parseDecimal(`1.${'0'.repeat(49_999)}`)!)).toBe('1');
  });
  it('parseExactText: "p/q" first, then decimals', () => {
    expect(t(parseExactText('6/4')!)).toBe('3/2');
    expect(t(parseExactText('0.5')!)).toBe('1/2');
    expect(parseExactText('1/0')).toBeNull();
    expect(parseExactText('x')).toBeNull();
  });
});

describe('mulOf and subOf: fraction.js mul and sub, reduced by Lehmer above 2^1024', () => {
  const wide = fc.record({ n: fc.bigInt({ min: -(2n ** 1500n), max: 2n ** 1500n }), d: fc.bigInt({ min: 1n, max: 2n ** 1500n }) });
  test.prop([fc.oneof(rat, wide), fc.oneof(rat, wide)], params(300))('equal to a.mul(b) and a.sub(b), reduced, sign on the numerator', (x, y) => {
    const a = frac(x.n, x.d);
    const b = frac(y.n, y.d);
    for (const [mine, theirs] of [
      [mulOf(a, b), a.mul(b)],
      [subOf(a, b), a.sub(b)],
    ]) {
      expect(mine.equals(theirs)).toBe(true);
      expect([mine.s, mine.n, mine.d]).toEqual([theirs.s, theirs.n, theirs.d]);
    }
  });
});
