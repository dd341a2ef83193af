// Krawczyk boxes (SPEC §3): an exact symmetric NE inside, or a reason — and the checker rejects wrong boxes.
import { test } from '@fast-check/vitest';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Fraction, ONE, ZERO, frac, signOf } from '../exact/rational.js';
import { makePrompt } from '../model/build.js';
import { Prompt } from '../model/types.js';
import { productScoreNumerators } from '../winrate/product.js';
import { promptEquilibrium } from './equilibrium.js';
import { krawczykBox, krawczykRowInside } from './krawczyk.js';
import { params } from '../../test/helpers/fc.js';

const twoCamp = (a: number, b: number) =>
  makePrompt(['a', 'b'], [
    { weight: frac(a), tiers: [['a'], ['b']] },
    { weight: frac(b), tiers: [['b'], ['a']] },
  ]);

/** U_k(a; π) − 1/(k+1) at π = (1 − t, t), exact: an independent look at the 1-d support equation. */
function F1(prompt: Prompt, k: number, t: Fraction): Fraction {
  const { num, den } = productScoreNumerators(prompt, [ONE.sub(t), t], k, 'uniform');
  return frac(num[0], den).sub(frac(1, k + 1));
}

describe('krawczykBox', () => {
  it('two-camp k = 3: an irrational equilibrium certified in a tiny box around π', () => {
    const p = twoCamp(11, 9);
    const e = promptEquilibrium(p, 3);
    expect(signOf(e.epsilon)).toBeGreaterThan(0);
    const box = e.box!;
    expect(box).not.toBeNull();
    expect(box.radius.lt(frac(1n, 10n ** 20n))).toBe(true);
    // independent: the 1-d support equation changes sign across the box (intermediate value theorem)
    expect(signOf(F1(p, 3, box.lo[1])) * signOf(F1(p, 3, box.hi[1]))).toBe(-1);
  });

  test.prop([fc.record({ a: fc.integer({ min: 1, max: 40 }), b: fc.integer({ min: 1, max: 40 }), k: fc.integer({ min: 2, max: 40 }) })], params(60))(
    'every 1-d box holds a sign change of the support equation (an exact zero inside), or there is no box',
    ({ a, b, k }) => {
      const p = twoCamp(a, b);
      const e = promptEquilibrium(p, k);
      if (e.box === null || e.support.length < 2) return;
      if (e.box.radius.n === 0n) expect(F1(p, k, e.probs[1]).n).toBe(0n);
      else expect(signOf(F1(p, k, e.box.lo[1])) * signOf(F1(p, k, e.box.hi[1]))).toBe(-1);
      expect(e.box.lo[1].lte(e.probs[1]) && e.probs[1].lte(e.box.hi[1])).toBe(true);
    },
  );

  it('rejects a center far from any equilibrium', () => {
    const r = krawczykBox(twoCamp(11, 9), 3, [0, 1], [frac(1, 2), frac(1, 2)]);
    expect('reason' in r).toBe(true);
  });

  it('rejects a box whose support leaves out a response that beats 1/(k+1)', () => {
    const p = twoCamp(11, 9);
    const e = promptEquilibrium(p, 3);
    // δ_a: b beats 1/(k+1) against it, so no box may be claimed on the support {a}
    const r = krawczykBox(p, 3, [0], [ONE, ZERO]);
    expect('reason' in r).toBe(true);
    if ('reason' in r) expect(r.reason).toMatch(/off-support response b/);
    expect(e.support).toEqual([0, 1]);
  });

  it('an exact equilibrium with an off-support response at exactly 1/(k+1) is degenerate: no point box', () => {
    // one voter with everything tied: δ_a is an equilibrium and b scores exactly 1/(k+1) against it
    const p = makePrompt(['a', 'b'], [{ weight: ONE, tiers: [] }]);
    const r = krawczykBox(p, 2, [0], [ONE, ZERO]);
    expect(r).toEqual({ reason: expect.stringMatching(/degenerate: off-support response b is at 1\/\(k\+1\) exactly/) });
  });

  it('a continuum of equilibria (opposite voters, k = 1) is not isolated: no point box', () => {
    const p = twoCamp(1, 1);
    const r = krawczykBox(p, 1, [0, 1], [frac(1, 2), frac(1, 2)]);
    expect(r).toEqual({ reason: expect.stringMatching(/not isolated/) });
  });

  it('an exact isolated equilibrium with strict off-support responses is its own point box', () => {
    const p = makePrompt(['a', 'b', 'c'], [
      { weight: frac(11, 20), tiers: [['a'], ['b'], ['c']] },
      { weight: frac(9, 20), tiers: [['b'], ['a'], ['c']] },
    ]);
    const r = krawczykBox(p, 2, [0, 1], [frac(13, 20), frac(7, 20), ZERO]);
    expect('box' in r && r.box.radius.n === 0n).toBe(true);
  });
});

describe('krawczykRowInside: the exact row test of K(X) ⊂ int X', () => {
  // r = 2^−4, P = 8 (Y entries over 256), k = 3, s = 2: 2k(k−1)s = 24; inside iff
  // YF·2^8 + RS·2^4 + 24·YS·(2 + 16·d) < 2^12   (Fden = Jden = 1, d = ‖x̃ − x̂‖₁)
  const base = { Fden: 1n, Jden: 1n, P: 8, R: 4, k: 3, s: 2, dist: ZERO };
  it('holds when the shift and the contraction fit inside the radius', () => {
    expect(krawczykRowInside({ ...base, YF: 1n, RS: 10n, YS: 1n })).toBe(true);
  });
  it('rejects a shift |Y F| as large as the radius', () => {
    expect(krawczykRowInside({ ...base, YF: 16n, RS: 0n, YS: 0n })).toBe(false);
    expect(krawczykRowInside({ ...base, YF: 15n, RS: 0n, YS: 0n })).toBe(true);
  });
  it('rejects a preconditioned Jacobian that does not contract (Σ|C0| ≥ 1)', () => {
    expect(krawczykRowInside({ ...base, YF: 0n, RS: 256n, YS: 0n })).toBe(false);
    expect(krawczykRowInside({ ...base, YF: 0n, RS: 255n, YS: 0n })).toBe(true);
  });
  it('rejects when only the second-derivative term 2k(k−1)(s·r + d) breaks the containment', () => {
    expect(krawczykRowInside({ ...base, YF: 0n, RS: 0n, YS: 85n })).toBe(true);
    expect(krawczykRowInside({ ...base, YF: 0n, RS: 0n, YS: 86n })).toBe(false);
    // the distance d of the coarse Jacobian point counts too
    expect(krawczykRowInside({ ...base, YF: 0n, RS: 0n, YS: 1n, dist: frac(10) })).toBe(true);
    expect(krawczykRowInside({ ...base, YF: 0n, RS: 0n, YS: 1n, dist: frac(11) })).toBe(false);
  });
});
