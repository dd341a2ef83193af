// fast-check arbitraries for profiles with Luce user types (SPEC §4b), alone or mixed with weak orders,
// built from flat records: shrinking reaches few responses, few types, strengths 1 and rankings of
// src/instances/arbitraries.ts.
import fc from 'fast-check';
import { frac } from '../exact/rational.js';
import { UserSpec, makeProfile, makePrompt } from '../model/build.js';
import { Profile, Prompt } from '../model/types.js';
import { UserRecord, responseId, tiersFromRecord } from './arbitraries.js';

/** One user type: a Luce type (strengths num/den per response slot) unless `ranking` is set (then `keys`, `cut`). */
export interface LuceUserRecord extends Omit<UserRecord, 'den'> {
  ranking: boolean;
  num: number[];
  den: number[];
}
export interface LuceProfileRecord {
  n: number;
  users: LuceUserRecord[];
}

export interface LuceArbOptions {
  minResponses?: number;
  maxResponses?: number;
  minUsers?: number;
  maxUsers?: number;
  maxWeight?: number;
  /** Largest strength numerator (default 6). */
  maxStrength?: number;
  /** Largest strength denominator (default 1: integer strengths). */
  maxDen?: number;
  /** 'luce': Luce types only (default); 'mixed': each type is a Luce type or a weak order. */
  kinds?: 'luce' | 'mixed';
}

export function lucePromptFromRecord(r: LuceProfileRecord): Prompt {
  const ids = Array.from({ length: r.n }, (_, i) => responseId(i));
  return makePrompt(
    ids,
    r.users.map((u): UserSpec =>
      u.ranking
        ? { weight: frac(u.weight), tiers: tiersFromRecord({ weight: u.weight, keys: u.keys, cut: u.cut }, r.n, false).map((t) => t.map((y) => ids[y])) }
        : { weight: frac(u.weight), strengths: ids.map((_, y) => frac(u.num[y] ?? 1, u.den[y] ?? 1)) },
    ),
  );
}

export function luceProfileFromRecord(r: LuceProfileRecord): Profile {
  return makeProfile([{ weight: frac(1), prompt: lucePromptFromRecord(r) }]);
}

export function luceRecordArb(o: LuceArbOptions = {}): fc.Arbitrary<LuceProfileRecord> {
  const maxN = o.maxResponses ?? 4;
  const user = fc.record({
    weight: fc.integer({ min: 1, max: o.maxWeight ?? 5 }),
    ranking: o.kinds === 'mixed' ? fc.boolean() : fc.constant(false),
    num: fc.array(fc.integer({ min: 1, max: o.maxStrength ?? 6 }), { minLength: maxN, maxLength: maxN }),
    den: fc.array(fc.integer({ min: 1, max: o.maxDen ?? 1 }), { minLength: maxN, maxLength: maxN }),
    keys: fc.array(fc.integer({ min: 0, max: maxN - 1 }), { minLength: maxN, maxLength: maxN }),
    cut: fc.integer({ min: 0, max: maxN }),
  });
  return fc.record({
    n: fc.integer({ min: o.minResponses ?? 1, max: maxN }),
    users: fc.array(user, { minLength: o.minUsers ?? 1, maxLength: o.maxUsers ?? 3 }),
  });
}

/** Single-prompt profiles with Luce types (and weak orders when kinds = 'mixed'). */
export function luceProfileArb(o: LuceArbOptions = {}): fc.Arbitrary<Profile> {
  return luceRecordArb(o).map(luceProfileFromRecord);
}

// ---- the claims' Luce and mixed families (flat records; shrinking toward n = 1, one type, strengths 1, weight 1) ----

/** A strength numerator: four draws in five from 1..5, one from 1..12; shrinks toward 1. */
export const strengthNumArb: fc.Arbitrary<number> = fc.oneof(
  { withCrossShrink: true },
  { arbitrary: fc.integer({ min: 1, max: 5 }), weight: 4 },
  { arbitrary: fc.integer({ min: 1, max: 12 }), weight: 1 },
);

/** A strength denominator: 1 (integer strengths) five times in six, else 1..3; shrinks toward 1. */
export const strengthDenArb: fc.Arbitrary<number> = fc.oneof(
  { withCrossShrink: true },
  { arbitrary: fc.constant(1), weight: 5 },
  { arbitrary: fc.integer({ min: 1, max: 3 }), weight: 1 },
);

/** Flat record of one Luce type: a weight and num/den per response slot. */
export interface LuceTypeRecord {
  weight: number;
  num: number[];
  den: number[];
}

export function luceTypeRecordArb(maxN: number, maxWeight = 5): fc.Arbitrary<LuceTypeRecord> {
  return fc.record({
    weight: fc.integer({ min: 1, max: maxWeight }),
    num: fc.array(strengthNumArb, { minLength: maxN, maxLength: maxN }),
    den: fc.array(strengthDenArb, { minLength: maxN, maxLength: maxN }),
  });
}

const ids = (n: number) => Array.from({ length: n }, (_, i) => responseId(i));
const strengthsOf = (r: LuceTypeRecord, n: number) => Array.from({ length: n }, (_, y) => frac(r.num[y] ?? 1, r.den[y] ?? 1));

/** Options of the claims' families (as FamilyOptions of families.ts). */
export interface LuceFamilyOptions {
  minResponses?: number;
  maxResponses?: number;
  maxUsers?: number;
  maxWeight?: number;
}

/** Luce types only (SPEC §4b): 1..maxUsers types with strengths mostly in 1..5. */
export function luceFamilyArb(o: LuceFamilyOptions = {}): fc.Arbitrary<Prompt> {
  const maxN = o.maxResponses ?? 5;
  return fc
    .record({
      n: fc.integer({ min: o.minResponses ?? 1, max: maxN }),
      users: fc.array(luceTypeRecordArb(maxN, o.maxWeight ?? 5), { minLength: 1, maxLength: o.maxUsers ?? 4 }),
    })
    .map(({ n, users }) => makePrompt(ids(n), users.map((u) => ({ weight: frac(u.weight), strengths: strengthsOf(u, n) }))));
}

/**
 * A single Bradley–Terry user (SPEC §4b, T3/T6 "unanimous" read as one type): one strength vector shared by
 * 1..3 types with their own weights, so the prompt is unanimous (isUnanimous).
 */
export function luceSingleArb(o: LuceFamilyOptions = {}): fc.Arbitrary<Prompt> {
  const maxN = o.maxResponses ?? 5;
  return fc
    .record({
      n: fc.integer({ min: o.minResponses ?? 1, max: maxN }),
      s: luceTypeRecordArb(maxN),
      weights: fc.array(fc.integer({ min: 1, max: o.maxWeight ?? 5 }), { minLength: 1, maxLength: 3 }),
    })
    .map(({ n, s, weights }) => {
      const st = strengthsOf(s, n);
      return makePrompt(ids(n), weights.map((w) => ({ weight: frac(w), strengths: st })));
    });
}

/**
 * Luce two camps (SPEC §4b): weight small + lead with s(a) = M, s(b) = 1, weight small with s(a) = 1, s(b) = M,
 * M = 1 + m (m ∈ 1..11; one draw in forty a wide M = 70,001..70,011, whose strength sums over k ≥ 1 draws span more than
 * 2^16 values: the sparse path of luce.ts's power distribution); further responses get strengths rest[y] ∈ 1..M in
 * both camps (for a wide M: 1 or M, so that the sums stay few).
 */
export function luceTwoCampArb(o: LuceFamilyOptions = {}): fc.Arbitrary<Prompt> {
  const maxN = Math.max(2, o.maxResponses ?? 4);
  return fc
    .record({
      n: fc.integer({ min: 2, max: maxN }),
      m: fc.oneof({ withCrossShrink: true }, { arbitrary: fc.integer({ min: 1, max: 11 }), weight: 39 }, { arbitrary: fc.integer({ min: 70_000, max: 70_010 }), weight: 1 }),
      small: fc.integer({ min: 1, max: o.maxWeight ?? 5 }),
      lead: fc.integer({ min: 1, max: o.maxWeight ?? 5 }),
      rest: fc.array(fc.integer({ min: 1, max: 12 }), { minLength: maxN, maxLength: maxN }),
    })
    .map(({ n, m, small, lead, rest }) => {
      const M = 1 + m;
      const others = Array.from({ length: n - 2 }, (_, i) => frac(m > 11 ? (rest[i] > 6 ? M : 1) : Math.min(rest[i], M)));
      return makePrompt(ids(n), [
        { weight: frac(small + lead), strengths: [frac(M), frac(1), ...others] },
        { weight: frac(small), strengths: [frac(1), frac(M), ...others] },
      ]);
    });
}

/**
 * Mixed prompts (SPEC §4b: a mixture of Luce types and weak-order types): 1..⌈maxUsers/2⌉ Luce types and
 * 1..⌈maxUsers/2⌉ weak orders (ties, partial lists, types that list nothing), so both kinds are always present.
 */
export function mixedFamilyArb(o: LuceFamilyOptions = {}): fc.Arbitrary<Prompt> {
  const maxN = o.maxResponses ?? 5;
  const half = Math.max(1, Math.ceil((o.maxUsers ?? 4) / 2));
  const ranking = fc.record({
    weight: fc.integer({ min: 1, max: o.maxWeight ?? 5 }),
    keys: fc.array(fc.integer({ min: 0, max: maxN - 1 }), { minLength: maxN, maxLength: maxN }),
    cut: fc.integer({ min: -1, max: maxN }),
  });
  return fc
    .record({
      n: fc.integer({ min: o.minResponses ?? 1, max: maxN }),
      luce: fc.array(luceTypeRecordArb(maxN, o.maxWeight ?? 5), { minLength: 1, maxLength: half }),
      ranks: fc.array(ranking, { minLength: 1, maxLength: half }),
    })
    .map(({ n, luce, ranks }) => {
      const rid = ids(n);
      const users: UserSpec[] = [
        ...ranks.map((u) => ({ weight: frac(u.weight), tiers: tiersFromRecord(u, n, false).map((t) => t.map((y) => rid[y])) })),
        ...luce.map((u) => ({ weight: frac(u.weight), strengths: strengthsOf(u, n) })),
      ];
      return makePrompt(rid, users);
    });
}
