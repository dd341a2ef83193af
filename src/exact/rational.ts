// Exact rationals: fraction.js is the rational type at the API, in parsing and in reports.
// fraction.js keeps the sign apart (s = ±1n, n ≥ 0, d > 0); the helpers below are the one place
// that wraps what it lacks (signed numerator, sign, exact double conversion, display).
// Hot loops do not use it: they run on BigInt numerators over a common denominator.
import Fraction from 'fraction.js';

export { Fraction };

/** n/d, reduced; throws on d = 0. Integers only (never a float). */
export function frac(n: bigint | number, d: bigint | number = 1n): Fraction {
  let nn = BigInt(n);
  let dd = BigInt(d);
  if (dd === 0n) throw new RangeError('division by zero');
  if (dd < 0n) {
    nn = -nn;
    dd = -dd;
  }
  // large: reduce with Lehmer's gcd and build the reduced value directly (fraction.js would run Euclid again)
  if (dd > LARGE || nn > LARGE || -nn > LARGE) {
    const g = gcd(nn, dd);
    return reducedFraction(nn / g, dd / g);
  }
  return new Fraction(nn, dd);
}

const LARGE = 1n << 1024n;
const SMALL = 1n << 48n;

/** A Fraction from a numerator and a denominator already coprime (d > 0): fraction.js's own fields s, n, d. */
function reducedFraction(n: bigint, d: bigint): Fraction {
  const f = Object.create(Fraction.prototype) as Fraction;
  f.s = n < 0n ? -1n : 1n;
  f.n = n < 0n ? -n : n;
  f.d = d;
  return f;
}

export const ZERO: Fraction = frac(0);
export const ONE: Fraction = frac(1);
export const HALF: Fraction = frac(1, 2);

/** The signed numerator (fraction.js stores |n| and the sign apart). */
export function numer(x: Fraction): bigint {
  return x.s < 0n ? -x.n : x.n;
}

/** −1, 0 or 1. */
export function signOf(x: Fraction): number {
  return x.n === 0n ? 0 : x.s < 0n ? -1 : 1;
}

export function isZero(x: Fraction): boolean {
  return x.n === 0n;
}

/** a·b, reduced once by Lehmer's gcd (frac): fraction.js's own operations run Euclid, slow at thousands of bits. */
export function mulOf(a: Fraction, b: Fraction): Fraction {
  return frac(numer(a) * numer(b), a.d * b.d);
}

/** a − b, reduced once by Lehmer's gcd (as mulOf). */
export function subOf(a: Fraction, b: Fraction): Fraction {
  return frac(numer(a) * b.d - numer(b) * a.d, a.d * b.d);
}

/** Σ xs over one running common denominator, reduced once at the end. */
export function sumOf(xs: Iterable<Fraction>): Fraction {
  let n = 0n;
  let d = 1n;
  for (const x of xs) {
    const xn = numer(x);
    if (x.d === d) n += xn;
    else {
      n = n * x.d + xn * d;
      d = d * x.d;
    }
  }
  return frac(n, d);
}

export function minOf(a: Fraction, b: Fraction): Fraction {
  return a.lte(b) ? a : b;
}

export function maxOf(a: Fraction, b: Fraction): Fraction {
  return a.gte(b) ? a : b;
}

/** Index of the largest value (the first one on ties); −1 for an empty list. */
export function argmax(xs: readonly Fraction[]): number {
  if (xs.length === 0) return -1;
  let best = 0;
  for (let i = 1; i < xs.length; i++) if (xs[i].gt(xs[best])) best = i;
  return best;
}

/** Longest exact number text read (digits plus |exponent| for decimals): keeps parsing linear-time. */
export const MAX_EXACT_CHARS = 100_000;

/** Parse "p", "-p" or "p/q" (integers only). Returns null when malformed or longer than MAX_EXACT_CHARS. */
export function parseRational(s: string): Fraction | null {
  if (s.length > MAX_EXACT_CHARS) return null;
  const m = /^\s*([+-]?\d+)\s*(?:\/\s*(\d+))?\s*$/.exec(s);
  if (!m) return null;
  const d = m[2] === undefined ? 1n : BigInt(m[2]);
  if (d === 0n) return null;
  return frac(BigInt(m[1]), d);
}

/**
 * Exact value of a decimal string: [+-]digits[.digits][(e|E)[+-]digits], e.g. "0.55" = 11/20,
 * "1e-3" = 1/1000, "-2.5E+2" = −250. Strict: no ".5", "1.", "0x1", "Infinity". Returns null when
 * malformed, or when digits plus |exponent| exceed MAX_EXACT_CHARS (the value would be too large to read).
 */
export function parseDecimal(s: string): Fraction | null {
  if (s.length > MAX_EXACT_CHARS) return null;
  const m = /^\s*([+-]?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?\s*$/.exec(s);
  if (!m) return null;
  const [, sign, ip, fp = '', ex = '0'] = m;
  if (ex.replace(/^[+-]?0*/, '').length > 9) return null;
  const e = Number(ex) - fp.length;
  if (ip.length + fp.length + Math.abs(e) > MAX_EXACT_CHARS) return null;
  let n = BigInt(ip + fp);
  if (sign === '-') n = -n;
  return e >= 0 ? frac(n * 10n ** BigInt(e)) : frac(n, 10n ** BigInt(-e));
}

/** An exact number written as text: "p", "p/q" or a decimal (parseRational, then parseDecimal); null when neither. */
export function parseExactText(s: string): Fraction | null {
  return parseRational(s) ?? parseDecimal(s);
}

/** Exact value of a finite double (every double is dyadic). */
export function fromDouble(x: number): Fraction {
  if (!Number.isFinite(x)) throw new RangeError(`not a finite number: ${x}`);
  if (Number.isInteger(x)) return frac(BigInt(x));
  const buf = new DataView(new ArrayBuffer(8));
  buf.setFloat64(0, x);
  const hi = buf.getUint32(0);
  const lo = buf.getUint32(4);
  const sgn = hi >>> 31 ? -1n : 1n;
  const exp = (hi >>> 20) & 0x7ff;
  let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let e: number;
  if (exp === 0) e = -1074;
  else {
    mant |= 1n << 52n;
    e = exp - 1075;
  }
  return e >= 0 ? frac(sgn * (mant << BigInt(e))) : frac(sgn * mant, 1n << BigInt(-e));
}

/** Float approximation (guides and display; never a verdict). Safe for huge numerators and denominators. */
export function toNumber(x: Fraction): number {
  return quotientToNumber(numer(x), x.d);
}

/** n/d as a double (d > 0), without reducing: both are cut to their leading 64 bits first. */
export function quotientToNumber(n: bigint, d: bigint): number {
  if (n === 0n) return 0;
  const an = n < 0n ? -n : n;
  const ln = an.toString(16).length * 4;
  const ld = d.toString(16).length * 4;
  const sn = Math.max(0, ln - 64);
  const sd = Math.max(0, ld - 64);
  const q = Number(an >> BigInt(sn)) / Number(d >> BigInt(sd));
  const v = q * 2 ** (sn - sd);
  return n < 0n ? -v : v;
}

/** Decimal text with `digits` places, rounded toward zero; display only. */
export function toDecimal(x: Fraction, digits = 6): string {
  const neg = x.s < 0n && x.n !== 0n;
  const scale = 10n ** BigInt(digits);
  const v = (x.n * scale) / x.d;
  const ip = v / scale;
  const fp = (v % scale).toString().padStart(digits, '0');
  return `${neg && v !== 0n ? '-' : ''}${ip}${digits > 0 ? '.' + fp : ''}`;
}

/**
 * gcd(a, b) ≥ 0. Lehmer's algorithm: Euclid is run on the leading 48 bits in doubles (exact below 2^53) as long
 * as both bounds of the true quotient agree, and the cofactors are applied to the BigInts at once; a plain
 * Euclid step when they disagree at once. About 5× faster than Euclid on BigInt at 10,000 bits.
 */
export function gcd(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a;
  if (b < 0n) b = -b;
  if (a < b) [a, b] = [b, a];
  if (b > SMALL) {
    // gcd(2^i·a', 2^j·b') = 2^min(i,j)·gcd(a', b') for odd a', b': when one odd part is below 2^48 (dyadic
    // denominators times a small factor), one BigInt remainder and Euclid in doubles finish it
    const ta = a & -a;
    const tb = b & -b;
    const oa = a / ta;
    const ob = b / tb;
    const [big, small] = oa < ob ? [ob, oa] : [oa, ob];
    if (small <= SMALL) {
      let x = Number(small);
      let y = Number(big % small);
      while (y !== 0) [x, y] = [y, x % y];
      return (ta < tb ? ta : tb) * BigInt(x);
    }
  }
  while (b > 0n) {
    const bits = a.toString(16).length * 4;
    if (bits <= 48) {
      let x = Number(a);
      let y = Number(b);
      while (y !== 0) [x, y] = [y, x % y];
      return BigInt(x);
    }
    const sh = BigInt(bits - 48);
    let x = Number(a >> sh);
    let y = Number(b >> sh);
    // (a', b') = (A·a + B·b, C·a + D·b)
    let A = 1;
    let B = 0;
    let C = 0;
    let D = 1;
    while (y + C !== 0 && y + D !== 0) {
      const q = Math.floor((x + A) / (y + C));
      if (q !== Math.floor((x + B) / (y + D))) break;
      [A, C] = [C, A - q * C];
      [B, D] = [D, B - q * D];
      [x, y] = [y, x - q * y];
    }
    if (B === 0) [a, b] = [b, a % b];
    else [a, b] = [BigInt(A) * a + BigInt(B) * b, BigInt(C) * a + BigInt(D) * b];
  }
  return a;
}

export function lcm(a: bigint, b: bigint): bigint {
  if (a === 0n || b === 0n) return 0n;
  const g = gcd(a, b);
  const r = (a / g) * b;
  return r < 0n ? -r : r;
}

/** Common denominator of a list of rationals and the integer numerators over it. */
export function commonDenominator(xs: readonly Fraction[]): { num: bigint[]; den: bigint } {
  let den = 1n;
  for (const x of xs) den = lcm(den, x.d);
  return { num: xs.map((x) => numer(x) * (den / x.d)), den };
}

/** Scientific notation "m.mmme±E" of x at any size (display only; rounded toward zero). */
export function toExponential(x: Fraction, digits = 3): string {
  if (x.n === 0n) return '0';
  const sign = x.s < 0n ? '-' : '';
  // e = ⌊log10(n/d)⌋: start from the digit counts, then correct by one
  let e = x.n.toString().length - x.d.toString().length;
  const scaled = (p: number) => (p >= 0 ? (x.n * 10n ** BigInt(p)) / x.d : x.n / (x.d * 10n ** BigInt(-p)));
  if (scaled(-e) === 0n) e -= 1;
  const m = scaled(digits - e).toString().padStart(digits + 1, '0');
  return `${sign}${m[0]}${digits > 0 ? '.' + m.slice(1, digits + 1) : ''}e${e >= 0 ? '+' : ''}${e}`;
}
