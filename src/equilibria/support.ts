// Float guide for G_{k+1} (SPEC §3): support enumeration driven by the dynamics, and Newton on the
// indifference equations U_k(y; π) = 1/(k+1) on a support. Nothing here is certified; refine.ts and the
// exact kernel decide.
import { FloatPrompt, floatJacobian, floatScores, solveLinear } from './floatKernel.js';
import { EquilibriumTuning } from './tuning.js';

/**
 * Float Newton on the support equations F_i(x) = U_k(S_i; π(x)) − 1/(k+1) = 0, i ≥ 1, where
 * x = π on S \ {S_0} and π(S_0) = 1 − Σ x (so T0 gives U_k(S_0) = 1/(k+1) too).
 * Returns the full π, 'singular' (equilibria not isolated on S) or null when Newton fails.
 */
function floatNewton(
  fp: FloatPrompt,
  k: number,
  S: number[],
  start: ArrayLike<number>,
  stats: { newton: number },
  tu: EquilibriumTuning,
): Float64Array | 'singular' | null {
  const n = fp.n;
  const s = S.length;
  const v = 1 / (k + 1);
  const pi = new Float64Array(n);
  let tot = 0;
  for (const y of S) tot += Math.max(start[y], tu.startFloor / s);
  for (const y of S) pi[y] = Math.max(start[y], tu.startFloor / s) / tot;
  if (s === 1) return pi;
  const rows = S.slice(1);
  const resid = (p: Float64Array): number[] => {
    const u = floatScores(fp, p, k);
    return rows.map((y) => u[y] - v);
  };
  const norm = (F: number[]) => Math.max(...F.map(Math.abs));
  let F = resid(pi);
  // Chord steps: the Jacobian is kept while full steps keep reducing the residual fast, recomputed otherwise.
  let J: number[][] | null = null;
  let fresh = false;
  for (let it = 0; it < tu.newtonSteps; it++) {
    stats.newton++;
    if (norm(F) < tu.newtonDone) return pi;
    if (J === null) {
      J = floatJacobian(fp, pi, k, rows, S).map((r) => r.slice(1).map((x) => x - r[0]));
      fresh = true;
    }
    const d = solveLinear(J, F.map((f) => -f));
    if (d === null) {
      if (fresh) return 'singular';
      J = null;
      continue;
    }
    const before = norm(F);
    let step = 1;
    let accepted = false;
    for (let ls = 0; ls < tu.lineSearchHalvings; ls++) {
      const q = new Float64Array(pi);
      let sum = 0;
      rows.forEach((y, i) => {
        q[y] = pi[y] + step * d[i];
        sum += q[y];
      });
      q[S[0]] = 1 - sum;
      const Fq = resid(q);
      if (norm(Fq) < norm(F) || norm(Fq) < tu.newtonDone) {
        pi.set(q);
        F = Fq;
        accepted = true;
        break;
      }
      step /= 2;
    }
    // keep the chord only after a full step that cut the residual at least tenfold
    if (!(accepted && step === 1 && norm(F) < before / 10)) {
      if (!accepted && !fresh) {
        J = null;
        continue;
      }
      J = null;
    }
    fresh = false;
    if (!accepted) return norm(F) < tu.newtonAccept ? pi : null;
  }
  return norm(F) < tu.newtonAccept ? pi : null;
}

/**
 * Support enumeration guided by the dynamics: solve on S; drop a coordinate that goes negative,
 * add an off-support response that beats 1/(k+1), until consistent or a support repeats.
 */
export function supportSearch(
  fp: FloatPrompt,
  k: number,
  S0: number[],
  start: Float64Array,
  tried: Set<string>,
  stats: { newton: number; supports: number },
  tu: EquilibriumTuning,
): { S: number[]; pi: Float64Array } | null {
  let S = [...S0];
  let from: ArrayLike<number> = start;
  const v = 1 / (k + 1);
  for (let attempt = 0; attempt < 2 * fp.n + 4; attempt++) {
    S.sort((a, b) => from[b] - from[a] || a - b); // S_0 = the largest mass (best conditioned)
    const key = [...S].sort((a, b) => a - b).join(',');
    if (tried.has(key)) return null;
    tried.add(key);
    stats.supports++;
    const pi = floatNewton(fp, k, S, from, stats, tu);
    if (pi === null) return null;
    if (pi === 'singular') {
      // not isolated on S: look for an equilibrium on a smaller support (a vertex, for k = 1)
      if (S.length <= 1) return null;
      let drop = S[0];
      for (const y of S) if (from[y] < from[drop]) drop = y;
      S = S.filter((y) => y !== drop);
      continue;
    }
    // drop every coordinate that went negative at once (one at a time when only one did)
    const neg = S.filter((y) => pi[y] <= 0);
    if (neg.length > 0) {
      S = S.filter((y) => pi[y] > 0);
      if (S.length === 0) return null;
      from = pi;
      continue;
    }
    const u = floatScores(fp, pi, k);
    let add = -1;
    for (let y = 0; y < fp.n; y++) if (!S.includes(y) && u[y] - v > tu.addThreshold && (add < 0 || u[y] > u[add])) add = y;
    if (add >= 0) {
      const q = new Float64Array(pi);
      q[add] = tu.addMass;
      S = [...S, add];
      from = q;
      continue;
    }
    return { S, pi };
  }
  return null;
}
