// Exact rationals on BigInt: always reduced, denominator > 0.
// The kernels use bigint numerators over common denominators; Rat is the value type at the API.

export function gcd(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a;
  if (b < 0n) b = -b;
  while (b !== 0n) {
    const t = a % b;
    a = b;
    b = t;
  }
  return a;
}

export function lcm(a: bigint, b: bigint): bigint {
  if (a === 0n || b === 0n) return 0n;
  const g = gcd(a, b);
  const r = (a / g) * b;
  return r < 0n ? -r : r;
}

export class Rat {
  readonly n: bigint;
  readonly d: bigint;

  private constructor(n: bigint, d: bigint) {
    this.n = n;
    this.d = d;
  }

  /** n/d reduced; throws on d = 0. */
  static of(n: bigint | number, d: bigint | number = 1n): Rat {
    let nn = BigInt(n);
    let dd = BigInt(d);
    if (dd === 0n) throw new RangeError('division by zero');
    if (dd < 0n) {
      nn = -nn;
      dd = -dd;
    }
    const g = gcd(nn, dd);
    return g === 1n ? new Rat(nn, dd) : new Rat(nn / g, dd / g);
  }

  static readonly ZERO = new Rat(0n, 1n);
  static readonly ONE = new Rat(1n, 1n);
  static readonly HALF = new Rat(1n, 2n);

  /** Parse "p", "-p" or "p/q" (integers only, no decimals). Returns null when malformed. */
  static parse(s: string): Rat | null {
    const m = /^\s*([+-]?\d+)\s*(?:\/\s*(\d+))?\s*$/.exec(s);
    if (!m) return null;
    const d = m[2] === undefined ? 1n : BigInt(m[2]);
    if (d === 0n) return null;
    return Rat.of(BigInt(m[1]), d);
  }

  /** Exact value of a finite double (every double is dyadic). */
  static fromDouble(x: number): Rat {
    if (!Number.isFinite(x)) throw new RangeError(`not a finite number: ${x}`);
    if (Number.isInteger(x)) return Rat.of(BigInt(x));
    const buf = new DataView(new ArrayBuffer(8));
    buf.setFloat64(0, x);
    const hi = buf.getUint32(0);
    const lo = buf.getUint32(4);
    const sign = hi >>> 31 ? -1n : 1n;
    const exp = (hi >>> 20) & 0x7ff;
    let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
    let e: number;
    if (exp === 0) e = -1074;
    else {
      mant |= 1n << 52n;
      e = exp - 1075;
    }
    return e >= 0 ? Rat.of(sign * (mant << BigInt(e))) : Rat.of(sign * mant, 1n << BigInt(-e));
  }

  add(o: Rat): Rat {
    if (this.d === o.d) return Rat.of(this.n + o.n, this.d);
    return Rat.of(this.n * o.d + o.n * this.d, this.d * o.d);
  }
  sub(o: Rat): Rat {
    if (this.d === o.d) return Rat.of(this.n - o.n, this.d);
    return Rat.of(this.n * o.d - o.n * this.d, this.d * o.d);
  }
  mul(o: Rat): Rat {
    return Rat.of(this.n * o.n, this.d * o.d);
  }
  div(o: Rat): Rat {
    if (o.n === 0n) throw new RangeError('division by zero');
    return Rat.of(this.n * o.d, this.d * o.n);
  }
  neg(): Rat {
    return new Rat(-this.n, this.d);
  }
  cmp(o: Rat): number {
    const l = this.n * o.d;
    const r = o.n * this.d;
    return l < r ? -1 : l > r ? 1 : 0;
  }
  eq(o: Rat): boolean {
    return this.n === o.n && this.d === o.d;
  }
  lt(o: Rat): boolean {
    return this.cmp(o) < 0;
  }
  le(o: Rat): boolean {
    return this.cmp(o) <= 0;
  }
  gt(o: Rat): boolean {
    return this.cmp(o) > 0;
  }
  ge(o: Rat): boolean {
    return this.cmp(o) >= 0;
  }
  isZero(): boolean {
    return this.n === 0n;
  }
  sign(): number {
    return this.n < 0n ? -1 : this.n > 0n ? 1 : 0;
  }
  pow(e: number): Rat {
    if (e < 0) return Rat.ONE.div(this).pow(-e);
    return Rat.of(this.n ** BigInt(e), this.d ** BigInt(e));
  }
  static min(a: Rat, b: Rat): Rat {
    return a.le(b) ? a : b;
  }
  static max(a: Rat, b: Rat): Rat {
    return a.ge(b) ? a : b;
  }
  static sum(xs: Iterable<Rat>): Rat {
    let n = 0n;
    let d = 1n;
    for (const x of xs) {
      if (x.d === d) n += x.n;
      else {
        n = n * x.d + x.n * d;
        d = d * x.d;
      }
    }
    return Rat.of(n, d);
  }

  /** Canonical exact text: "p" for integers, "p/q" otherwise. */
  toString(): string {
    return this.d === 1n ? this.n.toString() : `${this.n}/${this.d}`;
  }
  toJSON(): string {
    return this.toString();
  }
  /** Float approximation for display only (never for verdicts). */
  toNumber(): number {
    const n = this.n;
    const d = this.d;
    const nb = n < 0n ? -n : n;
    const shift = Math.max(0, Math.max(nb.toString(2).length, d.toString(2).length) - 1000);
    if (shift > 0) return Number(n >> BigInt(shift)) / Number(d >> BigInt(shift));
    return Number(n) / Number(d);
  }
  /** Decimal text with `digits` places, rounded toward zero; display only. */
  toDecimal(digits = 6): string {
    const neg = this.n < 0n;
    const a = neg ? -this.n : this.n;
    const scale = 10n ** BigInt(digits);
    const v = (a * scale) / this.d;
    const ip = v / scale;
    const fp = (v % scale).toString().padStart(digits, '0');
    return `${neg && v !== 0n ? '-' : ''}${ip}${digits > 0 ? '.' + fp : ''}`;
  }
}

/** Common denominator of a list of rationals and the integer numerators over it. */
export function commonDenominator(xs: readonly Rat[]): { num: bigint[]; den: bigint } {
  let den = 1n;
  for (const x of xs) den = lcm(den, x.d);
  return { num: xs.map((x) => x.n * (den / x.d)), den };
}

/** Index of the largest value (the first one on ties); −1 for an empty list. */
export function argmax(xs: readonly Rat[]): number {
  if (xs.length === 0) return -1;
  let best = 0;
  for (let i = 1; i < xs.length; i++) if (xs[i].gt(xs[best])) best = i;
  return best;
}
