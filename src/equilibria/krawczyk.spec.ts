// Krawczyk boxes (SPEC §3): an exact symmetric NE inside, or a reason — and the checker rejects wrong boxes.
import { test } from '@fast-check/vitest';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Fraction, ONE, ZERO, frac, numer, signOf } from '../exact/rational.js';
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

/** Rock–paper–scissors by three equal camps: a ≻ b 2:1, b ≻ c 2:1, c ≻ a 2:1. For k = 1 the support equations are
 *  linear (U_1(y; π) = Σ_z π_z P(y ≻ z)), the equilibrium is uniform, and the second-derivative term 2k(k−1) vanishes. */
const rps = (extra: readonly string[] = [], place: (camp: string[], i: number) => string[][] = (c) => c.map((y) => [y])) =>
  makePrompt([...extra, 'a', 'b', 'c'], [['a', 'b', 'c'], ['b', 'c', 'a'], ['c', 'a', 'b']].map((c, i) => ({ weight: frac(1, 3), tiers: place(c, i) })));
const THIRD = frac(1, 3);
const reasonOf = (r: ReturnType<typeof krawczykBox>) => ('reason' in r ? r.reason : 'a box');

describe('krawczykBox rejects wrong boxes', () => {
  // Two responses, π = (1 − t, t). Both support equations U_k(a) = 1/(k+1) and U_k(b) = 1/(k+1) hold at an
  // equilibrium, and each U_k(y; ·) moves by at most k per unit of t (first partials in [0, k], SPEC §3). So when
  // max_y |U_k(y; π) − 1/(k+1)| > k·r at the center, no equilibrium lies in [t − r, t + r]: the widest such radius
  // 2^−R must be rejected. Cases: both sides of the 11:9 zero; centers near a vertex (π(S_1)/π(S_0) small, so the
  // residual of S_1 and that of S_0 differ a lot); unanimous voters with k = 9 (second-derivative term large).
  const oneVoter = (top: string, bottom: string) => makePrompt(['a', 'b'], [{ weight: ONE, tiers: [[top], [bottom]] }]);
  const cases: [string, Prompt, number, number[]][] = [
    ['two camps 11:9, k = 3', twoCamp(11, 9), 3, [1, 2, 3, 8, 20, 24, 26, 27, 28, 33, 40, 50]],
    ['two camps 11:9, k = 2', twoCamp(11, 9), 2, [4, 59]],
    ['two camps 3:1, k = 3', twoCamp(3, 1), 3, [1, 2]],
    ['two camps 1:3, k = 4', twoCamp(1, 3), 4, [62, 63]],
    ['a ≻ b for all, k = 9', oneVoter('a', 'b'), 9, [58, 59]],
    ['b ≻ a for all, k = 9', oneVoter('b', 'a'), 9, [5, 6]],
  ];
  for (const [label, q, k, ms] of cases) {
    it(`${label}: centers t = m/64, m ∈ {${ms.join(', ')}}, with the widest radius 2^−R < max_y |U_k(y) − 1/(k+1)|/k`, () => {
      for (const m of ms) {
        const t = frac(m, 64);
        const { num, den } = productScoreNumerators(q, [ONE.sub(t), t], k, 'uniform');
        const far = [0, 1].map((y) => frac(num[y], den).sub(frac(1, k + 1)).abs()).reduce((x, y) => (x.gt(y) ? x : y));
        let R = 4;
        while (!frac(BigInt(k), 1n << BigInt(R)).lt(far)) R++;
        // (a box reaching π(y) ≤ 0 is refused before the image test)
        const r = frac(1n, 1n << BigInt(R));
        const why = t.gt(r) && ONE.sub(t).gt(r) ? 'Krawczyk image not inside the box' : 'box leaves the interior of the simplex on the support';
        expect([m, reasonOf(krawczykBox(q, k, [0, 1], [ONE.sub(t), t], { radiusBits: [R] }))]).toEqual([m, why]);
      }
    });
  }

  it('a box that misses the equilibrium by a hair in one coordinate is rejected (the |I − Y F\'| term counts)', () => {
    // RPS camps 20:16:14 (k = 1): P(a ≻ b) = 34/50, P(b ≻ c) = 36/50, P(c ≻ a) = 30/50; the support equations are
    // linear with a nonsingular matrix, so the only equilibrium is (11, 5, 9)/25 (U_1(a) = 11/50 + (1/5)(34/50) +
    // (9/25)(20/50) = 1/2). Centers: one free coordinate off by r + 2^−300 (the equilibrium is outside the box),
    // the other by ±r/2, all signs. |Y F(x̃)| alone can fall a rounding error below r here, so only the exact
    // contraction term r·Σ_j |(I − Y F')_ij| keeps these boxes out.
    const w = makePrompt(['a', 'b', 'c'], [['a', 'b', 'c'], ['b', 'c', 'a'], ['c', 'a', 'b']].map((c, i) => ({ weight: frac([20, 16, 14][i], 50), tiers: c.map((y) => [y]) })));
    const eq = [frac(11, 25), frac(5, 25), frac(9, 25)];
    const r = frac(1, 1024);
    for (const y of [1, 2]) for (const sy of [1, -1]) for (const so of [1, -1]) {
      const D = [ZERO, ZERO, ZERO];
      D[y] = r.add(frac(1n, 1n << 300n)).mul(sy);
      D[3 - y] = r.div(2).mul(so);
      D[0] = D[1].add(D[2]).neg();
      const res = krawczykBox(w, 1, [0, 1, 2], eq.map((v, i) => v.add(D[i])), { radiusBits: [10] });
      expect([y, sy, so, reasonOf(res)]).toEqual([y, sy, so, 'Krawczyk image not inside the box']);
    }
  });

  it('no radius 2^−R with R ≥ 4 to try: no box, and the reason names the image test', () => {
    expect(reasonOf(krawczykBox(twoCamp(11, 9), 3, [0, 1], [frac(3, 5), frac(2, 5)], { radiusBits: [1, 2, 3] }))).toBe('Krawczyk image not inside the box');
  });

  it('an off-support response reaching 1/(k+1) somewhere in the box rejects it, even when it is below at the center', () => {
    // one voter a ≻ z ≻ b ≻ c, k = 1: U_1(z; π) = π_b + π_c = 1 − π_a off the support. Center π_a = 9/16, r = 1/16,
    // s = 2: the box reaches π_a = 9/16 − 2r = 7/16, where U_1(z) = 9/16 > 1/2 although U_1(z; center) = 7/16.
    // z is listed first (index 0) on purpose.
    const q = makePrompt(['z', 'a', 'b', 'c'], [{ weight: ONE, tiers: [['a'], ['z'], ['b'], ['c']] }]);
    const corner = [ZERO, frac(7, 16), frac(5, 16), frac(4, 16)];
    const { num, den } = productScoreNumerators(q, corner, 1, 'uniform');
    expect(frac(num[0], den)).toEqual(frac(9, 16)); // independent: z beats 1/2 at this point of the box
    const r = krawczykBox(q, 1, [1, 2, 3], [ZERO, frac(9, 16), frac(4, 16), frac(3, 16)], { radiusBits: [4] });
    expect(reasonOf(r)).toBe('off-support response z is not strictly below 1/(k+1) on the box');
  });

  it('a support response at 0 inside the box (center coordinate ≤ r) rejects it', () => {
    // π_c = 1/32 < r = 1/16: the box holds π_c < 0, outside the simplex; π_a − 2r > 0 and π_b > r
    const r = krawczykBox(rps(), 1, [0, 1, 2], [frac(1, 2), frac(15, 32), frac(1, 32)], { radiusBits: [4] });
    expect(reasonOf(r)).toBe('box leaves the interior of the simplex on the support');
  });

  it('the largest coordinate leaving the simplex (π_S0 − s·r ≤ 0) rejects the box', () => {
    // five responses at 1/5, s = 4, r = 1/16: π_S0 − 4r = 1/5 − 1/4 < 0 while every other π_y = 1/5 > r
    const q = makePrompt(['a', 'b', 'c', 'd', 'e'], [{ weight: ONE, tiers: [['a'], ['b'], ['c'], ['d'], ['e']] }]);
    const r = krawczykBox(q, 2, [0, 1, 2, 3, 4], Array.from({ length: 5 }, () => frac(1, 5)), { radiusBits: [4] });
    expect(reasonOf(r)).toBe('box leaves the interior of the simplex on the support');
  });

  it('a point whose S_0 scores exactly 1/(k+1) but another support response does not is no exact equilibrium', () => {
    // RPS, k = 1, π = (1/2, 1/4, 1/4): U_1(a) = 1/4 + (1/4)(2/3) + (1/4)(1/3) = 1/2, U_1(c) = (1/2)(2/3) + (1/4)(1/3) + 1/8 = 13/24
    const q = rps();
    const center = [frac(1, 2), frac(1, 4), frac(1, 4)];
    const { num, den } = productScoreNumerators(q, center, 1, 'uniform');
    expect([frac(num[0], den), frac(num[2], den)]).toEqual([frac(1, 2), frac(13, 24)]);
    const r = krawczykBox(q, 1, [0, 1, 2], center);
    expect('box' in r).toBe(false);
  });

  it('an exact equilibrium whose off-support response at index 0 is at 1/(k+1) exactly is degenerate', () => {
    // everything tied: δ_b is an equilibrium and a (index 0) scores exactly 1/(k+1) against it
    const q = makePrompt(['a', 'b'], [{ weight: ONE, tiers: [] }]);
    expect(reasonOf(krawczykBox(q, 2, [1], [ZERO, ONE]))).toMatch(/^degenerate: off-support response a is at 1\/\(k\+1\) exactly/);
  });

  it('a singular Jacobian at a non-equilibrium center: no box', () => {
    // 3/4: a ≻ b ~ c, 1/4: b ~ c ≻ a. b and c are clones, so the two free columns of F' are equal (k = 1).
    const q = makePrompt(['a', 'b', 'c'], [
      { weight: frac(3, 4), tiers: [['a'], ['b', 'c']] },
      { weight: frac(1, 4), tiers: [['b', 'c'], ['a']] },
    ]);
    expect(reasonOf(krawczykBox(q, 1, [0, 1, 2], [frac(1, 2), frac(1, 4), frac(1, 4)]))).toBe('not isolated: singular Jacobian on the support');
  });

  it('a Jacobian too small for doubles (its inverse overflows) gives a reason, not a crash', () => {
    // (2-d) almost all voters tie everything; a ≻ b ≻ c with weight 2^−999 and c ≻ a ~ b with weight 2^−999 + 2^−1029
    // make F' = [[2^−1000, ·], [0, −2^−1030]]-like: the float inverse has rows mixing finite and infinite entries
    const e = (n: number) => frac(1n, 1n << BigInt(n));
    const q2 = makePrompt(['a', 'b', 'c'], [
      { weight: ONE, tiers: [] },
      { weight: e(999), tiers: [['a'], ['b'], ['c']] },
      { weight: e(999).add(e(1029)), tiers: [['c'], ['a', 'b']] },
    ]);
    expect(reasonOf(krawczykBox(q2, 1, [0, 1, 2], [frac(1, 2), frac(1, 4), frac(1, 4)], { radiusBits: [8] }))).toBe('Jacobian too ill-conditioned for the float preconditioner');
    // and one where only the first row of the float inverse overflows (the second is finite): with E_xy = P(x ≻ y) − ½,
    // E_ab = 2^−1030, E_bc = 2^−1000, E_ca = −2^−1000 + 2^−1031 (up to the normalising factor), so
    // F' = [[E_ab, E_ab + E_bc], [−E_bc − E_ca, −E_ca]] has det = E_bc·(E_ab + E_bc + E_ca) ≈ 2^−2030 and
    // inverse rows ≈ [±2^1030, ∓2^1030] (overflow) and [2^−1031, 2^−1030]/det·… ≈ 2^1000 (finite)
    const A = frac(1n, 1n << 1030n);
    const q3 = makePrompt(['a', 'b', 'c'], [
      { weight: ONE, tiers: [] },
      { weight: A.mul(3), tiers: [['a'], ['b'], ['c']] },
      { weight: frac(1n, 1n << 999n).sub(A.mul(3)), tiers: [['a', 'b'], ['c']] },
      { weight: A, tiers: [['b', 'c'], ['a']] },
    ]);
    expect(reasonOf(krawczykBox(q3, 1, [0, 1, 2], [frac(1, 2), frac(1, 4), frac(1, 4)], { radiusBits: [8] }))).toBe('Jacobian too ill-conditioned for the float preconditioner');
    // all tied but for a voter of weight 2^−1060 with a ≻ b: F' = 2^−1061-ish, a subnormal double; 1/F' = ∞
    const q = makePrompt(['a', 'b'], [
      { weight: ONE, tiers: [] },
      { weight: frac(1n, 1n << 1060n), tiers: [['a'], ['b']] },
    ]);
    expect(reasonOf(krawczykBox(q, 1, [0, 1], [frac(1, 2), frac(1, 2)], { radiusBits: [8] }))).toBe('Jacobian too ill-conditioned for the float preconditioner');
  });
});

describe('krawczykBox: the shape of a certified box', () => {
  const q = rps(['z'], (c, i) => (i === 0 ? [['z'], ...c.map((y) => [y])] : [...c.map((y) => [y]), ['z']]));
  // z on top for camp 1 only: U_1(z; π) = 1/3 on the support, strictly below 1/2 on every box
  it('S_0 is the largest center coordinate (lowest index among ties): it spans ±s·r, the others ±r; off-support is [0, 0]', () => {
    const d = frac(1n, 1n << 20n);
    for (const [center, s0] of [
      [[ZERO, THIRD.sub(d.mul(2)), THIRD.add(d), THIRD.add(d)], 2],
      [[ZERO, THIRD.add(d), THIRD.sub(d.mul(2)), THIRD.add(d)], 1],
      [[ZERO, THIRD.sub(d), THIRD.sub(d), THIRD.add(d.mul(2))], 3],
    ] as const) {
      for (const support of [[1, 2, 3], [3, 2, 1], [2, 3, 1]]) {
        const r = krawczykBox(q, 1, support, [...center], { radiusBits: [10] });
        if (!('box' in r)) throw new Error(r.reason);
        const rad = frac(1, 1024);
        expect(r.box.radius).toEqual(rad);
        expect(r.box.lo[0]).toEqual(ZERO);
        expect(r.box.hi).toHaveLength(4);
        expect(r.box.hi[0]).toEqual(ZERO);
        for (const y of [1, 2, 3]) {
          const w = y === s0 ? rad.mul(2) : rad;
          expect([r.box.lo[y], r.box.hi[y]]).toEqual([center[y].sub(w), center[y].add(w)]);
          // independent: the exact equilibrium (1/3, 1/3, 1/3) is inside
          expect(r.box.lo[y].lt(THIRD) && THIRD.lt(r.box.hi[y])).toBe(true);
        }
      }
    }
  });

  it('a support coordinate below the grid of the Jacobian point: F\' is taken at the center itself, and the box holds the equilibrium', () => {
    // RPS camps 13:24:13 (k = 1): P(a ≻ b) = 26/50, P(b ≻ c) = 37/50, P(c ≻ a) = 37/50, equilibrium (12, 12, 1)/25
    // (U_1(a) = 12/50 + (12/25)(26/50) + (1/25)(13/50) = 1/2); π(c) ≈ 1/25 rounds to 0 on a 2^−3 grid
    const w = makePrompt(['a', 'b', 'c'], [['a', 'b', 'c'], ['b', 'c', 'a'], ['c', 'a', 'b']].map((c, i) => ({ weight: frac([13, 24, 13][i], 50), tiers: c.map((y) => [y]) })));
    const eq = [frac(12, 25), frac(12, 25), frac(1, 25)];
    const d = frac(1n, 1n << 30n);
    const r = krawczykBox(w, 1, [0, 1, 2], [eq[0].add(d), eq[1], eq[2].sub(d)], { radiusBits: [10], jacobianBits: 3 });
    if (!('box' in r)) throw new Error(r.reason);
    for (let y = 0; y < 3; y++) expect(r.box.lo[y].lt(eq[y]) && eq[y].lt(r.box.hi[y])).toBe(true);
  });

  it('R = 4 (r = 1/16) is the widest radius tried, and it is used when asked for', () => {
    const d = frac(1n, 1n << 20n);
    const r = krawczykBox(q, 1, [1, 2, 3], [ZERO, THIRD.add(d), THIRD.sub(d), THIRD], { radiusBits: [4] });
    expect('box' in r && r.box.radius).toEqual(frac(1, 16));
  });

  // default radii 2^−R, R ∈ [B − 8, B − 24, B − 48, ⌊B/2⌋, ⌊B/4⌋] for a center over 2^B, tightest first; k = 1 here,
  // so a radius passes iff it exceeds the center's distance to (1/3, 1/3, 1/3) (and the box stays in the simplex)
  const B = 160;
  const third = ((1n << BigInt(B)) - 1n) / 3n; // ⌊2^B/3⌋
  for (const [m, R] of [[156, 152], [144, 136], [120, 112], [100, 80], [60, 40], [30, null]] as const) {
    it(`a center over 2^${B} at distance ≈ 2^−${m} from the equilibrium gets radius ${R === null ? 'none' : `2^−${R}`}`, () => {
      const D = 1n << BigInt(B);
      const cb = third + (1n << BigInt(B - m));
      const center = [ZERO, frac(D - cb - third, D), frac(cb, D), frac(third, D)];
      const r = krawczykBox(q, 1, [1, 2, 3], center);
      if (R === null) expect(reasonOf(r)).toBe('Krawczyk image not inside the box');
      else expect('box' in r && r.box.radius).toEqual(frac(1n, 1n << BigInt(R)));
    });
  }
});

describe('krawczykRowInside against the row inequality in rationals', () => {
  /** The row test as written in SPEC terms: |YF|/(2^P·Fden) + r·(RS/(2^P·Jden) + s·Δ·YS/2^P) < r, Δ = 2k(k−1)(s·r + d). */
  type Row = { YF: bigint; RS: bigint; YS: bigint; Fden: bigint; Jden: bigint; P: number; R: number; k: number; s: number; dist: Fraction };
  const twoTo = (e: number) => frac(1n << BigInt(e));
  const r_ = (a: Row) => frac(1n, 1n << BigInt(a.R));
  const delta = (a: Row) => frac(2 * a.k * (a.k - 1)).mul(r_(a).mul(a.s).add(a.dist));
  const oracle = (a: Row) =>
    frac(a.YF).div(twoTo(a.P).mul(frac(a.Fden)))
      .add(r_(a).mul(frac(a.RS).div(twoTo(a.P).mul(frac(a.Jden))).add(delta(a).mul(a.s).mul(frac(a.YS)).div(twoTo(a.P)))))
      .lt(r_(a));
  /** The least integer ≥ x (x ≥ 0). */
  const ceil = (x: Fraction) => (numer(x) + x.d - 1n) / x.d;
  const rowArb = fc.record({
    k: fc.integer({ min: 1, max: 6 }),
    s: fc.integer({ min: 1, max: 4 }),
    P: fc.integer({ min: 6, max: 24 }),
    R: fc.integer({ min: 1, max: 12 }),
    Fden: fc.bigInt({ min: 2n, max: 60n }),
    Jden: fc.bigInt({ min: 2n, max: 60n }),
    dN: fc.integer({ min: 0, max: 20 }),
    dD: fc.integer({ min: 2, max: 30 }),
    u: fc.tuple(fc.nat(1000), fc.nat(1000), fc.nat(1000)),
  });

  test.prop([rowArb], params(150))('each term alone: the largest integer inside passes, the next one fails (Fden, Jden, d.den ≠ 1)', (g) => {
    const base: Row = { YF: 0n, RS: 0n, YS: 0n, Fden: g.Fden, Jden: g.Jden, P: g.P, R: g.R, k: g.k, s: g.s, dist: frac(g.dN, g.dD) };
    const bounds: [keyof Row, Fraction | null][] = [
      ['YF', r_(base).mul(twoTo(g.P)).mul(frac(g.Fden))],
      ['RS', twoTo(g.P).mul(frac(g.Jden))],
      ['YS', delta(base).n === 0n ? null : twoTo(g.P).div(delta(base).mul(g.s))],
    ];
    for (const [key, b] of bounds) {
      if (b === null) {
        expect(krawczykRowInside({ ...base, [key]: 1n << 80n })).toBe(true); // k = 1: no second-derivative term
        continue;
      }
      const t = ceil(b); // least failing value
      expect(krawczykRowInside({ ...base, [key]: t })).toBe(false);
      if (t > 0n) expect(krawczykRowInside({ ...base, [key]: t - 1n })).toBe(true);
    }
  });

  test.prop([rowArb], params(150))('all terms together: the exact integer test agrees with the rational inequality', (g) => {
    const base: Row = { YF: 0n, RS: 0n, YS: 0n, Fden: g.Fden, Jden: g.Jden, P: g.P, R: g.R, k: g.k, s: g.s, dist: frac(g.dN, g.dD) };
    // each term a random share (0..1000/1000 of a third) of what the row can hold, so both answers occur
    const share = (u: number, b: Fraction) => ceil(b.mul(frac(u, 1500)));
    const a: Row = {
      ...base,
      YF: share(g.u[0], r_(base).mul(twoTo(g.P)).mul(frac(g.Fden))),
      RS: share(g.u[1], twoTo(g.P).mul(frac(g.Jden))),
      YS: delta(base).n === 0n ? BigInt(g.u[2]) : share(g.u[2], twoTo(g.P).div(delta(base).mul(g.s))),
    };
    expect(krawczykRowInside(a)).toBe(oracle(a));
  });
});
