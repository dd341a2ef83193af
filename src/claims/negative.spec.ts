// Negative controls N1–N6 on crafted instances: each error names its claim and quantity, and the second opinions
// are computed exactly within their size budgets (SPEC §5; values derived by hand in the comments).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Fraction, frac, HALF, ONE, ZERO } from '../exact/rational.js';
import { CertificateError, InputError } from '../model/errors.js';
import { N1, N2, N3, N4, N5, N6 } from './negative.js';
import { SEED } from '../../test/helpers/fc.js';
import { same, str, tiers, unanimous } from '../../test/helpers/profiles.js';
import { thrownBy } from '../../test/helpers/refusal.js';


/** f throws a CertificateError with exactly this message. */
function certError(f: () => unknown, message: string): void {
  const err = thrownBy(() => f());
  expect(err).toBeInstanceOf(CertificateError);
  expect((err as Error).message).toBe(message);
}

describe('negative controls: an error names the claim, the quantity and both values', () => {
  it('N1, N4 (unanimous a ≻ b, δ_a, k = 1): rob = 1/2 under pairwise, 1/3 against {a, a} under uniform', () => {
    const i1 = N1.fromJson({ profile: unanimous(['a', 'b']), k: 1 });
    const e1 = N1.evidence(i1);
    certError(() => N1.judge(i1, { ...e1, second: frac(3, 5) }), 'N1: rob 1/2 disagrees with its second opinion 3/5');
    const i4 = N4.fromJson({ profile: unanimous(['a', 'b']), k: 1 });
    const e4 = N4.evidence(i4);
    certError(() => N4.judge(i4, { ...e4, second: HALF }), 'N4: rob 1/3 disagrees with its second opinion 1/2');
  });

  it('N2 (two camps 11/20 a ≻ b, 9/20 b ≻ a): δ_a, rob_3 = min(3/4, 11/20) = 11/20', () => {
    const i = N2.fromJson({ profile: { responses: ['a', 'b'], users: [{ weight: '11/20', ranking: tiers('a', 'b') }, { weight: '9/20', ranking: tiers('b', 'a') }] } });
    const e = N2.evidence(i);
    certError(() => N2.judge(i, { ...e, minWinRates: [frac(2, 5)] }), 'N2: the maximal lottery has min_z P(π ≻ z) = 2/5 < 1/2 by definition');
    certError(() => N2.judge(i, { ...e, robustnessDirect: frac(3, 5) }), 'N2: rob 11/20 disagrees with its second opinion 3/5');
  });

  it("N3 (unanimous a ≻ b, k = 2): V_2 = 2/3, the model's guarantee and the opponent's bound", () => {
    const i = N3.fromJson({ profile: unanimous(['a', 'b']), k: 2 });
    const e = N3.evidence(i);
    const p = e.prompts[0];
    certError(() => N3.judge(i, { ...e, prompts: [{ ...p, modelValue: HALF }] }), "N3: V_k's model guarantee 2/3 disagrees with its second opinion 1/2");
    certError(() => N3.judge(i, { ...e, prompts: [{ ...p, opponentValue: ONE }] }), "N3: V_k's opponent bound 2/3 disagrees with its second opinion 1");
  });

  it("N5 (SPEC example: model a, opponent {a, a}): the opponent scores 2/3 under uniform, 1/2 under pairwise", () => {
    const i = N5.fromJson({
      profile: unanimous(['a', 'b']),
      k: 1,
      ell: 2,
      model: { kind: 'k-output', outcomes: [{ responses: ['a'], prob: '1' }] },
      opponent: ['a', 'a'],
    });
    const p = N5.evidence(i).prompts[0];
    certError(() => N5.judge(i, { prompts: [{ ...p, uniformDef: ZERO }] }), "N5: the opponent's score under uniform 2/3 disagrees with its second opinion 0");
    certError(() => N5.judge(i, { prompts: [{ ...p, pairwiseDef: ZERO }] }), "N5: the opponent's score under pairwise 1/2 disagrees with its second opinion 0");
  });

  it('N5: a model that does not read names instance.model', () => {
    const bad = { profile: unanimous(['a', 'b']), k: 1, ell: 1, model: { kind: 'k-output', outcomes: [{ responses: ['z'], prob: '1' }] }, opponent: ['a'] };
    expect(() => N5.fromJson(bad)).toThrow(InputError);
    expect(() => N5.fromJson(bad)).toThrow(/^instance\.model: /);
  });

  it('N6 (Luce camps M = 10, δ = 1/10, k = 2): rob = 67/105; a lottery that is not exactly (1, 0) is an error', () => {
    const i = N6.fromJson({ M: '10', delta: '1/10', k: 2 });
    const e = N6.evidence(i);
    certError(() => N6.judge(i, { ...e, robustnessDirect: frac(2, 3) }), 'N6: rob 67/105 disagrees with its second opinion 2/3');
    certError(() => N6.judge(i, { ...e, lottery: [HALF, HALF], minWinRate: frac(3, 5) }), 'N6: the maximal lottery 1/2, 1/2 is not δ_a by definition (min_z P(π ≻ z) = 3/5)');
    // a first entry 1 is not enough: δ_a on the camps' two responses has exactly two entries
    certError(() => N6.judge(i, { ...e, lottery: [ONE, ZERO, ZERO], minWinRate: HALF }), 'N6: the maximal lottery 1, 0, 0 is not δ_a by definition (min_z P(π ≻ z) = 1/2)');
    certError(() => N6.judge(i, { ...e, lottery: [ONE], minWinRate: HALF }), 'N6: the maximal lottery 1 is not δ_a by definition (min_z P(π ≻ z) = 1/2)');
  });
});

describe('negative controls: second opinions within their budgets', () => {
  it('N1 (unanimous on 5 responses, k = 10): rob under pairwise = 1/2 by the direct expectation, whatever the size of an ℓ-multiset enumeration', () => {
    // SPEC N1: on a unanimous profile the opponent copies the top response and ties: ½. The instance is past N4's
    // enumeration budget (C(14, 10)·5·11·(1 + 10/64) > 30000): N1 (ℓ = 1) does not use that budget.
    const e = N1.evidence(N1.fromJson({ profile: unanimous(['a', 'b', 'c', 'd', 'e']), k: 10 }));
    expect(str(e.robustness)).toBe('1/2');
    expect(str(e.second)).toBe('1/2');
  });

  it('N4 (unanimous a ≻ b, δ_a, k = 1): rob_{1,2} = 1/3 by enumeration (the opponent plays a twice, SPEC N4)', () => {
    const e = N4.evidence(N4.fromJson({ profile: unanimous(['a', 'b']), k: 1 }));
    expect(str(e.robustness)).toBe('1/3');
    expect(str(e.second)).toBe('1/3');
  });

  it('N4: the enumeration runs at exactly its budget of 30000 and not one user past it', () => {
    // Σ_x C(n+k−1, k)·C(n+1, 2)·m·(k+2) at k = 18: opposite voters on {a, b} give 19·3·2·20 = 2280, one response
    // with m users gives 20m; π = (½, ½) on the first prompt gives 2 bits, so the work is ·(1 + 2·18/64) = ·25/16.
    // m = 846: (2280 + 16920)·25/16 = 30000 exactly; m = 847: 30031.25.
    const at = (m: number) =>
      N4.fromJson({
        profile: {
          prompts: [
            { responses: ['a', 'b'], users: [{ weight: '1', ranking: tiers('a', 'b') }, { weight: '1', ranking: tiers('b', 'a') }] },
            { responses: ['c'], users: same(m, [['c']]) },
          ],
        },
        k: 18,
      });
    const i = at(846);
    const e = N4.evidence(i);
    expect(e.policy.map((p) => p.map(str))).toEqual([['1/2', '1/2'], ['1']]);
    expect(e.second).not.toBeNull();
    expect(N4.judge(i, e).ok).toBe(e.second!.gte(frac(18, 19).sub(e.epsilon.mul(frac(2)))));
    const past = N4.evidence(at(847));
    expect(past.policy.map((p) => p.map(str))).toEqual([['1/2', '1/2'], ['1']]);
    expect(past.second).toBeNull();
  });

  it("N3 (unanimous on 4 responses, k = 3): the certificate's opponent bound 3/4 at exactly C(6, 3)·4·m = 20000, none past it", () => {
    // T3: V_k = k/(k+1) on a unanimous profile; m identical users count as m types in the budget.
    const at = (m: number) => N3.evidence(N3.fromJson({ profile: { responses: ['a', 'b', 'c', 'd'], users: same(m, tiers('a', 'b', 'c', 'd')) }, k: 3 }));
    const e = at(250);
    expect(str(e.value)).toBe('3/4');
    expect(str(e.prompts[0].opponentValue)).toBe('3/4');
    const past = at(251);
    expect(str(past.value)).toBe('3/4');
    expect(past.prompts[0].opponentValue).toBeNull();
  });
});

describe('N5 generator', () => {
  // maxResponses 2: Condorcet-cycle prompts still have 3 responses, so ids drawn below 2 would never name the third
  it('every response of a 3-response prompt can be in the opponent, even with maxResponses 2', () => {
    const xs = fc.sample(N5.arbitrary({ maxResponses: 2, maxK: 4 }), { seed: SEED, numRuns: 300 });
    const three = xs.flatMap((i) => i.profile.prompts.map(({ prompt }, x) => ({ n: prompt.responses.length, T: i.opponent[x] }))).filter((p) => p.n === 3);
    expect(three.length).toBeGreaterThan(0);
    expect(three.some((p) => p.T.includes(2))).toBe(true);
  });
});
