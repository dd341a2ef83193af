// Certified equilibria of G_{k+1} (SPEC §3, T2, T7, §6 test vectors).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Rat } from '../exact/rational.js';
import { makePrompt, singlePrompt } from '../model/build.js';
import { robustness } from '../winrate/opponents.js';
import { exploitability, promptExploitability } from '../winrate/exploitability.js';
import { equilibrium, promptEquilibrium, simplestBetween } from './equilibrium.js';
import { maximalLotteryCertificate } from './maximalLottery.js';
import { marginMatrix } from './pairwise.js';
import { mulberry32 } from './floatKernel.js';
import { profileRecordArb, promptFromRecord } from '../testing/arbitraries.js';
import { params } from '../__test-helpers__/fc.js';

const twoCamp = (a: number, b: number) =>
  makePrompt(['a', 'b'], [
    { weight: Rat.of(a), tiers: [['a'], ['b']] },
    { weight: Rat.of(b), tiers: [['b'], ['a']] },
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
      return { weight: Rat.of(1 + Math.floor(rnd() * 5)), tiers: order.map((i) => [ids[i]]) };
    }),
  );
}

const TARGET = Rat.of(1n, 10n ** 30n);

describe('equilibrium (SPEC §3)', () => {
  it('two-camp δ = 1/20: k = 2 gives exactly 13/20 with U_2(a) = U_2(b) = 1/3; k = 1 gives δ_a (SPEC §6)', () => {
    const p = twoCamp(11, 9);
    const e2 = promptEquilibrium(p, 2);
    expect(e2.probs.map(String)).toEqual(['13/20', '7/20']);
    expect(e2.epsilon.isZero()).toBe(true);
    const ex = promptExploitability(p, e2.probs, 2);
    expect(ex.scores.every((u) => u.eq(Rat.of(1, 3)))).toBe(true);
    const e1 = promptEquilibrium(p, 1);
    expect(e1.probs.map(String)).toEqual(['1', '0']);
    expect(e1.epsilon.isZero()).toBe(true);
  });

  it('T2: rob_k(π^{⊗k}) = k/(k+1) − ε(π) exactly for the returned π, ε ≤ 10^−30, and a Krawczyk box', () => {
    for (const [n, k, seed] of [
      [5, 2, 1],
      [8, 3, 2],
      [10, 4, 3],
    ] as const) {
      const profile = singlePrompt(seededPrompt(n, 60, seed, 2));
      const r = equilibrium(profile, k);
      expect(r.epsilon.sign()).toBeGreaterThanOrEqual(0);
      expect(r.epsilon.le(TARGET)).toBe(true);
      expect(exploitability(profile, r.policy, k).epsilon.eq(r.epsilon)).toBe(true);
      expect(robustness(profile, r.policy, { k }).robustness.eq(Rat.of(k, k + 1).sub(r.epsilon))).toBe(true);
      const box = r.prompts[0].box;
      expect(box).not.toBeNull();
      // the box contains the returned point
      r.prompts[0].probs.forEach((p, y) => {
        expect(box!.lo[y].le(p) && p.le(box!.hi[y])).toBe(true);
      });
    }
  });

  it('multi-prompt: ε = Σ ρ ε_x', () => {
    const profile = {
      prompts: [
        { weight: Rat.of(1, 3), prompt: twoCamp(11, 9) },
        { weight: Rat.of(2, 3), prompt: seededPrompt(4, 20, 9, 2) },
      ],
    };
    const r = equilibrium(profile, 3);
    expect(r.epsilon.eq(r.prompts[0].epsilon.mul(Rat.of(1, 3)).add(r.prompts[1].epsilon.mul(Rat.of(2, 3))))).toBe(true);
    expect(robustness(profile, r.policy, { k: 3 }).robustness.eq(r.robustness)).toBe(true);
  });

  it('T7: for k = 1 the returned π is a maximal lottery (exact certificate), ε = 0', () => {
    fc.assert(
      fc.property(profileRecordArb({ maxResponses: 5, maxUsers: 5, ties: false }), (rec) => {
        const prompt = promptFromRecord(rec, true);
        const e = promptEquilibrium(prompt, 1, { box: false });
        const { K, B } = marginMatrix(prompt);
        if (e.epsilon.isZero()) expect(maximalLotteryCertificate(K, B, e.probs)).not.toBeNull();
        // ε(π) = 0 ⇔ certificate: the two must agree either way
        expect(maximalLotteryCertificate(K, B, e.probs) !== null).toBe(e.epsilon.isZero());
      }),
      params(150),
    );
  });

  it('simplestBetween finds the simplest rational in an interval', () => {
    expect(simplestBetween(Rat.of(649, 1000), Rat.of(651, 1000)).toString()).toBe('13/20');
    expect(simplestBetween(Rat.of(1, 3), Rat.of(1, 3)).toString()).toBe('1/3');
    expect(simplestBetween(Rat.of(3, 10), Rat.of(7, 10)).toString()).toBe('1/2');
    expect(simplestBetween(Rat.of(0), Rat.of(1, 1000)).toString()).toBe('0');
  });
});

describe('clone responses (tied in every order)', () => {
  it('are merged, so the equilibrium stays isolated and ε ≤ 10^-30 with a box (k = 6)', () => {
    const prompt = makePrompt(['a', 'b', 'c', 'd'], [
      { weight: Rat.of(3, 4), tiers: [['c', 'd'], ['b'], ['a']] },
      { weight: Rat.of(1, 4), tiers: [['a', 'b'], ['c', 'd']] },
    ]);
    const r = promptEquilibrium(prompt, 6);
    expect(r.epsilon.le(Rat.of(1n, 10n ** 30n))).toBe(true);
    expect(r.epsilon.eq(promptExploitability(prompt, r.probs, 6).epsilon)).toBe(true);
    expect(r.probs[2].eq(r.probs[3])).toBe(true);
    expect(r.box).not.toBeNull();
  });
});
