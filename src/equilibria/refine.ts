// Dyadic refinement of a float equilibrium of G_{k+1} (SPEC §3): Newton steps with exact residuals on
// iterates over 2^bits, then an attempt at the exact rational equilibrium (k = 1: the linear support
// system; otherwise continued-fraction reconstruction). Every candidate's ε is computed exactly.
import { Fraction, frac, ONE, ZERO, HALF, signOf, isZero, toNumber } from '../exact/rational.js';
import { solveRational } from '../exact/linear.js';
import { roundToSimplex } from '../exact/dyadic.js';
import { Prompt } from '../model/types.js';
import { promptExploitability } from '../winrate/exploitability.js';
import { pairwiseMatrix } from '../winrate/pairwise.js';
import { FloatPrompt, floatJacobian, solveLinear } from './floatKernel.js';
import { EquilibriumTuning } from './tuning.js';

/** A rational candidate with its exact ε, and what the Krawczyk box needs when it came from Newton. */
export interface Candidate {
  probs: Fraction[];
  epsilon: Fraction;
  support: number[];
  /** Float solution on the support (for the box), if any. */
  floatPi?: Float64Array;
  /** Dyadic Newton iterate (for the box), if any. */
  dyadic?: Fraction[];
  bits?: number;
}

/**
 * High-precision Newton: dyadic iterates over 2^bits, residuals F computed EXACTLY (productScores),
 * the float Jacobian at the float solution as the (fixed) Newton matrix. Each step multiplies the
 * error by about cond·2^−52, so a few steps reach 2^−bits. Then rational reconstruction is tried:
 * when the equilibrium is rational with a small denominator (k = 1, or SPEC §6's 13/20) ε becomes 0.
 */
export function refine(
  prompt: Prompt,
  fp: FloatPrompt,
  k: number,
  S: number[],
  piF: Float64Array,
  target: Fraction,
  stats: { newton: number },
  tu: EquilibriumTuning,
): Candidate {
  const n = fp.n;
  const targetBits = Math.ceil(-Math.log2(Math.max(toNumber(target), 1e-300)));
  const bits = Math.min(tu.maxBits, Math.max(tu.minBits, targetBits + tu.bitsMargin + tu.bitsPerK * k));
  const D = 1n << BigInt(bits);
  const rows = S.slice(1);
  const v = frac(1, k + 1);
  const x: bigint[] = rows.map((y) => BigInt(Math.round(piF[y] * 2 ** 60)) << BigInt(bits - 60));
  const toProbs = (xs: bigint[]): Fraction[] | null => {
    const p = new Array<Fraction>(n).fill(ZERO);
    let s = 0n;
    rows.forEach((y, i) => {
      p[y] = frac(xs[i], D);
      s += xs[i];
    });
    if (xs.some((a) => a <= 0n) || s >= D) return null;
    p[S[0]] = frac(D - s, D);
    return p;
  };
  const Jfull = floatJacobian(fp, piF, k, rows, S);
  const J = Jfull.map((r) => r.slice(1).map((z) => z - r[0]));
  let bestC: Candidate | null = null;
  for (let step = 0; step < tu.refineSteps; step++) {
    const probs = toProbs(x);
    if (probs === null) break;
    const ex = promptExploitability(prompt, probs, k);
    const c: Candidate = { probs, epsilon: ex.epsilon, support: [...S].sort((a, b) => a - b), floatPi: piF, dyadic: probs, bits };
    if (bestC === null || c.epsilon.lt(bestC.epsilon)) bestC = c;
    if (ex.epsilon.lte(target)) break;
    if (rows.length === 0) break;
    stats.newton++;
    const F = rows.map((y) => toNumber(ex.scores[y].sub(v)));
    if (F.every((f) => f === 0)) break;
    const d = solveLinear(J, F.map((f) => -f));
    if (d === null) break;
    rows.forEach((_, i) => {
      x[i] += BigInt(Math.round(d[i] * 2 ** bits));
    });
  }
  if (bestC === null) {
    const probs = roundToSimplex(piF, bits);
    const ex = promptExploitability(prompt, probs, k);
    return { probs, epsilon: ex.epsilon, support: probs.flatMap((p, y) => (signOf(p) > 0 ? [y] : [])) };
  }
  const c0: Candidate = bestC;
  if (isZero(c0.epsilon)) return c0;
  // Exact solve for k = 1 (U_1 is linear in π: U_1(y) = Σ_θ w_θ (e/2 + w)); else rational reconstruction.
  const rec = k === 1 ? exactLinearK1(prompt, S) : reconstruct(c0.probs, S, bits);
  if (rec !== null && rec.every((p) => signOf(p) >= 0)) {
    const ex = promptExploitability(prompt, rec, k);
    if (ex.epsilon.lt(c0.epsilon)) return { ...c0, probs: rec, epsilon: ex.epsilon, support: rec.flatMap((p, y) => (signOf(p) > 0 ? [y] : [])) };
  }
  return c0;
}

/** Snap each coordinate to its first continued-fraction convergent within 2^−(bits/2) (fraction.js simplify); S_0 takes the rest. */
function reconstruct(probs: Fraction[], S: number[], bits: number): Fraction[] | null {
  const eps = 2 ** -Math.floor(bits / 2);
  const out = probs.map(() => ZERO);
  let s = ZERO;
  for (const y of S.slice(1)) {
    out[y] = probs[y].simplify(eps);
    s = s.add(out[y]);
  }
  out[S[0]] = ONE.sub(s);
  return out;
}

/** k = 1: U_1(y; π) = Σ_z π_z P(y ≻ z) is linear; solve U_1(S_i; π) = 1/2 (i ≥ 1), Σ_S π = 1 exactly. */
function exactLinearK1(prompt: Prompt, S: number[]): Fraction[] | null {
  const s = S.length;
  const P = pairwiseMatrix(prompt);
  const A: Fraction[][] = [];
  const b: Fraction[] = [];
  for (const y of S.slice(1)) {
    A.push(S.map((z) => P[y][z]));
    b.push(HALF);
  }
  A.push(S.map(() => ONE));
  b.push(ONE);
  const sol = solveRational(A, b, s);
  if (sol === null) return null;
  const out = prompt.responses.map(() => ZERO);
  S.forEach((y, i) => (out[y] = sol[i]));
  return s > 0 ? out : null;
}
