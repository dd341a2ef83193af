// The model layer's JSON writers against its readers (codec.ts): what ualign prints is read back as the same
// model; zero probabilities are left out, a mixture's k is kept only when stated; and the builders' small
// contracts (point masses, merged multisets, printing of PrefLib prompts).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { frac, ONE, ZERO } from '../exact/rational.js';
import { modelFromJson, modelToJson, mixtureToJson, policyToJson, profileFromJson } from './codec.js';
import { makeKOutput, makeMixture, makePolicy, makeProfile, pointMass, promptFromRanks, singlePrompt } from './build.js';

const ab = { responses: ['a', 'b', 'c'], users: [{ weight: 1, ranking: [['a'], ['b']] }] };
const one = profileFromJson(ab);
const two = profileFromJson({ prompts: [ab, { weight: 3, ...ab }] });
const prompt = one.prompts[0].prompt;
const q = (s: string) => frac(BigInt(s.split('/')[0]), BigInt(s.split('/')[1] ?? '1'));

describe('writers and readers agree', () => {
  it('a policy: zero entries left out, read back equal', () => {
    const pol = makePolicy([[q('1/3'), ZERO, q('2/3')]]);
    expect(modelToJson(pol, one)).toEqual({ a: '1/3', c: '2/3' });
    expect(policyToJson([ZERO, ONE, ZERO], prompt)).toEqual({ b: '1' });
    expect(modelFromJson(modelToJson(pol, one), one)).toEqual(pol);
  });

  it('a k-output model and a mixture, on one prompt and on two', () => {
    const ko = makeKOutput(2, [[{ items: [0, 2], prob: q('1/4') }, { items: [1, 1], prob: q('3/4') }]]);
    expect(modelToJson(ko, one)).toEqual({ kind: 'k-output', outcomes: [{ responses: ['a', 'c'], prob: '1/4' }, { responses: ['b', 'b'], prob: '3/4' }] });
    expect(modelFromJson(modelToJson(ko, one), one)).toEqual(ko);
    const mx = makeMixture([[{ weight: q('1/2'), probs: [ONE, ZERO, ZERO] }, { weight: q('1/2'), probs: [ZERO, q('1/2'), q('1/2')] }]], 3);
    expect(mixtureToJson(mx.perPrompt[0], prompt, 3)).toEqual({ kind: 'mixture', k: 3, parts: [{ weight: '1/2', policy: { a: '1' } }, { weight: '1/2', policy: { b: '1/2', c: '1/2' } }] });
    expect(Object.keys(mixtureToJson(mx.perPrompt[0], prompt))).toEqual(['kind', 'parts']);
    expect(modelFromJson(modelToJson(mx, one), one)).toEqual(mx);
    const mx2 = makeMixture([mx.perPrompt[0], mx.perPrompt[0]], undefined);
    expect('k' in mx2).toBe(false);
    expect(makeMixture([mx.perPrompt[0]], 1).k).toBe(1);
    const j = modelToJson(mx2, two) as { prompts: unknown[] };
    expect(j.prompts).toHaveLength(2);
    expect(modelFromJson(j, two)).toEqual(mx2);
    const ko2 = makeKOutput(2, [ko.perPrompt[0], ko.perPrompt[0]]);
    expect(modelFromJson(modelToJson(ko2, two), two)).toEqual(ko2);
  });

  it('a part of weight 0 is accepted, and k = 1 for a mixture', () => {
    expect(() => makeMixture([[{ weight: ONE, probs: [ONE, ZERO, ZERO] }, { weight: ZERO, probs: [ZERO, ONE, ZERO] }]], 1)).not.toThrow();
  });
});

describe('builders', () => {
  it('pointMass is δ_y', () => {
    expect(pointMass(prompt, 1).map((v) => v.toFraction())).toEqual(['0', '1', '0']);
  });

  it('makeKOutput merges equal multisets only: (1, 11, 12) and (1, 1, 112) stay apart', () => {
    const m = makeKOutput(3, [[{ items: [12, 1, 11], prob: q('1/2') }, { items: [112, 1, 1], prob: q('1/2') }]]);
    expect(m.perPrompt[0].map((o) => o.items)).toEqual([[1, 11, 12], [1, 1, 112]]);
  });

  it('a weight of 0 is refused for a prompt; PrefLib prompts and single prompts print as JSON', () => {
    expect(() => makeProfile([{ weight: ZERO, prompt }])).toThrow('a weight must be positive, got 0');
    const p = promptFromRanks(['x', 'y'], [{ weight: ONE, rank: Int32Array.from([1, 0]), listed: 2 }]);
    expect(fc.stringify(p)).toBe(JSON.stringify({ responses: ['x', 'y'], users: [{ weight: '1', ranking: [['y'], ['x']] }] }));
    expect(fc.stringify(singlePrompt(p))).toBe(fc.stringify(p));
    expect(singlePrompt(p).prompts[0]).toEqual({ weight: ONE, prompt: p });
  });

  it('exact sums are never rounded: within 1e-9 of 1 but not 1 is refused unless a float is among them', () => {
    expect(() => modelFromJson({ a: '1/2', b: '499999999/1000000000', c: 0 }, one, 'q.json', { floats: true })).toThrow(
      'q.json: $: probabilities sum to 999999999/1000000000, not exactly 1',
    );
    expect(() => modelFromJson({ a: 0.5, b: '499999999/1000000000' }, one, 'q.json', { floats: true })).not.toThrow();
  });
});
