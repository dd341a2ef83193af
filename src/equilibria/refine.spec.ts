// Dyadic refinement (SPEC §3): bitsFor's formula, and refine's candidates — every ε it reports is the exact ε of
// the probs it returns (checked against an independent U_k from the SPEC §2 closed form), a start off the simplex
// gives no candidate, the exact rational solve is used only when it is a distribution with a small denominator,
// and the precision levels stop where the tuning says.
import { describe, expect, it } from 'vitest';
import { Fraction, ONE, ZERO, frac, isZero, signOf } from '../exact/rational.js';
import { makePrompt } from '../model/build.js';
import { Prompt } from '../model/types.js';
import { floatPrompt } from './floatKernel.js';
import { Candidate, bitsFor, refine } from './refine.js';
import { EQUILIBRIUM_TUNING, EquilibriumTuning, tuningOf } from './tuning.js';

/** A ranking type: weight and tiers (best first), by response name. */
interface Ranking {
  readonly w: bigint;
  readonly tiers: readonly (readonly string[])[];
}

interface Instance {
  readonly names: readonly string[];
  readonly types: readonly Ranking[];
  readonly prompt: Prompt;
}

const instance = (names: string[], types: Ranking[]): Instance => ({
  names,
  types,
  prompt: makePrompt(
    names,
    types.map((t) => ({ weight: frac(t.w), tiers: t.tiers.map((tier) => [...tier]) })),
  ),
});

/**
 * Independent U_k(y; π) from the SPEC §2 closed form (rule `uniform`): E_θ[((e+w)^{k+1} − w^{k+1})/((k+1)e)], w^k when
 * e = 0, with e = π(tie class of y), w = π(responses strictly below y); written here from the formula, not from the kernels.
 */
function uniformU(I: Instance, probs: readonly Fraction[], k: number): Fraction[] {
  const W = I.types.reduce((s, t) => s + t.w, 0n);
  return I.names.map((y) => {
    let u = ZERO;
    for (const t of I.types) {
      const at = t.tiers.findIndex((tier) => tier.includes(y));
      const mass = (tiers: readonly (readonly string[])[]) =>
        tiers.flat().reduce((s, z) => s.add(probs[I.names.indexOf(z)]), ZERO);
      const e = mass([t.tiers[at]]);
      const w = mass(t.tiers.slice(at + 1));
      const f = isZero(e) ? w.pow(k) : e.add(w).pow(k + 1).sub(w.pow(k + 1)).div(e.mul(k + 1));
      u = u.add(f.mul(frac(t.w, W)));
    }
    return u;
  });
}

/** ε(π) = max_y U_k(y; π) − 1/(k+1), independently. */
function epsOf(I: Instance, probs: readonly Fraction[], k: number): Fraction {
  return uniformU(I, probs, k)
    .reduce((a, b) => (b.gt(a) ? b : a))
    .sub(frac(1, k + 1));
}

const twoCamp = (a: bigint, b: bigint) =>
  instance(['a', 'b'], [
    { w: a, tiers: [['a'], ['b']] },
    { w: b, tiers: [['b'], ['a']] },
  ]);

/** Rock–paper–scissors: a ≻ b ≻ c (w1), b ≻ c ≻ a (w2), c ≻ a ≻ b (w3). */
const cyclic = (w1: bigint, w2: bigint, w3: bigint) =>
  instance(['a', 'b', 'c'], [
    { w: w1, tiers: [['a'], ['b'], ['c']] },
    { w: w2, tiers: [['b'], ['c'], ['a']] },
    { w: w3, tiers: [['c'], ['a'], ['b']] },
  ]);

const T30 = frac(1n, 10n ** 30n);

function run(I: Instance, k: number, S: number[], piF: number[], target: Fraction, opts: Partial<EquilibriumTuning> = {}) {
  const stats = { newton: 0, bits: 0, exact: 0 };
  const c = refine(I.prompt, floatPrompt(I.prompt), k, S, Float64Array.from(piF), target, stats, tuningOf(opts));
  return { c, stats };
}

/** What every returned candidate must satisfy: a distribution whose reported ε is its exact ε (independent oracle). */
function expectSound(I: Instance, k: number, c: Candidate | null): Candidate {
  expect(c).not.toBeNull();
  const cand = c!;
  expect(cand.probs.every((p) => signOf(p) >= 0)).toBe(true);
  expect(cand.probs.reduce((s, p) => s.add(p), ZERO).equals(ONE)).toBe(true);
  expect(cand.epsilon.equals(epsOf(I, cand.probs, k))).toBe(true);
  expect(cand.support).toEqual(cand.probs.flatMap((p, y) => (signOf(p) > 0 ? [y] : [])));
  return cand;
}

/** p has denominator dividing 2^bits. */
const dyadicAt = (p: Fraction, bits: number) => ((1n << BigInt(bits)) % p.d) === 0n;

describe('bitsFor (tuning: log2(1/target) + bitsMargin + bitsPerLogK·⌈log2(k+1)⌉ + ⌈log2(s+1)⌉, at least minBits)', () => {
  it('target 10^−30, k = 3, s = 3: 100 + 16 + 2·2 + 2 = 122 bits', () => {
    // 2^99 < 10^30 < 2^100, so log2(10^30) rounds up to 100; ⌈log2 4⌉ = 2 for both k + 1 and s + 1
    expect(bitsFor(T30, 3, 3, EQUILIBRIUM_TUNING)).toBe(122);
    // k = 1, s = 1: 100 + 16 + 2·1 + 1 = 119
    expect(bitsFor(T30, 1, 1, EQUILIBRIUM_TUNING)).toBe(119);
    // a loose target: 2 + 16 + 2 + 1 = 21 < minBits = 64
    expect(bitsFor(frac(1, 2), 1, 1, EQUILIBRIUM_TUNING)).toBe(64);
  });
});

describe('refine (SPEC §3)', () => {
  it('two-camp 11:9, k = 2: from the float solution to exactly (13/20, 7/20) by rational reconstruction, at the first level', () => {
    const I = twoCamp(11n, 9n);
    const { c, stats } = run(I, 2, [0, 1], [0.65, 0.35], T30);
    const cand = expectSound(I, 2, c);
    // SPEC §6: the k = 2 equilibrium is (13/20, 7/20); U_2(a) = U_2(b) = 1/3 by the closed form
    expect(cand.probs).toEqual([frac(13, 20), frac(7, 20)]);
    expect(uniformU(I, cand.probs, 2)).toEqual([frac(1, 3), frac(1, 3)]);
    expect(isZero(cand.epsilon)).toBe(true);
    expect(cand.method).toBe('rational reconstruction');
    // bitsFor(10^−30, k = 2, s = 2) = 100 + 16 + 2·2 + 2 = 122: the first level meets the target, no extension
    expect(cand.bits).toBe(122);
    expect(stats.bits).toBe(122);
    // one exact ε at the Newton iterate, one at the reconstruction; the float start needs at least one Newton step
    expect(stats.exact).toBe(2);
    expect(stats.newton).toBeGreaterThan(0);
  });

  it('Newton takes at most refineSteps + ⌈bits/40⌉ steps a level (a poor start that needs more)', () => {
    // start (1/2, 1/2) is 0.15 from (13/20, 7/20): the fixed float Jacobian of the start converges only linearly
    const I = twoCamp(11n, 9n);
    const { c, stats } = run(I, 2, [0, 1], [0.5, 0.5], T30, { refineSteps: 0, refineLevels: 1 });
    const cand = expectSound(I, 2, c);
    // 122 bits: ⌈122/40⌉ = 4 steps in the only level
    expect(stats.newton).toBeLessThanOrEqual(4);
    expect(stats.bits).toBe(122);
    expect(cand.probs.every((p) => dyadicAt(p, 122))).toBe(true);
    expect(signOf(cand.epsilon)).toBe(1);
  });

  it('k = 1: the exact linear solve on the support, and the rational reconstruction is not its name', () => {
    // rock–paper–scissors with equal weights: the equilibrium is uniform, 1/3 is not dyadic
    const I = cyclic(1n, 1n, 1n);
    const { c } = run(I, 1, [0, 1, 2], [1 / 3, 1 / 3, 1 / 3], T30);
    const cand = expectSound(I, 1, c);
    expect(cand.probs).toEqual([frac(1, 3), frac(1, 3), frac(1, 3)]);
    expect(isZero(cand.epsilon)).toBe(true);
    expect(cand.method).toBe('exact linear solve');
  });

  it('an exact dyadic equilibrium: no Newton step, ε = 0 returned as found (one exact evaluation), even for target 0', () => {
    // two equal camps: (1/2, 1/2) is the equilibrium for every k (symmetry), exactly dyadic
    const I = twoCamp(1n, 1n);
    for (const k of [1, 2]) {
      const { c, stats } = run(I, k, [0, 1], [0.5, 0.5], ZERO);
      const cand = expectSound(I, k, c);
      expect(cand.probs).toEqual([frac(1, 2), frac(1, 2)]);
      expect(isZero(cand.epsilon)).toBe(true);
      expect(cand.method).toBe('newton');
      // bitsFor(0, ·, 2) = max(64, 2 + 16 + 2·⌈log2(k+1)⌉ + 2) = 64
      expect(cand.bits).toBe(64);
      expect(stats).toEqual({ newton: 0, bits: 64, exact: 1 });
    }
  });

  it('a start off the open simplex on S gives no candidate', () => {
    const I = twoCamp(11n, 9n);
    // S = [a, b]: b (a Newton coordinate) at 0, b negative, and a (S_0, the rest) at 0
    for (const piF of [
      [1, 0],
      [1.1, -0.1],
      [0, 1],
    ]) {
      const { c, stats } = run(I, 2, [0, 1], piF, T30);
      expect(c).toBeNull();
      expect(stats).toEqual({ newton: 0, bits: 0, exact: 0 });
    }
  });

  it('a one-response support: δ_b evaluated once at the first level, whatever the target (no Newton, no extension)', () => {
    const I = twoCamp(11n, 9n);
    // U_2(a; δ_b) = 11/20 (a above b for the 11-camp: w^k = 1), so ε(δ_b) = 11/20 − 1/3 = 13/60
    for (const [target, bits] of [
      [T30, 100 + 16 + 4 + 1],
      [frac(-1, 10), 64], // unreachable (ε ≥ 0); bitsBelow(1/10) = 4 bits, so minBits
    ] as const) {
      const { c, stats } = run(I, 2, [1], [0, 1], target);
      const cand = expectSound(I, 2, c);
      expect(cand.probs).toEqual([ZERO, ONE]);
      expect(cand.epsilon).toEqual(frac(13, 60));
      expect(cand.bits).toBe(bits);
      // the level's evaluation and the (identical) reconstruction's
      expect(stats).toEqual({ newton: 0, bits, exact: 2 });
    }
  });

  describe('precision levels (target 2^−200 out of reach: bitsMargin −150 gives 201 − 150 + 4 + 2 = 57 bits)', () => {
    // 13/20 is not dyadic, so no iterate over 2^b has ε = 0; |x − 13·2^b/20| ≥ 1/20 keeps ε far above 2^−200 for b ≤ 200
    const I = twoCamp(11n, 9n);
    const T200 = frac(1n, 2n ** 200n);
    const base = { bitsMargin: -150, minBits: 0 };

    it('extends by bitsStep while bits + bitsStep ≤ maxBits (maxBits = 57 + 32 exactly: two levels)', () => {
      const { c, stats } = run(I, 2, [0, 1], [0.65, 0.35], T200, { ...base, maxBits: 89 });
      const cand = expectSound(I, 2, c);
      expect(cand.probs).toEqual([frac(13, 20), frac(7, 20)]);
      expect(cand.method).toBe('rational reconstruction');
      // the best iterate is the finer one, and no level went past maxBits
      expect(cand.bits).toBe(89);
      expect(stats.bits).toBe(89);
      expect(stats.exact).toBe(3);
    });

    it('stops after refineLevels levels (2 levels: 57 and 89 bits) though maxBits leaves room', () => {
      const { c, stats } = run(I, 2, [0, 1], [0.65, 0.35], T200, { ...base, refineLevels: 2, maxBits: 200 });
      const cand = expectSound(I, 2, c);
      expect(cand.bits).toBe(89);
      expect(stats.bits).toBe(89);
      expect(stats.exact).toBe(3);
    });

    it('the iterates stay dyadic at their level: before the reconstruction, with reconstruction out of reach (k = 3, irrational)', () => {
      // k = 3: the two-camp equilibrium is irrational (krawczyk.spec), so no exact candidate replaces the iterate
      const { c, stats } = run(I, 3, [0, 1], [0.6, 0.4], T200, { ...base, refineLevels: 2, maxBits: 200 });
      const cand = expectSound(I, 3, c);
      expect(cand.method).toBe('newton');
      expect(cand.bits).toBe(89);
      expect(cand.probs.every((p) => dyadicAt(p, 89))).toBe(true);
      expect(stats.bits).toBe(89);
      expect(stats.exact).toBe(3);
    });

    it('with one bit per level, 64 levels from 57 bits: every level is exact-checked, none fails', () => {
      const { c, stats } = run(I, 3, [0, 1], [0.6, 0.4], T200, { ...base, bitsStep: 1, refineLevels: 64, maxBits: 200 });
      const cand = expectSound(I, 3, c);
      expect(cand.probs.every((p) => dyadicAt(p, cand.bits))).toBe(true);
      expect(stats.bits).toBe(57 + 63);
      expect(stats.exact).toBe(64 + 1);
    });
  });

  it('Newton goes on while ANY residual is above the target (the last one starts at exactly 0)', () => {
    // RPS, equal weights, k = 1: at π = (1/4, 1/4, 1/2), U_1(c) = (2/3)(1/4) + (1/3)(1/4) + (1/2)(1/2) = 1/2 exactly,
    // while U_1(b) = 13/24; the equilibrium is uniform
    const I = cyclic(1n, 1n, 1n);
    const start = [frac(1, 4), frac(1, 4), frac(1, 2)];
    expect(uniformU(I, start, 1)[2]).toEqual(frac(1, 2));
    const { c, stats } = run(I, 1, [0, 1, 2], [0.25, 0.25, 0.5], T30);
    const cand = expectSound(I, 1, c);
    expect(cand.probs).toEqual([frac(1, 3), frac(1, 3), frac(1, 3)]);
    // bitsFor(10^−30, 1, 3) = 100 + 16 + 2 + 2 = 120: the first level's iterate met the target
    expect(stats.bits).toBe(120);
    expect(stats.exact).toBe(2);
    expect(stats.newton).toBeGreaterThan(0);
  });

  it('k = 1: a support solution with a negative coordinate is never a candidate (c dominated)', () => {
    // b ≻ a ≻ c (w 3), a ≻ b ≻ c (w 1): c loses to everything. On S = [a, b, c] the indifference system
    // U_1(b) = U_1(c) = 1/2, Σ = 1 has the solution (−2, 2, 1) (U_1(c) = π_c/2 forces π_c = 1; then P(b ≻ a) = 3/4
    // gives π_a(3/4 − 1/2) = −1/2), whose "ε" is 0. Target 4: no Newton step, the rounded start is the iterate.
    const I = instance(['a', 'b', 'c'], [
      { w: 3n, tiers: [['b'], ['a'], ['c']] },
      { w: 1n, tiers: [['a'], ['b'], ['c']] },
    ]);
    expect(uniformU(I, [frac(-2), frac(2), ONE], 1)).toEqual([frac(1, 2), frac(1, 2), frac(1, 2)]);
    const { c, stats } = run(I, 1, [0, 1, 2], [0.3, 0.3, 0.4], frac(4));
    const cand = expectSound(I, 1, c);
    expect(cand.method).toBe('newton');
    expect(cand.probs.every((p) => signOf(p) > 0 && dyadicAt(p, 64))).toBe(true);
    expect(signOf(cand.epsilon)).toBe(1);
    expect(stats.newton).toBe(0);
  });

  it('k = 1: a support solution with a zero coordinate is a candidate (it is a distribution)', () => {
    // c ≻ a ≻ b (1), b ≻ c ≻ a (2), a ≻ b ≻ c (1): P(a ≻ b) = 1/2, P(c ≻ a) = 3/4, P(c ≻ b) = 1/4. On S = [a, b, c]:
    // U_1(b) = 1/2 and Σ = 1 give π_c/4 = 0, then U_1(c) = 1/2 gives π_a = 1/2: the equilibrium (1/2, 1/2, 0)
    const I = instance(['a', 'b', 'c'], [
      { w: 1n, tiers: [['c'], ['a'], ['b']] },
      { w: 2n, tiers: [['b'], ['c'], ['a']] },
      { w: 1n, tiers: [['a'], ['b'], ['c']] },
    ]);
    const { c } = run(I, 1, [0, 1, 2], [0.4, 0.4, 0.2], frac(4));
    const cand = expectSound(I, 1, c);
    expect(cand.probs).toEqual([frac(1, 2), frac(1, 2), ZERO]);
    expect(isZero(cand.epsilon)).toBe(true);
    expect(cand.support).toEqual([0, 1]);
    expect(cand.method).toBe('exact linear solve');
  });

  it('k = 1: the exact solve uses only the equations of S_1 … (S_0 may be off the support of the solution)', () => {
    // RPS with equal weights plus d, ranked last by everyone; S = [d, a, b, c] (S_0 = d). U_1(a) = U_1(b) = U_1(c) = 1/2
    // and Σ = 1 have the unique solution (0, 1/3, 1/3, 1/3) (with t = π_d the skew part K of RPS needs Kx = −t/2·1, and
    // xᵀKx = 0 forces t(1 − t) = 0; t = 1 leaves x = 0). There U_1(d) = 0 < 1/2, so ε = 0, but U_1(d) = 1/2 is no equation
    // of the system. Target 4: no Newton step (π_d → 0 would put the iterate on the boundary).
    const rank = (order: string[]) => order.map((y) => [y]);
    const I = instance(['d', 'a', 'b', 'c'], [
      { w: 1n, tiers: rank(['a', 'b', 'c', 'd']) },
      { w: 1n, tiers: rank(['b', 'c', 'a', 'd']) },
      { w: 1n, tiers: rank(['c', 'a', 'b', 'd']) },
    ]);
    const sol = [ZERO, frac(1, 3), frac(1, 3), frac(1, 3)];
    expect(uniformU(I, sol, 1)).toEqual([ZERO, frac(1, 2), frac(1, 2), frac(1, 2)]);
    const { c } = run(I, 1, [0, 1, 2, 3], [0.1, 0.3, 0.3, 0.3], frac(4));
    const cand = expectSound(I, 1, c);
    expect(cand.probs).toEqual(sol);
    expect(isZero(cand.epsilon)).toBe(true);
    expect(cand.method).toBe('exact linear solve');
  });

  describe('k = 1, RPS with weights near 2^68: the exact solution has a 70-bit denominator', () => {
    // π ∝ (M(b,c), M(c,a), M(a,b)) = (w1 + w2 − w3, w2 + w3 − w1, w1 + w3 − w2) over W = w1 + w2 + w3 (each U_1 − 1/2
    // cancels: x·π_b − z·π_c = xz − zx); W ≈ 3·2^68 has 70 bits and no common factor with the numerators here.
    // Target 4 and minBits = bits: the rounded float start is the only iterate, at exactly `bits` bits.
    const w1 = (1n << 68n) + 12345n;
    const w2 = (1n << 68n) + 777n;
    const w3 = (1n << 68n) + 3n;
    const W = w1 + w2 + w3;
    const I = cyclic(w1, w2, w3);
    const exact = [frac(w1 + w2 - w3, W), frac(w2 + w3 - w1, W), frac(w1 + w3 - w2, W)];
    const tu = { bitsMargin: -100 };

    it('solved exactly when the denominator fits the iterate bits (70 ≤ 70)', () => {
      expect(W.toString(2).length).toBe(70);
      expect(exact.every((p) => p.d === W)).toBe(true);
      const { c, stats } = run(I, 1, [0, 1, 2], [1 / 3, 1 / 3, 1 / 3], frac(4), { ...tu, minBits: 70 });
      const cand = expectSound(I, 1, c);
      expect(cand.probs).toEqual(exact);
      expect(isZero(cand.epsilon)).toBe(true);
      expect(cand.method).toBe('exact linear solve');
      expect(cand.bits).toBe(70);
      expect(stats.exact).toBe(2);
    });

    it('not tried when the denominator has more bits than the iterate (70 > 69)', () => {
      const { c, stats } = run(I, 1, [0, 1, 2], [1 / 3, 1 / 3, 1 / 3], frac(4), { ...tu, minBits: 69 });
      const cand = expectSound(I, 1, c);
      expect(cand.method).toBe('newton');
      expect(cand.probs.every((p) => dyadicAt(p, 69))).toBe(true);
      expect(signOf(cand.epsilon)).toBe(1);
      expect(stats.exact).toBe(1);
    });
  });

  it('equal ε at every level (clone responses: singular Newton matrix, the iterate never moves): the first level is kept', () => {
    // b and c tied in every order: U_2(b) = U_2(c) always, so the Jacobian rows of b and c are equal
    const I = instance(['a', 'b', 'c'], [
      { w: 1n, tiers: [['a'], ['b', 'c']] },
      { w: 1n, tiers: [['b', 'c'], ['a']] },
    ]);
    const { c, stats } = run(I, 2, [0, 1, 2], [0.6, 0.2, 0.2], T30);
    const cand = expectSound(I, 2, c);
    // bitsFor(10^−30, 2, 3) = 100 + 16 + 4 + 2 = 122; four levels 122 … 218, one (failed) Newton solve each
    expect(cand.bits).toBe(122);
    expect(cand.method).toBe('newton');
    expect(stats).toEqual({ newton: 4, bits: 218, exact: 5 });
  });
});
