// C3 against faulty kernels: each kernel of src/exact replaced by one that is wrong on some inputs only (large
// numbers, negative ones, ties, rank-deficient or overdetermined systems); the generator alone must find an
// instance where the claim fails (or its run stops with an error) and name the kernel.
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import type { Fraction } from '../exact/rational.js';

const fault = vi.hoisted(() => ({ on: 'none' }));
const BIG = 1n << 64n;

vi.mock('../exact/rational.js', async (importOriginal) => {
  const m = await importOriginal<typeof import('../exact/rational.js')>();
  const unreduced = (n: bigint, d: bigint): Fraction => {
    const f = Object.create(m.Fraction.prototype) as Fraction;
    [f.s, f.n, f.d] = [n < 0n ? -1n : 1n, n < 0n ? -n : n, d];
    return f;
  };
  const abs = (v: bigint) => (v < 0n ? -v : v);
  return {
    ...m,
    frac: (n: bigint | number, d: bigint | number = 1n) =>
      fault.on === 'frac' && BigInt(d) > 0n && abs(BigInt(n)) > 1n << 1024n ? unreduced(BigInt(n), BigInt(d)) : m.frac(n, d),
    gcd: (a: bigint, b: bigint) => (fault.on === 'gcd' && abs(a) > BIG && abs(b) > BIG ? 1n : m.gcd(a, b)),
    lcm: (a: bigint, b: bigint) => (fault.on === 'lcm' && abs(a) > 1n && abs(b) > 1n ? abs(a * b) : m.lcm(a, b)),
    mulOf: (a: Fraction, b: Fraction) => (fault.on === 'mulOf' && m.signOf(a) < 0 && m.signOf(b) < 0 ? m.mulOf(a, b).neg() : m.mulOf(a, b)),
    subOf: (a: Fraction, b: Fraction) => (fault.on === 'subOf' && a.d * b.d > BIG ? m.subOf(a, b).add(m.frac(1n, a.d * b.d)) : m.subOf(a, b)),
    sumOf: (xs: Iterable<Fraction>) => (fault.on === 'sumOf' ? m.sumOf([...xs].slice(0, 3)) : m.sumOf(xs)),
    minOf: (a: Fraction, b: Fraction) => (fault.on === 'minOf' && m.signOf(a) < 0 ? m.maxOf(a, b) : m.minOf(a, b)),
    maxOf: (a: Fraction, b: Fraction) => (fault.on === 'maxOf' && m.signOf(b) < 0 ? m.minOf(a, b) : m.maxOf(a, b)),
    argmax: (xs: readonly Fraction[]) => (fault.on === 'argmax' && xs.length > 3 ? xs.length - 1 : m.argmax(xs)),
    commonDenominator: (xs: readonly Fraction[]) => {
      const c = m.commonDenominator(xs);
      return fault.on === 'commonDenominator' && c.den > BIG ? { num: c.num.map((v) => 2n * v), den: 2n * c.den } : c;
    },
    parseRational: (s: string) => (fault.on === 'parseRational' && s.includes('+') ? null : m.parseRational(s)),
    parseDecimal: (s: string) => (fault.on === 'parseDecimal' ? m.parseDecimal(s.replace('E-0', 'E+0')) : m.parseDecimal(s)),
    parseExactText: (s: string) => (fault.on === 'parseExactText' ? m.parseRational(s) : m.parseExactText(s)),
    fromDouble: (x: number) => (fault.on === 'fromDouble' && x !== 0 && Math.abs(x) < 2 ** -1022 ? m.fromDouble(x).mul(2) : m.fromDouble(x)),
    toNumber: (x: Fraction) => (fault.on === 'toNumber' && x.d > BIG ? Math.fround(m.toNumber(x)) : m.toNumber(x)),
    quotientToNumber: (n: bigint, d: bigint) => (fault.on === 'quotientToNumber' && n < 0n ? -m.quotientToNumber(n, d) : m.quotientToNumber(n, d)),
    toDecimal: (x: Fraction, digits = 6) => (fault.on === 'toDecimal' ? m.toDecimal(x.add(m.frac(1n, 2n * 10n ** BigInt(digits))), digits) : m.toDecimal(x, digits)),
    toExponential: (x: Fraction, digits = 3) =>
      fault.on === 'toExponential' && m.signOf(x) !== 0 && x.abs().compare(1) < 0 ? m.toExponential(x, digits).replace(/e-(\d+)$/, (_, e) => `e-${Number(e) + 1}`) : m.toExponential(x, digits),
  };
});

vi.mock('../exact/dyadic.js', async (importOriginal) => {
  const m = await importOriginal<typeof import('../exact/dyadic.js')>();
  return {
    ...m,
    floorDiv: (a: bigint, b: bigint) => (fault.on === 'floorDiv' ? a / b : m.floorDiv(a, b)),
    ceilDiv: (a: bigint, b: bigint) => (fault.on === 'ceilDiv' ? m.floorDiv(a, b) + 1n : m.ceilDiv(a, b)),
    scaleToInt: (v: number, bits: number) => (fault.on === 'scaleToInt' ? BigInt(Math.trunc(v * 2 ** bits)) : m.scaleToInt(v, bits)),
    bitsBelow: (x: Fraction) => (fault.on === 'bitsBelow' ? m.bitsBelow(x) + (x.d > BIG ? 2 : 0) : m.bitsBelow(x)),
    roundToSimplex: (pi: ArrayLike<number>, bits?: number) => {
      const r = m.roundToSimplex(pi, bits);
      return fault.on === 'roundToSimplex' && pi.length > 1 ? r.map((v, y) => (y === r.length - 1 ? v.add(r[0]).sub(r[0].mul(2)) : v)) : r;
    },
  };
});

vi.mock('../exact/linear.js', async (importOriginal) => {
  const m = await importOriginal<typeof import('../exact/linear.js')>();
  return {
    ...m,
    solveIntegerSystem: (A: readonly (readonly bigint[])[], b: readonly bigint[], c: number) =>
      fault.on === 'solveIntegerSystem' ? m.solveIntegerSystem(A.slice(0, c), b.slice(0, c), c) : m.solveIntegerSystem(A, b, c),
    solveRational: (A: readonly (readonly Fraction[])[], b: readonly Fraction[], c: number) =>
      fault.on === 'solveRational' ? m.solveRational(A.slice(1), b.slice(1), c) : m.solveRational(A, b, c),
    rankOf: (A: readonly (readonly bigint[])[]) => (fault.on === 'rankOf' ? Math.min(m.rankOf(A), Math.max(0, A.length - 1)) : m.rankOf(A)),
  };
});

const { C3 } = await import('./c3.js');
const { SEED } = await import('../../test/helpers/fc.js');

/** The first generated instance on which C3 fails or stops with an error, and what its certificate names. */
function firstFailure(): { at: number; differ: string[] } {
  const xs = fc.sample(C3.arbitrary(), { seed: SEED, numRuns: 60 });
  for (let at = 0; at < xs.length; at++) {
    try {
      const v = C3.check(xs[at]);
      if (!v.ok) return { at, differ: (v.certificate.differ as string[]) ?? [] };
    } catch (e) {
      return { at, differ: [`error: ${(e as Error).message}`] };
    }
  }
  return { at: -1, differ: [] };
}

describe('C3 against faulty kernels', () => {
  it('holds with the kernels as they are', () => {
    fault.on = 'none';
    expect(firstFailure().at).toBe(-1);
  });
  const named: [string, RegExp][] = [
    ['frac', /^frac\(x\d\)$/],
    ['gcd', /^gcd\(n, d\) of x\d$/],
    ['lcm', /^lcm\(n, d\) of x\d$/],
    ['mulOf', /^mulOf\(x\d, next\)$/],
    ['subOf', /^subOf\(x\d, next\)$/],
    ['sumOf', /^sumOf\(x\)$/],
    ['minOf', /^minOf\(x\d, next\)$/],
    ['maxOf', /^maxOf\(x\d, next\)$/],
    ['argmax', /^argmax\(x\)$/],
    ['commonDenominator', /^commonDenominator\(x\)$/],
    ['parseRational', /^parseRational\(x\d as text\)$/],
    ['parseDecimal', /^parseDecimal\(x\d as decimal\)$/],
    ['parseExactText', /^parseExactText\(x\d as decimal\)$/],
    ['fromDouble', /^fromDouble\(v\d\)$/],
    ['floorDiv', /^floorDiv\(n, \|d\|\) of x\d$/],
    ['ceilDiv', /^ceilDiv\(n, \|d\|\) of x\d$/],
    ['scaleToInt', /^scaleToInt\(v\d, -?\d+\)$/],
    ['roundToSimplex', /^roundToSimplex\(vector \d, \d+\)$/],
    ['solveIntegerSystem', /^support \{|^generated$/],
    ['solveRational', /^support \{|^generated$/],
    ['rankOf', /^support \{|^generated$/],
    // judged by inequalities: the certificate names the text
    ['toNumber', /./],
    ['quotientToNumber', /./],
    ['toDecimal', /./],
    ['toExponential', /./],
    ['bitsBelow', /./],
  ];
  for (const [kernel, what] of named)
    it(`fails, and says where, when ${kernel} is wrong on some inputs`, () => {
      fault.on = kernel;
      try {
        const f = firstFailure();
        expect(f.at, kernel).toBeGreaterThanOrEqual(0);
        expect(f.differ.some((d) => what.test(d)), `${kernel}: ${f.differ.join('; ')}`).toBe(true);
      } finally {
        fault.on = 'none';
      }
    });
});
