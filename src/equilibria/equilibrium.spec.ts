// Certified equilibria of G_{k+1} (SPEC §3, T2, T7, §6 test vectors).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Fraction, frac, ONE, ZERO, signOf, isZero } from '../exact/rational.js';
import { makePrompt, singlePrompt } from '../model/build.js';
import { robustness } from '../winrate/opponents.js';
import { exploitability, promptExploitability } from '../winrate/exploitability.js';
import { equilibrium, promptEquilibrium, pureEquilibria } from './equilibrium.js';
import { EQUILIBRIUM_TUNING, EquilibriumTuning, tuningOf } from './tuning.js';
import { productScores } from '../winrate/product.js';
import { maximalLotteryCertificate } from './maximalLottery.js';
import { marginMatrix } from '../winrate/pairwise.js';
import { mulberry32 } from '../instances/prng.js';
import { profileRecordArb, promptFromRecord } from '../instances/arbitraries.js';
import { params } from '../../test/helpers/fc.js';
import { InputError } from '../model/errors.js';
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

describe('options and the candidate kept (crafted instances)', () => {
  const single = makePrompt(['x'], [{ weight: frac(1), tiers: [['x']] }]);
  // a single voter a ≻ b ≻ c: a is the Condorcet winner, δ_a the maximal lottery (k = 1)
  const winner3 = makePrompt(['a', 'b', 'c'], [{ weight: frac(1), tiers: [['a'], ['b'], ['c']] }]);
  // d is last for every voter, a ≻ b ≻ c ≻ a a Condorcet cycle: the symmetric equilibrium is uniform on {a, b, c}
  // (U_k(y; π) equal on the cycle by its rotation symmetry), and no pure one (c ≻ a for 2/3: k·2/3 > 1/3)
  const cycD = makePrompt(['d', 'a', 'b', 'c'], [
    { weight: frac(1), tiers: [['a'], ['b'], ['c'], ['d']] },
    { weight: frac(1), tiers: [['b'], ['c'], ['a'], ['d']] },
    { weight: frac(1), tiers: [['c'], ['a'], ['b'], ['d']] },
  ]);
  const cycUniform = [ZERO, frac(1, 3), frac(1, 3), frac(1, 3)];
  // 6 responses, a Condorcet cycle on 5 of them (as above): out of reach without Hedge rounds or enumeration
  const ids6 = ['a', 'b', 'c', 'd', 'e', 'f'];
  const cyc5 = makePrompt(ids6, [0, 1, 2, 3, 4].map((s) => ({ weight: frac(1), tiers: [0, 1, 2, 3, 4].map((i) => [ids6[(i + s) % 5]]).concat([['f']]) })));
  const cutShort = { maxRounds: 0, enumerateSupports: 0 };
  const fracStr = (v: readonly Fraction[]) => v.map((x) => x.toFraction());

  it('k must be an integer ≥ 1: k = 0, 1.5, −1 are refused with that exact message', () => {
    for (const k of [0, 1.5, -1]) {
      let err: unknown = null;
      try {
        equilibrium(singlePrompt(twoCamp(11, 9)), k);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(InputError);
      expect((err as Error).message).toBe(`k must be an integer ≥ 1, got ${k}`);
    }
  });

  it('the bits a target needs follow the largest prompt, and need = maxBits is allowed', () => {
    // tuning formula at 10^−30, k = 1: 100 bits below the point (10^30 has 100 bits) + bitsMargin 16
    // + bitsPerLogK·⌈log2 2⌉ = 2 + ⌈log2(n + 1)⌉: 119 for n = 1, 120 for n = 3
    const mixed = { prompts: [{ weight: frac(1, 2), prompt: single }, { weight: frac(1, 2), prompt: winner3 }] };
    expect(() => equilibrium(singlePrompt(single), 1, { maxBits: 118 })).toThrow(/needs about 119 bits per coordinate, above maxBits = 118/);
    expect(() => equilibrium(mixed, 1, { maxBits: 119 })).toThrow(/needs about 120 bits per coordinate, above maxBits = 119/);
    expect(equilibrium(singlePrompt(single), 1, { maxBits: 119 }).targetMet).toBe(true);
    const r = equilibrium(mixed, 1, { maxBits: 120 });
    expect(r.targetMet).toBe(true);
    expect(fracStr(r.prompts[1].probs)).toEqual(['1', '0', '0']);
  });

  it('targetMet of a profile: every prompt met the target (one missing makes it false)', () => {
    const both = { prompts: [{ weight: frac(1, 2), prompt: single }, { weight: frac(1, 2), prompt: twoCamp(2, 1) }] };
    const ok = equilibrium(both, 2, cutShort); // δ_x and δ_a are exact (pure) equilibria
    expect(ok.prompts.map((p) => p.targetMet)).toEqual([true, true]);
    expect(ok.targetMet).toBe(true);
    const one = { prompts: [{ weight: frac(1, 2), prompt: single }, { weight: frac(1, 2), prompt: cyc5 }] };
    const bad = equilibrium(one, 3, cutShort);
    expect(bad.prompts.map((p) => p.targetMet)).toEqual([true, false]);
    expect(bad.targetMet).toBe(false);
    expect(bad.epsilon.gt(TARGET)).toBe(true);
  });

  it('two clone classes are both named in the box reason, separated by "; "', () => {
    // a, b tied in every order, c, d tied in every order: the merged game is twoCamp(11, 9)
    const p = makePrompt(['a', 'b', 'c', 'd'], [
      { weight: frac(11), tiers: [['a', 'b'], ['c', 'd']] },
      { weight: frac(9), tiers: [['c', 'd'], ['a', 'b']] },
    ]);
    const r = promptEquilibrium(p, 2);
    expect(r.boxReason).toContain('not isolated: clone responses (a, b; c, d) make the equilibria a continuum');
    expect(fracStr(r.probs)).toEqual(['13/40', '13/40', '7/40', '7/40']);
  });

  it('n = 1 is the exact pure equilibrium for every k (also k = 1, before the maximal lottery)', () => {
    for (const k of [1, 2]) {
      const r = promptEquilibrium(single, k);
      expect(r.method).toBe('pure');
      expect(fracStr(r.probs)).toEqual(['1']);
      expect(r.epsilon.n).toBe(0n);
    }
  });

  it('box: false skips the box (null, no reason); box: true computes it', () => {
    // δ_a is an exact, isolated equilibrium of this profile at k = 2 (its own point box, see above)
    const p = makePrompt(['a', 'b'], [
      { weight: frac(1, 1000), tiers: [['a'], ['b']] },
      { weight: frac(7), tiers: [] },
    ]);
    const off = promptEquilibrium(p, 2, { box: false });
    expect(off.box).toBeNull();
    expect(off.boxReason).toBeUndefined();
    const on = promptEquilibrium(p, 2, { box: true });
    expect(on.box?.radius.n).toBe(0n);
  });

  it('stats.ms is the time spent inside the call (within the caller’s own bracket of it)', () => {
    // not a speed bound: t0 and the end of the call both lie within [before, after]
    const before = performance.now();
    const r = promptEquilibrium(twoCamp(2, 1), 2);
    const after = performance.now();
    expect(r.stats.ms).toBeGreaterThanOrEqual(0);
    expect(r.stats.ms).toBeLessThanOrEqual(after - before);
  });

  it('with no Hedge round and no enumeration the fallback is the uniform start rounded to fallbackBits', () => {
    // Hedge starts at π = 1/n in doubles (within 2^−56 of 1/6); rounding to 2^−64 and putting the remainder on one
    // coordinate moves each by less than 6·(2^−56 + 2^−65) < 2^−50
    const r = promptEquilibrium(cyc5, 3, cutShort);
    expect(r.method).toBe('hedge');
    const tol = frac(1n, 1n << 50n);
    r.probs.forEach((v) => expect(v.sub(frac(1, 6)).abs().lte(tol)).toBe(true));
    expect(r.stats.rounds).toBe(0);
  });

  it('an equilibrium found in the Hedge phase counts its Hedge rounds (at least one chunk)', () => {
    // twoCamp(11, 9), k = 2: no pure equilibrium (2·9 > 11, 2·11 > 9); the Hedge support guess {a, b} solves it
    for (const p of [twoCamp(11, 9), cycD]) {
      const r = promptEquilibrium(p, 2, { enumerateSupports: 0, maxRounds: 2000 });
      expect(r.targetMet).toBe(true);
      expect(['newton', 'rational reconstruction']).toContain(r.method);
      expect(r.stats.rounds).toBeGreaterThanOrEqual(100);
      expect(r.stats.rounds).toBeLessThanOrEqual(2000);
    }
    expect(fracStr(promptEquilibrium(cycD, 2, { enumerateSupports: 0, maxRounds: 2000 }).probs)).toEqual(fracStr(cycUniform));
  });

  it('the Hedge chunk average guesses the support when the last iterate cycles', () => {
    // a large step (eta = 20) makes Hedge's last iterate cycle around a → c → b on the Condorcet cycle (after 100
    // rounds it is ≈ 0.92 on a, 0.04 on b and c: guessed support {a} at threshold 1/10), and with addThreshold this
    // large no response is ever added; the average over the chunk (≈ 1/3 on each of a, b, c) gives the equilibrium
    const r = promptEquilibrium(cycD, 2, { eta: 20, addThreshold: 1e9, supportThreshold: 0.1, enumerateSupports: 0, maxRounds: 100 });
    expect(r.targetMet).toBe(true);
    expect(fracStr(r.probs)).toEqual(fracStr(cycUniform));
    expect(r.stats.rounds).toBe(100);
  });

  it('supportThreshold = 1: the guessed support is the Hedge argmax alone, and the search grows it from there', () => {
    for (const p of [twoCamp(11, 9), cycD]) {
      const r = promptEquilibrium(p, 2, { supportThreshold: 1, enumerateSupports: 0, maxRounds: 2000 });
      expect(r.targetMet).toBe(true);
      expect(r.epsilon.n).toBe(0n);
    }
  });

  it('a tuning knob that is not a finite number, or a supportThreshold outside [0, 1], is bad input (InputError) before any search', () => {
    const bad: [Partial<EquilibriumTuning>, string][] = [
      [{ supportThreshold: 2 }, 'equilibrium option supportThreshold must be a finite number from 0 to 1, got 2'],
      [{ supportThreshold: -0.5 }, 'equilibrium option supportThreshold must be a finite number from 0 to 1, got -0.5'],
      [{ maxRounds: Infinity }, 'equilibrium option maxRounds must be a finite number, got Infinity'],
      [{ newtonDone: NaN }, 'equilibrium option newtonDone must be a finite number, got NaN'],
    ];
    for (const [opts, line] of bad) {
      expect(() => tuningOf(opts)).toThrow(InputError);
      expect(() => promptEquilibrium(twoCamp(11, 9), 2, opts)).toThrow(line);
    }
    // offsets may be negative (bitsMargin shifts the bits below the target's)
    const t = tuningOf({ supportThreshold: 1, maxRounds: 0, bitsMargin: -150, eta: undefined });
    expect([t.supportThreshold, t.maxRounds, t.bitsMargin, t.eta]).toEqual([1, 0, -150, EQUILIBRIUM_TUNING.eta]);
    expect(tuningOf({ supportThreshold: 0 }).supportThreshold).toBe(0);
  });

  it('stalled above the target: the whole Hedge budget is used, chunks double, and the best candidate is kept', () => {
    // twoCamp(3, 2), k = 3 has an irrational equilibrium (about 0.678): with 64 bits the refined candidate stays
    // above 10^−30; the Hedge fallback is rounded to 8 bits, and every 8-bit point is worse (checked below)
    const p = twoCamp(3, 2);
    const progress: { rounds: number; epsilon: Fraction | null }[] = [];
    const r = promptEquilibrium(p, 3, {
      maxBits: 64,
      maxRounds: 700,
      enumerateSupports: 0,
      fallbackBits: 8,
      onProgress: ({ rounds, epsilon }) => progress.push({ rounds, epsilon }),
    });
    expect(r.targetMet).toBe(false);
    expect(r.epsilon.gt(TARGET)).toBe(true);
    expect(r.epsilon.equals(promptExploitability(p, r.probs, 3).epsilon)).toBe(true);
    expect(r.method).toBe('newton');
    let best8: Fraction | null = null;
    for (let j = 0; j <= 256; j++) {
      const e = promptExploitability(p, [frac(j, 256), frac(256 - j, 256)], 3).epsilon;
      if (best8 === null || e.lt(best8)) best8 = e;
    }
    expect(r.epsilon.lt(best8!)).toBe(true);
    // chunks 100, 200, 400 (doubling, below maxChunk) until maxRounds
    expect(r.stats.rounds).toBe(700);
    expect(progress.map((q) => q.rounds)).toEqual([100, 300, 700]);
    // nothing is a candidate before the first chunk (no pure equilibrium, k > 1); afterwards the best ε so far
    expect(progress[0].epsilon).toBeNull();
    for (const q of progress.slice(1)) expect(q.epsilon !== null && q.epsilon.gte(r.epsilon)).toBe(true);
  });

  it('a refinement that yields no candidate (maxBits too small for the support) does not end the search', () => {
    // twoCamp(3, 1), k = 4: no pure equilibrium (4·1 > 3); b's equilibrium mass ≈ 0.11 rounds to 0 over 2^2,
    // so refine returns null; the rounded Hedge iterate is returned, with its exact ε
    const p = twoCamp(3, 1);
    const r = promptEquilibrium(p, 4, { maxBits: 2, maxRounds: 100, enumerateSupports: 0 });
    expect(r.method).toBe('hedge');
    expect(r.targetMet).toBe(false);
    expect(r.epsilon.equals(promptExploitability(p, r.probs, 4).epsilon)).toBe(true);
  });

  const pureArb = fc.record({ profile: profileRecordArb({ maxResponses: 5, maxUsers: 5 }), k: fc.integer({ min: 1, max: 5 }) });
  test.prop([pureArb], params(100))('pureEquilibria = the δ_y with U_k(z; δ_y) ≤ 1/(k+1) for every z (exact kernel; ties, unlisted)', ({ profile, k }) => {
    const p = promptFromRecord(profile);
    const n = p.responses.length;
    const point = (y: number) => Array.from({ length: n }, (_, z) => (z === y ? ONE : ZERO));
    const byDefinition = [...Array(n).keys()].filter((y) => productScores(p, point(y), k).every((u) => u.lte(frac(1, k + 1))));
    expect(pureEquilibria(p, k)).toEqual(byDefinition);
  });

  describe('support enumeration, smallest supports first in lexicographic order', () => {
    // no Hedge rounds, and addThreshold so large that a support search never adds a response: only the
    // enumerated supports (and their subsets) are solved. With n = 4 and supports up to 3 the order is
    // {d,a} {d,b} {d,c} {a,b} {a,c} {b,c} {d,a,b} {d,a,c} {d,b,c} {a,b,c}: the equilibrium's support is the 10th
    const enumOpts = { maxRounds: 0, addThreshold: 1e9, enumerateSupportsUpTo: 3 };
    it('the 10th support is reached with a budget of 10, not with 9', () => {
      const r = promptEquilibrium(cycD, 2, { ...enumOpts, enumerateSupports: 10 });
      expect(r.method).toBe('support enumeration');
      expect(r.targetMet).toBe(true);
      expect(fracStr(r.probs)).toEqual(fracStr(cycUniform));
      expect(promptExploitability(cycD, cycUniform, 2).epsilon.n).toBe(0n);
      const short = promptEquilibrium(cycD, 2, { ...enumOpts, enumerateSupports: 9 });
      expect(short.targetMet).toBe(false);
      expect(short.method).toBe('hedge');
    });
    it('supports larger than enumerateSupportsUpTo are not enumerated', () => {
      const r = promptEquilibrium(cycD, 2, { ...enumOpts, enumerateSupportsUpTo: 2, enumerateSupports: 2000 });
      expect(r.targetMet).toBe(false);
      expect(r.method).toBe('hedge');
    });
    it('n = 2: the one support {a, b} is enumerated', () => {
      const r = promptEquilibrium(twoCamp(11, 9), 2, { ...enumOpts, enumerateSupports: 1 });
      expect(r.method).toBe('support enumeration');
      expect(fracStr(r.probs)).toEqual(['13/20', '7/20']);
    });
  });
});
