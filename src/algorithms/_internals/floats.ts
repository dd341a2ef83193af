// Float machinery for the built-in algorithms under test. Their answers are what they are; the harness
// evaluates the exact rational policy they return.
import { Fraction, frac, ZERO } from '../../exact/rational.js';
import { Prompt } from '../../model/types.js';
import { pairwiseMatrixFloat } from '../../winrate/pairwise.js';

/**
 * Bradley–Terry strengths by Hunter's MM iteration, γ_i ← W_i / Σ_{j≠i} n_ij/(γ_i+γ_j), on the pairwise
 * preference masses w_ij = P(i ≻ j) (i ≠ j) plus a pseudo-count `prior` each way (keeps rewards finite).
 * Returns rewards r_i = ln γ_i, shifted so that max r = 0.
 */
export function bradleyTerryRewards(prompt: Prompt, prior = 0.01, iterations = 1000): number[] {
  const P = pairwiseMatrixFloat(prompt);
  const n = P.length;
  const w = P.map((row, i) => row.map((v, j) => (i === j ? 0 : v + prior)));
  let g = new Array<number>(n).fill(1);
  for (let it = 0; it < iterations; it++) {
    const next = g.map((gi, i) => {
      let wins = 0;
      let denom = 0;
      for (let j = 0; j < n; j++) {
        if (j === i) continue;
        wins += w[i][j];
        denom += (w[i][j] + w[j][i]) / (gi + g[j]);
      }
      return denom > 0 ? wins / denom : gi;
    });
    const s = next.reduce((a, b) => a + b, 0) / n;
    const normed = next.map((v) => v / s);
    const delta = Math.max(...normed.map((v, i) => Math.abs(v - g[i])));
    g = normed;
    if (delta < 1e-15) break;
  }
  const r = g.map((v) => Math.log(v));
  const mx = Math.max(...r);
  return r.map((v) => v - mx);
}

/** softmax(β·r). */
export function softmax(r: readonly number[], beta: number): number[] {
  const mx = Math.max(...r.map((v) => beta * v));
  const e = r.map((v) => Math.exp(beta * v - mx));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
}

/** Uniform over the responses whose value is within `tol` of the maximum (exact 1/|ties|). */
export function argmaxPolicy(r: readonly number[], tol = 1e-9): Fraction[] {
  const mx = Math.max(...r);
  const top = r.map((v) => v >= mx - tol);
  const c = top.filter(Boolean).length;
  return top.map((t) => (t ? frac(1, c) : ZERO));
}
