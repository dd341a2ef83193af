// C3 exact arithmetic (src/exact: rational.ts, dyadic.ts, linear.ts): the kernels every certified number goes
// through — reduction and Lehmer's gcd, the one-denominator sums, the readers of "p/q" and decimal text, exact
// doubles, the rounding of float iterates to dyadic rationals, the fraction-free solve and rank — give what their
// definitions give, on a profile's own numbers (its weights, its margin matrix and the support equations
// Σ_{y∈S} π(y) (P(z ≻ y) − P(y ≻ z)) = 0 (z ∈ S), Σ π = 1 that a maximal lottery on S solves) and on generated
// rationals of thousands of bits, doubles of every kind and integer systems of any rank.
// Compares each kernel against a second computation written here, sharing none of its code: fraction.js's own
// arithmetic (its gcd, add, mul, compare), Euclid's gcd on BigInt, Gauss–Jordan over fraction.js, a double's
// exact value by doubling until it is an integer, and the display texts read back digit by digit and bracketed.
import fc from 'fast-check';
import {
  Fraction,
  argmax,
  commonDenominator,
  frac,
  fromDouble,
  gcd,
  lcm,
  maxOf,
  minOf,
  mulOf,
  numer,
  parseDecimal,
  parseExactText,
  parseRational,
  quotientToNumber,
  signOf,
  subOf,
  sumOf,
  toDecimal,
  toExponential,
  toNumber,
} from '../exact/rational.js';
import { bitsBelow, ceilDiv, floorDiv, roundToSimplex, scaleToInt } from '../exact/dyadic.js';
import { rankOf, solveIntegerSystem, solveRational } from '../exact/linear.js';
import { profileToJson } from '../model/codec.js';
import { inputError, S, validate } from '../model/schema.js';
import { Profile, Prompt } from '../model/types.js';
import { onlyPrompt, profileField } from './json.js';
import { profileArbFor } from './instances.js';
import { defineClaim, holds, minRat, profileSize, verdict } from './types.js';

/** A rational as written: numerator and denominator, not reduced (d ≠ 0, any sign). */
export interface RawRational {
  readonly n: bigint;
  readonly d: bigint;
}

export interface C3Instance {
  readonly profile: Profile;
  readonly numbers: readonly RawRational[];
  readonly doubles: readonly number[];
  /** An integer system A x = b (rows of A with b last). */
  readonly system: readonly (readonly bigint[])[];
  /** Binary places of the roundings (scaleToInt may take negative ones). */
  readonly bits: number;
  /** Decimal places of the display texts. */
  readonly digits: number;
}

/** One kernel value and the same quantity by definition, as exact text ("none": the kernel refused the text; a kernel that throws makes the run an error). */
export interface C3Pair {
  readonly what: string;
  readonly kernel: string;
  readonly definition: string;
}

/** A linear system: the kernel's solve and rank against Gauss–Jordan over fraction.js. */
export interface C3System {
  readonly what: string;
  readonly A: readonly (readonly bigint[])[];
  readonly b: readonly bigint[];
  /** solveIntegerSystem's x = num/den, or null (inconsistent). */
  readonly solved: { readonly num: readonly bigint[]; readonly den: bigint } | null;
  /** solveRational's x on the same rows as fractions (null: inconsistent). */
  readonly rational: readonly Fraction[] | null;
  readonly rank: number;
  readonly byDefinition: { readonly consistent: boolean; readonly rank: number };
}

/** A float or display text of x, judged by inequalities. */
export interface C3Approx {
  readonly x: Fraction;
  /** toNumber / quotientToNumber: the double's exact value (by doubling); null when x is outside 2^±1000. */
  readonly double: Fraction | null;
  readonly decimal: string;
  readonly exponential: string;
  /** bitsBelow(|x|) (x ≠ 0). */
  readonly bitsBelow: number | null;
}

export interface C3Evidence {
  readonly pairs: readonly C3Pair[];
  readonly systems: readonly C3System[];
  readonly approx: readonly C3Approx[];
  readonly digits: number;
}

// ---- second opinions (no code shared with src/exact) ----

const babs = (v: bigint) => (v < 0n ? -v : v);

/** Euclid's gcd on BigInt. */
export function euclid(a: bigint, b: bigint): bigint {
  a = babs(a);
  b = babs(b);
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

/** n/d in lowest terms with d > 0, as "n/d" text. */
function lowest(n: bigint, d: bigint): string {
  const g = euclid(n, d);
  const s = d < 0n ? -1n : 1n;
  return `${(s * n) / g}/${(s * d) / g}`;
}

/** fraction.js's signed numerator. */
const signed = (v: Fraction): bigint => (v.s < 0n ? -v.n : v.n);

/** A fraction.js value as "n/d" (its own sign and fields). */
const text = (x: Fraction): string => `${signed(x)}/${x.d}`;

/** fraction.js's own value of n/d (its constructor reduces with its own gcd). */
const fj = (r: RawRational): Fraction => new Fraction(r.n, r.d);

/** The exact value of a finite double: doubled until it is an integer (every step exact below 2^53). */
export function doubleByDoubling(v: number): { n: bigint; d: bigint } {
  let d = 1n;
  while (!Number.isInteger(v)) {
    v *= 2;
    d *= 2n;
  }
  return { n: BigInt(v), d };
}

/** round(n/d) half away from zero (d > 0). */
function roundHalfAway(n: bigint, d: bigint): bigint {
  const r = (2n * babs(n) + d) / (2n * d);
  return n < 0n ? -r : r;
}

/** Reduced row echelon form over fraction.js (A with c columns): the rank of A and consistency of [A | b]. */
export function gaussJordan(A: readonly (readonly bigint[])[], b: readonly bigint[], c: number): C3System['byDefinition'] {
  const M = A.map((row, i) => [...row.map((v) => new Fraction(v)), new Fraction(b[i])]);
  let r = 0;
  for (let j = 0; j < c; j++) {
    const p = M.findIndex((row, i) => i >= r && !row[j].equals(0));
    if (p < 0) continue;
    [M[r], M[p]] = [M[p], M[r]];
    const pv = M[r][j];
    M[r] = M[r].map((v) => v.div(pv));
    for (let i = 0; i < M.length; i++) if (i !== r && !M[i][j].equals(0)) M[i] = M[i].map((v, t) => v.sub(M[i][j].mul(M[r][t])));
    r++;
  }
  return { consistent: M.every((row, i) => i < r || row[c].equals(0)), rank: r };
}

/** The lcm of the denominators (by Euclid) and the numerators over it. */
function overLcm(xs: readonly Fraction[]): { num: bigint[]; den: bigint } {
  const den = xs.reduce((l, v) => (l * v.d) / euclid(l, v.d), 1n);
  return { num: xs.map((v) => (signed(v) * den) / v.d), den };
}

/** The margin P(z ≻ y) − P(y ≻ z) by definition, with fraction.js's arithmetic. */
function marginByDefinition(prompt: Prompt, z: number, y: number): Fraction {
  let m = new Fraction(0);
  for (const u of prompt.users) {
    if (u.kind === 'luce') m = m.add(u.weight.mul(u.strengths[z].sub(u.strengths[y]).div(u.strengths[z].add(u.strengths[y]))));
    else if (u.rank[z] !== u.rank[y]) m = u.rank[z] < u.rank[y] ? m.add(u.weight) : m.sub(u.weight);
  }
  return m;
}

// ---- evidence ----

const kernelText = (x: Fraction | null): string => (x === null ? 'none' : `${numer(x)}/${x.d}`);

function system(what: string, A: readonly (readonly bigint[])[], b: readonly bigint[], c: number): C3System {
  const solved = solveIntegerSystem(A, b, c);
  const rational = solveRational(
    A.map((row) => row.map((v) => frac(v, 7n))),
    b.map((v) => frac(v, 7n)),
    c,
  );
  return { what, A, b, solved, rational, rank: rankOf(A), byDefinition: gaussJordan(A, b, c) };
}

/** Every nonempty support S ⊆ responses: a maximal lottery's equations on S (rows z ∈ S, then Σ π = 1). */
function supportSystems(prompt: Prompt): C3System[] {
  const n = prompt.responses.length;
  const out: C3System[] = [];
  for (let mask = 1; mask < 1 << n; mask++) {
    const Sup = prompt.responses.flatMap((_, y) => ((mask >> y) & 1 ? [y] : []));
    const rows = [...Sup.map((z) => [...Sup.map((y) => marginByDefinition(prompt, z, y)), new Fraction(0)]), [...Sup.map(() => new Fraction(1)), new Fraction(1)]];
    const M = rows.map((row) => overLcm(row).num);
    out.push(system(`support {${Sup.map((y) => prompt.responses[y]).join(', ')}}`, M.map((r) => r.slice(0, Sup.length)), M.map((r) => r[Sup.length]), Sup.length));
  }
  return out;
}

/**
 * A decimal with an exponent made from n/d, and its value by definition: |n| before the point, the first three
 * digits of |d| after it, exponent (|d| mod 41) − 20 written with a sign and a leading 0.
 */
export function decimalText(r: RawRational): { text: string; value: Fraction } {
  const neg = r.n * r.d < 0n;
  const ip = babs(r.n).toString();
  const fp = babs(r.d).toString().slice(0, 3);
  const e = Number(babs(r.d) % 41n) - 20;
  const text = `${neg ? '-' : ''}${ip}.${fp}E${e < 0 ? '-' : '+'}0${Math.abs(e)}`;
  return { text, value: new Fraction(BigInt(ip + fp) * (neg ? -1n : 1n)).mul(new Fraction(10).pow(e - fp.length)) };
}

/** A pusher of kernel/definition pairs onto `out` (the kernel's text taken at once). */
const pushPair = (out: C3Pair[]) => (what: string, kernel: () => string, definition: string) => out.push({ what, kernel: kernel(), definition });

function numberPairs(xs: readonly RawRational[]): C3Pair[] {
  const out: C3Pair[] = [];
  const pair = pushPair(out);
  const fs = xs.map((r) => frac(r.n, r.d));
  const vs = xs.map(fj);
  xs.forEach((r, i) => {
    const x = vs[i];
    const w = `x${i}`;
    pair(`frac(${w})`, () => kernelText(frac(r.n, r.d)), lowest(r.n, r.d));
    pair(`gcd(n, d) of ${w}`, () => gcd(r.n, r.d).toString(), euclid(r.n, r.d).toString());
    pair(`lcm(n, d) of ${w}`, () => lcm(r.n, r.d).toString(), (babs(r.n * r.d) / euclid(r.n, r.d)).toString());
    pair(`signOf(${w})`, () => String(signOf(fs[i])), String(x.compare(0)));
    const [an, ad] = [babs(r.n), babs(r.d)];
    // "p/q" with spaces and a plus sign; a decimal with an exponent
    const ratText = ` ${r.n * r.d < 0n ? '-' : '+'}${an} / ${ad} `;
    pair(`parseRational(${w} as text)`, () => kernelText(parseRational(ratText)), lowest(r.n, r.d));
    const { text: decText, value: decValue } = decimalText(r);
    pair(`parseDecimal(${w} as decimal)`, () => kernelText(parseDecimal(decText)), text(decValue));
    pair(`parseExactText(${w} as decimal)`, () => kernelText(parseExactText(decText)), text(decValue));
    pair(`parseRational(${w} as decimal)`, () => kernelText(parseRational(decText)), 'none');
    pair(`floorDiv(n, |d|) of ${w}`, () => floorDiv(r.n, ad).toString(), ((r.n - (((r.n % ad) + ad) % ad)) / ad).toString());
    pair(`ceilDiv(n, |d|) of ${w}`, () => ceilDiv(r.n, ad).toString(), ((r.n + (((-r.n % ad) + ad) % ad)) / ad).toString());
    const next = (i + 1) % xs.length;
    const [y, fx, fy] = [vs[next], fs[i], fs[next]];
    pair(`mulOf(${w}, next)`, () => kernelText(mulOf(fx, fy)), text(x.mul(y)));
    pair(`subOf(${w}, next)`, () => kernelText(subOf(fx, fy)), text(x.sub(y)));
    pair(`minOf(${w}, next)`, () => kernelText(minOf(fx, fy)), text(x.compare(y) <= 0 ? x : y));
    pair(`maxOf(${w}, next)`, () => kernelText(maxOf(fx, fy)), text(x.compare(y) >= 0 ? x : y));
  });
  pair('sumOf(x)', () => kernelText(sumOf(fs)), text(vs.reduce((a, v) => a.add(v), new Fraction(0))));
  pair('argmax(x)', () => String(argmax(fs)), String(vs.reduce((b, v, i) => (v.compare(vs[b]) > 0 ? i : b), 0)));
  const over = (c: { num: bigint[]; den: bigint }) => `${String(c.num)} over ${c.den}`; // numerators comma-separated
  pair('commonDenominator(x)', () => over(commonDenominator(fs)), over(overLcm(vs)));
  return out;
}

function doublePairs(vs: readonly number[], bits: number): C3Pair[] {
  const out: C3Pair[] = [];
  const pair = pushPair(out);
  vs.forEach((v, i) => {
    const e = doubleByDoubling(v);
    pair(`fromDouble(v${i})`, () => kernelText(fromDouble(v)), lowest(e.n, e.d));
    const [n, d] = bits >= 0 ? [e.n << BigInt(bits), e.d] : [e.n, e.d << BigInt(-bits)];
    pair(`scaleToInt(v${i}, ${bits})`, () => scaleToInt(v, bits).toString(), roundHalfAway(n, d).toString());
  });
  // a float distribution (|v| normalised) and the raw values clipped to [−4, 4] (far from the simplex), rounded to 2^−b
  const b = Math.min(Math.abs(bits), 80);
  const abs = vs.map((v) => Math.min(Math.abs(v), 1e300));
  const total = abs.reduce((a, v) => a + v, 0);
  const vectors = [total > 0 && Number.isFinite(total) ? abs.map((v) => v / total) : abs.map(() => 1 / Math.max(1, abs.length)), vs.map((v) => Math.max(-4, Math.min(4, v)))];
  vectors.forEach((pi, t) => {
    if (pi.length === 0) return;
    pair(`roundToSimplex(vector ${t}, ${b})`, () => roundToSimplex(pi, b).map(kernelText).join(','), simplexByDefinition(pi, b));
  });
  return out;
}

/** Each max(0, π(y))·2^b rounded half up; the first largest entry absorbs 1 − Σ; the point mass there if that goes below 0. */
function simplexByDefinition(pi: readonly number[], b: number): string {
  const D = 1n << BigInt(b);
  const p = pi.map((v) => {
    const e = doubleByDoubling(Math.max(0, v));
    return (2n * e.n * D + e.d) / (2n * e.d);
  });
  const big = pi.reduce((m, v, y) => (v > pi[m] ? y : m), 0);
  p[big] += D - p.reduce((a, v) => a + v, 0n);
  if (p[big] < 0n) return pi.map((_, y) => (y === big ? '1/1' : '0/1')).join(',');
  return p.map((v) => lowest(v, D)).join(',');
}

function approxOf(r: RawRational, digits: number, raw: boolean): C3Approx {
  const x = fj(r);
  const [an, ad] = [babs(x.n), x.d];
  const inRange = an !== 0n && ad.toString(2).length < 1000 && an.toString(2).length < 1000;
  const fx = frac(r.n, r.d);
  let double: Fraction | null = null;
  if (inRange) {
    const v = raw ? quotientToNumber(r.d < 0n ? -r.n : r.n, babs(r.d)) : toNumber(fx);
    const e = doubleByDoubling(v);
    double = new Fraction(e.n, e.d);
  }
  return { x, double, decimal: toDecimal(fx, digits), exponential: toExponential(fx, digits), bitsBelow: an === 0n ? null : bitsBelow(fx.abs()) };
}

// ---- judging ----

/** |double − x| ≤ 2^−50·|x|. */
function closeEnough(a: C3Approx): boolean {
  return a.double === null || a.double.sub(a.x).abs().compare(a.x.abs().div(new Fraction(2).pow(50))) <= 0;
}

/** toDecimal's text: digits places, rounded toward zero, "-" only when the text is not zero. */
function decimalHolds(a: C3Approx, digits: number): boolean {
  const m = /^(-?)(0|[1-9]\d*)(?:\.(\d+))?$/.exec(a.decimal);
  if (m === null || (m[3] ?? '').length !== digits) return false;
  const t = new Fraction(BigInt(m[2] + (m[3] ?? ''))).div(new Fraction(10).pow(digits));
  const neg = m[1] === '-';
  if (neg && t.equals(0)) return false;
  if (!t.equals(0) && neg !== a.x.compare(0) < 0) return false;
  const ax = a.x.abs();
  return t.compare(ax) <= 0 && ax.compare(t.add(new Fraction(1, 10).pow(digits))) < 0;
}

/** toExponential's text: m.mmm e±E with 1 ≤ m < 10, rounded toward zero; "0" for zero. */
function exponentialHolds(a: C3Approx, digits: number): boolean {
  if (a.x.equals(0)) return a.exponential === '0';
  const m = /^(-?)([1-9])(?:\.(\d+))?e([+-])(0|[1-9]\d*)$/.exec(a.exponential);
  if (m === null || (m[3] ?? '').length !== digits || (m[1] === '-') !== a.x.compare(0) < 0) return false;
  const e = Number(m[5]) * (m[4] === '-' ? -1 : 1);
  if (e === 0 && m[4] === '-') return false;
  const mant = new Fraction(BigInt(m[2] + (m[3] ?? ''))).div(new Fraction(10).pow(digits));
  const scaled = a.x.abs().div(new Fraction(10).pow(e));
  return mant.compare(scaled) <= 0 && scaled.compare(mant.add(new Fraction(1, 10).pow(digits))) < 0;
}

/** 2^−b < |x|, and |x| < 2^(2−b) when b > 0. */
function bitsBelowHolds(a: C3Approx): boolean {
  if (a.bitsBelow === null) return true;
  const b = a.bitsBelow;
  const ax = a.x.abs();
  return b >= 0 && new Fraction(1n, 1n << BigInt(b)).compare(ax) < 0 && (b === 0 || ax.compare(new Fraction(1n << 2n, 1n << BigInt(b))) < 0);
}

function systemHolds(s: C3System): boolean {
  const c = s.A[0].length;
  const def = s.byDefinition;
  if ((s.solved !== null) !== def.consistent || (s.rational !== null) !== def.consistent || s.rank !== def.rank) return false;
  if (s.solved === null || s.rational === null) return true;
  const { num, den } = s.solved;
  if (den <= 0n || num.length !== c || s.rational.length !== c) return false;
  const solves = s.A.every((row, i) => row.reduce((acc, v, j) => acc + v * num[j], 0n) === s.b[i] * den);
  const solvesR = s.A.every((row, i) => row.reduce((acc, v, j) => acc.add(s.rational![j].mul(v)), new Fraction(0)).equals(s.b[i]));
  // a solution of a system with a unique one is that one: rank and consistency by definition suffice
  return solves && solvesR;
}

// ---- the claim ----

const MAXN = 4;
const MAX_NUMBERS = 4;
const MAX_BITS = 4000;
const MAX_SYSTEM = 5;

const bigArb = fc.oneof(fc.bigInt({ min: 0n, max: 12n }), fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }), fc.bigInt({ min: 0n, max: (1n << 300n) - 1n }));
/** n = ±g·a·2^s, d = ±g·b·2^t: shared factors, dyadic parts, past 2^1024 and small (the shrink target 0/1). */
const rawArb = fc
  .record({ g: bigArb, a: bigArb, b: bigArb, s: fc.integer({ min: 0, max: 1100 }), t: fc.integer({ min: 0, max: 1100 }), negN: fc.boolean(), negD: fc.boolean() })
  .map(({ g, a, b, s, t, negN, negD }): RawRational => {
    const G = g + 1n;
    return { n: (negN ? -1n : 1n) * G * a * (1n << BigInt(s)), d: (negD ? -1n : 1n) * G * (b + 1n) * (1n << BigInt(t)) };
  });
/** Doubles within 1e−300 of 0: subnormal and tiny normal ones, finite. */
export const tinyDoubleArb = fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e-300, max: 1e-300 });
const doubleArb = fc.oneof(fc.integer({ min: -40, max: 40 }).map((v) => v / 8), fc.double({ noNaN: true, noDefaultInfinity: true }), tinyDoubleArb);
const entryArb = fc.oneof(fc.integer({ min: -3, max: 3 }).map(BigInt), fc.bigInt({ min: -(1n << 100n), max: 1n << 100n }));

const INSTANCE_SHAPE = S.object(
  {
    profile: S.json(),
    numbers: S.array(S.string({ what: 'a rational "n/d"' })),
    doubles: S.array(S.string({ what: 'a double as JavaScript writes it' })),
    system: S.array(S.array(S.string({ what: 'an integer' }))),
    bits: S.integer(undefined, 'an integer'),
    digits: S.integer(0, 'an integer ≥ 0'),
  },
  'a C3 instance {"profile", "numbers", "doubles", "system", "bits", "digits"}',
);

interface InstanceJson {
  numbers: string[];
  doubles: string[];
  system: string[][];
  bits: number;
  digits: number;
}

const bitsOf = (v: bigint) => babs(v).toString(2).length;

export const C3 = defineClaim<C3Instance, C3Evidence>({
  id: 'C3',
  title: 'exact arithmetic',
  statement:
    "The exact kernels give what their definitions give, on a profile's weights, its margin matrix and the support equations a maximal lottery solves on each support, and on generated rationals of thousands of bits, doubles of every kind and integer systems of any rank: reduction, gcd and lcm, products, differences, sums, common denominators, order; the readers of \"p/q\" and decimal text; a double's exact value and its rounding to multiples of 2^−b; a float distribution rounded to an exact one; the fraction-free solve (consistent exactly when the system is, a solution when it is, the solution when it is unique) and rank; floats within 2^−50 relative; display texts rounded toward zero.",
  latex: '\\mathrm{kernel}(x) = \\mathrm{definition}(x)',
  rule: 'any (arithmetic)',
  expect: 'holds',
  compares:
    "src/exact's kernels (rational.ts, dyadic.ts, linear.ts) against second computations in claims/c3.ts: fraction.js's own arithmetic, Euclid's gcd, Gauss–Jordan over fraction.js, a double's value by doubling, display texts read back digit by digit and bracketed",
  defaultRuns: 300,
  arbitrary: (o = {}) =>
    fc
      .record({
        profile: profileArbFor({ ...o, maxResponses: Math.min(o.maxResponses ?? MAXN, MAXN), maxPrompts: 1 }),
        numbers: fc.array(rawArb, { minLength: 1, maxLength: MAX_NUMBERS }),
        doubles: fc.array(doubleArb, { minLength: 1, maxLength: MAX_NUMBERS }),
        rows: fc.integer({ min: 1, max: MAX_SYSTEM }),
        cols: fc.integer({ min: 1, max: MAX_SYSTEM }),
        entries: fc.array(entryArb, { minLength: MAX_SYSTEM * (MAX_SYSTEM + 1), maxLength: MAX_SYSTEM * (MAX_SYSTEM + 1) }),
        // a row repeated as the sum of two others (rank deficiency), or not
        dependent: fc.boolean(),
        bits: fc.integer({ min: -70, max: 90 }),
        digits: fc.integer({ min: 0, max: 12 }),
      })
      .map(({ profile, numbers, doubles, rows, cols, entries, dependent, bits, digits }): C3Instance => {
        const system = Array.from({ length: rows }, (_, i) => Array.from({ length: cols + 1 }, (_, j) => entries[i * (MAX_SYSTEM + 1) + j]));
        if (dependent && rows >= 3) system[rows - 1] = system[0].map((v, j) => v + system[1][j]);
        return { profile, numbers, doubles, system, bits, digits };
      }),
  evidence(i) {
    const prompt = onlyPrompt(i.profile, 'C3');
    const n = prompt.responses.length;
    // the profile's own numbers: weights, Luce strengths, margins
    const own: RawRational[] = [
      ...prompt.users.flatMap((u) => [u.weight, ...(u.kind === 'luce' ? u.strengths : [])]),
      ...prompt.responses.flatMap((_, z) => prompt.responses.map((_, y) => marginByDefinition(prompt, z, y))),
    ].map((v) => ({ n: signed(v), d: v.d }));
    const xs = [...i.numbers, ...own.slice(0, 2 * n)];
    const c = i.system[0].length - 1;
    const systems = [...supportSystems(prompt), system('generated', i.system.map((r) => r.slice(0, c)), i.system.map((r) => r[c]), c)];
    return {
      pairs: [...numberPairs(xs), ...doublePairs(i.doubles, i.bits)],
      systems,
      approx: xs.flatMap((r) => [approxOf(r, i.digits, false), approxOf(r, i.digits, true)]),
      digits: i.digits,
    };
  },
  judge(i, e) {
    const parts: Fraction[] = [
      ...e.pairs.map((p) => holds(p.kernel === p.definition)),
      ...e.systems.map((s) => holds(systemHolds(s))),
      ...e.approx.map((a) => holds(closeEnough(a) && decimalHolds(a, e.digits) && exponentialHolds(a, e.digits) && bitsBelowHolds(a))),
    ];
    const wrong = e.pairs.filter((p) => p.kernel !== p.definition).map((p) => p.what);
    const bad = e.systems.filter((s) => !systemHolds(s)).map((s) => s.what);
    const off = e.approx.filter((a) => !(closeEnough(a) && decimalHolds(a, e.digits) && exponentialHolds(a, e.digits) && bitsBelowHolds(a))).map((a) => `${a.decimal} (${a.exponential})`);
    return verdict(minRat(parts), {
      pairs: e.pairs.length,
      systems: e.systems.length,
      approximations: e.approx.length,
      largestBits: Math.max(...i.numbers.map((r) => Math.max(bitsOf(r.n), bitsOf(r.d)))),
      ...(wrong.length + bad.length + off.length === 0 ? {} : { differ: [...wrong, ...bad, ...off] }),
    });
  },
  size: ({ profile }) => profileSize(profile),
  toJson: (i) => ({
    profile: profileToJson(i.profile),
    numbers: i.numbers.map((r) => `${r.n}/${r.d}`),
    doubles: i.doubles.map(String), // as JavaScript writes them (exact: the shortest text that reads back the same double)
    system: i.system.map((r) => r.map(String)),
    bits: i.bits,
    digits: i.digits,
  }),
  fromJson(json) {
    const where = 'instance';
    validate(json, INSTANCE_SHAPE, where);
    const profile = profileField(json);
    onlyPrompt(profile, 'C3');
    const o = json as InstanceJson;
    const numbers = o.numbers.map((s, x) => {
      const m = /^(-?\d+)\/(-?\d+)$/.exec(s);
      if (m === null || BigInt(m[2]) === 0n) throw inputError(where, ['numbers', x], `${JSON.stringify(s)} is not "n/d" with integers n and d ≠ 0`);
      const r = { n: BigInt(m[1]), d: BigInt(m[2]) };
      if (bitsOf(r.n) > MAX_BITS || bitsOf(r.d) > MAX_BITS) throw inputError(where, ['numbers', x], `has more than ${MAX_BITS} bits`);
      return r;
    });
    if (numbers.length === 0) throw inputError(where, ['numbers'], 'is empty');
    const doubles = o.doubles.map((t, x) => {
      const v = Number(t);
      if (!Number.isFinite(v) || String(v) !== t) throw inputError(where, ['doubles', x], `${JSON.stringify(t)} is not a finite double as JavaScript writes it`);
      return v;
    });
    if (o.system.length === 0 || o.system[0].length < 2 || o.system.some((r) => r.length !== o.system[0].length) || o.system.length > MAX_SYSTEM + 3)
      throw inputError(where, ['system'], 'must be 1 to 8 rows of one length ≥ 2 (A then b)');
    const system = o.system.map((r, x) =>
      r.map((s, j) => {
        if (!/^-?\d+$/.test(s) || s.length > MAX_BITS) throw inputError(where, ['system', x, j], `${JSON.stringify(s)} is not an integer`);
        return BigInt(s);
      }),
    );
    if (Math.abs(o.bits) > 1100) throw inputError(where, ['bits'], 'must be between −1100 and 1100');
    if (o.digits > 60) throw inputError(where, ['digits'], 'must be at most 60');
    return { profile, numbers, doubles, system, bits: o.bits, digits: o.digits };
  },
});
