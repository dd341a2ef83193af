// The theorem claims' second opinions within their size budgets (SPEC §4: T2, T3, T4, T7), the certificates
// T3 reports for impartial culture, and the input errors of T8, on crafted instances (values derived by hand).
import { describe, expect, it } from 'vitest';
import { Fraction } from '../exact/rational.js';
import { InputError } from '../model/errors.js';
import { T2 } from './t2.js';
import { T3 } from './t3.js';
import { T4 } from './t4.js';
import { T7 } from './t7.js';
import { T8 } from './t8.js';
import { same, str, tiers, unanimous } from '../../test/helpers/profiles.js';

const names = (n: number) => Array.from({ length: n }, (_, y) => String.fromCharCode(97 + y));
const opposite = { responses: ['a', 'b'], users: [{ weight: '1', ranking: tiers('a', 'b') }, { weight: '1', ranking: tiers('b', 'a') }] };

describe('T2: the rule by definition on π^{⊗k} within its budget', () => {
  it('runs at exactly Σ_x C(n+k−1, k)·n·m·(1 + bits·k/64) = 4000 and not one user past it', () => {
    // k = 32 and π = (½, ½) (2 bits) double the count: opposite voters on {a, b} count C(33, 32)·2·2 = 132, a
    // one-response prompt with m users counts m; m = 1868: 2·2000 = 4000 exactly, m = 1869: 4002.
    // Both prompts are worth 32/33: on the first by the symmetry a ↔ b (every response scores 1/(k+1)), on the
    // second the opponent's copy of c holds one of 33 tied positions.
    const at = (m: number) =>
      T2.evidence(
        T2.fromJson({
          profile: { prompts: [opposite, { responses: ['c'], users: same(m, [['c']]) }] },
          k: 32,
          policy: { prompts: [{ a: '1/2', b: '1/2' }, { c: '1' }] },
        }),
      );
    const e = at(1868);
    expect(str(e.robDirect)).toBe('32/33');
    expect(str(e.robExplicit)).toBe('32/33');
    const past = at(1869);
    expect(str(past.robDirect)).toBe('32/33');
    expect(past.robExplicit).toBeNull();
  });
});

describe('T3: the certificate and the full LP within their budgets', () => {
  it("the opponent bound 3/4 at exactly C(6, 3)·4·m = 20000 (unanimous on 4 responses, k = 3), none past it", () => {
    // SPEC T3: V_k = k/(k+1) on a unanimous prompt; m identical users count as m types in the budget.
    const at = (m: number) => T3.evidence(T3.fromJson({ profile: { responses: ['a', 'b', 'c', 'd'], users: same(m, tiers('a', 'b', 'c', 'd')) }, k: 3 }));
    const e = at(250);
    expect(str(e.prompts[0].value)).toBe('3/4');
    expect(str(e.prompts[0].opponentValue)).toBe('3/4');
    const past = at(251);
    expect(str(past.prompts[0].value)).toBe('3/4');
    expect(past.prompts[0].opponentValue).toBeNull();
  });

  it('the full LP at exactly C(n+k−1, k) = 60 columns (n = 2, k = 59), not at 61 (k = 60)', () => {
    // with two responses the k-multisets are the k + 1 counts of a; unanimous a ≻ b: V_k = k/(k+1)
    const e = T3.evidence(T3.fromJson({ profile: unanimous(['a', 'b']), k: 59 }));
    expect(str(e.prompts[0].fullLP)).toBe('59/60');
    const past = T3.evidence(T3.fromJson({ profile: unanimous(['a', 'b']), k: 60 }));
    expect(str(past.prompts[0].value)).toBe('60/61');
    expect(past.prompts[0].fullLP).toBeNull();
  });

  it('impartial culture with k = N: opposite voters on {a, b}, k = 2 give 2/3 + 1/12 = 3/4 (SPEC T3)', () => {
    // σ = {a, b} ties with the opponent's copy for one voter (score ½) and beats it for the other: 1 − ¼
    const v = T3.check(T3.fromJson({ profile: opposite, k: 2 }));
    expect(v.ok).toBe(true);
    expect(v.certificate.value).toBe('3/4');
    expect(v.certificate.impartialCulture).toBe('3/4');
  });

  it('two impartial-culture prompts report one formula each: N = 2 gives 3/4, N = 3 gives 2/3 + 1/18 = 13/18 (k = 2)', () => {
    const perms = [['a', 'b', 'c'], ['a', 'c', 'b'], ['b', 'a', 'c'], ['b', 'c', 'a'], ['c', 'a', 'b'], ['c', 'b', 'a']];
    const ic3 = { responses: ['a', 'b', 'c'], users: perms.map((p) => ({ weight: '1', ranking: tiers(...p) })) };
    const v = T3.check(T3.fromJson({ profile: { prompts: [opposite, ic3] }, k: 2 }));
    expect(v.ok).toBe(true);
    expect(v.certificate.impartialCulture).toEqual(['3/4', '13/18']);
  });
});

describe('T4, T7: every extreme maximal lottery up to their response budgets', () => {
  it('T4 (unanimous, c = a, a Condorcet winner): the only maximal lottery δ_a listed at n = 6, not listed at n = 7', () => {
    const at = (n: number) => T4.evidence(T4.fromJson({ profile: unanimous(names(n)), k: 1, c: 'a' }));
    const [p] = at(6).prompts;
    expect(p.allMaximalLotteries?.map((l) => l.map(str))).toEqual([['1', '0', '0', '0', '0', '0']]);
    const [q] = at(7).prompts;
    expect(q.condorcetByDefinition).toBe(true);
    expect(q.maximalLottery?.map(str)).toEqual(['1', '0', '0', '0', '0', '0', '0']);
    expect(q.allMaximalLotteries).toBeNull();
  });

  it('T7 (unanimous, π = π′ = δ_a): the only maximal lottery δ_a listed at n = 5, not listed at n = 6', () => {
    const at = (n: number) => {
      const ys = names(n);
      const delta = Object.fromEntries(ys.map((y, j) => [y, j === 0 ? '1' : '0']));
      return T7.evidence(T7.fromJson({ profile: unanimous(ys), policy: delta, opponent: delta }));
    };
    const [p] = at(5).prompts;
    expect(p.all?.map((l) => l.probs.map(str))).toEqual([['1', '0', '0', '0', '0']]);
    const [q] = at(6).prompts;
    expect(q.maximalLottery.probs.map(str)).toEqual(['1', '0', '0', '0', '0', '0']);
    expect(q.all).toBeNull();
  });
});

describe('T8 input', () => {
  it('a model that does not read names instance.model', () => {
    const bad = { profile: unanimous(['a', 'b']), k: 1, model: { z: '1' } };
    expect(() => T8.fromJson(bad)).toThrow(InputError);
    expect(() => T8.fromJson(bad)).toThrow(/^instance\.model: /);
  });
});
