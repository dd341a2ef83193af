// Profile families for the claims (SPEC §4–5), each built from a flat record so that shrinking
// reaches small profiles: few responses, few user types, weight 1, identity rankings.
import fc from 'fast-check';
import { Fraction, frac, ONE, HALF } from '../exact/rational.js';
import { makeProfile, makePrompt } from '../model/build.js';
import { Profile, Prompt } from '../model/types.js';
import { lehmerToPermutation, profileRecordArb, promptFromRecord, responseId, tiersFromRecord } from './arbitraries.js';
import { luceFamilyArb, luceSingleArb, luceTwoCampArb, mixedFamilyArb } from './luce.js';

export type FamilyName =
  | 'weak-orders'
  | 'strict'
  | 'unanimous'
  | 'impartial-culture'
  | 'condorcet-cycle'
  | 'two-camp'
  | 'single-peaked'
  | 'mallows'
  | 'clones'
  | 'near-degenerate'
  | 'luce'
  | 'luce-single'
  | 'luce-two-camp'
  | 'mixed';

export const FAMILIES: readonly FamilyName[] = [
  'weak-orders',
  'strict',
  'unanimous',
  'impartial-culture',
  'condorcet-cycle',
  'two-camp',
  'single-peaked',
  'mallows',
  'clones',
  'near-degenerate',
];

/** The weak-order families (FAMILIES), the Luce families and the mixed one (SPEC §1, §4b). */
export const WEAK_ORDER_FAMILIES: readonly FamilyName[] = FAMILIES;
export const LUCE_FAMILIES: readonly FamilyName[] = ['luce', 'luce-single', 'luce-two-camp'];
export const MIXED_FAMILIES: readonly FamilyName[] = ['mixed'];

export interface FamilyOptions {
  minResponses?: number;
  maxResponses?: number;
  maxUsers?: number;
  maxWeight?: number;
}

/** A prompt from a list of (weight, strict ranking as a permutation of 0..n−1). */
export function promptFromRankings(n: number, users: readonly { weight: number | bigint; ranking: readonly number[] }[]): Prompt {
  const ids = Array.from({ length: n }, (_, i) => responseId(i));
  return makePrompt(
    ids,
    users.map((u) => ({ weight: frac(BigInt(u.weight)), tiers: u.ranking.map((y) => [ids[y]]) })),
  );
}

const single = (p: Prompt): Profile => makeProfile([{ weight: ONE, prompt: p }]);
const lehmerArb = (n: number) => fc.tuple(...Array.from({ length: Math.max(n, 1) }, (_, i) => fc.integer({ min: 0, max: Math.max(0, n - 1 - i) })));

/** Random weak orders with ties and partial lists, including types that list nothing (the core's flat records). */
export function weakOrdersArb(o: FamilyOptions = {}): fc.Arbitrary<Prompt> {
  return profileRecordArb({ minResponses: o.minResponses ?? 1, maxResponses: o.maxResponses ?? 5, maxUsers: o.maxUsers ?? 4, maxWeight: o.maxWeight ?? 5, empty: true }).map((r) =>
    promptFromRecord(r, false),
  );
}

/** Near-degenerate weights: weak orders whose types weigh 1/1000, 1, 7 or 1000 (e.g. 1/1000 a ≻ b against 7 listing nothing). */
export function nearDegenerateArb(o: FamilyOptions = {}): fc.Arbitrary<Prompt> {
  return profileRecordArb({
    minResponses: o.minResponses ?? 1,
    maxResponses: o.maxResponses ?? 5,
    maxUsers: Math.max(2, o.maxUsers ?? 4),
    degenerateWeights: true,
    empty: true,
  }).map((r) => promptFromRecord(r, false));
}

/**
 * Clones (SPEC §2: U_k depends on a clone class only through its mass): a weak-order record, then a copy of
 * response y for each copies[y] = 1 while there is room (at most maxResponses in all), tied with y in every
 * type's order (unlisted with y). All zeros (the shrink target) is the base prompt.
 */
export function clonesArb(o: FamilyOptions = {}): fc.Arbitrary<Prompt> {
  const maxN = o.maxResponses ?? 5;
  return fc
    .record({
      base: profileRecordArb({ minResponses: 1, maxResponses: Math.max(1, maxN - 1), maxUsers: o.maxUsers ?? 4, maxWeight: o.maxWeight ?? 5, empty: true }),
      copies: fc.array(fc.integer({ min: 0, max: 1 }), { minLength: maxN, maxLength: maxN }),
    })
    .map(({ base, copies }) => {
      const n0 = base.n;
      const cloneOf: number[][] = Array.from({ length: n0 }, () => []);
      let n = n0;
      for (let y = 0; y < n0 && n < maxN; y++) if (copies[y] === 1) cloneOf[y].push(n++);
      const ids = Array.from({ length: n }, (_, i) => responseId(i));
      return makePrompt(
        ids,
        base.users.map((u) => ({
          weight: frac(u.weight, u.den ?? 1),
          tiers: tiersFromRecord(u, n0, false).map((t) => t.flatMap((y) => [y, ...cloneOf[y]]).map((y) => ids[y])),
        })),
      );
    });
}

/** Strict rankings from Lehmer codes (shrink toward the identity ranking). */
export function strictArb(o: FamilyOptions = {}): fc.Arbitrary<Prompt> {
  return profileRecordArb({ minResponses: o.minResponses ?? 1, maxResponses: o.maxResponses ?? 5, maxUsers: o.maxUsers ?? 4, maxWeight: o.maxWeight ?? 5, ties: false, partial: false }).map((r) =>
    promptFromRecord(r, true),
  );
}

/** Unanimous: every user type shares one strict ranking (Lehmer-coded). */
export function unanimousArb(o: FamilyOptions = {}): fc.Arbitrary<Prompt> {
  const maxN = o.maxResponses ?? 5;
  return fc
    .record({
      n: fc.integer({ min: o.minResponses ?? 1, max: maxN }),
      code: lehmerArb(maxN),
      weights: fc.array(fc.integer({ min: 1, max: o.maxWeight ?? 5 }), { minLength: 1, maxLength: o.maxUsers ?? 3 }),
    })
    .map(({ n, code, weights }) => {
      const ranking = lehmerToPermutation(code.slice(0, n), n);
      return promptFromRankings(n, weights.map((weight) => ({ weight, ranking })));
    });
}

/** Impartial culture: all N! strict rankings with equal weight (SPEC T3). */
export function impartialCulturePrompt(N: number): Prompt {
  const perms: number[][] = [];
  const rec = (pre: number[], rest: number[]) => {
    if (rest.length === 0) perms.push(pre);
    rest.forEach((y, i) => rec([...pre, y], [...rest.slice(0, i), ...rest.slice(i + 1)]));
  };
  rec([], [...Array(N).keys()]);
  return promptFromRankings(N, perms.map((ranking) => ({ weight: 1, ranking })));
}

export function impartialCultureArb(o: FamilyOptions = {}): fc.Arbitrary<Prompt> {
  return fc.integer({ min: o.minResponses ?? 1, max: Math.min(o.maxResponses ?? 4, 4) }).map(impartialCulturePrompt);
}

/** The most responses a family prompt has for `maxResponses`: a Condorcet cycle needs 3 even when fewer are asked for. */
export const familyMaxResponses = (maxResponses: number): number => Math.max(3, maxResponses);

/** Condorcet cycles: the n cyclic shifts of a Lehmer-coded ranking (a Latin square), with weights. */
export function condorcetCycleArb(o: FamilyOptions = {}): fc.Arbitrary<Prompt> {
  const maxN = familyMaxResponses(o.maxResponses ?? 5);
  return fc
    .record({
      n: fc.integer({ min: 3, max: maxN }),
      code: lehmerArb(maxN),
      weights: fc.array(fc.integer({ min: 1, max: o.maxWeight ?? 3 }), { minLength: maxN, maxLength: maxN }),
    })
    .map(({ n, code, weights }) => {
      const base = lehmerToPermutation(code.slice(0, n), n);
      return promptFromRankings(
        n,
        Array.from({ length: n }, (_, s) => ({ weight: weights[s], ranking: base.map((_, i) => base[(i + s) % n]) })),
      );
    });
}

/** Two camps: weight `big` ranks a ≻ b ≻ rest, weight `small` ranks b ≻ a ≻ rest (big > small: a majority). */
export function twoCampArb(o: FamilyOptions = {}): fc.Arbitrary<Prompt> {
  const maxN = Math.max(2, o.maxResponses ?? 4);
  return fc
    .record({
      n: fc.integer({ min: 2, max: maxN }),
      small: fc.integer({ min: 1, max: o.maxWeight ?? 5 }),
      lead: fc.integer({ min: 1, max: o.maxWeight ?? 5 }),
      code: lehmerArb(maxN),
    })
    .map(({ n, small, lead, code }) => {
      const perm = lehmerToPermutation(code.slice(0, n), n);
      const swapped = [perm[1], perm[0], ...perm.slice(2)];
      return promptFromRankings(n, [
        { weight: small + lead, ranking: perm },
        { weight: small, ranking: swapped },
      ]);
    });
}

/** The SPEC T4 two-camp profile for δ: weight ½+δ ranks a ≻ b, weight ½−δ ranks b ≻ a. */
export function twoCampPrompt(delta: Fraction): Prompt {
  return makePrompt(
    ['a', 'b'],
    [
      { weight: HALF.add(delta), tiers: [['a'], ['b']] },
      { weight: HALF.sub(delta), tiers: [['b'], ['a']] },
    ],
  );
}

/** Single-peaked on the axis 0..n−1: a peak, then a left/right choice for each next item. */
export function singlePeakedArb(o: FamilyOptions = {}): fc.Arbitrary<Prompt> {
  const maxN = o.maxResponses ?? 5;
  const user = fc.record({
    weight: fc.integer({ min: 1, max: o.maxWeight ?? 5 }),
    peak: fc.integer({ min: 0, max: maxN - 1 }),
    right: fc.array(fc.boolean(), { minLength: maxN, maxLength: maxN }),
  });
  return fc
    .record({ n: fc.integer({ min: o.minResponses ?? 1, max: maxN }), users: fc.array(user, { minLength: 1, maxLength: o.maxUsers ?? 4 }) })
    .map(({ n, users }) =>
      promptFromRankings(
        n,
        users.map((u) => {
          const p = Math.min(u.peak, n - 1);
          const ranking = [p];
          let l = p - 1;
          let r = p + 1;
          for (let i = 0; ranking.length < n; i++) {
            const goRight = l < 0 || (r < n && u.right[i]);
            ranking.push(goRight ? r++ : l--);
          }
          return { weight: u.weight, ranking };
        }),
      ),
    );
}

/** Mallows-like noise: a Lehmer-coded centre and, per user, a few adjacent swaps of it. */
export function mallowsArb(o: FamilyOptions = {}): fc.Arbitrary<Prompt> {
  const maxN = o.maxResponses ?? 5;
  const user = fc.record({
    weight: fc.integer({ min: 1, max: o.maxWeight ?? 5 }),
    swaps: fc.array(fc.integer({ min: 0, max: Math.max(0, maxN - 2) }), { maxLength: 3 }),
  });
  return fc
    .record({
      n: fc.integer({ min: o.minResponses ?? 1, max: maxN }),
      code: lehmerArb(maxN),
      users: fc.array(user, { minLength: 1, maxLength: o.maxUsers ?? 4 }),
    })
    .map(({ n, code, users }) => {
      const centre = lehmerToPermutation(code.slice(0, n), n);
      return promptFromRankings(
        n,
        users.map((u) => {
          const r = [...centre];
          for (const s of u.swaps) if (s + 1 < n) [r[s], r[s + 1]] = [r[s + 1], r[s]];
          return { weight: u.weight, ranking: r };
        }),
      );
    });
}

const BUILDERS: Record<FamilyName, (o: FamilyOptions) => fc.Arbitrary<Prompt>> = {
  'weak-orders': weakOrdersArb,
  strict: strictArb,
  unanimous: unanimousArb,
  'impartial-culture': impartialCultureArb,
  'condorcet-cycle': condorcetCycleArb,
  'two-camp': twoCampArb,
  'single-peaked': singlePeakedArb,
  mallows: mallowsArb,
  clones: clonesArb,
  'near-degenerate': nearDegenerateArb,
  luce: luceFamilyArb,
  'luce-single': luceSingleArb,
  'luce-two-camp': luceTwoCampArb,
  mixed: mixedFamilyArb,
};

/** One family's prompts. */
export function familyArb(name: FamilyName, o: FamilyOptions = {}): fc.Arbitrary<Prompt> {
  return BUILDERS[name](o);
}

/** Single-prompt profiles drawn from the given families (the first family is the one shrinking prefers). */
export function familiesProfileArb(names: readonly FamilyName[] = FAMILIES, o: FamilyOptions = {}): fc.Arbitrary<Profile> {
  // cross-shrink: a counterexample from any family may shrink to one of the first family
  return fc.oneof({ withCrossShrink: true }, ...names.map((f) => familyArb(f, o))).map(single);
}

/** Multi-prompt profiles: 1..maxPrompts prompts from the families, with integer prompt weights ρ. */
export function multiPromptProfileArb(names: readonly FamilyName[] = FAMILIES, o: FamilyOptions & { maxPrompts?: number } = {}): fc.Arbitrary<Profile> {
  const one = fc.oneof({ withCrossShrink: true }, ...names.map((f) => familyArb(f, o)));
  return fc
    .array(fc.record({ w: fc.integer({ min: 1, max: 3 }), prompt: one }), { minLength: 1, maxLength: o.maxPrompts ?? 2 })
    .map((ps) => makeProfile(ps.map((p) => ({ weight: frac(p.w), prompt: p.prompt }))));
}

/**
 * The claims' default profiles: the user model drawn first — weak orders (half of the draws), Luce types only
 * (a quarter), mixed prompts (a quarter) — then 1..maxPrompts prompts of that model's families. Shrinking
 * prefers weak orders, then few prompts of the first family.
 */
export function userModelsProfileArb(o: FamilyOptions & { maxPrompts?: number } = {}): fc.Arbitrary<Profile> {
  const of = (names: readonly FamilyName[]) => ((o.maxPrompts ?? 1) > 1 ? multiPromptProfileArb(names, o) : familiesProfileArb(names, o));
  return fc.oneof(
    { withCrossShrink: true },
    { arbitrary: of(WEAK_ORDER_FAMILIES), weight: 2 },
    { arbitrary: of(LUCE_FAMILIES), weight: 1 },
    { arbitrary: of(MIXED_FAMILIES), weight: 1 },
  );
}
