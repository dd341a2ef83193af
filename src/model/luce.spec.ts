// Luce user types in the model and the codec (SPEC §4b): {weight, strengths}, integer scaling, round trip, errors.
import { describe, expect, it } from 'vitest';
import { frac } from '../exact/rational.js';
import { profileFromJson, profileToJson } from './codec.js';
import { InputError } from './errors.js';
import { luceType, makePrompt } from './build.js';
import { cloneClasses, hasLuce, isImpartialCulture, isStrict, isUnanimous, unanimousTop } from './structure.js';
import { LuceType } from './types.js';

const luce = (strengths: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  responses: ['a', 'b', 'c'],
  users: [{ weight: 2, strengths, ...extra }, { weight: 1, ranking: [['c'], ['a']] }],
});

describe('Luce types in profiles', () => {
  it('reads strengths, scales them to coprime integers, normalises weights over both kinds', () => {
    const p = profileFromJson(luce({ a: '3', b: 1, c: '1/2' })).prompts[0].prompt;
    const u = p.users[0] as LuceType;
    expect(u.kind).toBe('luce');
    expect(u.ints).toEqual([6, 2, 1]);
    expect(u.scale.toFraction()).toBe('1/2');
    expect(u.strengths.map((s) => s.toFraction())).toEqual(['3', '1', '1/2']);
    expect(p.users.map((x) => x.weight.toFraction())).toEqual(['2/3', '1/3']);
    expect(hasLuce(p)).toBe(true);
  });

  it('round-trips through the JSON shape', () => {
    const j = { responses: ['a', 'b', 'c'], users: [{ weight: '2/3', strengths: { a: '3', b: '1', c: '1/2' } }, { weight: '1/3', ranking: [['c'], ['a']] }] };
    expect(profileToJson(profileFromJson(j))).toEqual(j);
  });

  const bad: [string, unknown, RegExp][] = [
    ['missing', luce({ a: 1, b: 1 }), /\$\.users\[0\]\.strengths: no strength for response "c"/],
    ['unknown', luce({ a: 1, b: 1, c: 1, d: 1 }), /\$\.users\[0\]\.strengths\.d: unknown response "d"/],
    ['zero', luce({ a: 1, b: '0', c: 1 }), /users\[0\]\.strengths\.b: strength must be positive/],
    ['negative', luce({ a: 1, b: '-1/2', c: 1 }), /strength must be positive/],
    ['not a number', luce({ a: 1, b: 'x', c: 1 }), /\$\.users\[0\]\.strengths\.b: expected an exact number.*got "x"/],
    ['float', luce({ a: 1, b: 0.5, c: 1 }), /\$\.users\[0\]\.strengths\.b: the number 0\.5 is not a safe integer/],
    ['both keys', luce({ a: 1, b: 1, c: 1 }, { ranking: [['a']] }), /has both "ranking" and "strengths"/],
    ['neither', { responses: ['a'], users: [{ weight: 1 }] }, /\$\.users\[0\]: needs "ranking" \(a weak order\) or "strengths" \(a Luce type\)/],
    ['not an object', luce([1, 2, 3] as unknown as Record<string, unknown>), /\$\.users\[0\]\.strengths: expected strengths \{response id: positive strength\}/],
    ['too fine', luce({ a: '1/4294967311', b: '1/4294967357', c: 1 }), /integers above 2\^32/],
  ];
  for (const [name, json, re] of bad)
    it(`rejects ${name} in one line`, () => {
      let err: unknown;
      try {
        profileFromJson(json, 'f.json');
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(InputError);
      expect((err as Error).message).toMatch(re);
      expect((err as Error).message.startsWith('f.json: ')).toBe(true);
      expect((err as Error).message).not.toContain('\n');
    });

  it('luceType and makePrompt validate on their own', () => {
    expect(() => luceType(frac(1), [frac(1), frac(0)])).toThrow(InputError);
    expect(() => makePrompt(['a', 'b'], [{ weight: frac(1), strengths: [frac(1)] }])).toThrow(/1 strengths for 2 responses/);
    expect(() => makePrompt(['a', 'b'], [{ weight: frac(1), strengths: { a: frac(1) } }])).toThrow(/no strength for response "b"/);
  });
});

describe('structure with Luce types', () => {
  const P = (users: Parameters<typeof makePrompt>[1]) => makePrompt(['a', 'b', 'c'], users);
  it('a single Luce type (proportional strengths) is unanimous; its top is the strongest; mixes are not', () => {
    const one = P([{ weight: frac(1), strengths: [frac(1), frac(4), frac(2)] }, { weight: frac(3), strengths: [frac(1, 2), frac(2), frac(1)] }]);
    expect(isUnanimous(one)).toBe(true);
    expect(unanimousTop(one)).toBe(1);
    expect(isUnanimous(P([{ weight: frac(1), strengths: [frac(1), frac(4), frac(2)] }, { weight: frac(1), strengths: [frac(1), frac(4), frac(3)] }]))).toBe(false);
    const mixed = P([{ weight: frac(1), strengths: [frac(1), frac(4), frac(2)] }, { weight: frac(1), tiers: [['b'], ['c'], ['a']] }]);
    expect(isUnanimous(mixed)).toBe(false);
    expect(isStrict(mixed)).toBe(false);
    expect(isImpartialCulture(mixed)).toBe(false);
  });
  it('clones: equal strength in every Luce type and tied in every ranking type', () => {
    const p = P([{ weight: frac(1), strengths: [frac(2), frac(1), frac(1)] }, { weight: frac(1), tiers: [['b', 'c'], ['a']] }]);
    expect(cloneClasses(p)).toEqual([[0], [1, 2]]);
    const q = P([{ weight: frac(1), strengths: [frac(2), frac(1), frac(3)] }, { weight: frac(1), tiers: [['b', 'c'], ['a']] }]);
    expect(cloneClasses(q)).toEqual([[0], [1], [2]]);
  });
});
