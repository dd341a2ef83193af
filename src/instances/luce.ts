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
