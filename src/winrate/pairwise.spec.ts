// The pairwise kernels (SPEC §2, §3, §4b) against oracles written here by definition: P(y ≻ z) as a sum over the
// user types of their tiers (unlisted responses tied below) or strengths, the strict shares of T4, and the
// common denominator the integer matrices are written over. Weights are drawn so that every accumulation path of
// strictPreferences (Int32, double, BigInt) and of marginRows (double, BigInt) is taken.
import { test } from '@fast-check/vitest';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Fraction, frac, HALF, ONE, ZERO } from '../exact/rational.js';
import { makePrompt } from '../model/build.js';
import { InputError } from '../model/errors.js';
import { Prompt } from '../model/types.js';
import { ProfileRecord, profileRecordArb, promptFromRecord, responseId, tiersFromRecord } from '../instances/arbitraries.js';
import { lucePromptFromRecord, luceRecordArb, mixedFamilyArb } from '../instances/luce.js';
import {
  condorcetWinner,
  condorcetWinnerOf,
  marginMatrix,
  marginRows,
  pairwiseMatrix,
  pairwiseMatrixFloat,
  strictPreferences,
  strictShareMatrix,
} from './pairwise.js';
import { params } from '../../test/helpers/fc.js';

// ---- oracles, by definition ----

const gcdOracle = (a: bigint, b: bigint): bigint => (b === 0n ? a : gcdOracle(b, a % b));
const lcmOracle = (a: bigint, b: bigint): bigint => (a / gcdOracle(a, b)) * b;

/** Oracle: the tier of y for a ranking type, read off its listed tiers; an unlisted response lies below them all (SPEC §1). */
function tierOracle(tiers: readonly (readonly number[])[], y: number): number {
  const t = tiers.findIndex((tier) => tier.includes(y));
  return t === -1 ? tiers.length : t;
}

/** Oracle: Σ_θ w_θ·1[y ≻_θ z] over the ranking types (SPEC T4's P_θ[y ≻_θ z]). */
function strictShareOracle(prompt: Prompt, y: number, z: number): Fraction {
  let s = ZERO;
  for (const u of prompt.users) if (u.kind === 'ranking' && tierOracle(u.tiers, y) < tierOracle(u.tiers, z)) s = s.add(u.weight);
  return s;
}

/** Oracle: P(y ≻ z) = Σ_θ w_θ (1[y ≻_θ z] + ½·1[y ~_θ z]) (SPEC §2); w_θ·s_θ(y)/(s_θ(y) + s_θ(z)) for a Luce type (§4b). */
function preferenceOracle(prompt: Prompt, y: number, z: number): Fraction {
  let s = ZERO;
  for (const u of prompt.users) {
    if (u.kind === 'luce') {
      s = s.add(u.weight.mul(u.strengths[y]).div(u.strengths[y].add(u.strengths[z])));
      continue;
    }
    const ty = tierOracle(u.tiers, y);
    const tz = tierOracle(u.tiers, z);
    if (ty < tz) s = s.add(u.weight);
    if (ty === tz) s = s.add(u.weight.mul(HALF));
  }
  return s;
}

/** Oracle: the denominator B of the weights (w_θ = a_θ/B), times L = lcm of s + s′ over each Luce type's distinct integer strengths. */
function denominatorOracle(prompt: Prompt): bigint {
  let B = 1n;
  for (const u of prompt.users) B = lcmOracle(B, u.weight.d);
  let L = 1n;
  for (const u of prompt.users) {
    if (u.kind !== 'luce') continue;
    for (const x of u.ints) for (const y of u.ints) if (x !== y) L = lcmOracle(L, BigInt(x + y));
  }
  return B * L;
}

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

/** Every entry of K/(2B) against P(y ≻ z) − ½ by definition, B against the oracle, and K skew-symmetric. */
function expectMargins(prompt: Prompt, K: readonly (readonly bigint[])[], B: bigint): void {
  const n = prompt.responses.length;
  expect(B).toBe(denominatorOracle(prompt));
  expect(K.length).toBe(n);
  for (const y of range(n)) {
    expect(K[y].length).toBe(n);
    for (const z of range(n)) {
      expect(frac(K[y][z], 2n * B).equals(preferenceOracle(prompt, y, z).sub(HALF))).toBe(true);
      expect(K[y][z]).toBe(-K[z][y]);
    }
  }
}

/** marginRows against the oracle: rows on demand (cached), net scores Σ_z K[y][z] over 2B. */
function expectRows(prompt: Prompt): void {
  const n = prompt.responses.length;
  const rows = marginRows(prompt);
  const B = denominatorOracle(prompt);
  expect(rows.n).toBe(n);
  expect(rows.B).toBe(B);
  expect(rows.borda.length).toBe(n);
  // rows in reverse order, so that a row is not the one last computed
  for (const y of range(n).reverse()) {
    const row = rows.row(y);
    expect(row.length).toBe(n);
    for (const z of range(n)) expect(frac(row[z], 2n * B).equals(preferenceOracle(prompt, y, z).sub(HALF))).toBe(true);
    let net = ZERO;
    for (const z of range(n)) net = net.add(preferenceOracle(prompt, y, z).sub(HALF));
    expect(frac(rows.borda[y], 2n * B).equals(net)).toBe(true);
  }
  for (const y of range(n)) expect(rows.row(y)).toBe(rows.row(y));
}

// ---- weights for each accumulation path ----

const TWO31 = 2n ** 31n;
const TWO53 = 2n ** 53n;

/** The accumulation paths: strictPreferences by B (Int32 below 2^31, doubles below 2^53), marginRows by B·n (doubles below 2^53). */
type Regime = 'int32' | 'double' | 'rows-bigint' | 'bigint';
const regimeOf = (B: bigint, n: number): Regime => (B < TWO31 ? 'int32' : B * BigInt(n) < TWO53 ? 'double' : B < TWO53 ? 'rows-bigint' : 'bigint');

/** Raw weights: the first type's in the regime's range, the others small or in it too. */
const REGIMES: Record<Regime, { big: [bigint, bigint]; den: [bigint, bigint]; minN: number }> = {
  int32: { big: [1n, 9n], den: [1n, 3n], minN: 1 },
  double: { big: [TWO31, 2n ** 44n], den: [1n, 1n], minN: 1 },
  'rows-bigint': { big: [2n ** 51n, 2n ** 52n], den: [1n, 1n], minN: 4 },
  bigint: { big: [TWO53, 2n ** 90n], den: [1n, 2n ** 40n], minN: 2 },
};

function weightedArb(regime: Regime): fc.Arbitrary<{ record: ProfileRecord; weights: Fraction[] }> {
  const { big, den, minN } = REGIMES[regime];
  const bigW = fc.tuple(fc.bigInt({ min: big[0], max: big[1] }), fc.bigInt({ min: den[0], max: den[1] })).map(([p, q]) => frac(p, q));
  const smallW = fc.integer({ min: 1, max: 9 }).map((p) => frac(p));
  return fc.record({
    record: profileRecordArb({ minResponses: minN, maxResponses: 5, minUsers: regime === 'int32' ? 1 : 2, maxUsers: 4, empty: true }),
    first: bigW,
    rest: fc.array(fc.oneof(smallW, bigW), { minLength: 3, maxLength: 3 }),
  }).map(({ record, first, rest }) => ({ record, weights: [first, ...rest] }));
}

function weightedPrompt(record: ProfileRecord, weights: readonly Fraction[]): Prompt {
  const ids = range(record.n).map(responseId);
  return makePrompt(
    ids,
    record.users.map((u, i) => ({ weight: weights[i], tiers: tiersFromRecord(u, record.n, false).map((t) => t.map((y) => ids[y])) })),
  );
}

/** A prompt whose types all rank a ≻ b, with raw weights 1 and w − 1 (so B = w). */
const unanimousOf = (w: bigint): Prompt =>
  makePrompt(['a', 'b', 'c'], [
    { weight: ONE, tiers: [['a'], ['b']] },
    { weight: frac(w - 1n), tiers: [['a'], ['b', 'c']] },
  ]);

const luceArb = luceRecordArb({ maxResponses: 5, maxUsers: 4, maxStrength: 4, maxDen: 3, kinds: 'mixed' });

describe('strictPreferences and strictShareMatrix: S[y][z]/B = Σ_θ w_θ·1[y ≻_θ z] (SPEC T4)', () => {
  for (const regime of Object.keys(REGIMES) as Regime[]) {
    test.prop([weightedArb(regime)], params(regime === 'int32' ? 250 : 120))(`every entry, ${regime} path`, ({ record, weights }) => {
      const prompt = weightedPrompt(record, weights);
      const n = record.n;
      fc.pre(regimeOf(denominatorOracle(prompt), n) === regime);
      const { S, B } = strictPreferences(prompt);
      const shares = strictShareMatrix(prompt);
      expect(B).toBe(denominatorOracle(prompt));
      expect(S.length).toBe(n);
      for (const y of range(n)) {
        expect(S[y].length).toBe(n);
        for (const z of range(n)) {
          const want = strictShareOracle(prompt, y, z);
          expect(frac(S[y][z], B).equals(want)).toBe(true);
          expect(shares[y][z].equals(want)).toBe(true);
        }
      }
    });
  }

  it('at the path thresholds: B = 2^31 − 1, 2^31, 2^53 − 1, 2^53 and 2^53 + 1, every type ranks a ≻ b (S[a][b] = B)', () => {
    for (const B of [TWO31 - 1n, TWO31, TWO31 + 1n, TWO53 - 1n, TWO53, TWO53 + 1n]) {
      const p = unanimousOf(B);
      const r = strictPreferences(p);
      expect(r.B).toBe(B);
      // second type: a ≻ b ~ c; first: a ≻ b, c unlisted below b
      expect(r.S).toEqual([
        [0n, B, B],
        [0n, 0n, 1n],
        [0n, 0n, 0n],
      ]);
    }
  });

  it('Luce types have no strict preferences: InputError naming the caller', () => {
    const p = makePrompt(['a', 'b'], [
      { weight: ONE, tiers: [['a'], ['b']] },
      { weight: ONE, strengths: [frac(2), ONE] },
    ]);
    expect(() => strictPreferences(p)).toThrow(InputError);
    expect(() => strictPreferences(p)).toThrow(/^strict preference shares: defined for ranking user types only, and this profile has Luce \(strength\) types$/);
    expect(() => strictPreferences(p, 'who')).toThrow(/^who: defined for ranking user types only/);
    expect(() => strictShareMatrix(p)).toThrow(InputError);
    expect(() => strictShareMatrix(p)).toThrow(/^strictShareMatrix \(SPEC T4\): defined for ranking user types only/);
  });
});

describe('marginMatrix and pairwiseMatrix: K/(2B) = P(y ≻ z) − ½, P(y ≻ z) + P(z ≻ y) = 1 (SPEC §2, §3)', () => {
  for (const regime of Object.keys(REGIMES) as Regime[]) {
    test.prop([weightedArb(regime)], params(regime === 'int32' ? 250 : 120))(`ranking types, ${regime} path`, ({ record, weights }) => {
      const prompt = weightedPrompt(record, weights);
      const n = record.n;
      fc.pre(regimeOf(denominatorOracle(prompt), n) === regime);
      const { K, B } = marginMatrix(prompt);
      expectMargins(prompt, K, B);
      const P = pairwiseMatrix(prompt);
      for (const y of range(n))
        for (const z of range(n)) {
          expect(P[y][z].equals(preferenceOracle(prompt, y, z))).toBe(true);
          expect(P[y][z].add(P[z][y]).equals(ONE)).toBe(true);
        }
    });
  }

  test.prop([luceArb], params(300))('Luce types mixed with weak orders (§4b): B·L with L = lcm of the pair sums', (record) => {
    const prompt = lucePromptFromRecord(record);
    const { K, B } = marginMatrix(prompt);
    expectMargins(prompt, K, B);
    const P = pairwiseMatrix(prompt);
    for (const y of range(record.n)) for (const z of range(record.n)) expect(P[y][z].equals(preferenceOracle(prompt, y, z))).toBe(true);
  });

  test.prop([mixedFamilyArb({ maxResponses: 5, maxUsers: 4 })], params(200))('the claims’ mixed family', (prompt) => {
    const { K, B } = marginMatrix(prompt);
    expectMargins(prompt, K, B);
  });

  it('equal Luce strengths have margin 0; a Luce type whose strengths are all equal leaves L = 1', () => {
    const p = makePrompt(['a', 'b', 'c'], [
      { weight: frac(1), strengths: [frac(3), frac(3), frac(1)] },
      { weight: frac(2), strengths: [frac(5), frac(5), frac(5)] },
    ]);
    const { K, B } = marginMatrix(p);
    // L = lcm(3 + 1) = 4, B = 3·4: P(a ≻ c) − ½ = (1/3)·¾ + (2/3)·½ − ½ = 1/12 = K/(2·12)
    expect(B).toBe(12n);
    expect(K).toEqual([
      [0n, 0n, 2n],
      [0n, 0n, 2n],
      [-2n, -2n, 0n],
    ]);
    expectMargins(p, K, B);
    const flat = makePrompt(['a', 'b'], [{ weight: ONE, strengths: [frac(2), frac(2)] }]);
    expect(marginMatrix(flat)).toEqual({ K: [[0n, 0n], [0n, 0n]], B: 1n });
  });

  test.prop([weightedArb('int32')], params(200))('pairwiseMatrixFloat: the double nearest to P(y ≻ z) (B < 2^31: exact operands)', ({ record, weights }) => {
    const prompt = weightedPrompt(record, weights);
    fc.pre(regimeOf(denominatorOracle(prompt), record.n) === 'int32');
    const F = pairwiseMatrixFloat(prompt);
    for (const y of range(record.n))
      for (const z of range(record.n)) {
        const p = preferenceOracle(prompt, y, z);
        expect(F[y][z]).toBe(Number(p.n) / Number(p.d));
      }
  });

  it('pairwiseMatrixFloat with Luce types', () => {
    const p = makePrompt(['a', 'b'], [
      { weight: ONE, strengths: [frac(3), ONE] },
      { weight: ONE, tiers: [['b'], ['a']] },
    ]);
    // P(a ≻ b) = ½·¾ + ½·0 = 3/8
    expect(pairwiseMatrixFloat(p)).toEqual([
      [0.5, 0.375],
      [0.625, 0.5],
    ]);
  });
});

describe('marginRows: rows K[y][·] on demand and net scores Σ_z K[y][z] (SPEC §2, §4b)', () => {
  for (const regime of Object.keys(REGIMES) as Regime[]) {
    test.prop([weightedArb(regime)], params(regime === 'int32' ? 200 : 100))(`ranking types, ${regime} path`, ({ record, weights }) => {
      const prompt = weightedPrompt(record, weights);
      fc.pre(regimeOf(denominatorOracle(prompt), record.n) === regime);
      expectRows(prompt);
    });
  }

  test.prop([luceArb], params(300))('Luce types mixed with weak orders', (record) => expectRows(lucePromptFromRecord(record)));

  test.prop([mixedFamilyArb({ maxResponses: 5, maxUsers: 4 })], params(150))('the claims’ mixed family', (prompt) => expectRows(prompt));

  it('B·n just below, at and just above 2^53, and far above', () => {
    // n = 3: B·n = 2^53 − 2, 2^53 + 1, 3·(2^53 + 1)
    for (const B of [TWO53 / 3n, TWO53 / 3n + 1n, TWO53 + 1n]) expectRows(unanimousOf(B));
    // n = 4: B·n = 2^53 − 4, 2^53, 2^53 + 4, 2^54 + 12, 2^55 + 12
    const four = (w: bigint) =>
      makePrompt(['a', 'b', 'c', 'd'], [
        { weight: ONE, tiers: [['a'], ['b']] },
        { weight: frac(w - 1n), tiers: [['a'], ['b', 'c'], ['d']] },
      ]);
    for (const B of [TWO53 / 4n - 1n, TWO53 / 4n, TWO53 / 4n + 1n, TWO53 / 2n + 3n, TWO53 + 3n]) expectRows(four(B));
  });
});

describe('the Condorcet winner: K[c][y] > 0 for every y ≠ c (SPEC §3)', () => {
  /** Oracle: every c whose margins over all the others are strictly positive. */
  const winnersOracle = (K: readonly (readonly bigint[])[]): number[] => range(K.length).filter((c) => range(K.length).every((y) => y === c || K[c][y] > 0n));

  const skewArb = fc
    .record({ n: fc.integer({ min: 1, max: 5 }), upper: fc.array(fc.integer({ min: -2, max: 2 }), { minLength: 10, maxLength: 10 }) })
    .map(({ n, upper }) => {
      const K = range(n).map(() => new Array<bigint>(n).fill(0n));
      let i = 0;
      for (let y = 0; y < n; y++)
        for (let z = y + 1; z < n; z++) {
          K[y][z] = BigInt(upper[i++]);
          K[z][y] = -K[y][z];
        }
      return K;
    });

  test.prop([skewArb], params(500))('condorcetWinnerOf on skew-symmetric matrices: the unique winner, or null', (K) => {
    const w = winnersOracle(K);
    expect(w.length).toBeLessThanOrEqual(1);
    expect(condorcetWinnerOf(K)).toBe(w.length === 1 ? w[0] : null);
  });

  it('hand cases: strictly positive margins win, a margin of 0 does not, a cycle has none, one response wins alone', () => {
    expect(condorcetWinnerOf([[0n]])).toBe(0);
    expect(condorcetWinnerOf([])).toBe(null);
    expect(condorcetWinnerOf([[0n, -1n, -2n], [1n, 0n, 3n], [2n, -3n, 0n]])).toBe(1);
    expect(condorcetWinnerOf([[0n, 1n, 0n], [-1n, 0n, 1n], [0n, -1n, 0n]])).toBe(null);
    expect(condorcetWinnerOf([[0n, 1n, -1n], [-1n, 0n, 1n], [1n, -1n, 0n]])).toBe(null);
    expect(condorcetWinnerOf([[0n, -1n, -1n], [1n, 0n, -1n], [1n, 1n, 0n]])).toBe(2);
  });

  const promptArb = fc.oneof(
    profileRecordArb({ maxResponses: 5, maxUsers: 4, empty: true }).map((r) => promptFromRecord(r)),
    luceArb.map(lucePromptFromRecord),
  );
  test.prop([promptArb], params(400))('condorcetWinner: the c with P(c ≻ y) > ½ for every y ≠ c, by definition', (prompt) => {
    const n = prompt.responses.length;
    const w = range(n).filter((c) => range(n).every((y) => y === c || preferenceOracle(prompt, c, y).gt(HALF)));
    expect(condorcetWinner(prompt)).toBe(w.length === 1 ? w[0] : null);
  });

  it('two camps: 11/20 rank a ≻ b ≻ c, 9/20 rank b ≻ a ≻ c: a wins; at ½ against ½ a ties b and nobody wins', () => {
    const camps = (p: number, q: number) =>
      makePrompt(['a', 'b', 'c'], [
        { weight: frac(p), tiers: [['a'], ['b'], ['c']] },
        { weight: frac(q), tiers: [['b'], ['a'], ['c']] },
      ]);
    expect(condorcetWinner(camps(11, 9))).toBe(0);
    expect(condorcetWinner(camps(9, 11))).toBe(1);
    expect(condorcetWinner(camps(1, 1))).toBe(null);
  });
});
