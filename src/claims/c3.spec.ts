// C3 (the exact arithmetic): its second opinions on known values, the judge fed its own evidence and that
// evidence with one part changed (rejected), instances as JSON, what it says of itself.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Fraction } from '../exact/rational.js';
import { profileFromJson } from '../model/codec.js';
import { C3, C3Approx, C3Evidence, C3Instance, C3System, decimalText, doubleByDoubling, euclid, gaussJordan, tinyDoubleArb } from './c3.js';
import { SEED } from '../../test/helpers/fc.js';

const CAMPS = profileFromJson({ responses: ['a', 'b'], users: [{ weight: 11, ranking: [['a'], ['b']] }, { weight: 9, ranking: [['b'], ['a']] }] });

const inst = (): C3Instance => ({
  profile: CAMPS,
  numbers: [
    { n: -6n, d: 4n },
    { n: 3n << 1030n, d: -(5n << 1040n) },
    { n: 0n, d: 7n },
  ],
  doubles: [0.1, -2.5, 5e-324, 1e300],
  system: [
    [1n, 2n, 3n],
    [2n, 4n, 6n],
    [1n, 0n, 1n],
  ],
  bits: 40,
  digits: 3,
});

describe('C3: the second opinions', () => {
  it("Euclid's gcd, a double by doubling, Gauss–Jordan over fraction.js", () => {
    expect([euclid(12n, -18n), euclid(0n, 5n), euclid(0n, 0n), euclid(-7n, 0n)]).toEqual([6n, 5n, 0n, 7n]);
    expect(doubleByDoubling(0.375)).toEqual({ n: 3n, d: 8n });
    expect(doubleByDoubling(-3)).toEqual({ n: -3n, d: 1n });
    expect(doubleByDoubling(5e-324)).toEqual({ n: 1n, d: 1n << 1074n });
    // x + 2y = 3, 2x + 4y = 6, x = 1: rank 2; x + y = 1, x + y = 2: inconsistent, rank 1; 2y = 4: rank 1 of 2 columns
    const r = gaussJordan(inst().system.map((row) => row.slice(0, 2)), inst().system.map((row) => row[2]), 2);
    expect([r.consistent, r.rank]).toEqual([true, 2]);
    expect(gaussJordan([[1n, 1n], [1n, 1n]], [1n, 2n], 2)).toEqual({ consistent: false, rank: 1 });
    expect(gaussJordan([[0n, 2n]], [4n], 2)).toEqual({ consistent: true, rank: 1 });
    expect(gaussJordan([[1n], [2n], [3n]], [1n, 2n, 4n], 1)).toEqual({ consistent: false, rank: 1 });
  });

  it('holds on a crafted instance: past 2^1024, a zero, subnormal and huge doubles, a dependent row', () => {
    const v = C3.check(inst());
    expect(v.ok).toBe(true);
    expect(v.certificate).toEqual({ pairs: 111, systems: 4, approximations: 14, largestBits: 1043 });
  });

  it("the profile's support equations by definition: 11/20 a ≻ b, 9/20 b ≻ a, margin 1/10 (rows over their lcm)", () => {
    const e = C3.evidence(inst());
    const rows = e.systems.map((s) => [s.what, s.A.map((r) => r.map(String)), s.b.map(String)]);
    expect(rows).toEqual([
      ['support {a}', [['0'], ['1']], ['0', '1']],
      ['support {b}', [['0'], ['1']], ['0', '1']],
      ['support {a, b}', [['0', '1'], ['-1', '0'], ['1', '1']], ['0', '0', '1']],
      ['generated', [['1', '2'], ['2', '4'], ['1', '0']], ['3', '6', '1']],
    ]);
  });

  it('every pair names its kernel once; the doubles rounded to 2^−40 as a distribution and clipped to [−4, 4]', () => {
    const e = C3.evidence(inst());
    const whats = e.pairs.map((p) => p.what);
    expect(new Set(whats).size).toBe(whats.length);
    expect(whats.filter((w) => w.startsWith('signOf') || w.startsWith('parseRational'))).toEqual(
      [0, 1, 2, 3, 4, 5, 6].flatMap((x) => [`signOf(x${x})`, `parseRational(x${x} as text)`, `parseRational(x${x} as decimal)`]),
    );
    const simplex = (i: C3Instance) => C3.evidence(i).pairs.filter((p) => p.what.startsWith('roundToSimplex')).map((p) => [p.what, p.definition]);
    // |v| normalised: 1e300 takes it all; clipped: 0.1 and 4 (−2.5 and 5e−324 count as 0), the 4 absorbing 1 − Σ
    expect(simplex(inst())).toEqual([
      ['roundToSimplex(vector 0, 40)', '0/1,0/1,0/1,1/1'],
      ['roundToSimplex(vector 1, 40)', '54975581389/549755813888,0/1,0/1,494780232499/549755813888'],
    ]);
    // all zero: the uniform distribution, and the point mass on the first
    expect(simplex({ ...inst(), doubles: [0, 0] })).toEqual([
      ['roundToSimplex(vector 0, 40)', '1/2,1/2'],
      ['roundToSimplex(vector 1, 40)', '1/1,0/1'],
    ]);
    expect(simplex({ ...inst(), doubles: [] })).toEqual([]);
  });

  it('decimal texts with an exponent: sign only when negative, three digits of |d|, exponent (|d| mod 41) − 20', () => {
    const t = (n: bigint, d: bigint) => {
      const r = decimalText({ n, d });
      return [r.text, r.value.toFraction()];
    };
    expect([t(0n, 7n), t(-6n, 4n), t(5n, -20n), t(1n, 123456n)]).toEqual([
      ['0.7E-013', '7/100000000000000'],
      ['-6.4E-016', '-1/1562500000000000'],
      ['-5.20E+00', '-26/5'],
      ['1.123E-015', '1123/1000000000000000000'],
    ]);
  });

  it('a single-prompt claim: the evidence of a two-prompt profile is refused by name', () => {
    const two = profileFromJson({ prompts: [1, 2].map(() => ({ weight: 1, responses: ['a'], users: [{ weight: 1, ranking: [['a']] }] })) });
    expect(() => C3.evidence({ ...inst(), profile: two })).toThrow('C3: expects a single-prompt profile');
  });
});

describe('C3: the judge rejects wrong evidence', () => {
  const perturbations = (e: C3Evidence): [string, C3Evidence][] => {
    const out: [string, C3Evidence][] = [];
    e.pairs.forEach((p, x) => {
      const put = (kernel: string) => ({ ...e, pairs: e.pairs.map((q, t) => (t === x ? { ...q, kernel } : q)) });
      out.push([`${p.what}: another value`, put(p.kernel === '1/1' ? '2/1' : '1/1')], [`${p.what}: refused`, put(p.definition === 'none' ? '0/1' : 'none')]);
    });
    e.systems.forEach((s, x) => {
      const put = (q: Partial<C3System>) => ({ ...e, systems: e.systems.map((r, t) => (t === x ? { ...r, ...q } : r)) });
      out.push([`${s.what}: rank + 1`, put({ rank: s.rank + 1 })]);
      if (s.solved === null) out.push([`${s.what}: solved though inconsistent`, put({ solved: { num: s.A[0].map(() => 0n), den: 1n } })]);
      else {
        out.push([`${s.what}: reported inconsistent`, put({ solved: null })], [`${s.what}: rational reported inconsistent`, put({ rational: null })]);
        out.push([`${s.what}: den negated`, put({ solved: { num: s.solved.num.map((v) => -v), den: -s.solved.den } })]);
        out.push([`${s.what}: an unknown missing`, put({ solved: { num: s.solved.num.slice(1), den: s.solved.den } })]);
        out.push([`${s.what}: a rational unknown missing`, put({ rational: s.rational!.slice(1) })]);
        // x0 moved where its column is not zero (else every x0 solves the system)
        if (s.A.some((row) => row[0] !== 0n)) {
          out.push([`${s.what}: x0 moved`, put({ solved: { num: s.solved.num.map((v, j) => (j === 0 ? v + s.solved!.den : v)), den: s.solved.den } })]);
          out.push([`${s.what}: rational x0 moved`, put({ rational: s.rational!.map((v, j) => (j === 0 ? v.add(1) : v)) })]);
        }
      }
    });
    e.approx.forEach((a, x) => {
      const put = (q: Partial<C3Approx>) => ({ ...e, approx: e.approx.map((r, t) => (t === x ? { ...r, ...q } : r)) });
      const tiny = a.x.abs().div(new Fraction(2).pow(40));
      if (a.double !== null) out.push([`double of ${a.decimal} off by 2^−40 relative`, put({ double: a.double.add(tiny) })]);
      const last = a.decimal.slice(-1);
      out.push([`decimal ${a.decimal}: last digit changed`, put({ decimal: a.decimal.slice(0, -1) + (last === '9' ? '8' : String(Number(last) + 1)) })]);
      out.push([`decimal ${a.decimal}: a digit more`, put({ decimal: a.decimal + '0' })]);
      out.push([`decimal ${a.decimal}: sign flipped`, put({ decimal: a.decimal.startsWith('-') ? a.decimal.slice(1) : '-' + a.decimal })]);
      out.push([`exponential ${a.exponential}: sign flipped`, put({ exponential: a.exponential.startsWith('-') ? a.exponential.slice(1) : '-' + a.exponential })]);
      if (a.exponential !== '0') {
        out.push([`exponential ${a.exponential}: exponent + 1`, put({ exponential: a.exponential.replace(/e([+-])(\d+)$/, (_, s, d) => `e${s}${Number(d) + 1}`) })]);
        out.push([`exponential ${a.exponential}: a digit more`, put({ exponential: a.exponential.replace(/e/, '0e') })]);
      }
      if (a.bitsBelow !== null) out.push([`bitsBelow ${a.bitsBelow} + 3`, put({ bitsBelow: a.bitsBelow + 3 })]);
      if (a.bitsBelow !== null && a.bitsBelow >= 3) out.push([`bitsBelow ${a.bitsBelow} − 3`, put({ bitsBelow: a.bitsBelow - 3 })]);
    });
    return out;
  };

  it('every one-part change of the evidence of generated instances is rejected', () => {
    let perturbed = 0;
    const cases = fc.sample(C3.arbitrary(), { seed: SEED, numRuns: 8 });
    for (const i of [inst(), ...cases]) {
      const e = C3.evidence(i);
      expect(C3.judge(i, e).ok).toBe(true);
      for (const [name, b] of perturbations(e)) {
        perturbed++;
        const v = C3.judge(i, b);
        expect(v.ok, name).toBe(false);
        expect(v.certificate.differ, name).toHaveLength(1);
      }
    }
    expect(perturbed).toBeGreaterThan(1500);
  });

  it('texts judged by their definition: "-0.000" and "e-0" are wrong, an exact "0" is right', () => {
    const e = C3.evidence(inst());
    const zero = e.approx.find((a) => a.x.equals(0))!;
    expect(zero.decimal).toBe('0.000');
    expect(zero.exponential).toBe('0');
    const put = (q: Partial<C3Approx>) => ({ ...e, approx: e.approx.map((r) => (r === zero ? { ...r, ...q } : r)) });
    expect(C3.judge(inst(), put({ decimal: '-0.000' })).ok).toBe(false);
    expect(C3.judge(inst(), put({ exponential: '0e+0' })).ok).toBe(false);
    const one = e.approx.find((a) => a.x.equals(new Fraction(-3, 2)))!;
    expect([one.decimal, one.exponential, one.bitsBelow]).toEqual(['-1.500', '-1.500e+0', 1]);
    const put1 = (q: Partial<C3Approx>) => ({ ...e, approx: e.approx.map((r) => (r === one ? { ...r, ...q } : r)) });
    for (const bad of ['-1.500e-0', '-1.500e+00', '-15.00e-1', '-0.150e+1', '-1.50e+0', '-1.500E+0'])
      expect(C3.judge(inst(), put1({ exponential: bad })).ok, bad).toBe(false);
    for (const bad of ['-01.500', '-1.5', '-1,500', '1.500', '-1.499', '-1.501']) expect(C3.judge(inst(), put1({ decimal: bad })).ok, bad).toBe(false);
    expect(C3.judge(inst(), put1({ bitsBelow: -1 })).ok).toBe(false);
    // a text with one place too many read with the scale it implies: 1.5 as −0.1500 or −1.5000e−1; a prefix; the upper end
    for (const bad of ['-1.5000e-1', ' -1.500e+0', '-1.499e+0']) expect(C3.judge(inst(), put1({ exponential: bad })).ok, bad).toBe(false);
    expect(C3.judge(inst(), put1({ decimal: '-0.1500' })).ok).toBe(false);
  });

  it('a double exactly 2^−50·|x| away is close enough, a little more is not; bitsBelow: 2^−b < |x| < 2^(2−b), both strict', () => {
    const e = C3.evidence(inst());
    const one = e.approx.find((a) => a.x.equals(new Fraction(-3, 2)))!;
    const with1 = (q: Partial<C3Approx>) => ({ ...e, approx: [...e.approx, { ...one, ...q }] });
    const tol = new Fraction(3, 2).div(new Fraction(2).pow(50));
    expect(C3.judge(inst(), with1({ double: new Fraction(-3, 2).sub(tol) })).ok).toBe(true);
    expect(C3.judge(inst(), with1({ double: new Fraction(-3, 2).sub(tol.mul(new Fraction(1025, 1024))) })).ok).toBe(false);
    const quarter: C3Approx = { x: new Fraction(1, 4), double: new Fraction(1, 4), decimal: '0.250', exponential: '2.500e-1', bitsBelow: 3 };
    const half: C3Approx = { x: new Fraction(1, 2), double: new Fraction(1, 2), decimal: '0.500', exponential: '5.000e-1', bitsBelow: 2 };
    const judged = (a: C3Approx) => C3.judge(inst(), { ...e, approx: [...e.approx, a] }).ok;
    expect([judged(quarter), judged(half)]).toEqual([true, true]);
    expect([judged({ ...quarter, bitsBelow: 2 }), judged({ ...half, bitsBelow: 3 })]).toEqual([false, false]);
  });

  it('a solve with denominator 0 is refused (not thrown); every disagreement is named: a pair, a system, a text', () => {
    const e = C3.evidence(inst());
    const g = e.systems.length - 1;
    const bare = { ...e.systems[0], what: 'support {a}' };
    expect(bare.solved).not.toBeNull();
    const zeroDen = { ...bare, solved: { num: bare.solved!.num.map(() => 0n), den: 0n } };
    expect(C3.judge(inst(), { ...e, systems: [zeroDen, ...e.systems.slice(1)] }).ok).toBe(false);
    const three: C3Evidence = {
      ...e,
      pairs: e.pairs.map((p, x) => (x === 0 ? { ...p, kernel: 'none' } : p)),
      systems: e.systems.map((s, x) => (x === g ? { ...s, rank: s.rank + 1 } : s)),
      approx: e.approx.map((a, x) => (x === 0 ? { ...a, decimal: '7.000' } : a)),
    };
    const v = C3.judge(inst(), three);
    expect(v.ok).toBe(false);
    expect(v.certificate.differ).toEqual([e.pairs[0].what, 'generated', `7.000 (${e.approx[0].exponential})`]);
    // counted, not cancelled: a pair and a text; a pair and a system
    const named = (q: Partial<C3Evidence>) => C3.judge(inst(), { ...e, ...q }).certificate.differ;
    expect(named({ pairs: three.pairs, approx: three.approx })).toEqual([e.pairs[0].what, `7.000 (${e.approx[0].exponential})`]);
    expect(named({ pairs: three.pairs, systems: three.systems })).toEqual([e.pairs[0].what, 'generated']);
  });
});

// the round trip of generated instances (toJson → text → fromJson, same verdict): instances.spec, for every claim
describe('C3: instances as JSON', () => {
  const json = () => C3.toJson(inst()) as Record<string, unknown>;
  it('reads back what it writes', () => {
    const back = C3.fromJson(JSON.parse(JSON.stringify(json())));
    expect(back.numbers).toEqual(inst().numbers);
    expect(back.system).toEqual(inst().system);
    expect([back.bits, back.digits, back.doubles]).toEqual([40, 3, [0.1, -2.5, 5e-324, 1e300]]);
  });
  it('refuses each wrong part at its JSON path', () => {
    const bad: [Record<string, unknown>, string][] = [
      [{ numbers: ['1/0'] }, 'instance: $.numbers[0]: "1/0" is not "n/d" with integers n and d ≠ 0'],
      [{ numbers: ['1.5/2'] }, 'instance: $.numbers[0]: "1.5/2" is not "n/d" with integers n and d ≠ 0'],
      [{ numbers: ['3/4x'] }, 'instance: $.numbers[0]: "3/4x" is not "n/d" with integers n and d ≠ 0'],
      [{ numbers: [5] }, 'instance: $.numbers[0]: expected a rational "n/d", got 5'],
      [{ numbers: [`${1n << 4000n}/1`] }, 'instance: $.numbers[0]: has more than 4000 bits'],
      [{ numbers: [`1/-${1n << 4000n}`] }, 'instance: $.numbers[0]: has more than 4000 bits'],
      [{ system: [[1, '2']] }, 'instance: $.system[0][0]: expected an integer, got 1'],
      [{ system: [['1', '9'.repeat(4001)]] }, `instance: $.system[0][1]: "${'9'.repeat(4001)}" is not an integer`],
      [{ bits: 'x' }, 'instance: $.bits: expected an integer, got "x"'],
      [{ digits: -1 }, 'instance: $.digits: expected an integer ≥ 0, got -1'],
      [{ numbers: [`1/${'9'.repeat(1300)}`] }, 'instance: $.numbers[0]: has more than 4000 bits'],
      [{ numbers: [] }, 'instance: $.numbers: is empty'],
      [{ doubles: ['x'] }, 'instance: $.doubles[0]: "x" is not a finite double as JavaScript writes it'],
      [{ doubles: ['0.10'] }, 'instance: $.doubles[0]: "0.10" is not a finite double as JavaScript writes it'],
      [{ doubles: ['Infinity'] }, 'instance: $.doubles[0]: "Infinity" is not a finite double as JavaScript writes it'],
      [{ doubles: [0.5] }, 'instance: $.doubles[0]: expected a double as JavaScript writes it'],
      [{ system: [] }, 'instance: $.system: must be 1 to 8 rows of one length ≥ 2 (A then b)'],
      [{ system: [['1']] }, 'instance: $.system: must be 1 to 8 rows of one length ≥ 2 (A then b)'],
      [{ system: [['1', '2'], ['1']] }, 'instance: $.system: must be 1 to 8 rows of one length ≥ 2 (A then b)'],
      [{ system: Array.from({ length: 9 }, () => ['1', '2']) }, 'instance: $.system: must be 1 to 8 rows of one length ≥ 2 (A then b)'],
      [{ system: [['1', '2.5']] }, 'instance: $.system[0][1]: "2.5" is not an integer'],
      [{ bits: 1101 }, 'instance: $.bits: must be between −1100 and 1100'],
      [{ digits: 61 }, 'instance: $.digits: must be at most 60'],
    ];
    for (const [edit, msg] of bad) expect(() => C3.fromJson({ ...json(), ...edit }), msg).toThrow(msg);
    expect(C3.fromJson({ ...json(), bits: -1100, digits: 60, system: Array.from({ length: 8 }, () => ['1', '2']) }).system).toHaveLength(8);
    expect(() => C3.fromJson({ ...json(), extra: 1 })).toThrow(/extra/);
    expect(() => C3.fromJson(5)).toThrow('instance: $: expected a C3 instance {"profile", "numbers", "doubles", "system", "bits", "digits"}, got 5');
    // at the limits: 4000 bits, 4000 characters
    const big = C3.fromJson({ ...json(), numbers: [`${(1n << 4000n) - 1n}/-${(1n << 4000n) - 1n}`], system: [['1', '9'.repeat(4000)]] });
    expect([big.numbers[0].n.toString(2).length, big.system[0][1].toString().length]).toEqual([4000, 4000]);
    expect(() => C3.fromJson({ ...json(), profile: { prompts: [1, 2].map(() => ({ weight: 1, responses: ['a'], users: [{ weight: 1, ranking: [['a']] }] })) } })).toThrow('C3: expects a single-prompt profile');
  });
});

describe('C3: what it says of itself', () => {
  it('id, title, rule, expected outcome, runs, statement, comparison', () => {
    expect([C3.id, C3.title, C3.rule, C3.expect, C3.defaultRuns]).toEqual(['C3', 'exact arithmetic', 'any (arithmetic)', 'holds', 300]);
    expect(C3.statement).toMatch(/^The exact kernels give what their definitions give, .* display texts rounded toward zero\.$/);
    expect(C3.compares).toMatch(/^src\/exact's kernels .* read back digit by digit and bracketed$/);
  });
  it('its generator reaches numbers past 2^1024, every shape of double, dependent rows and negative bits', () => {
    const xs = fc.sample(C3.arbitrary(), { seed: SEED, numRuns: 200 });
    const bits = xs.flatMap((i) => i.numbers.map((r) => (r.n < 0n ? -r.n : r.n).toString(2).length));
    expect(Math.max(...bits)).toBeGreaterThan(1024);
    expect(xs.some((i) => i.doubles.some((v) => v !== 0 && Math.abs(v) < 1e-300))).toBe(true);
    expect(xs.some((i) => i.doubles.some((v) => Math.abs(v) > 1e100))).toBe(true);
    expect(xs.some((i) => i.bits < 0) && xs.some((i) => i.bits > 64)).toBe(true);
    expect(xs.some((i) => i.system.length === 3 && i.system[2].every((v, j) => v === i.system[0][j] + i.system[1][j]))).toBe(true);
    expect(xs.every((i) => i.doubles.every(Number.isFinite))).toBe(true);
    // NaN would make a double's definition loop; with NaN allowed this range gives it about once in 400 draws
    const tiny = fc.sample(tinyDoubleArb, { seed: 42, numRuns: 3000 });
    expect(tiny.every((v) => Number.isFinite(v) && Math.abs(v) <= 1e-300)).toBe(true);
    expect(C3.size(xs[0])).toMatchObject({ prompts: 1 });
  });
});
