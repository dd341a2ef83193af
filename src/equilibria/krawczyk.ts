// Krawczyk test in exact rational arithmetic: a box that provably holds an exact symmetric NE of G_{k+1}
// (SPEC §3). On the support S (S_0 absorbs 1 − Σ x), F_i(x) = U_k(S_i; π(x)) − 1/(k+1), i ≥ 1, and
//   K(X) = x̃ − Y F(x̃) + (I − Y F'(X))(X − x̃);   K(X) ⊂ int X  ⇒  F has exactly one zero x* in X
// (Krawczyk, Moore). Every bound below is exact:
//  - U_k(y; π) = Σ_{S∈Y^k} Π_i π(S_i)·f(S) with 0 ≤ f ≤ 1, so on π ≥ 0, Σπ ≤ 1 every first partial in π lies
//    in [0, k] and every second partial in [0, k(k−1)]; in the free coordinates |∂F_i/∂x_j| changes by at most
//    2k(k−1) per unit of ‖Δx‖₁, and U_k(z; ·) by at most k.
//  - F(x̃) is exact (closed form of SPEC §2); F'(x̂) is exact (its derivatives) at a nearby coarse dyadic point
//    x̂ on the same support, so F'(X) ⊂ F'(x̂) ± 2k(k−1)(s·r + ‖x̃ − x̂‖₁) entry-wise (s free coordinates,
//    box half-width r).
// If moreover π > 0 on S over the box and U_k(z; π) < 1/(k+1) for every z ∉ S over the box, π(x*) is an
// isolated exact symmetric NE (T0 gives U_k(S_0) = 1/(k+1)), so rob_k(π(x*)^{⊗k}) = k/(k+1) exactly (T2).
import { Fraction, ZERO, commonDenominator, frac, numer, quotientToNumber, toNumber } from '../exact/rational.js';
import { roundToSimplex } from '../exact/dyadic.js';
import { rankOf } from '../exact/linear.js';
import { Prompt } from '../model/types.js';
import { productJacobian, productScoreNumerators } from '../winrate/product.js';
import { invert } from './floatKernel.js';

export interface KrawczykBox {
  /** Per response: lower and upper ends of the box (off-support responses are [0, 0]). */
  readonly lo: Fraction[];
  readonly hi: Fraction[];
  /** Half-width of the box in the free coordinates (0: π itself is the exact isolated equilibrium). */
  readonly radius: Fraction;
}

export type BoxResult = { readonly box: KrawczykBox } | { readonly reason: string };

export interface KrawczykOptions {
  /** Radii 2^−R to try, tightest first (default: from the center's bits). */
  readonly radiusBits?: readonly number[];
  /** U_k(·; center) as integers over one denominator, when already computed (else computed here). */
  readonly scores?: { readonly num: readonly bigint[]; readonly den: bigint };
  /** Bits of the coarse point where the Jacobian is taken (default 40 + 2⌈log2 k⌉ + ⌈log2 s⌉). */
  readonly jacobianBits?: number;
}

const abs = (v: bigint) => (v < 0n ? -v : v);

/** U(z)/Uden < 1/(k+1) − slack for every z ∉ S (slack ≥ 0)? Returns the first offending response or −1. */
function offSupportViolation(U: readonly bigint[], Uden: bigint, k: number, S: readonly number[], slack: Fraction): number {
  const inS = new Set(S);
  // U·(k+1)·slack.d < Uden·(slack.d − (k+1)·slack.n)
  const K1 = BigInt(k + 1);
  const rhs = Uden * (slack.d - K1 * numer(slack));
  for (let z = 0; z < U.length; z++) if (!inS.has(z) && !(U[z] * K1 * slack.d < rhs)) return z;
  return -1;
}

/**
 * One row of the Krawczyk test, exactly: |K_i(X) − x̃_i| ≤ |(Y F(x̃))_i| + r·(Σ_j |(I − Y F'(x̂))_ij| + s·Δ·Σ_l |Y_il|)
 * < r, with r = 2^−R and Δ = 2k(k−1)(s·r + d) bounding |F'(x) − F'(x̂)| on the box (d = ‖x̃ − x̂‖₁). Inputs are
 * integers: YF/(2^P·Fden) = |(Y F)_i|, RS/(2^P·Jden) = Σ_j |(I − Y F')_ij|, YS/2^P = Σ_l |Y_il|. Multiplied out by
 * 2^{P+2R}·Fden·Jden·d.den:
 *   YF·2^{2R}·Jden·dD + RS·Fden·2^R·dD + 2k(k−1)s·YS·Fden·Jden·(s·dD + dN·2^R) < 2^{P+R}·Fden·Jden·dD.
 */
export function krawczykRowInside(a: {
  YF: bigint;
  RS: bigint;
  YS: bigint;
  Fden: bigint;
  Jden: bigint;
  P: number;
  R: number;
  k: number;
  s: number;
  dist: Fraction;
}): boolean {
  const R2 = 1n << BigInt(a.R);
  const dN = numer(a.dist);
  const dD = a.dist.d;
  const c2 = BigInt(2 * a.k * (a.k - 1) * a.s);
  const lhs = a.YF * R2 * R2 * a.Jden * dD + a.RS * a.Fden * R2 * dD + c2 * a.YS * a.Fden * a.Jden * (BigInt(a.s) * dD + dN * R2);
  return lhs < (1n << BigInt(a.P + a.R)) * a.Fden * a.Jden * dD;
}

/** Exact Jacobian of F in the free coordinates at π: ∂F_i/∂x_j = ∂U(S_i)/∂π(S_j) − ∂U(S_i)/∂π(S_0). */
function freeJacobian(prompt: Prompt, k: number, S: readonly number[], pi: readonly Fraction[]): { J: bigint[][]; den: bigint } {
  const { num, den } = productJacobian(prompt, pi, k, S.slice(1), S);
  return { J: num.map((r) => r.slice(1).map((v) => v - r[0])), den };
}

/**
 * A certified box around the rational point `center` (a policy with support `support`). At an exact
 * equilibrium (F(center) = 0) the box is the point itself when it is isolated (F'(center) nonsingular) and
 * off-support responses are strictly below 1/(k+1); otherwise the Krawczyk test is tried for radii 2^−R,
 * tightest first.
 */
export function krawczykBox(prompt: Prompt, k: number, support: readonly number[], center: readonly Fraction[], opts: KrawczykOptions = {}): BoxResult {
  const n = prompt.responses.length;
  // S_0 = the largest coordinate (best conditioned parametrisation)
  const S = [...support].sort((a, b) => center[b].compare(center[a]) || a - b);
  const s = S.length - 1;
  const name = (z: number) => prompt.responses[z];
  const { num: U, den: Uden } = opts.scores ?? productScoreNumerators(prompt, center, k, 'uniform');
  const K1 = BigInt(k + 1);

  // Step 1: residuals F_i = U(S_i) − 1/(k+1), exact, over (k+1)·Uden.
  const F = S.slice(1).map((y) => K1 * U[y] - Uden);
  const Fden = K1 * Uden;
  const exact = F.every((f) => f === 0n) && K1 * U[S[0]] === Uden;

  // Step 2: an exact equilibrium is its own (point) box when off-support is strict and it is isolated.
  if (exact) {
    const z = offSupportViolation(U, Uden, k, S, ZERO);
    if (z >= 0) return { reason: `degenerate: off-support response ${name(z)} is at 1/(k+1) exactly (not strictly below)` };
    if (s > 0 && rankOf(freeJacobian(prompt, k, S, center).J) < s)
      return { reason: 'not isolated: the support equations are singular at this equilibrium (a continuum of equilibria)' };
    return { box: { lo: [...center], hi: [...center], radius: ZERO } };
  }

  // Step 3: the Jacobian, exact, at a coarse dyadic point x̂ on S; d = ‖x̃ − x̂‖₁ over the free coordinates.
  const bitsJ = opts.jacobianBits ?? 40 + 2 * Math.ceil(Math.log2(k + 1)) + Math.ceil(Math.log2(s + 2));
  const floats = center.map((v) => toNumber(v));
  let coarse = roundToSimplex(floats, bitsJ);
  if (S.some((y) => coarse[y].n === 0n) || coarse.some((v, y) => v.n !== 0n && !S.includes(y))) coarse = [...center];
  const { J: Jx, den: Jden } = freeJacobian(prompt, k, S, coarse);
  const dist = S.slice(1).reduce((acc, y) => acc.add(center[y].sub(coarse[y]).abs()), ZERO);

  // Step 4: preconditioner Y ≈ F'(x̂)^{−1} in floats, rounded to integers over 2^P (exact from here on).
  const P = 64;
  const TWO_P = 1n << BigInt(P);
  const Yf = s === 0 ? [] : invert(Jx.map((r) => r.map((v) => quotientToNumber(v, Jden))));
  if (Yf === null) return { reason: 'not isolated: singular Jacobian on the support' };
  if (Yf.some((r) => r.some((v) => !Number.isFinite(v)))) return { reason: 'Jacobian too ill-conditioned for the float preconditioner' };
  const Y = Yf.map((r) => r.map((v) => BigInt(Math.round(v * 2 ** P))));

  // Step 5: per row i, in integers: RS_i/(2^P·Jden) = Σ_j |(I − Y F'(x̂))_ij|, YF_i/(2^P·Fden) = |(Y F(x̃))_i|,
  // YS_i/2^P = Σ_l |Y_il|.
  const RS = Y.map((Yi, i) => {
    let acc = 0n;
    for (let j = 0; j < s; j++) {
      let m = i === j ? TWO_P * Jden : 0n;
      for (let l = 0; l < s; l++) m -= Yi[l] * Jx[l][j];
      acc += abs(m);
    }
    return acc;
  });
  const YF = Y.map((Yi) => abs(Yi.reduce((acc, v, l) => acc + v * F[l], 0n)));
  const YS = Y.map((Yi) => Yi.reduce((acc, v) => acc + abs(v), 0n));

  // Step 6: radii, tightest first. A radius passes when the box stays inside the simplex on S, the
  // off-support responses stay strictly below 1/(k+1) on it, and K(X) ⊂ int X row by row.
  const { num: cn, den: cd } = commonDenominator(center);
  const bitsOfCenter = cd.toString(2).length - 1;
  const tries = opts.radiusBits ?? [bitsOfCenter - 8, bitsOfCenter - 24, bitsOfCenter - 48, Math.floor(bitsOfCenter / 2), Math.floor(bitsOfCenter / 4)];
  let last = 'Krawczyk image not inside the box';
  for (const R of tries) {
    if (R < 4) continue;
    const r = frac(1n, 1n << BigInt(R));
    const lo0 = frac(cn[S[0]], cd).sub(r.mul(s));
    if (!lo0.gt(ZERO) || S.slice(1).some((y) => !frac(cn[y], cd).gt(r))) {
      last = 'box leaves the interior of the simplex on the support';
      continue;
    }
    const z = offSupportViolation(U, Uden, k, S, r.mul(k * s));
    if (z >= 0) {
      last = `off-support response ${name(z)} is not strictly below 1/(k+1) on the box`;
      continue;
    }
    const ok = Y.every((_, i) => krawczykRowInside({ YF: YF[i], RS: RS[i], YS: YS[i], Fden, Jden, P, R, k, s, dist }));
    if (!ok) {
      last = 'Krawczyk image not inside the box';
      continue;
    }
    const lo = new Array<Fraction>(n).fill(ZERO);
    const hi = new Array<Fraction>(n).fill(ZERO);
    S.slice(1).forEach((y) => {
      lo[y] = frac(cn[y], cd).sub(r);
      hi[y] = frac(cn[y], cd).add(r);
    });
    lo[S[0]] = lo0;
    hi[S[0]] = frac(cn[S[0]], cd).add(r.mul(s));
    return { box: { lo, hi, radius: r } };
  }
  return { reason: last };
}
