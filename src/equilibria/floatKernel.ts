// Float guide for the (k+1)-player game G_{k+1} (SPEC §3). Floats only steer dynamics and Newton;
// every certified number is recomputed exactly elsewhere.
import { toNumber } from '../exact/rational.js';
import { Prompt } from '../model/types.js';

/** A prompt flattened for float kernels: per type its weight, rank of each response and tier count. */
export interface FloatPrompt {
  readonly n: number;
  readonly m: number;
  readonly weight: Float64Array;
  /** rank[θ·n + y] = tier of y for type θ. */
  readonly rank: Int32Array;
  readonly numTiers: Int32Array;
  readonly maxTiers: number;
}

export function floatPrompt(prompt: Prompt): FloatPrompt {
  const n = prompt.responses.length;
  const m = prompt.users.length;
  const weight = new Float64Array(m);
  const rank = new Int32Array(m * n);
  const numTiers = new Int32Array(m);
  let maxTiers = 1;
  prompt.users.forEach((u, ui) => {
    weight[ui] = toNumber(u.weight);
    rank.set(u.rank, ui * n);
    numTiers[ui] = u.numTiers;
    maxTiers = Math.max(maxTiers, u.numTiers);
  });
  return { n, m, weight, rank, numTiers, maxTiers };
}

/**
 * Uniform rule, per type: f(e, w) = ((e+w)^{k+1} − w^{k+1})/((k+1)e) = (1/(k+1)) Σ_{j=0..k} a^j w^{k−j}, a = e+w
 * (division-free, so stable as e → 0), and its partial derivatives
 * f_e = (1/(k+1)) Σ_j j a^{j−1} w^{k−j},  f_w = f_e + (1/(k+1)) Σ_j (k−j) a^j w^{k−j−1}.
 */
/** pa[j] = a^j, pw[j] = w^j for j ≤ k. */
function powers(a: number, w: number, k: number, pa: Float64Array, pw: Float64Array): void {
  pa[0] = 1;
  pw[0] = 1;
  for (let j = 1; j <= k; j++) {
    pa[j] = pa[j - 1] * a;
    pw[j] = pw[j - 1] * w;
  }
}

function tierValue(e: number, w: number, k: number, pa: Float64Array, pw: Float64Array): number {
  powers(e + w, w, k, pa, pw);
  let s = 0;
  for (let j = 0; j <= k; j++) s += pa[j] * pw[k - j];
  return s / (k + 1);
}

function tierDerivs(e: number, w: number, k: number, pa: Float64Array, pw: Float64Array): [number, number] {
  powers(e + w, w, k, pa, pw);
  let fe = 0;
  let fb = 0;
  for (let j = 1; j <= k; j++) fe += j * pa[j - 1] * pw[k - j];
  for (let j = 0; j < k; j++) fb += (k - j) * pa[j] * pw[k - j - 1];
  return [fe / (k + 1), (fe + fb) / (k + 1)];
}

/** U_k(y; π) for every y (SPEC §2, uniform), in floats. O(m·n·k). */
export function floatScores(fp: FloatPrompt, pi: ArrayLike<number>, k: number, out = new Float64Array(fp.n)): Float64Array {
  const { n, m, weight, rank, numTiers } = fp;
  const mass = new Float64Array(fp.maxTiers);
  const g = new Float64Array(fp.maxTiers);
  const pa = new Float64Array(k + 1);
  const pw = new Float64Array(k + 1);
  out.fill(0);
  for (let ui = 0; ui < m; ui++) {
    const T = numTiers[ui];
    const off = ui * n;
    mass.fill(0, 0, T);
    for (let y = 0; y < n; y++) mass[rank[off + y]] += pi[y];
    let W = 0;
    for (let t = T - 1; t >= 0; t--) {
      g[t] = weight[ui] * tierValue(mass[t], W, k, pa, pw);
      W += mass[t];
    }
    for (let y = 0; y < n; y++) out[y] += g[rank[off + y]];
  }
  return out;
}

/**
 * Jacobian J[i][j] = ∂U_k(rows[i]; π)/∂π(cols[j]) in floats: z in the tie class of y contributes f_e,
 * z strictly worse than y contributes f_w (chain rule through e and w), better z contributes 0.
 */
export function floatJacobian(fp: FloatPrompt, pi: ArrayLike<number>, k: number, rows: readonly number[], cols: readonly number[]): number[][] {
  const { n, m, weight, rank, numTiers } = fp;
  const J = rows.map(() => new Array<number>(cols.length).fill(0));
  const mass = new Float64Array(fp.maxTiers);
  const de = new Float64Array(fp.maxTiers);
  const dw = new Float64Array(fp.maxTiers);
  const pa = new Float64Array(k + 1);
  const pw = new Float64Array(k + 1);
  for (let ui = 0; ui < m; ui++) {
    const T = numTiers[ui];
    const off = ui * n;
    mass.fill(0, 0, T);
    for (let y = 0; y < n; y++) mass[rank[off + y]] += pi[y];
    let W = 0;
    for (let t = T - 1; t >= 0; t--) {
      const [a, b] = tierDerivs(mass[t], W, k, pa, pw);
      de[t] = weight[ui] * a;
      dw[t] = weight[ui] * b;
      W += mass[t];
    }
    for (let i = 0; i < rows.length; i++) {
      const ty = rank[off + rows[i]];
      const Ji = J[i];
      for (let j = 0; j < cols.length; j++) {
        const tz = rank[off + cols[j]];
        if (tz === ty) Ji[j] += de[ty];
        else if (tz > ty) Ji[j] += dw[ty];
      }
    }
  }
  return J;
}

/** Solve A x = b by Gaussian elimination with partial pivoting; null when (numerically) singular. */
export function solveLinear(A: number[][], b: number[]): number[] | null {
  const s = b.length;
  const M = A.map((r, i) => [...r, b[i]]);
  let scale = 0;
  for (const r of A) for (const v of r) scale = Math.max(scale, Math.abs(v));
  if (scale === 0) return s === 0 ? [] : null;
  for (let c = 0; c < s; c++) {
    let p = c;
    for (let r = c + 1; r < s; r++) if (Math.abs(M[r][c]) > Math.abs(M[p][c])) p = r;
    if (Math.abs(M[p][c]) < 1e-13 * scale) return null;
    [M[c], M[p]] = [M[p], M[c]];
    for (let r = c + 1; r < s; r++) {
      const f = M[r][c] / M[c][c];
      if (f === 0) continue;
      for (let j = c; j <= s; j++) M[r][j] -= f * M[c][j];
    }
  }
  const x = new Array<number>(s).fill(0);
  for (let r = s - 1; r >= 0; r--) {
    let v = M[r][s];
    for (let j = r + 1; j < s; j++) v -= M[r][j] * x[j];
    x[r] = v / M[r][r];
  }
  return x;
}

/** Inverse of a square matrix (Gauss–Jordan, partial pivoting); null when singular. */
export function invert(A: number[][]): number[][] | null {
  const s = A.length;
  const cols: number[][] = [];
  for (let j = 0; j < s; j++) {
    const e = new Array<number>(s).fill(0);
    e[j] = 1;
    const x = solveLinear(A, e);
    if (x === null) return null;
    cols.push(x);
  }
  return A.map((_, i) => cols.map((c) => c[i]));
}
