// Profiles and prompts built here print as profile JSON in fast-check's reports (fc.toStringMethod).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { profileArb } from '../instances/arbitraries.js';
import { profileFromJson } from './codec.js';

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
