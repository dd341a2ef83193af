// Float guide for the (k+1)-player game G_{k+1} (SPEC §3). Floats only steer dynamics and Newton;
// every certified number is recomputed exactly elsewhere.
import { commonDenominator, toNumber } from '../exact/rational.js';
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
 * Uniform rule, per type (SPEC §2): f(e, w) = ((e+w)^{k+1} − w^{k+1})/((k+1)e) = g_k/(k+1) with a = e+w and
 * g_k = Σ_{j≤k} a^j w^{k−j} (division-free, so stable as e → 0), by the recursion g_i = a·g_{i−1} + w^i;
 * its partials D_i = ∂g_i/∂a = g_{i−1} + a·D_{i−1} and H_i = ∂g_i/∂w = a·H_{i−1} + i·w^{i−1} give
 * f_e = D_k/(k+1) (more mass in the tie class) and f_w = (D_k + H_k)/(k+1) (more mass below).
 */
function tierValue(e: number, w: number, k: number): number {
  const a = e + w;
  let g = 1;
  let wp = 1;
  for (let i = 1; i <= k; i++) {
    wp *= w;
    g = a * g + wp;
  }
  return g / (k + 1);
}

function tierDerivs(e: number, w: number, k: number): [number, number] {
  const a = e + w;
  let g = 1;
  let d = 0;
  let h = 0;
  let wp = 1; // w^{i−1}
  for (let i = 1; i <= k; i++) {
    d = g + a * d;
    h = a * h + i * wp;
    wp *= w;
    g = a * g + wp;
  }
  return [d / (k + 1), (d + h) / (k + 1)];
}

/** U_k(y; π) for every y (SPEC §2, uniform), in floats. O(m·n·k). */
export function floatScores(fp: FloatPrompt, pi: ArrayLike<number>, k: number, out = new Float64Array(fp.n)): Float64Array {
  const { n, m, weight, rank, numTiers } = fp;
  const mass = new Float64Array(fp.maxTiers);
  const g = new Float64Array(fp.maxTiers);
  out.fill(0);
  for (let ui = 0; ui < m; ui++) {
    const T = numTiers[ui];
    const off = ui * n;
    mass.fill(0, 0, T);
    for (let y = 0; y < n; y++) mass[rank[off + y]] += pi[y];
    let W = 0;
    for (let t = T - 1; t >= 0; t--) {
      g[t] = weight[ui] * tierValue(mass[t], W, k);
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
  for (let ui = 0; ui < m; ui++) {
    const T = numTiers[ui];
    const off = ui * n;
    mass.fill(0, 0, T);
    for (let y = 0; y < n; y++) mass[rank[off + y]] += pi[y];
    let W = 0;
    for (let t = T - 1; t >= 0; t--) {
      const [a, b] = tierDerivs(mass[t], W, k);
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

/**
 * A high-precision guide (still not a certificate): U_k(y; π) − 1/(k+1) for every y in fixed point with P
 * fractional bits (products truncated), for π = p/2^B with P > B. It drives Newton below double precision
 * at the cost of P-bit multiplications; the exact kernel then certifies the result.
 */
export interface FixedPrompt {
  readonly fp: FloatPrompt;
  readonly P: number;
  /** w_θ·2^P, truncated. */
  readonly weight: bigint[];
}

export function fixedPrompt(prompt: Prompt, fp: FloatPrompt, P: number): FixedPrompt {
  const { num, den } = commonDenominator(prompt.users.map((u) => u.weight));
  return { fp, P, weight: num.map((a) => (a << BigInt(P)) / den) };
}

function fixPow(a: bigint, e: number, P: bigint): bigint {
  let r = 1n << P;
  let b = a;
  for (let i = e; i > 0; i >>= 1) {
    if (i & 1) r = (r * b) >> P;
    if (i > 1) b = (b * b) >> P;
  }
  return r;
}

/** (U_k(y; π) − 1/(k+1))·2^P for every y, approximately; π = p/2^B. */
export function fixedResiduals(fx: FixedPrompt, p: readonly bigint[], B: number, k: number): bigint[] {
  const { n, m, rank, numTiers } = fx.fp;
  const P = BigInt(fx.P);
  const shift = BigInt(fx.P - B);
  const K1 = BigInt(k + 1);
  const mass = new Array<bigint>(fx.fp.maxTiers);
  const f = new Array<bigint>(fx.fp.maxTiers);
  const out = new Array<bigint>(n).fill(0n);
  for (let ui = 0; ui < m; ui++) {
    const T = numTiers[ui];
    const off = ui * n;
    mass.fill(0n, 0, T);
    for (let y = 0; y < n; y++) if (p[y] !== 0n) mass[rank[off + y]] += p[y] << shift;
    let W = 0n;
    let powW = 0n; // W^{k+1}
    for (let t = T - 1; t >= 0; t--) {
      const E = mass[t];
      const A = W + E;
      if (E === 0n) f[t] = fixPow(W, k, P);
      else {
        const powA = fixPow(A, k + 1, P);
        f[t] = ((powA - powW) << P) / (K1 * E);
        powW = powA;
      }
      W = A;
    }
    const w = fx.weight[ui];
    for (let y = 0; y < n; y++) out[y] += w * f[rank[off + y]];
  }
  const third = (1n << P) / K1;
  return out.map((v) => (v >> P) - third);
}
