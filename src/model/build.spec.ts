// Profiles and prompts built here print as profile JSON in fast-check's reports (fc.toStringMethod).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { frac, ONE, ZERO } from '../exact/rational.js';
import { profileArb } from '../instances/arbitraries.js';
import { luceType, makeKOutput, makeMixture, makePolicy, makeProfile, makePrompt, promptFromRanks } from './build.js';
import { profileFromJson } from './codec.js';
import { refusal } from '../../test/helpers/refusal.js';

const json = { responses: ['a', 'b'], users: [{ weight: '11/20', ranking: [['a'], ['b']] }, { weight: '9/20', ranking: [['b'], ['a']] }] };

describe('printing', () => {
  it('fc.stringify shows a profile and a prompt as their JSON, not Map/Int32Array internals', () => {
    const p = profileFromJson(json);
    expect(fc.stringify(p)).toBe(JSON.stringify(json));
    expect(fc.stringify(p.prompts[0].prompt)).toBe(JSON.stringify(json));
    expect(fc.stringify(p)).not.toMatch(/Map|Int32Array/);
    // not enumerable: equality and JSON of the object itself are unchanged
    expect(Object.keys(p)).toEqual(['prompts']);
  });

  it('a failing property over profileArb reports the shrunk profile as JSON', () => {
    const r = fc.check(
      fc.property(profileArb({ maxResponses: 3 }), (p) => p.prompts[0].prompt.responses.length < 2),
      { seed: 1, numRuns: 100 },
    );
    expect(r.failed).toBe(true);
    const text = fc.defaultReportMessage(r) ?? '';
    expect(text).toContain('[{"responses":["a","b"],"users":[{"weight":"1","ranking":[["a","b"]]}]}]');
    expect(text).not.toMatch(/Int32Array|new Map/);
  });
});

describe('refusals of the builders called directly (default names, ids checked again)', () => {
  const cases: [string, () => unknown, string][] = [
    ['an empty id', () => makePrompt(['a', ''], [{ weight: ONE, tiers: [['a']] }]), 'profile: $.responses[1]: is not a non-empty string'],
    ['an id that is no string', () => promptFromRanks(['a', 7 as unknown as string], [{ weight: ONE, rank: Int32Array.from([0, -1]), listed: 1 }]), 'profile: $.responses[1]: is not a non-empty string'],
    ['an empty id under a base', () => makePrompt(['', 'a'], [], 'f', ['prompts', 2]), 'f: $.prompts[2].responses[0]: is not a non-empty string'],
    ['a zero strength', () => makePrompt(['a', 'b'], [{ weight: ONE, strengths: [ONE, ZERO] }]), 'profile: $.users[0].strengths.b: strength must be positive, got 0'],
    ['luceType', () => luceType(ONE, []), 'user type: no strengths'],
    ['promptFromRanks', () => promptFromRanks(['a'], []), 'profile: $.users: no users'],
    ['makeProfile', () => makeProfile([]), 'profile: $.prompts: no prompts'],
    ['makePolicy', () => makePolicy([[frac(1, 2)]]), 'policy: prompt 0: probabilities sum to 1/2, not exactly 1'],
    ['makeKOutput', () => makeKOutput(0, []), 'model: k must be an integer ≥ 1'],
    ['makeMixture', () => makeMixture([[]], undefined), 'mixture: prompt 0: a mixture needs at least one part'],
  ];
  it.each(cases)('%s', (_, f, line) => {
    expect(refusal(f)).toBe(line);
  });
});
