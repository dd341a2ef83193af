// Certified equilibria of G_{k+1} (SPEC §3, T2, T7, §6 test vectors).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Fraction, frac, ONE, ZERO, signOf, isZero } from '../exact/rational.js';
import { makePrompt, singlePrompt } from '../model/build.js';
import { robustness } from '../winrate/opponents.js';
import { exploitability, promptExploitability } from '../winrate/exploitability.js';
import { equilibrium, promptEquilibrium, pureEquilibria } from './equilibrium.js';
import { productScores } from '../winrate/product.js';
import { maximalLotteryCertificate } from './maximalLottery.js';
import { marginMatrix } from '../winrate/pairwise.js';
import { mulberry32 } from '../instances/prng.js';
import { profileRecordArb, promptFromRecord } from '../instances/arbitraries.js';
import { params } from '../../test/helpers/fc.js';
import { test } from '@fast-check/vitest';

const bound6 = (k: number, ell: number, eps: Fraction) => frac(k + 1 - ell, k + 1).sub(eps.mul(frac(ell)));

const twoCamp = (a: number, b: number) =>
  makePrompt(['a', 'b'], [
    { weight: frac(a), tiers: [['a'], ['b']] },
    { weight: frac(b), tiers: [['b'], ['a']] },
  ]);

/** Seeded instance: m types ranking n responses by quality + noise (strict rankings). */
export function seededPrompt(n: number, m: number, seed: number, noise = 1) {
  const rnd = mulberry32(seed);
  const ids = Array.from({ length: n }, (_, i) => `r${i}`);
  const q = ids.map(() => rnd());
  return makePrompt(
    ids,
    Array.from({ length: m }, () => {
      const s = q.map((v) => v + noise * (rnd() - 0.5));
      const order = [...ids.keys()].sort((x, y) => s[y] - s[x]);
      return { weight: frac(1 + Math.floor(rnd() * 5)), tiers: order.map((i) => [ids[i]]) };
    }),
  );
}

const TARGET = frac(1n, 10n ** 30n);

describe('equilibrium (SPEC §3)', () => {
  it('two-camp δ = 1/20: k = 2 gives exactly 13/20 with U_2(a) = U_2(b) = 1/3; k = 1 gives δ_a (SPEC §6)', () => {
    const p = twoCamp(11, 9);
    const e2 = promptEquilibrium(p, 2);
    expect(e2.probs.map((v) => v.toFraction())).toEqual(['13/20', '7/20']);
    expect(isZero(e2.epsilon)).toBe(true);
    const ex = promptExploitability(p, e2.probs, 2);
    expect(ex.scores.every((u) => u.equals(frac(1, 3)))).toBe(true);
    const e1 = promptEquilibrium(p, 1);
    expect(e1.probs.map((v) => v.toFraction())).toEqual(['1', '0']);
    expect(isZero(e1.epsilon)).toBe(true);
  });

  it('T2: rob_k(π^{⊗k}) = k/(k+1) − ε(π) exactly for the returned π, ε ≤ 10^−30, and a Krawczyk box', () => {
    for (const [n, k, seed] of [
      [5, 2, 1],
      [8, 3, 2],
      [10, 4, 3],
    ] as const) {
      const profile = singlePrompt(seededPrompt(n, 60, seed, 2));
      const r = equilibrium(profile, k);
      expect(signOf(r.epsilon)).toBeGreaterThanOrEqual(0);
      expect(r.epsilon.lte(TARGET)).toBe(true);
      expect(exploitability(profile, r.policy, k).epsilon.equals(r.epsilon)).toBe(true);
      expect(robustness(profile, r.policy, { k }).robustness.equals(frac(k, k + 1).sub(r.epsilon))).toBe(true);
      const box = r.prompts[0].box;
      expect(box).not.toBeNull();
      // the box contains the returned point
      r.prompts[0].probs.forEach((p, y) => {
        expect(box!.lo[y].lte(p) && p.lte(box!.hi[y])).toBe(true);
      });
    }
  });

  it('multi-prompt: ε = Σ ρ ε_x', () => {
    const profile = {
      prompts: [
        { weight: frac(1, 3), prompt: twoCamp(11, 9) },
        { weight: frac(2, 3), prompt: seededPrompt(4, 20, 9, 2) },
      ],
    };
    const r = equilibrium(profile, 3);
    expect(r.epsilon.equals(r.prompts[0].epsilon.mul(frac(1, 3)).add(r.prompts[1].epsilon.mul(frac(2, 3))))).toBe(true);
    expect(robustness(profile, r.policy, { k: 3 }).robustness.equals(r.robustness)).toBe(true);
  });

  it('T7: for k = 1 the returned π is a maximal lottery (exact certificate), ε = 0', () => {
    fc.assert(
      fc.property(profileRecordArb({ maxResponses: 5, maxUsers: 5, ties: false }), (rec) => {
        const prompt = promptFromRecord(rec, true);
        const e = promptEquilibrium(prompt, 1, { box: false });
        const { K, B } = marginMatrix(prompt);
        if (isZero(e.epsilon)) expect(maximalLotteryCertificate(K, B, e.probs)).not.toBeNull();
        // ε(π) = 0 ⇔ certificate: the two must agree either way
        expect(maximalLotteryCertificate(K, B, e.probs) !== null).toBe(isZero(e.epsilon));
      }),
      params(150),
    );
  });

});

describe('clone responses (tied in every order)', () => {
  it('are merged: ε ≤ 10^-30, no box for the prompt (a continuum), a certified box for the merged game (k = 6)', () => {
    const prompt = makePrompt(['a', 'b', 'c', 'd'], [
      { weight: frac(3, 4), tiers: [['c', 'd'], ['b'], ['a']] },
      { weight: frac(1, 4), tiers: [['a', 'b'], ['c', 'd']] },
    ]);
    const r = promptEquilibrium(prompt, 6);
    expect(r.epsilon.lte(frac(1n, 10n ** 30n))).toBe(true);
    expect(r.epsilon.equals(promptExploitability(prompt, r.probs, 6).epsilon)).toBe(true);
    expect(r.probs[2].equals(r.probs[3])).toBe(true);
    expect(r.box).toBeNull();
    expect(r.boxReason).toMatch(/not isolated: clone responses \(c, d\)/);
    expect(r.mergedBox).not.toBeNull();
    expect(r.classes).toEqual([[0], [1], [2, 3]]);
  });
});

describe('T2 and T6 at the returned equilibria', () => {
  const eqArb = fc.record({ profile: profileRecordArb({ maxResponses: 6, maxUsers: 6 }), k: fc.integer({ min: 1, max: 6 }) });
  test.prop([eqArb], params(150))('for the returned equilibrium; with a certified box, ε ≤ 10^−30', ({ profile, k }) => {
    const pr = singlePrompt(promptFromRecord(profile));
    const r = equilibrium(pr, k);
    const eps = exploitability(pr, r.policy, k).epsilon;
    expect(eps.equals(r.epsilon)).toBe(true);
    expect(robustness(pr, r.policy, { k }).robustness.equals(frac(k, k + 1).sub(eps))).toBe(true);
    if (r.prompts[0].box !== null) expect(eps.lte(frac(1n, 10n ** 30n))).toBe(true);
  });

  const eqArb6 = fc.record({ profile: profileRecordArb({ maxResponses: 5, maxUsers: 5 }), k: fc.integer({ min: 1, max: 4 }), ell: fc.integer({ min: 1, max: 3 }) });
  test.prop([eqArb6], params(100))('for the returned equilibrium', ({ profile, k, ell }) => {
    const pr = singlePrompt(promptFromRecord(profile));
    const r = equilibrium(pr, k, { box: false });
    expect(robustness(pr, r.policy, { k, ell }).robustness.gte(bound6(k, ell, r.epsilon))).toBe(true);
  });
});

describe('never overclaims, never misses silently', () => {
  const degenerate = makePrompt(['a', 'b'], [
    { weight: frac(1, 1000), tiers: [['a'], ['b']] },
    { weight: frac(7), tiers: [] },
  ]);
  it('a near-degenerate profile: the exact equilibrium δ_a (ε = 0) for k = 1 (maximal lottery) and k = 2, 3 (pure)', () => {
    for (const k of [1, 2, 3]) {
      const r = promptEquilibrium(degenerate, k);
      expect(r.epsilon.n).toBe(0n);
      expect(r.targetMet).toBe(true);
      expect(r.probs.map((v) => v.toFraction())).toEqual(['1', '0']);
      expect(r.method).toBe(k === 1 ? 'maximal lottery' : 'pure');
      // b is strictly below 1/(k+1) against δ_a: an isolated exact equilibrium, its own point box
      expect(r.box?.radius.n).toBe(0n);
    }
  });

  it('targets far below 10^-127 are reached (the bits follow the target)', () => {
    const p = twoCamp(11, 9);
    const t = frac(1n, 10n ** 200n);
    const r = promptEquilibrium(p, 3, { target: t });
    expect(r.epsilon.lte(t)).toBe(true);
    expect(r.targetMet).toBe(true);
    expect(r.stats.bits).toBeGreaterThan(664);
  });

  it('a target that needs more than maxBits is refused with one line', () => {
    const pr = singlePrompt(twoCamp(11, 9));
    expect(() => equilibrium(pr, 3, { target: frac(1n, 10n ** 3000n) })).toThrow(/needs about \d+ bits per coordinate, above maxBits = 8192/);
  });

  it('when the search is cut short, ε is exact and targetMet is false', () => {
    // 6 responses, a Condorcet cycle on 5 of them: the equilibrium needs a support of 5 (not enumerated)
    const ids = ['a', 'b', 'c', 'd', 'e', 'f'];
    const cyc = (s: number) => [0, 1, 2, 3, 4].map((i) => [ids[(i + s) % 5]]).concat([['f']]);
    const p = makePrompt(ids, [0, 1, 2, 3, 4].map((s) => ({ weight: frac(1), tiers: cyc(s) })));
    const r = promptEquilibrium(p, 3, { maxRounds: 0, enumerateSupports: 0 });
    expect(r.targetMet).toBe(false);
    expect(r.epsilon.gt(frac(1n, 10n ** 30n))).toBe(true);
    expect(r.epsilon.equals(promptExploitability(p, r.probs, 3).epsilon)).toBe(true);
    expect(r.method).toBe('hedge');
    const full = promptEquilibrium(p, 3);
    expect(full.targetMet).toBe(true);
  });

  it('opposite voters at k = 1: every π is an equilibrium, so no point box is claimed', () => {
    const r = promptEquilibrium(twoCamp(1, 1), 1);
    expect(r.epsilon.n).toBe(0n);
    expect(r.box).toBeNull();
    expect(r.boxReason).toMatch(/degenerate|not isolated/);
  });

  it('the exact pure equilibria are those δ_y with k·P[z ≻ y] ≤ P[y ≻ z] for every z', () => {
    // a ≻ b for 2/3, b ≻ a for 1/3: δ_a is an equilibrium iff k·(1/3) ≤ 2/3, i.e. k ≤ 2
    const p = twoCamp(2, 1);
    expect(pureEquilibria(p, 1)).toEqual([0]);
    expect(pureEquilibria(p, 2)).toEqual([0]);
    expect(pureEquilibria(p, 3)).toEqual([]);
    for (const k of [1, 2, 3]) {
      const u = productScores(p, [ONE, ZERO], k);
      expect(u.every((v) => v.lte(frac(1, k + 1)))).toBe(k <= 2);
    }
  });
});
