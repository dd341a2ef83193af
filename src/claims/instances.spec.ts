// Claim instances in the profile format: toJson/fromJson round trips for every claim, and strict reading
// (one clear InputError for a malformed instance).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../model/errors.js';
import { CLAIMS, claimById, selectClaims } from './registry.js';
import { SEED } from '../../test/helpers/fc.js';

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
    expect(CLAIMS.map((c) => c.id)).toEqual(['T0', 'T1', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7', 'T8', 'N1', 'N2', 'N3', 'N4', 'N5']);
    expect(claimById('t8').id).toBe('T8');
    expect(() => claimById('T9')).toThrow(/unknown claim "T9"/);
    expect(selectClaims('N5, t0').map((c) => c.id)).toEqual(['T0', 'N5']);
    expect(selectClaims(undefined)).toHaveLength(14);
    expect(selectClaims('all')).toHaveLength(14);
    for (const c of CLAIMS) {
      expect(c.compares.length).toBeGreaterThan(20);
      expect(c.expect === 'holds').toBe(c.id.startsWith('T'));
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
