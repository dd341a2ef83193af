// Dyadic refinement of a float equilibrium of G_{k+1} (SPEC §3): Newton steps with exact residuals on
// iterates over 2^bits, with as many bits as the target needs; then an attempt at the exact rational
// equilibrium (k = 1: the linear support system; otherwise continued-fraction reconstruction). Every
// candidate's ε is computed exactly.
import { Fraction, HALF, ONE, ZERO, commonDenominator, frac, isZero, numer, quotientToNumber, signOf } from '../exact/rational.js';
import { solveRational } from '../exact/linear.js';
import { bitsBelow, scaleToInt } from '../exact/dyadic.js';
import { Prompt } from '../model/types.js';
import { promptExploitability } from '../winrate/exploitability.js';
import { pairwiseMatrix } from '../winrate/pairwise.js';
import { FloatPrompt, fixedPrompt, fixedResiduals, floatJacobian, solveLinear } from './floatKernel.js';
import { EquilibriumTuning } from './tuning.js';

/** A rational candidate with its exact ε. */
export interface Candidate {
  probs: Fraction[];
  epsilon: Fraction;
  support: number[];
  /** How it was found. */
  method: string;
  /** Bits of the dyadic iterates that produced it (0 when not from refinement). */
  bits: number;
  /** U_k(·; probs) as integers over one denominator (from the exact evaluation of ε). */
  scores?: { readonly num: readonly bigint[]; readonly den: bigint };
}

export const supportOf = (probs: readonly Fraction[]): number[] => probs.flatMap((p, y) => (signOf(p) > 0 ? [y] : []));

/** Bits needed for ε ≤ target: ε ≈ max first partial (≤ k) × rounding error, plus the tuning margin. */
export function bitsFor(target: Fraction, k: number, s: number, tu: EquilibriumTuning): number {
  const need = bitsBelow(target) + tu.bitsMargin + tu.bitsPerLogK * Math.ceil(Math.log2(k + 1)) + Math.ceil(Math.log2(s + 1));
  return Math.max(tu.minBits, need);
}

/**
 * High-precision Newton on the support S: dyadic iterates x over 2^bits, residuals from the fixed-point
 * guide (fixedResiduals, P = bits + 64), the float Jacobian at the float solution as the fixed Newton
 * matrix; each step multiplies the error by about cond·2^−52. Once the guide says the residuals are far
 * below the target, ε is computed EXACTLY at the iterate; if it is still above the target, the iterate is
 * extended by `bitsStep` more bits (up to `maxBits`) and Newton goes on.
 */
export function refine(
  prompt: Prompt,
  fp: FloatPrompt,
  k: number,
  S: number[],
  piF: Float64Array,
  target: Fraction,
  stats: { newton: number; bits: number; exact: number },
  tu: EquilibriumTuning,
): Candidate | null {
  const n = fp.n;
  const rows = S.slice(1);
  let bits = Math.min(tu.maxBits, bitsFor(target, k, S.length, tu));
  // x_i = round(π(S_i)·2^bits), from the float solution's 53 bits
  let x: bigint[] = rows.map((y) => scaleToInt(piF[y], bits));
  const full = (xs: bigint[], b: number): bigint[] | null => {
    const D = 1n << BigInt(b);
    const p = new Array<bigint>(n).fill(0n);
    let s = 0n;
    rows.forEach((y, i) => {
      p[y] = xs[i];
      s += xs[i];
    });
    if (xs.some((a) => a <= 0n) || s >= D) return null;
    p[S[0]] = D - s;
    return p;
  };
  const J = floatJacobian(fp, piF, k, rows, S).map((r) => r.slice(1).map((z) => z - r[0]));
  let best: Candidate | null = null;
  let fx = fixedPrompt(prompt, fp, bits + 64);
  for (let level = 0; level < tu.refineLevels; level++) {
    let p = full(x, bits);
    // the float Jacobian gains about 45 bits a step: enough steps for the bits of this level
    const steps = tu.refineSteps + Math.ceil(bits / 40);
    for (let step = 0; p !== null && rows.length > 0 && step < steps; step++) {
      // residuals R/2^P; done when max |R| ≤ target·2^P/8 (exact comparison)
      const Rall = fixedResiduals(fx, p, bits, k);
      const R = rows.map((y) => Rall[y]);
      const maxR = R.reduce((a, v) => (v < 0n ? -v : v) > a ? (v < 0n ? -v : v) : a, 0n);
      if (maxR * 8n * target.d <= numer(target) << BigInt(fx.P)) break;
      // scaled to doubles near 1 (any target): F = R/2^c, so the correction is d·2^(c − P) and x moves by d·2^(c − P + bits)
      const c = Math.max(0, maxR.toString(2).length - 60);
      const F = R.map((v) => quotientToNumber(v, 1n << BigInt(c)));
      stats.newton++;
      const d = solveLinear(J, F.map((f) => -f));
      if (d === null) break;
      rows.forEach((_, i) => {
        x[i] += scaleToInt(d[i], c - fx.P + bits);
      });
      p = full(x, bits);
    }
    if (p === null) break;
    const D = 1n << BigInt(bits);
    const probs = p.map((v) => frac(v, D));
    const ex = promptExploitability(prompt, probs, k);
    stats.exact++;
    stats.bits = Math.max(stats.bits, bits);
    if (best === null || ex.epsilon.lt(best.epsilon)) best = { probs, epsilon: ex.epsilon, support: supportOf(probs), method: 'newton', bits, scores: ex };
    if (ex.epsilon.lte(target) || rows.length === 0 || bits + tu.bitsStep > tu.maxBits) break;
    // at the rounding floor of these bits: extend the iterate and go on
    x = x.map((v) => v << BigInt(tu.bitsStep));
    bits += tu.bitsStep;
    fx = fixedPrompt(prompt, fp, bits + 64);
  }
  if (best === null) return null;
  if (isZero(best.epsilon)) return best;
  // The exact rational equilibrium, when there is one with a small denominator.
  const rec = k === 1 ? exactLinearK1(prompt, S) : reconstruct(best.probs, S, best.bits);
  // worth an exact evaluation only when its common denominator is small (else it is no simpler than the iterate)
  if (rec !== null && rec.every((q) => signOf(q) >= 0) && commonDenominator(rec).den.toString(2).length <= best.bits) {
    const ex = promptExploitability(prompt, rec, k);
    stats.exact++;
    if (ex.epsilon.lt(best.epsilon)) return { probs: rec, epsilon: ex.epsilon, support: supportOf(rec), method: k === 1 ? 'exact linear solve' : 'rational reconstruction', bits: best.bits, scores: ex };
  }
  return best;
}

/** Snap each coordinate to its first continued-fraction convergent within 2^−(bits/2) (fraction.js simplify); S_0 takes the rest. */
function reconstruct(probs: Fraction[], S: number[], bits: number): Fraction[] | null {
  const eps = 2 ** -Math.min(1000, Math.floor(bits / 2));
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
  return out;
}
