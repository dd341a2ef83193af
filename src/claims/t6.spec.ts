// T6 on crafted instances: the enumerations of all ℓ-multisets (by definition on π^{⊗k}, with the direct scores
// on Luce profiles, and for the k-output model) at exactly their size budgets and not past them; the judge's
// ℓ = 1 equality; instance errors (SPEC §4, T6).
import { describe, expect, it } from 'vitest';
import { Fraction, frac } from '../exact/rational.js';
import { T6, T6Instance } from './t6.js';
import { same, str, tiers } from '../../test/helpers/profiles.js';

const delta = (k: number, y: string) => ({ kind: 'k-output', outcomes: [{ responses: new Array<string>(k).fill(y), prob: '1' }] });

describe('T6: all ℓ-multisets by definition on π^{⊗k} within the budget', () => {
  it('runs at exactly Σ_x C(n+k−1, k)·C(n+ℓ−1, ℓ)·m·(k+ℓ) = 24000 (·(1 + 16/64) = 30000) and not one user past it', () => {
    // k = 16, ℓ = 4, π = δ (denominators 1: ·(1 + 16/64)); prompt 0: a ≻ b for 14 users, 17·5·14·20 = 23800;
    // prompt 1: one response, m users, 1·1·m·20. m = 10: 24000·5/4 = 30000; m = 11: 30025. Every factor is > 1 on
    // prompt 0, so a budget that divides by any of them (or takes k − ℓ) lets 11 in.
    const at = (m: number): T6Instance =>
      T6.fromJson({
        profile: { prompts: [{ responses: ['a', 'b'], users: same(14, tiers('a', 'b')) }, { responses: ['c'], users: same(m, [['c']]) }] },
        k: 16,
        ell: 4,
        policy: { prompts: [{ a: '1', b: '0' }, { c: '1' }] },
        model: { prompts: [delta(16, 'a'), delta(16, 'c')] },
      });
    // by hand: the best opponent plays the top response 4 times and wins 4 of 20 ties on both prompts: 16/20
    const i = at(10);
    const e = T6.evidence(i);
    expect(str(e.robustness)).toBe('4/5');
    expect(str(e.robEnumerated)).toBe('4/5');
    expect(str(e.robOfSearchOpponent)).toBe('4/5');
    expect(T6.judge(i, e).ok).toBe(true);
    const past = T6.evidence(at(11));
    expect(str(past.robustness)).toBe('4/5');
    expect(past.robEnumerated).toBeNull();
    expect(past.robOfSearchOpponent).toBeNull();
  });
});

describe('T6: all ℓ-multisets with the direct scores on profiles with Luce types', () => {
  // k = 1, ℓ = 199: a two-response prompt has C(200, 199) = 200 ℓ-multisets; a Luce type (a: 3, b: 1) and a weak
  // order a ≻ b give Σ_x = 400 = DIRECT_ENUM_COUNT, one more one-response prompt 401. The enumeration by definition
  // is out (2·200·1·200 per prompt > 30000), so the direct one is the second opinion. Only prompt 0 is Luce.
  const luce = { responses: ['a', 'b'], users: [{ weight: '1', strengths: { a: '3', b: '1' } }] };
  const order = { responses: ['a', 'b'], users: [{ weight: '1', ranking: tiers('a', 'b') }] };
  const extra = { responses: ['c'], users: [{ weight: '1', ranking: [['c']] }] };
  const instance = (prompts: object[]): T6Instance =>
    T6.fromJson({
      profile: { prompts },
      k: 1,
      ell: 199,
      policy: { prompts: prompts.map((p) => ((p as { responses: string[] }).responses.length === 1 ? { c: '1' } : { a: '1', b: '0' })) },
      model: { prompts: prompts.map((p) => delta(1, (p as { responses: string[] }).responses[0])) },
    });

  it('runs at exactly Σ_x C(n+ℓ−1, ℓ) = 400 and not at 401', () => {
    // by hand, π = δ_a: the opponent plays a 199 times; Luce: s(T) = 597 against s(S) = 3, the model keeps 3/600;
    // the weak order: one a among 200 tied a's, 1/200. Both 1/200 = k/(k+ℓ).
    const i = instance([luce, order]);
    const e = T6.evidence(i);
    expect(e.robEnumerated).toBeNull();
    expect(str(e.robustness)).toBe('1/200');
    expect(str(e.robDirectEnumerated)).toBe('1/200');
    expect(T6.judge(i, e).ok).toBe(true);
    const past = T6.evidence(instance([luce, order, extra]));
    expect(past.robEnumerated).toBeNull();
    expect(str(past.robustness)).toBe('1/200');
    expect(past.robDirectEnumerated).toBeNull();
  });

  it('is not run on a profile without Luce types', () => {
    const e = T6.evidence(instance([order, order]));
    expect(e.robEnumerated).toBeNull();
    expect(e.robDirectEnumerated).toBeNull();
  });
});

describe("T6: the k-output model's ℓ-opponent by enumeration within the budget", () => {
  it('runs at exactly Σ_x |outcomes|·C(n+ℓ−1, ℓ)·m·(k+ℓ) = 30000 and not one user past it', () => {
    // k = 6, ℓ = 4, n = 3 unanimous a ≻ b ≻ c, 5 outcomes: 5·15·m·10; m = 40: 30000; m = 41: 30750. Every factor is
    // > 1, so a budget that divides by any of them (or takes k − ℓ) lets 41 in.
    const outcomes = [['a', 'a', 'a', 'a', 'a', 'a'], ['a', 'a', 'a', 'a', 'a', 'b'], ['a', 'a', 'a', 'a', 'b', 'c'], ['a', 'a', 'a', 'b', 'b', 'b'], ['a', 'b', 'b', 'b', 'b', 'b']];
    const at = (m: number): T6Instance =>
      T6.fromJson({
        profile: { responses: ['a', 'b', 'c'], users: same(m, tiers('a', 'b', 'c')) },
        k: 6,
        ell: 4,
        policy: { a: '1/2', b: '1/2', c: '0' },
        model: { kind: 'k-output', outcomes: outcomes.map((responses) => ({ responses, prob: '1/5' })) },
      });
    // by hand: the opponent plays a 4 times; an outcome with j a's keeps j/(j+4): (6/10 + 5/9 + 4/8 + 3/7 + 1/5)/5
    const i = at(40);
    const e = T6.evidence(i);
    expect(str(e.modelRobustness)).toBe('1439/3150');
    expect(str(e.modelEnumerated)).toBe('1439/3150');
    expect(T6.judge(i, e).ok).toBe(true);
    const past = T6.evidence(at(41));
    expect(str(past.modelRobustness)).toBe('1439/3150');
    expect(past.modelEnumerated).toBeNull();
  });
});

describe('T6: the judge', () => {
  it('at ℓ = 1, rob_{k,1} must equal the direct expectation even with no enumeration to compare', () => {
    // SPEC T6: rob_{k,1} = k/(k+1) − ε. A robustness above it still passes the union bound and, with the
    // enumerations out of budget (null), only the ℓ = 1 equality rejects it.
    const i = T6.fromJson({
      profile: { responses: ['a', 'b'], users: [{ weight: '1', ranking: tiers('a', 'b') }, { weight: '1', ranking: tiers('b', 'a') }] },
      k: 2,
      ell: 1,
      policy: { a: '1', b: '0' },
      model: delta(2, 'a'),
    });
    const e = T6.evidence(i);
    expect(T6.judge(i, e).ok).toBe(true);
    const bad = { ...e, robustness: e.robustness.add(frac(1, 1009)), robOfSearchOpponent: null, robEnumerated: null, robDirectEnumerated: null };
    expect(T6.judge(i, bad).ok).toBe(false);
    expect(T6.judge(i, bad).slack.toFraction()).toBe('-1/1009');
  });
});

describe('T6: instance errors', () => {
  it('a model that does not read names instance.model', () => {
    const one = { responses: ['a', 'b'], users: [{ weight: '1', ranking: tiers('a', 'b') }] };
    expect(() => T6.fromJson({ profile: one, k: 1, ell: 1, policy: { a: '1' }, model: delta(1, 'z') })).toThrow(/^instance\.model: /);
  });
});
