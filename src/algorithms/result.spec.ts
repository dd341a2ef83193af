import { describe, expect, it } from 'vitest';
import { frac, ONE, ZERO, sumOf, fromDouble } from '../exact/rational.js';
import { profileFromJson } from '../model/codec.js';
import { InputError } from '../model/errors.js';
import { parseAlignOutput } from './result.js';

const prompt = profileFromJson({ responses: ['a', 'b', 'c'], users: [{ weight: 1, ranking: [['a'], ['b'], ['c']] }] }).prompts[0].prompt;
const where = 'algorithm "x" on test';

describe('parseAlignOutput: exact reading of answers', () => {
  it('exact "p/q" policies must sum to exactly 1', () => {
    const r = parseAlignOutput({ a: '1/3', b: '2/3' }, prompt, 2, where);
    expect(r.model).toEqual({ kind: 'product', k: 2, probs: [frac(1, 3), frac(2, 3), ZERO] });
    expect(r.notes).toEqual([]);
    expect(() => parseAlignOutput({ a: '1/3', b: '1/3' }, prompt, 2, where)).toThrow(/sum to 2\/3, not exactly 1/);
  });

  it('floats are converted to their exact dyadic values; a sum within 1e-9 of 1 is divided out and noted', () => {
    const r = parseAlignOutput({ a: 0.1, b: 0.2, c: 0.7 }, prompt, 1, where);
    const s = fromDouble(0.1).add(fromDouble(0.2)).add(fromDouble(0.7));
    expect(s.equals(ONE)).toBe(false);
    if (r.model.kind !== 'product') throw new Error('expected a product');
    expect(r.model.probs[0].equals(fromDouble(0.1).div(s))).toBe(true);
    expect(sumOf(r.model.probs).equals(ONE)).toBe(true);
    expect(r.notes[0]).toMatch(/divided by their exact sum/);
    // a float vector summing exactly to 1 is taken as is
    expect(parseAlignOutput({ a: 0.5, b: 0.25, c: 0.25 }, prompt, 1, where).notes).toEqual([]);
  });

  it('errors name the algorithm, the prompt and the entry', () => {
    expect(() => parseAlignOutput({ a: 0.5, b: 0.4 }, prompt, 1, where)).toThrow(/algorithm "x" on test: \$: probabilities sum to 0.9.*further than 1e-9/);
    expect(() => parseAlignOutput({ a: NaN, b: 1 }, prompt, 1, where)).toThrow(/algorithm "x" on test: \$\.a: is NaN/);
    expect(() => parseAlignOutput({ a: -0.5, b: 1.5 }, prompt, 1, where)).toThrow(/\$\.a: a probability must not be negative/);
    expect(() => parseAlignOutput({ z: 1 }, prompt, 1, where)).toThrow(/unknown response "z"/);
    expect(() => parseAlignOutput({ a: 1 + 2e-9 }, prompt, 1, where)).toThrow(InputError);
  });

  it('k-output models, mixtures and the long form with slack', () => {
    const ko = parseAlignOutput({ kind: 'k-output', outcomes: [{ responses: ['b', 'a'], prob: '1/2' }, { responses: ['a', 'b'], prob: '1/2' }] }, prompt, 2, where);
    expect(ko.model).toEqual({ kind: 'outcomes', k: 2, outcomes: [{ items: [0, 1], prob: ONE }] });
    expect(() => parseAlignOutput({ kind: 'k-output', outcomes: [{ responses: ['a'], prob: 1 }] }, prompt, 2, where)).toThrow(/expected k = 2/);
    const mix = parseAlignOutput({ model: { kind: 'mixture', parts: [{ weight: '1/2', policy: { a: 1 } }, { weight: '1/2', policy: { b: 1 } }] }, slack: '1/10', note: 'hi' }, prompt, 3, where);
    expect(mix.model.kind).toBe('mixture');
    expect(mix.slack.equals(frac(1, 10))).toBe(true);
    expect(mix.notes).toEqual(['hi']);
  });
});
