// Floats meet exact arithmetic here: a float distribution becomes an exact dyadic one.
import { Fraction, frac, fromDouble, numer } from './rational.js';

/**
 * π rounded to numerators over 2^bits: each entry to the nearest multiple of 2^−bits (exact: a double
 * times a power of two is exact), the largest entry absorbing the rounding error so that the sum is
 * exactly 1. If that entry would go negative (a vector far from the simplex), the point mass on it.
 */
export function roundToSimplex(pi: ArrayLike<number>, bits = 40): Fraction[] {
  const n = pi.length;
  const D = 1n << BigInt(bits);
  const scale = 2 ** bits;
  const p: bigint[] = [];
  let s = 0n;
  let big = 0;
  for (let y = 0; y < n; y++) {
    const v = BigInt(Math.round(Math.max(0, pi[y]) * scale));
    p.push(v);
    s += v;
    if (pi[y] > pi[big]) big = y;
  }
  p[big] += D - s;
  if (p[big] < 0n) return Array.from({ length: n }, (_, y) => frac(y === big ? 1 : 0));
  return p.map((v) => frac(v, D));
}

/** ⌊a/b⌋ and ⌈a/b⌉ for b > 0 (BigInt division truncates toward zero). */
export function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return q * b > a ? q - 1n : q;
}

export function ceilDiv(a: bigint, b: bigint): bigint {
  return -floorDiv(-a, b);
}

/** round(v·2^bits) (half away from zero) for a finite double v and any integer bits, exactly (v = m·2^e is dyadic). */
export function scaleToInt(v: number, bits: number): bigint {
  if (!Number.isFinite(v)) throw new RangeError(`scaleToInt: ${v} is not finite`);
  const f = fromDouble(v);
  const num = bits >= 0 ? numer(f) << BigInt(bits) : numer(f);
  const den = bits >= 0 ? f.d : f.d << BigInt(-bits);
  const q = num / den; // toward zero
  const r = num - q * den;
  return 2n * (r < 0n ? -r : r) >= den ? q + (num < 0n ? -1n : 1n) : q;
}

/** log2(1/x) rounded up, for 0 < x (exact, from the bit lengths; any size). */
export function bitsBelow(x: Fraction): number {
  const bl = (v: bigint) => (v === 0n ? 0 : v.toString(2).length);
  return Math.max(0, bl(x.d) - bl(x.n) + 1);
}
