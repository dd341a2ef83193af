// The claim kit's helpers (json.ts, registry.ts, corpus.ts, coverage.ts, types.ts): exact error messages for
// bad instances, the registry's selection strings, the counterexample corpus reader, coverage merging, the
// verdict and size helpers.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { frac, ONE, signOf } from '../exact/rational.js';
import { makeProfile, makePrompt } from '../model/build.js';
import { InputError } from '../model/errors.js';
import { Profile } from '../model/types.js';
import { loadCorpus } from './corpus.js';
import { addInstance, EMPTY_COVERAGE, mergeCoverage } from './coverage.js';
import { equilibrium } from '../equilibria/equilibrium.js';
import { profileFromJson } from '../model/codec.js';
import { deterministicInstanceFromJson } from './instances.js';
import { field, intField, onlyPrompt, policyField, profileField } from './json.js';
import { equilibriumOf } from './ne.js';
import { CLAIMS, claimById, selectClaims } from './registry.js';
import { eqSlack, profileSize } from './types.js';
import { STALLS_AT_4000_K14 } from '../../test/helpers/profiles.js';
import { thrownBy } from '../../test/helpers/refusal.js';

const ab = { responses: ['a', 'b'], users: [{ weight: '1', ranking: [['a'], ['b']] }] };
/** The message of the InputError `f` throws. */
const messageOf = (f: () => unknown): string => {
  const e = thrownBy(f);
  if (e === undefined) throw new Error('no error thrown');
  expect(e).toBeInstanceOf(InputError);
  return (e as Error).message;
};

describe('json.ts: instance fields', () => {
  it('field and intField name the instance by default, or the place given', () => {
    expect(field({ k: 3 }, 'k')).toBe(3);
    expect(messageOf(() => field({}, 'k'))).toBe('instance: missing "k"');
    expect(messageOf(() => field(null, 'k', 'here'))).toBe('here: missing "k"');
    expect(intField({ k: 3 }, 'k')).toBe(3);
    expect(messageOf(() => intField({ k: 0 }, 'k'))).toBe('instance: "k" must be an integer ≥ 1');
    expect(messageOf(() => intField({ k: 1.5 }, 'k', 'there'))).toBe('there: "k" must be an integer ≥ 1');
  });

  it('profileField and policyField name the field they read in the codec message', () => {
    expect(messageOf(() => profileField({ profile: { responses: ['a'] } }))).toMatch(/^instance\.profile: /);
    const profile = profileField({ profile: ab });
    expect(policyField({ policy: { a: '1/3', b: '2/3' } }, 'policy', profile).perPrompt[0].map((p) => p.toFraction())).toEqual(['1/3', '2/3']);
    expect(messageOf(() => policyField({ opponent: { a: '1/3', b: '1/3' } }, 'opponent', profile))).toMatch(/^instance\.opponent: /);
  });

  it('onlyPrompt: the prompt of a single-prompt profile, else an error naming the claim', () => {
    const p = makePrompt(['a', 'b'], [{ weight: ONE, tiers: [['a'], ['b']] }]);
    expect(onlyPrompt(makeProfile([{ weight: ONE, prompt: p }]), 'X1')).toBe(p);
    const two = makeProfile([
      { weight: ONE, prompt: p },
      { weight: ONE, prompt: p },
    ]);
    expect(messageOf(() => onlyPrompt(two, 'X1'))).toBe('X1: expects a single-prompt profile');
  });

  it('deterministic instances: a single c that is no response id is named instance.c (no index)', () => {
    expect(messageOf(() => deterministicInstanceFromJson({ profile: ab, k: 1, c: 'z' }))).toBe('instance.c must be a response id');
    expect(messageOf(() => deterministicInstanceFromJson({ profile: ab, k: 1, c: ['z'] }))).toBe('instance.c[0] must be a response id');
  });
});

describe('registry.ts: selection strings', () => {
  it('an unknown id lists every known id, comma-separated', () => {
    expect(messageOf(() => claimById('T99'))).toBe(`unknown claim "T99" (known: ${'T0 T1 T2 T3 T4 T5 T6 T7 T8 T9 L1 L2 L3 L4 N1 N2 N3 N4 N5 N6 I1 C1 C2 C3'.split(' ').join(', ')})`);
  });

  it('"" and "all" select every claim; "none" (any case, padded) none', () => {
    expect(selectClaims('')).toEqual([...CLAIMS]);
    expect(selectClaims('all')).toEqual([...CLAIMS]);
    expect(selectClaims('none')).toEqual([]);
    expect(selectClaims(' NoNe ')).toEqual([]);
    expect(selectClaims('t1,N2').map((c) => c.id)).toEqual(['T1', 'N2']);
  });
});

describe('corpus.ts: counterexample files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ualign-corpus-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const fill = (files: Record<string, string>): string => {
    const d = mkdtempSync(join(dir, 'c-'));
    for (const [f, text] of Object.entries(files)) writeFileSync(join(d, f), text);
    return d;
  };

  it('reads the .json files in name order; a missing directory is an empty corpus', () => {
    const d = fill({ 'T1-2.json': '{"claim": "T1", "counterexample": {"k": 2}}', 'T0-1.json': '{"claim": "T0", "counterexample": {"k": 1}}', 'notes.txt': 'x' });
    expect(loadCorpus(d)).toEqual([
      { file: 'T0-1.json', claim: 'T0', counterexample: { k: 1 } },
      { file: 'T1-2.json', claim: 'T1', counterexample: { k: 2 } },
    ]);
    expect(loadCorpus(join(dir, 'absent'))).toEqual([]);
  });

  it('malformed JSON and a wrong shape are input errors naming the file', () => {
    const d1 = fill({ 'x.json': '{"claim": ' });
    expect(messageOf(() => loadCorpus(d1))).toMatch(new RegExp(`^${join(d1, 'x.json').replace(/[.\\]/g, '\\$&')}: malformed JSON \\(.+\\)$`));
    const d2 = fill({ 'y.json': '{"claim": "T0", "counterexample": null}' });
    expect(messageOf(() => loadCorpus(d2))).toBe(`${join(d2, 'y.json')}: expected {"claim": id, "counterexample": {...}}`);
  });
});

describe('coverage.ts: merging shards', () => {
  it('adds the Luce-only counts of both shards', () => {
    const luce = { n: 2, users: 1, prompts: 1, model: 'luce' as const };
    const a = addInstance(addInstance(EMPTY_COVERAGE, luce), luce);
    const b = addInstance(EMPTY_COVERAGE, luce);
    expect(mergeCoverage(a, b).models).toEqual({ weakOrders: 0, luce: 3, mixed: 0 });
  });
});

describe('types.ts: verdict and size helpers', () => {
  it('eqSlack = −|lhs − rhs|', () => {
    expect(eqSlack(frac(1, 2), frac(1, 3)).toFraction()).toBe('-1/6');
    expect(eqSlack(frac(1, 3), frac(1, 2)).toFraction()).toBe('-1/6');
    expect(signOf(eqSlack(frac(2, 3), frac(2, 3)))).toBe(0);
  });

  it('profileSize: the largest prompt counts, and no k or ℓ key when none is given', () => {
    // prompt 0 has more responses, prompt 1 more user types: each maximum comes from a different prompt
    const p0 = makePrompt(['a', 'b', 'c'], [{ weight: ONE, tiers: [['a']] }]);
    const p1 = makePrompt(['a', 'b'], [
      { weight: ONE, tiers: [['a']] },
      { weight: ONE, tiers: [['b']] },
    ]);
    const profile: Profile = makeProfile([
      { weight: ONE, prompt: p0 },
      { weight: ONE, prompt: p1 },
    ]);
    expect(profileSize(profile)).toStrictEqual({ n: 3, users: 2, prompts: 2, model: 'weak-orders' });
    expect(profileSize(profile, 4, 2)).toStrictEqual({ k: 4, ell: 2, n: 3, users: 2, prompts: 2, model: 'weak-orders' });
  });
});

describe('ne.ts: the equilibrium the NE claims are stated at', () => {
  it('runs the search with its 4000-round Hedge budget (N1, N4, T6 stay fast)', () => {
    // the budget decides which dyadic point of the same equilibrium answers (STALLS_AT_4000_K14)
    const profile = profileFromJson(STALLS_AT_4000_K14);
    const rats = (ps: readonly { toFraction(): string }[]) => ps.map((p) => p.toFraction());
    const capped = rats(equilibrium(profile, 14, { box: false, maxRounds: 4000 }).policy.perPrompt[0]);
    expect(rats(equilibrium(profile, 14).policy.perPrompt[0])).not.toEqual(capped);
    const ne = equilibriumOf(profile, 14);
    expect(ne.source).toBe('equilibrium');
    expect(rats(ne.policy.perPrompt[0])).toEqual(capped);
  });
});
