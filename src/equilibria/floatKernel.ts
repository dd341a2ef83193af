// Float guide for the (k+1)-player game G_{k+1} (SPEC §3). Floats only steer dynamics and Newton;
// every certified number is recomputed exactly elsewhere.
import { commonDenominator, toNumber } from '../exact/rational.js';
import { Prompt } from '../model/types.js';
import { luceScoreNumerators } from '../winrate/luce.js';

/** A Luce type (SPEC §4b) for the float kernels: its distinct integer strengths and each response's class. */
export interface FloatLuce {
  readonly weight: number;
  /** Distinct strengths, ascending (the type's integers: only ratios matter). */
  readonly v: Float64Array;
  /** cls[y] = index of s(y) in v. */
  readonly cls: Int32Array;
  /** Quadrature tables by k (see luceQuadrature). */
  readonly quad: Map<number, LuceQuadrature | null>;
}

/**
 * A prompt flattened for float kernels: per ranking type its weight, rank of each response and tier count
 * (m ranking types, in prompt order; `rankingIndex` their indices among the prompt's users), and the Luce types.
 */
export interface FloatPrompt {
  readonly n: number;
  readonly m: number;
  readonly weight: Float64Array;
  /** rank[θ·n + y] = tier of y for ranking type θ. */
  readonly rank: Int32Array;
  readonly numTiers: Int32Array;
  readonly maxTiers: number;
  readonly rankingIndex: Int32Array;
  readonly luce: readonly FloatLuce[];
}

export function floatPrompt(prompt: Prompt): FloatPrompt {
  const n = prompt.responses.length;
  const ranking = prompt.users.flatMap((u, ui) => (u.kind === 'ranking' ? [{ u, ui }] : []));
  const m = ranking.length;
  const weight = new Float64Array(m);
  const rank = new Int32Array(m * n);
  const numTiers = new Int32Array(m);
  let maxTiers = 1;
  ranking.forEach(({ u }, i) => {
    weight[i] = toNumber(u.weight);
    rank.set(u.rank, i * n);
    numTiers[i] = u.numTiers;
    maxTiers = Math.max(maxTiers, u.numTiers);
  });
  const luce: FloatLuce[] = [];
  for (const u of prompt.users) {
    if (u.kind !== 'luce') continue;
    const v = [...new Set(u.ints)].sort((x, y) => x - y);
    const at = new Map(v.map((x, i) => [x, i]));
    luce.push({ weight: toNumber(u.weight), v: Float64Array.from(v), cls: Int32Array.from(u.ints, (x) => at.get(x)!), quad: new Map() });
  }
  return { n, m, weight, rank, numTiers, maxTiers, rankingIndex: Int32Array.from(ranking, (r) => r.ui), luce };
}

/** Dense float distributions up to this many sums; past it, a map keyed by sum. */
const FLOAT_DENSE_MAX = 1 << 16;

/**
 * The strength sum X of j i.i.d. draws in floats (SPEC §4b): P(X = x) for the sums x, from the class masses
 * `mass` of the values v (j successive convolutions; only nonnegative terms, so no cancellation).
 */
function floatSumDist(v: Float64Array, mass: Float64Array, j: number): { sums: Float64Array; prob: Float64Array } {
  const d = v.length;
  const v0 = v[0];
  const span = v[d - 1] - v0;
  if (j * span + 1 <= FLOAT_DENSE_MAX) {
    let g = new Float64Array(1).fill(1);
    for (let step = 1; step <= j; step++) {
      const next = new Float64Array(step * span + 1);
      for (let i = 0; i < d; i++) {
        const p = mass[i];
        if (p === 0) continue;
        const e = v[i] - v0;
        for (let x = 0; x < g.length; x++) next[x + e] += p * g[x];
      }
      g = next;
    }
    return { sums: Float64Array.from(g, (_, x) => j * v0 + x), prob: g };
  }
  let cur = new Map<number, number>([[0, 1]]);
  for (let step = 0; step < j; step++) {
    const next = new Map<number, number>();
    for (const [x, c] of cur) for (let i = 0; i < d; i++) if (mass[i] !== 0) next.set(x + v[i], (next.get(x + v[i]) ?? 0) + c * mass[i]);
    cur = next;
  }
  const sums = Float64Array.from([...cur.keys()]);
  return { sums, prob: Float64Array.from(sums, (x) => cur.get(x)!) };
}

/** Gauss–Legendre nodes and weights on [0, 1] (N nodes: exact for polynomials of degree ≤ 2N − 1). Cached. */
const gaussCache = new Map<number, { t: Float64Array; w: Float64Array }>();
export function gaussLegendre01(N: number): { t: Float64Array; w: Float64Array } {
  let r = gaussCache.get(N);
  if (r !== undefined) return r;
  const t = new Float64Array(N);
  const w = new Float64Array(N);
  for (let i = 0; i < Math.ceil(N / 2); i++) {
    // Newton on the Legendre polynomial P_N from the usual asymptotic start
    let x = Math.cos((Math.PI * (i + 0.75)) / (N + 0.5));
    let dp = 1;
    for (let it = 0; it < 100; it++) {
      let p0 = 1;
      let p1 = 0;
      for (let j = 1; j <= N; j++) {
        const p2 = p1;
        p1 = p0;
        p0 = ((2 * j - 1) * x * p1 - (j - 1) * p2) / j;
      }
      dp = (N * (x * p0 - p1)) / (x * x - 1);
      const dx = p0 / dp;
      x -= dx;
      if (Math.abs(dx) <= 1e-16) break;
    }
    const wi = 2 / ((1 - x * x) * dp * dp);
    t[i] = (1 - x) / 2;
    t[N - 1 - i] = (1 + x) / 2;
    w[i] = w[N - 1 - i] = wi / 2;
  }
  r = { t, w };
  gaussCache.set(N, r);
  return r;
}

/**
 * Quadrature form of the Luce kernels (SPEC §4b): ∫_0^1 v·t^{v+x−1} dt = v/(v + x), so with φ(t) = Σ_y π_y t^{s_y}
 * (E[t^X] = φ(t)^k for the strength sum X of k draws)
 *   U_θ(v) = E[v/(v + X_k)] = v ∫_0^1 t^{v−1} φ(t)^k dt,   k·E[v/(v + w + X_{k−1})] = k·v ∫_0^1 t^{v+w−1} φ(t)^{k−1} dt.
 * The integrands are polynomials of degree < (k+1)·max s, so N = ⌈(k+1)·max s/2⌉ Gauss–Legendre nodes integrate
 * them exactly; every term is nonnegative, so the float sums lose no accuracy to cancellation.
 * Tables: tv[j·d + i] = t_j^{v_i}, tv1[j·d + i] = t_j^{v_i − 1}.
 */
export interface LuceQuadrature {
  readonly N: number;
  readonly w: Float64Array;
  readonly tv: Float64Array;
  readonly tv1: Float64Array;
}

/** Above this many nodes the float kernels convolve instead (wide strength ranges). */
const QUAD_MAX = 1 << 13;

function luceQuadrature(L: FloatLuce, k: number): LuceQuadrature | null {
  let q = L.quad.get(k);
  if (q !== undefined) return q;
  const d = L.v.length;
  const N = Math.ceil(((k + 1) * L.v[d - 1]) / 2);
  if (N > QUAD_MAX) q = null;
  else {
    const { t, w } = gaussLegendre01(N);
    const tv = new Float64Array(N * d);
    const tv1 = new Float64Array(N * d);
    for (let j = 0; j < N; j++)
      for (let i = 0; i < d; i++) {
        tv[j * d + i] = t[j] ** L.v[i];
        tv1[j * d + i] = t[j] ** (L.v[i] - 1);
      }
    q = { N, w, tv, tv1 };
  }
  L.quad.set(k, q);
  return q;
}

/** w_j·φ(t_j)^e for every node. */
function nodePowers(q: LuceQuadrature, mass: Float64Array, e: number, out: Float64Array): Float64Array {
  const d = mass.length;
  for (let j = 0; j < q.N; j++) {
    let phi = 0;
    const o = j * d;
    for (let i = 0; i < d; i++) phi += mass[i] * q.tv[o + i];
    // φ^e by squaring (much faster than ** or Math.pow here)
    let r = 1;
    let b = phi;
    for (let x = e; x > 0; x >>= 1) {
      if (x & 1) r *= b;
      b *= b;
    }
    out[j] = q.w[j] * r;
  }
  return out;
}

function classMasses(L: FloatLuce, pi: ArrayLike<number>): Float64Array {
  const mass = new Float64Array(L.v.length);
  for (let y = 0; y < L.cls.length; y++) mass[L.cls[y]] += pi[y];
  return mass;
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

/** U_k(y; π) for every y (SPEC §2, uniform; Luce types by §4b), in floats. O(m·n·k) for ranking types. */
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
  for (const L of fp.luce) {
    // U_θ(y) = E[s_y/(s_y + X_k)]
    const d = L.v.length;
    const mass = classMasses(L, pi);
    const U = new Float64Array(d);
    const q = luceQuadrature(L, k);
    if (q !== null) {
      const pw = nodePowers(q, mass, k, new Float64Array(q.N));
      for (let j = 0; j < q.N; j++) {
        const o = j * d;
        const c = pw[j];
        for (let i = 0; i < d; i++) U[i] += c * q.tv1[o + i];
      }
    } else {
      const { sums, prob } = floatSumDist(L.v, mass, k);
      for (let i = 0; i < d; i++) for (let x = 0; x < sums.length; x++) if (prob[x] !== 0) U[i] += prob[x] / (L.v[i] + sums[x]);
    }
    for (let i = 0; i < d; i++) U[i] *= L.weight * L.v[i];
    for (let y = 0; y < n; y++) out[y] += U[L.cls[y]];
  }
  return out;
}

/**
 * Jacobian J[i][j] = ∂U_k(rows[i]; π)/∂π(cols[j]) in floats: z in the tie class of y contributes f_e,
 * z strictly worse than y contributes f_w (chain rule through e and w), better z contributes 0; a Luce type
 * contributes k·E[s_y/(s_y + s_z + X_{k−1})] (SPEC §4b).
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
  for (const L of fp.luce) {
    const d = L.v.length;
    const mass = classMasses(L, pi);
    // H[a·d + b] = k·w·v_a·E[1/(v_a + v_b + X_{k−1})]
    const H = new Float64Array(d * d);
    const q = luceQuadrature(L, k);
    if (q !== null) {
      const pw = nodePowers(q, mass, k - 1, new Float64Array(q.N));
      for (let j = 0; j < q.N; j++) {
        const o = j * d;
        for (let a = 0; a < d; a++) {
          const c = pw[j] * q.tv[o + a];
          for (let b = 0; b < d; b++) H[a * d + b] += c * q.tv1[o + b];
        }
      }
    } else {
      const { sums, prob } = floatSumDist(L.v, mass, k - 1);
      for (let a = 0; a < d; a++)
        for (let b = 0; b < d; b++) {
          const w = L.v[a] + L.v[b];
          for (let i = 0; i < sums.length; i++) if (prob[i] !== 0) H[a * d + b] += prob[i] / (w + sums[i]);
        }
    }
    for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) H[a * d + b] *= k * L.weight * L.v[a];
    for (let i = 0; i < rows.length; i++) {
      const a = L.cls[rows[i]] * d;
      const Ji = J[i];
      for (let j = 0; j < cols.length; j++) Ji[j] += H[a + L.cls[cols[j]]];
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
  /** w_θ·2^P, truncated, for the ranking types (in fp order). */
  readonly weight: bigint[];
  /** The prompt's users and weight numerators a over B, for the Luce part (computed exactly, then truncated). */
  readonly users: Prompt['users'];
  readonly a: bigint[];
  readonly B: bigint;
}

export function fixedPrompt(prompt: Prompt, fp: FloatPrompt, P: number): FixedPrompt {
  const { num, den } = commonDenominator(prompt.users.map((u) => u.weight));
  return { fp, P, weight: Array.from(fp.rankingIndex, (ui) => (num[ui] << BigInt(P)) / den), users: prompt.users, a: num, B: den };
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
  if (fx.fp.luce.length > 0) {
    // Luce types: the exact numerators over L·2^{Bk}·B (luce.ts), truncated to the 2^{2P} scale of `out`
    const { num, L } = luceScoreNumerators(fx.users, fx.a, p, k);
    const den = L * fx.B;
    const sh = 2n * P - BigInt(B * k);
    for (let y = 0; y < n; y++) out[y] += sh >= 0n ? (num[y] << sh) / den : num[y] / (den << -sh);
  }
  const third = (1n << P) / K1;
  return out.map((v) => (v >> P) - third);
}
