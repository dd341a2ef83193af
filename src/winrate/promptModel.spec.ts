// promptModels: the per-prompt view of a policy, a k-output model and a mixture (SPEC T5), and which k applies.
import { describe, expect, it } from 'vitest';
import { frac } from '../exact/rational.js';
import { InputError } from '../model/errors.js';
import { Model } from '../model/types.js';
import { promptModels } from './promptModel.js';

describe('promptModels', () => {
  const probs = () => [frac(1, 3), frac(2, 3)];
  const parts = () => [{ weight: frac(1), probs: probs() }];
  const mixture = (k?: number): Model => (k === undefined ? { kind: 'mixture', perPrompt: [parts()] } : { kind: 'mixture', k, perPrompt: [parts()] });

  it('a mixture that states k: that k, given or not; a different k is an InputError', () => {
    expect(promptModels(mixture(3)).map((m) => m.k)).toEqual([3]);
    expect(promptModels(mixture(3), 3).map((m) => [m.kind, m.k])).toEqual([['mixture', 3]]);
    expect(() => promptModels(mixture(3), 2)).toThrow(InputError);
    expect(() => promptModels(mixture(3), 2)).toThrow('k = 2 but the mixture states k = 3');
  });

  it('a mixture that does not state k takes the given k', () => {
    expect(promptModels(mixture(), 2).map((m) => [m.kind, m.k])).toEqual([['mixture', 2]]);
    expect(() => promptModels(mixture())).toThrow('k must be an integer ≥ 1 for a product policy');
  });

  it('a policy needs an integer k ≥ 1 (InputError)', () => {
    const policy: Model = { kind: 'policy', perPrompt: [probs()] };
    expect(promptModels(policy, 1).map((m) => [m.kind, m.k])).toEqual([['product', 1]]);
    expect(() => promptModels(policy)).toThrow(new InputError('k must be an integer ≥ 1 for a product policy'));
    for (const k of [0, -1, 1.5]) {
      expect(() => promptModels(policy, k)).toThrow(InputError);
      expect(() => promptModels(policy, k)).toThrow(new InputError(`k must be an integer ≥ 1, got ${k}`));
    }
  });

  it('a k-output model keeps its own k and outcomes', () => {
    const outcomes = [{ items: [0, 1], prob: frac(1) }];
    const m = promptModels({ kind: 'k-output', k: 2, perPrompt: [outcomes] }, 5);
    expect(m).toEqual([{ kind: 'outcomes', k: 2, outcomes }]);
  });
});
