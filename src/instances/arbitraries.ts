// fast-check arbitraries for profiles and policies, built from flat records so that shrinking
// reaches small counterexamples (few responses, few user types, weight 1, all tied / identity rankings).
import fc from 'fast-check';
import { Fraction, frac, ONE } from '../exact/rational.js';
import { makeProfile, makePrompt } from '../model/build.js';
import { Profile, Prompt } from '../model/types.js';

/** Flat record of one user type: a weight and one integer key per response slot (lower = better). */
export interface UserRecord {
  weight: number;
  /** The weight is weight/den (default 1): near-degenerate weights such as 1/1000 against 7. */
  den?: number;
  keys: number[];
  /** If > 0, only the best `cut` tiers are listed (the rest tie below, SPEC §1); if < 0, nothing is listed. */
  cut: number;
}
export interface ProfileRecord {
  n: number;
  users: UserRecord[];
}

export interface ProfileArbOptions {
  minResponses?: number;
  maxResponses?: number;
  minUsers?: number;
  maxUsers?: number;
  maxWeight?: number;
  /** Weak orders with ties (default) or strict rankings (Lehmer codes). */
  ties?: boolean;
  /** Allow partial rankings (unlisted responses tied at the bottom). Default: same as ties. */
  partial?: boolean;
  /** With partial rankings, also user types that list nothing (`"ranking": []`). Default false. */
  empty?: boolean;
  /** Weights drawn from near-degenerate pairs (1/1000, 1, 7, 1000) instead of 1..maxWeight. Default false. */
  degenerateWeights?: boolean;
}

/** Weights (weight/den) of near-degenerate profiles: 1/1000 against 7 and 1000 (SPEC §1: any w_θ > 0). */
export const DEGENERATE_WEIGHTS: readonly (readonly [number, number])[] = [
  [1, 1],
  [1, 1000],
  [7, 1],
  [1000, 1],
];

export const responseId = (i: number): string => String.fromCharCode(97 + (i % 26)) + (i >= 26 ? String(Math.floor(i / 26)) : '');

/** Decode a Lehmer code (digit i in 0..n−1−i) into a permutation; all zeros is the identity. */
export function lehmerToPermutation(code: readonly number[], n: number): number[] {
  const pool = [...Array(n).keys()];
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const d = Math.min(code[i] ?? 0, pool.length - 1);
    out.push(pool.splice(d, 1)[0]);
  }
  return out;
}

/** Tiers (best first) from keys: equal keys tie; with strict=true the keys are a Lehmer code. */
export function tiersFromRecord(u: UserRecord, n: number, strict: boolean): number[][] {
  let tiers: number[][];
  if (strict) tiers = lehmerToPermutation(u.keys, n).map((y) => [y]);
  else {
    const byKey = new Map<number, number[]>();
    for (let y = 0; y < n; y++) {
      const kk = u.keys[y] ?? 0;
      if (!byKey.has(kk)) byKey.set(kk, []);
      byKey.get(kk)!.push(y);
    }
    tiers = [...byKey.keys()].sort((a, b) => a - b).map((kk) => byKey.get(kk)!);
  }
  if (u.cut < 0) return [];
  if (u.cut > 0 && u.cut < tiers.length) tiers = tiers.slice(0, u.cut);
  return tiers;
}

export function promptFromRecord(r: ProfileRecord, strict = false): Prompt {
  const ids = Array.from({ length: r.n }, (_, i) => responseId(i));
  return makePrompt(
    ids,
    r.users.map((u) => ({ weight: frac(u.weight, u.den ?? 1), tiers: tiersFromRecord(u, r.n, strict).map((t) => t.map((y) => ids[y])) })),
  );
}

export function profileFromRecord(r: ProfileRecord, strict = false): Profile {
  return makeProfile([{ weight: ONE, prompt: promptFromRecord(r, strict) }]);
}

/** Flat profile records: n, then per user a weight, keys and a cut. */
export function profileRecordArb(o: ProfileArbOptions = {}): fc.Arbitrary<ProfileRecord> {
  const minN = o.minResponses ?? 1;
  const maxN = o.maxResponses ?? 5;
  const ties = o.ties ?? true;
  const partial = o.partial ?? ties;
  const weight = o.degenerateWeights
    ? fc.constantFrom(...DEGENERATE_WEIGHTS).map(([weight, den]) => ({ weight, den }))
    : fc.integer({ min: 1, max: o.maxWeight ?? 5 }).map((weight) => ({ weight, den: 1 }));
  const user = fc
    .record({
      w: weight,
      keys: ties
        ? fc.array(fc.integer({ min: 0, max: maxN - 1 }), { minLength: maxN, maxLength: maxN })
        : fc.tuple(...Array.from({ length: maxN }, (_, i) => fc.integer({ min: 0, max: maxN - 1 - i }))),
      cut: partial ? fc.integer({ min: o.empty ? -1 : 0, max: maxN }) : fc.constant(0),
    })
    .map(({ w, keys, cut }): UserRecord => (w.den === 1 ? { weight: w.weight, keys, cut } : { weight: w.weight, den: w.den, keys, cut }));
  return fc.record({
    n: fc.integer({ min: minN, max: maxN }),
    users: fc.array(user, { minLength: o.minUsers ?? 1, maxLength: o.maxUsers ?? 4 }),
  });
}

/** Single-prompt profiles (weak orders with ties by default). */
export function profileArb(o: ProfileArbOptions = {}): fc.Arbitrary<Profile> {
  const strict = o.ties === false;
  return profileRecordArb(o).map((r) => profileFromRecord(r, strict));
}

/** A profile together with its record (for reports: the record is what shrinks). */
export function promptArb(o: ProfileArbOptions = {}): fc.Arbitrary<Prompt> {
  const strict = o.ties === false;
  return profileRecordArb(o).map((r) => promptFromRecord(r, strict));
}

/** Policy weights as a flat integer array: π(y) = w_y / Σ w (uniform when all are 0). */
export function policyFromWeights(weights: readonly number[], n: number): Fraction[] {
  const w = Array.from({ length: n }, (_, i) => BigInt(weights[i] ?? 0));
  const s = w.reduce((a, b) => a + b, 0n);
  return s === 0n ? w.map(() => frac(1, n)) : w.map((v) => frac(v, s));
}

export function policyWeightsArb(maxN: number, maxWeight = 6): fc.Arbitrary<number[]> {
  return fc.array(fc.integer({ min: 0, max: maxWeight }), { minLength: maxN, maxLength: maxN });
}

/** A policy on a given prompt: flat integer weights; includes deterministic and sparse policies. */
export function policyArb(prompt: Prompt, maxWeight = 6): fc.Arbitrary<Fraction[]> {
  const n = prompt.responses.length;
  return policyWeightsArb(n, maxWeight).map((w) => policyFromWeights(w, n));
}

/** A k-output model on n responses: up to `maxOutcomes` k-multisets with integer weights. */
export function outcomesArb(n: number, k: number, maxOutcomes = 4): fc.Arbitrary<{ items: number[]; prob: Fraction }[]> {
  return fc
    .array(
      fc.record({
        items: fc.array(fc.integer({ min: 0, max: n - 1 }), { minLength: k, maxLength: k }),
        w: fc.integer({ min: 1, max: 5 }),
      }),
      { minLength: 1, maxLength: maxOutcomes },
    )
    .map((os) => {
      const total = os.reduce((a, o) => a + o.w, 0);
      return os.map((o) => ({ items: [...o.items].sort((a, b) => a - b), prob: frac(o.w, total) }));
    });
}
