// parseRule: the choice rules of SPEC §2 by name, and the exact error for an unknown one.
import { describe, expect, it } from 'vitest';
import { InputError } from '../model/errors.js';
import { RULES, parseRule } from './rules.js';

describe('parseRule', () => {
  it('RULES lists the three rules of SPEC §2, and each parses to itself', () => {
    expect([...RULES]).toEqual(['uniform', 'model-wins-ties', 'pairwise']);
    for (const r of ['uniform', 'model-wins-ties', 'pairwise']) expect(parseRule(r)).toBe(r);
  });

  it('no rule given means uniform', () => {
    expect(parseRule(undefined)).toBe('uniform');
  });

  it('an unknown rule is an InputError naming the option and the known rules', () => {
    expect(() => parseRule('majority')).toThrow(InputError);
    expect(() => parseRule('majority')).toThrow('--rule: unknown rule "majority" (expected one of uniform, model-wins-ties, pairwise)');
    expect(() => parseRule('', 'rule')).toThrow('rule: unknown rule "" (expected one of uniform, model-wins-ties, pairwise)');
  });
});
