// Structural tests of a prompt (SPEC §1, T3): unanimity and its top, impartial culture, strictness, clone classes,
// on hand-made prompts that differ from a positive case in one detail.
import { describe, expect, it } from 'vitest';
import { frac } from '../exact/rational.js';
import { makePrompt } from './build.js';
import { cloneClasses, isImpartialCulture, isStrict, isUnanimous, tierCount, unanimousTop } from './structure.js';

type U = [number | [number, number], string[][]];
const P = (responses: string[], users: U[]) =>
  makePrompt(
    responses,
    users.map(([w, tiers]) => ({ weight: typeof w === 'number' ? frac(w) : frac(w[0], w[1]), tiers })),
  );
const R = (s: string) => s.split('').map((c) => [c]); // "bca" → [[b], [c], [a]]

describe('isUnanimous, unanimousTop', () => {
  it('every user type with the same strict ranking', () => {
    const p = P(['a', 'b', 'c'], [
      [1, R('bca')],
      [2, R('bca')],
    ]);
    expect(isUnanimous(p)).toBe(true);
    expect(unanimousTop(p)).toBe(1);
    expect(unanimousTop(P(['a', 'b', 'c'], [[1, R('cab')]]))).toBe(2);
    expect(isUnanimous(P(['a'], [[1, R('a')]]))).toBe(true);
  });

  it('not unanimous: one type differs in one place, a tie, an unlisted response', () => {
    expect(isUnanimous(P(['a', 'b', 'c'], [[1, R('bca')], [1, R('bac')]]))).toBe(false);
    expect(isUnanimous(P(['a', 'b', 'c'], [[1, R('bca')], [1, R('cba')]]))).toBe(false);
    expect(isUnanimous(P(['a', 'b', 'c'], [[1, [['b'], ['c', 'a']]]]))).toBe(false);
    expect(isUnanimous(P(['a', 'b', 'c'], [[1, [['b']]]]))).toBe(false); // a and c unlisted: tied at the bottom
    expect(isUnanimous(P(['a', 'b', 'c'], [[1, [['b'], ['c']]]]))).toBe(true); // one unlisted response is its own last tier
    // the first type strict, the second the same ranking with the last two tied
    expect(isUnanimous(P(['a', 'b', 'c'], [[1, R('abc')], [1, [['a'], ['b', 'c']]]]))).toBe(false);
  });
});

describe('isImpartialCulture', () => {
  it('all N! strict rankings with equal total weight (repeated types add up)', () => {
    expect(isImpartialCulture(P(['a', 'b'], [[1, R('ab')], [1, R('ba')]]))).toBe(true);
    expect(isImpartialCulture(P(['a'], [[3, R('a')]]))).toBe(true);
    const six = ['abc', 'acb', 'bac', 'bca', 'cab', 'cba'].map((s): U => [1, R(s)]);
    expect(isImpartialCulture(P(['a', 'b', 'c'], six))).toBe(true);
    // one ranking split into two types of half the weight
    expect(isImpartialCulture(P(['a', 'b'], [[2, R('ab')], [1, R('ba')], [1, R('ba')]]))).toBe(true);
  });

  it('not: a missing ranking, unequal weights, a tie or unlisted response, all rankings but one weight off', () => {
    expect(isImpartialCulture(P(['a', 'b'], [[1, R('ab')]]))).toBe(false);
    expect(isImpartialCulture(P(['a', 'b'], [[1, R('ab')], [2, R('ba')]]))).toBe(false);
    expect(isImpartialCulture(P(['a', 'b'], [[1, R('ab')], [1, R('ba')], [1, [['a', 'b']]]]))).toBe(false);
    expect(isImpartialCulture(P(['a', 'b'], [[1, R('ab')], [1, R('ba')], [1, [['a']]]]))).toBe(false);
    const five = ['abc', 'acb', 'bac', 'bca', 'cab'].map((s): U => [1, R(s)]);
    expect(isImpartialCulture(P(['a', 'b', 'c'], five))).toBe(false);
    expect(isImpartialCulture(P(['a', 'b', 'c'], [...five, [[3, 2], R('cba')]]))).toBe(false);
    expect(isImpartialCulture(P(['a', 'b', 'c'], [...five, [1, R('cba')], [1, R('cba')]]))).toBe(false);
    // 4 responses: 24 rankings needed; 6 equal ones are not enough
    const four = ['abcd', 'abdc', 'acbd', 'acdb', 'adbc', 'adcb'].map((s): U => [1, R(s)]);
    expect(isImpartialCulture(P(['a', 'b', 'c', 'd'], four))).toBe(false);
  });
});

describe('isStrict', () => {
  it('no ties and nothing unlisted, in every type', () => {
    expect(isStrict(P(['a', 'b'], [[1, R('ab')], [1, R('ba')]]))).toBe(true);
    expect(isStrict(P(['a', 'b'], [[1, R('ab')], [1, [['a', 'b']]]]))).toBe(false);
    expect(isStrict(P(['a', 'b', 'c'], [[1, [['a']]]]))).toBe(false);
    expect(isStrict(P(['a', 'b', 'c'], [[1, R('abc')], [1, [['a']]]]))).toBe(false);
    expect(isStrict(P(['a', 'b'], [[1, [['a']]]]))).toBe(true); // one unlisted response forms its own bottom tier
  });
});

describe('cloneClasses', () => {
  it('responses tied in every type, in order of first appearance', () => {
    expect(cloneClasses(P(['a', 'b', 'c'], [[1, R('abc')]]))).toEqual([[0], [1], [2]]);
    expect(cloneClasses(P(['a', 'b', 'c', 'd'], [[1, [['a', 'c'], ['b', 'd']]], [1, [['b', 'd'], ['a', 'c']]]]))).toEqual([
      [0, 2],
      [1, 3],
    ]);
    // tied in one type only: not clones
    expect(cloneClasses(P(['a', 'b', 'c'], [[1, [['a', 'b'], ['c']]], [1, R('bac')]]))).toEqual([[0], [1], [2]]);
    // unlisted responses are tied at the bottom
    expect(cloneClasses(P(['a', 'b', 'c'], [[1, [['a']]], [1, [['a']]]]))).toEqual([[0], [1, 2]]);
    // ranks (0, 1) and (1, 0) of two types must not share a class with (0, 1) joined differently
    expect(cloneClasses(P(['a', 'b', 'c'], [[1, [['a'], ['b', 'c']]], [1, [['b', 'c'], ['a']]]]))).toEqual([[0], [1, 2]]);
    expect(cloneClasses(P(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l'], [[1, [['a', 'l'], ['b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k']]]]))).toEqual([
      [0, 11],
      [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
    ]);
  });

  it('keys joined per type: ranks 1,11 and 11,1 differ', () => {
    // 12 tiers for type 1, reversed for type 2: every response its own class even though digit strings could collide
    const ids = 'abcdefghijkl'.split('');
    const p = P(ids, [[1, R(ids.join(''))], [1, R([...ids].reverse().join(''))]]);
    expect(cloneClasses(p).length).toBe(12);
  });
});

describe('tierCount', () => {
  it('sums the tiers of the ranking types (the unlisted bottom tier included) and n per Luce type', () => {
    const p = makePrompt(['a', 'b', 'c'], [
      { weight: frac(1), tiers: [['a'], ['b'], ['c']] },
      { weight: frac(2), tiers: [['b']] },
      { weight: frac(3), tiers: [['a', 'c'], ['b']] },
      { weight: frac(1), strengths: [frac(1), frac(2), frac(3)] },
    ]);
    expect(tierCount(p)).toBe(3 + 2 + 2 + 3);
  });
});
