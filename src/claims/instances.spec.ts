// Claim instances: JSON round trips for every claim and strict reading (one clear InputError for a malformed
// instance); the coverage verify.json records; the generators reach the hard cases and shrink small.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../model/errors.js';
import { CLAIMS, claimById, selectClaims } from './registry.js';
import { SEED } from '../../test/helpers/fc.js';
import { addInstance, EMPTY_COVERAGE, mergeCoverage } from './coverage.js';
import { Profile, Prompt } from '../model/types.js';
import { cloneClasses, isUnanimous } from '../model/structure.js';
import { Claim, InstanceSize, profileSize, userModelOf } from './types.js';
import { Fraction, HALF, ONE, ZERO, toNumber } from '../exact/rational.js';
import { campC } from './luceCamps.js';
import { makeProfile, makePrompt } from '../model/build.js';
import { ellOf, kArb, LARGE_K, mostlySmall } from '../instances/sizes.js';

const one = { responses: ['a', 'b'], users: [{ weight: '1', ranking: [['a'], ['b']] }] };
const two = { prompts: [{ weight: '1', ...one }, { weight: '2', ...one }] };
const bad = (id: string, json: unknown, msg: RegExp) => {
  const c = claimById(id);
  expect(() => c.fromJson(json)).toThrow(InputError);
  expect(() => c.fromJson(json)).toThrow(msg);
};

describe('claim instances as JSON', () => {
  for (const c of CLAIMS)
    it(`${c.id}: toJson → JSON text → fromJson keeps the instance and its verdict`, () => {
      for (const i of fc.sample(c.arbitrary({ maxK: 4 }), { seed: SEED, numRuns: 8 })) {
        const j = c.toJson(i);
        const back = c.fromJson(JSON.parse(JSON.stringify(j)));
        expect(c.toJson(back)).toEqual(j);
        expect(c.check(back).slack.equals(c.check(i).slack)).toBe(true);
        expect(c.size(back)).toEqual(c.size(i));
      }
    });

  it('the registry: ids in report order, case-insensitive lookup, comma lists', () => {
    expect(CLAIMS.map((c) => c.id)).toEqual(['T0', 'T1', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7', 'T8', 'T9', 'L1', 'L2', 'L3', 'L4', 'N1', 'N2', 'N3', 'N4', 'N5', 'N6', 'I1', 'C1', 'C2', 'C3']);
    expect(claimById('t8').id).toBe('T8');
    expect(claimById('l2').id).toBe('L2');
    expect(() => claimById('T99')).toThrow(/unknown claim "T99"/);
    expect(selectClaims('N5, t0, L1').map((c) => c.id)).toEqual(['T0', 'L1', 'N5']);
    expect(selectClaims(undefined)).toHaveLength(24);
    expect(selectClaims('all')).toHaveLength(24);
    for (const c of CLAIMS) {
      expect(c.compares.length).toBeGreaterThan(20);
      expect(c.expect === 'holds').toBe(!c.id.startsWith('N')); // negative controls N1–N6 are refuted
    }
  });

  it('malformed instances: one InputError naming the problem', () => {
    bad('T0', { profile: one }, /missing "k"/);
    bad('T0', { profile: one, k: 0, policy: { a: '1' } }, /"k" must be an integer ≥ 1/);
    bad('T0', { profile: one, k: 1.5, policy: { a: '1' } }, /"k" must be an integer ≥ 1/);
    bad('T0', { k: 1 }, /missing "profile"/);
    bad('T0', { profile: one, k: 1, policy: { kind: 'k-output', outcomes: [{ responses: ['a'], prob: '1' }] } }, /expected a policy/);
    bad('T4', { profile: one, k: 1, c: 'z' }, /must be a response id/);
    bad('T4', { profile: one, k: 1, c: 3 }, /must be a response id/);
    bad('T4', { profile: two, k: 1, c: 'a' }, /one response id per prompt/);
    bad('T4', { profile: two, k: 1, c: ['a', 7] }, /c\[1\] must be a response id/);
    bad('T4', { profile: { responses: ['a', 'b'], users: [{ weight: '1', ranking: [['a', 'b']] }] }, k: 1, c: 'a' }, /rankings must be strict/);
    bad('T5', { profile: one, k: 1, iterates: [] }, /non-empty array of policies/);
    bad('T5', { profile: one, k: 1, iterates: {} }, /non-empty array of policies/);
    bad('T5', { profile: one, k: 1, iterates: [{ kind: 'k-output', outcomes: [{ responses: ['a'], prob: '1' }] }] }, /iterates\[0\]: expected a policy/);
    bad('T5', { profile: one, k: 1, iterates: [{ a: '1' }], hedge: 'yes' }, /hedge must be true or false/);
    const model2 = { kind: 'k-output', outcomes: [{ responses: ['a', 'b'], prob: '1' }] };
    bad('T6', { profile: one, k: 1, ell: 1, policy: { a: '1' }, model: model2 }, /k-output model with the instance k/);
    bad('T6', { profile: one, k: 1, ell: 1, policy: { a: '1' }, model: { a: '1' } }, /k-output model with the instance k/);
    bad('T8', { profile: one, k: 1, model: model2 }, /policy or a k-output model with the instance k/);
    bad('T8', { profile: one, k: 2, model: { kind: 'mixture', parts: [{ weight: '1', policy: { a: '1' } }] } }, /policy or a k-output model/);
    const m1 = { kind: 'k-output', outcomes: [{ responses: ['a'], prob: '1' }] };
    bad('N5', { profile: one, k: 1, ell: 2, model: m1, opponent: ['a'] }, /expected 2 response ids/);
    bad('N5', { profile: one, k: 1, ell: 1, model: m1, opponent: ['q'] }, /unknown response "q"/);
    bad('N5', { profile: one, k: 1, ell: 1, model: m1, opponent: 'a' }, /expected 1 response ids/);
    bad('N5', { profile: two, k: 1, ell: 1, model: { prompts: [m1, m1] }, opponent: [['a']] }, /one list of response ids per prompt/);
    bad('N5', { profile: one, k: 1, ell: 1, model: model2, opponent: ['a'] }, /k-output model with the instance k/);
    for (const id of ['L1', 'L2', 'N6']) {
      bad(id, { M: '1', delta: '1/10', k: 2 }, /instance\.M: the camps' strength ratio must be > 1, got 1/);
      bad(id, { M: '10', delta: '1/2', k: 2 }, /instance\.delta: must lie strictly between 0 and 1\/2/);
      bad(id, { M: '10', delta: '0', k: 2 }, /instance\.delta/);
      bad(id, { M: '10', delta: '1/10' }, /missing "k"/);
      bad(id, { M: 10.5, delta: '1/10', k: 2 }, /instance\.M/);
      // a stored profile must be the camps of M and δ
      bad(id, { profile: one, M: '10', delta: '1/10', k: 2 }, /not the Luce two camps of M and delta/);
    }
    bad('L3', { profile: one, k: 1, c: 'z' }, /must be a response id/);
    bad('L3', { profile: two, k: 1, c: 'a' }, /one response id per prompt/);
    bad('L4', { profile: one, k: 1 }, /a single Luce type/);
    const twoLuce = { responses: ['a', 'b'], users: [{ weight: '1', strengths: { a: '1', b: '2' } }, { weight: '1', strengths: { a: '2', b: '1' } }] };
    bad('L4', { profile: twoLuce, k: 1 }, /a single Luce type/);
  });

  it('L1, L2, N6 read {M, delta, k}; the profile they write is the camps of M and δ, read back', () => {
    const i = claimById('L1').fromJson({ M: '21/2', delta: '3/20', k: 4 });
    expect(i.M.toFraction()).toBe('21/2');
    const j = claimById('L1').toJson(i);
    expect(j.profile).toEqual({
      responses: ['a', 'b'],
      users: [
        { weight: '13/20', strengths: { a: '21/2', b: '1' } },
        { weight: '7/20', strengths: { a: '1', b: '21/2' } },
      ],
    });
    expect(claimById('N6').toJson(claimById('N6').fromJson(JSON.parse(JSON.stringify(j))))).toEqual(j);
    // a single Luce type given twice (equal strengths up to scale) is one Bradley–Terry user
    const bt = { responses: ['a', 'b'], users: [{ weight: '1', strengths: { a: '1', b: '2' } }, { weight: '2', strengths: { a: '2', b: '4' } }] };
    expect(claimById('L4').check(claimById('L4').fromJson({ profile: bt, k: 3 })).ok).toBe(true);
  });

  it('T4 and N5 read one id (list) on a single prompt and one per prompt on several', () => {
    const t4 = claimById('T4').fromJson({ profile: two, k: 2, c: ['a', 'b'] });
    expect(t4.c).toEqual([0, 1]);
    expect(claimById('T4').toJson(t4).c).toEqual(['a', 'b']);
    const m1 = { kind: 'k-output', outcomes: [{ responses: ['b'], prob: '1' }] };
    const n5 = claimById('N5').fromJson({ profile: two, k: 1, ell: 2, model: { prompts: [m1, m1] }, opponent: [['b', 'a'], ['a', 'a']] });
    expect(n5.opponent).toEqual([
      [0, 1],
      [0, 0],
    ]);
    expect(claimById('N5').toJson(n5).opponent).toEqual([
      ['a', 'b'],
      ['a', 'a'],
    ]);
  });
});

// Coverage of a claim's instances (verify.json): ranges widen with each instance and join across shards.
describe('coverage', () => {
  it('widens its ranges, counts k ≥ 8 and the instances of each user model', () => {
    let c = addInstance(EMPTY_COVERAGE, { k: 3, n: 2, users: 4, prompts: 1, model: 'luce' });
    expect(c).toEqual({ instances: 1, k: { min: 3, max: 3 }, largeK: 0, ell: null, n: { min: 2, max: 2 }, users: { min: 4, max: 4 }, prompts: { min: 1, max: 1 }, models: { weakOrders: 0, luce: 1, mixed: 0 } });
    c = addInstance(c, { k: 8, ell: 9, n: 1, users: 6, prompts: 3, model: 'weak-orders' });
    c = addInstance(c, { k: 7, ell: 2, n: 5, users: 5, prompts: 2, model: 'mixed' });
    c = addInstance(c, { k: 7, n: 5, users: 5, prompts: 2, model: 'luce' });
    expect(c).toEqual({
      instances: 4,
      k: { min: 3, max: 8 },
      largeK: 1,
      ell: { min: 2, max: 9 },
      n: { min: 1, max: 5 },
      users: { min: 4, max: 6 },
      prompts: { min: 1, max: 3 },
      models: { weakOrders: 1, luce: 2, mixed: 1 },
    });
    expect(addInstance(EMPTY_COVERAGE, { n: 1, users: 1, prompts: 1 }).k).toBeNull();
    // an instance without a profile model is counted, but under no model
    expect(addInstance(EMPTY_COVERAGE, { n: 1, users: 1, prompts: 1 }).models).toEqual({ weakOrders: 0, luce: 0, mixed: 0 });
  });

  it('shards add their instances (by user model too) and join their ranges', () => {
    const a = addInstance(addInstance(EMPTY_COVERAGE, { k: 2, n: 3, users: 1, prompts: 1, model: 'weak-orders' }), { k: 12, n: 3, users: 2, prompts: 1, model: 'mixed' });
    const b = addInstance(EMPTY_COVERAGE, { k: 1, ell: 2, n: 4, users: 1, prompts: 2, model: 'mixed' });
    const m = mergeCoverage(a, b);
    expect(m).toEqual({
      instances: 3,
      k: { min: 1, max: 12 },
      largeK: 1,
      ell: { min: 2, max: 2 },
      n: { min: 3, max: 4 },
      users: { min: 1, max: 2 },
      prompts: { min: 1, max: 2 },
      models: { weakOrders: 1, luce: 0, mixed: 2 },
    });
    expect(mergeCoverage(b, a)).toEqual(m);
    expect(mergeCoverage(EMPTY_COVERAGE, EMPTY_COVERAGE)).toEqual(EMPTY_COVERAGE);
  });

  it('the user model of a profile: weak orders, Luce types, or both kinds (in a prompt or across prompts)', () => {
    const w = makePrompt(['a', 'b'], [{ weight: ONE, tiers: [['a']] }]);
    const l = makePrompt(['a', 'b'], [{ weight: ONE, strengths: [ONE, ONE] }]);
    const m = makePrompt(['a', 'b'], [{ weight: ONE, tiers: [['a']] }, { weight: ONE, strengths: [ONE, ONE] }]);
    const pr = (...ps: Prompt[]) => makeProfile(ps.map((prompt) => ({ weight: ONE, prompt })));
    expect(userModelOf(pr(w))).toBe('weak-orders');
    expect(userModelOf(pr(l, l))).toBe('luce');
    expect(userModelOf(pr(m))).toBe('mixed');
    expect(userModelOf(pr(w, l))).toBe('mixed');
    expect(profileSize(pr(l), 3).model).toBe('luce');
  });
});

// The claims' generators reach the hard cases (SPEC §1–4): k up to 32 with at least a tenth at k ≥ 8,
// ℓ up to k+1, several prompts, weak orders, unlisted responses, clones, near-degenerate weights — and shrink small.
const TAKES_K = ['T0', 'T1', 'T2', 'T4', 'T5', 'T6', 'T8', 'L1', 'L2', 'L3', 'L4', 'N1', 'N4', 'N5', 'N6'];
const claim = (id: string): Claim => CLAIMS.find((c) => c.id === id)!;
const sample = (c: Claim, runs: number, maxK?: number) => fc.sample(c.arbitrary(maxK === undefined ? {} : { maxK }), { seed: SEED, numRuns: runs });
const profileOf = (i: unknown): Profile => (i as { profile: Profile }).profile;

describe('sizes', () => {
  it('mostlySmall: a quarter of the draws over the whole range, shrinking toward the low end', () => {
    const xs = fc.sample(kArb(32), { seed: SEED, numRuns: 2000 });
    expect(Math.min(...xs)).toBe(1);
    expect(Math.max(...xs)).toBe(32);
    expect(xs.filter((k) => k >= LARGE_K).length).toBeGreaterThan(200);
    expect(xs.filter((k) => k <= 4).length).toBeGreaterThan(1200);
    expect(fc.sample(mostlySmall(3, 5), { seed: SEED, numRuns: 200 }).every((v) => v >= 3 && v <= 5)).toBe(true);
    // shrinking a failing k ≥ 20 ends at 20
    const r = fc.check(fc.property(kArb(32), (k) => k < 20), { seed: SEED, numRuns: 500 });
    expect(r.failed).toBe(true);
    expect(r.counterexample![0]).toBe(20);
  });

  it('ℓ = min(1 + raw, k + 1)', () => {
    expect(ellOf(0, 5)).toBe(1);
    expect(ellOf(3, 5)).toBe(4);
    expect(ellOf(5, 5)).toBe(6);
    expect(ellOf(9, 5)).toBe(6);
  });
});

describe('claims that take k', () => {
  for (const id of TAKES_K)
    it(`${id}: k from 1 to ≥ 24, at least a tenth at k ≥ 8; --k-max bounds it`, () => {
      const c = claim(id);
      const sizes: InstanceSize[] = sample(c, 300).map((i) => c.size(i));
      const ks = sizes.map((s) => s.k!);
      expect(Math.min(...ks)).toBe(1);
      expect(Math.max(...ks)).toBeGreaterThanOrEqual(24);
      expect(ks.filter((k) => k >= LARGE_K).length).toBeGreaterThanOrEqual(30);
      expect(Math.max(...sample(c, 40, 3).map((i) => c.size(i).k!))).toBeLessThanOrEqual(3);
    });

  it('T3, T9 and N3 draw k up to 8', () => {
    for (const id of ['T3', 'T9', 'N3']) expect(Math.max(...sample(claim(id), 150).map((i) => claim(id).size(i).k!))).toBe(8);
  });

  it('T6 and N5: ℓ reaches k + 1, and goes past 8', () => {
    for (const id of ['T6', 'N5']) {
      const s = sample(claim(id), 200).map((i) => claim(id).size(i));
      expect(s.some((x) => x.ell === x.k! + 1 && x.k! >= 2)).toBe(true);
      expect(Math.max(...s.map((x) => x.ell!))).toBeGreaterThan(8);
      expect(s.every((x) => x.ell! >= 1 && x.ell! <= x.k! + 1)).toBe(true);
    }
  });
});

describe('profiles', () => {
  const all = ['T0', 'T1', 'T2', 'T3', 'T5', 'T6', 'T7', 'T8', 'T9', 'N1', 'N2', 'N3', 'N4', 'N5'];
  for (const id of all)
    it(`${id}: several prompts, ties, unlisted responses, clones and near-degenerate weights`, () => {
      const ps = sample(claim(id), 200).map(profileOf);
      expect(Math.max(...ps.map((p) => p.prompts.length))).toBeGreaterThanOrEqual(2);
      const prompts = ps.flatMap((p) => p.prompts.map((x) => x.prompt));
      expect(prompts.some((p) => p.users.some((u) => u.kind === 'ranking' && u.tiers.some((t) => t.length > 1)))).toBe(true);
      expect(prompts.some((p) => p.users.some((u) => u.kind === 'ranking' && u.tiers.length === 0))).toBe(true);
      expect(prompts.some((p) => p.users.some((u) => u.kind === 'ranking' && u.numTiers > u.tiers.length && u.tiers.length > 0))).toBe(true);
      expect(prompts.some((p) => p.users.length > 1 && cloneClasses(p).some((c) => c.length > 1))).toBe(true);
      expect(prompts.some((p) => p.users.some((u) => u.weight.d >= 1000n) || p.users.some((u) => u.weight.n * 1000n <= u.weight.d))).toBe(true);
    });

  // the positive claims stated for every user model draw a quarter Luce and a quarter mixed profiles (SPEC §4b)
  const byModel = ['T0', 'T1', 'T2', 'T3', 'T5', 'T6', 'T7', 'T8', 'T9', 'L3'];
  for (const id of byModel)
    it(`${id}: weak-order, Luce and mixed profiles (about 1/2, 1/4, 1/4); Luce types with strengths other than 1`, () => {
      const c = claim(id);
      const xs = sample(c, 200);
      const models = xs.map((i) => c.size(i).model);
      const count = (m: string) => models.filter((x) => x === m).length;
      expect(count('weak-orders')).toBeGreaterThan(70);
      expect(count('luce')).toBeGreaterThan(30);
      expect(count('mixed')).toBeGreaterThan(30);
      const prompts = xs.flatMap((i) => profileOf(i).prompts.map((x) => x.prompt));
      const luce = prompts.flatMap((p) => p.users.filter((u) => u.kind === 'luce'));
      expect(luce.some((u) => u.kind === 'luce' && u.strengths.some((v) => !v.equals(ONE)))).toBe(true);
      expect(luce.some((u) => u.kind === 'luce' && u.strengths.some((v) => v.d > 1n))).toBe(true);
      // mixed prompts hold both kinds; unanimous Luce prompts (a single Bradley–Terry user) occur
      expect(prompts.some((p) => p.users.some((u) => u.kind === 'luce') && p.users.some((u) => u.kind === 'ranking'))).toBe(true);
      expect(prompts.some((p) => p.users.every((u) => u.kind === 'luce') && isUnanimous(p))).toBe(true);
    });

  it('L1, L2, N6: Luce two camps, M from 2 to past 30, δ in (0, ½), c < 1 and c ≥ 1; L4: single Luce types only', () => {
    for (const id of ['L1', 'L2', 'N6']) {
      const xs = sample(claim(id), 200) as { M: Fraction; delta: Fraction; k: number }[];
      expect(xs.every((i) => i.M.gt(ONE) && i.delta.gt(ZERO) && i.delta.lt(HALF))).toBe(true);
      expect(Math.max(...xs.map((i) => toNumber(i.M)))).toBeGreaterThan(30);
      expect(xs.some((i) => i.M.d > 1n)).toBe(true);
      const c = xs.map((i) => toNumber(campC(i)));
      expect(c.filter((v) => v < 1).length).toBeGreaterThan(40);
      expect(c.filter((v) => v >= 1).length).toBeGreaterThan(40);
    }
    expect(sample(claim('L4'), 100).every((i) => profileOf(i).prompts.every(({ prompt }) => prompt.users.every((u) => u.kind === 'luce') && isUnanimous(prompt)))).toBe(true);
  });

  it('T4: strict rankings only, on several prompts', () => {
    const ps = sample(claim('T4'), 200).map(profileOf);
    expect(Math.max(...ps.map((p) => p.prompts.length))).toBe(2);
    expect(ps.every((p) => p.prompts.every(({ prompt }) => prompt.users.every((u) => u.kind === 'ranking' && u.tiers.every((t) => t.length === 1) && u.numTiers === prompt.responses.length)))).toBe(true);
  });
});
