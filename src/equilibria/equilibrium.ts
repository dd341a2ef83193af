// Certified symmetric equilibria of G_{k+1} (SPEC §3, T2): a rational π with exact exploitability ε(π),
// so that rob_k(π^{⊗k}) = k/(k+1) − ε(π) exactly. Floats find the support (Hedge) and solve the
// indifference equations U_k(y; π) = 1/(k+1), y ∈ support (Newton); exact residuals drive a few more
// Newton steps on dyadic iterates; ε is then computed exactly from the returned rational π.
import { Fraction, frac, ONE, ZERO, HALF, signOf, isZero, sumOf, toNumber } from '../exact/rational.js';
import { makePolicy, makePrompt } from '../model/build.js';
import { Policy, Profile, Prompt } from '../model/types.js';
import { promptExploitability } from '../winrate/exploitability.js';
import { floatSelfPlay } from './dynamics.js';
import { FloatPrompt, floatJacobian, floatPrompt, floatScores, solveLinear } from './floatKernel.js';
import { KrawczykBox, krawczykBox } from './krawczyk.js';

export interface EquilibriumOptions {
  /** Stop refining once the exact ε(π) ≤ target (default 10^−30). */
  readonly target?: Fraction;
  /** Try to certify a box holding an exact equilibrium (default true). */
  readonly box?: boolean;
  /** Hedge step used to find the support (default 4). */
  readonly eta?: number;
  /** Budget of Hedge rounds (default 20000). */
  readonly maxRounds?: number;
}

export interface PromptEquilibrium {
  /** The returned rational policy (sums to exactly 1). */
  readonly probs: Fraction[];
  /** ε(π) = max_y U_k(y; π) − 1/(k+1), exact. */
  readonly epsilon: Fraction;
  /** Responses with π(y) > 0, sorted. */
  readonly support: number[];
  /** A certified box holding an exact symmetric NE, or null with the reason. */
  readonly box: KrawczykBox | null;
  readonly boxReason?: string;
  readonly stats: { readonly rounds: number; readonly newton: number; readonly supports: number; readonly ms: number };
}

export interface EquilibriumResult {
  readonly k: number;
  readonly policy: Policy;
  /** ε(π) = Σ_x ρ(x) ε_x(π_x), exact. */
  readonly epsilon: Fraction;
  /** rob_k(π^{⊗k}) = k/(k+1) − ε(π) (T2). */
  readonly robustness: Fraction;
  readonly prompts: PromptEquilibrium[];
}

const DEFAULT_TARGET = frac(1n, 10n ** 30n);

/** A symmetric ε-equilibrium of G_{k+1} on every prompt, with exact ε and robustness (SPEC §3, T2). */
export function equilibrium(profile: Profile, k: number, opts: EquilibriumOptions = {}): EquilibriumResult {
  if (!Number.isInteger(k) || k < 1) throw new RangeError('k must be an integer ≥ 1');
  const prompts = profile.prompts.map(({ prompt }) => promptEquilibrium(prompt, k, opts));
  const epsilon = sumOf(prompts.map((p, x) => p.epsilon.mul(profile.prompts[x].weight)));
  return {
    k,
    policy: makePolicy(prompts.map((p) => p.probs)),
    epsilon,
    robustness: frac(k, k + 1).sub(epsilon),
    prompts,
  };
}

interface Candidate {
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
 * Clone classes: responses tied in every user type's order. U_k(·; π) depends only on each class's
 * total mass (SPEC §2: e and w are unions of whole classes), so solving the game on one representative
 * per class and splitting its mass equally is exact — and removes the non-isolated directions.
 */
export function cloneClasses(prompt: Prompt): number[][] {
  const byKey = new Map<string, number[]>();
  prompt.responses.forEach((_, y) => {
    const key = prompt.users.map((u) => u.rank[y]).join(',');
    if (!byKey.has(key)) byKey.set(key, []);
    byKey.get(key)!.push(y);
  });
  return [...byKey.values()];
}

/** One prompt: clones merged, then support from Hedge, Newton on the indifference equations, exact ε. */
export function promptEquilibrium(prompt: Prompt, k: number, opts: EquilibriumOptions = {}): PromptEquilibrium {
  const classes = cloneClasses(prompt);
  if (classes.length === prompt.responses.length) return solvePrompt(prompt, k, opts);
  const reps = classes.map((c) => c[0]);
  const repOf = new Int32Array(prompt.responses.length);
  classes.forEach((c, i) => c.forEach((y) => (repOf[y] = i)));
  const reduced = makePrompt(
    reps.map((y) => prompt.responses[y]),
    prompt.users.map((u) => ({
      weight: u.weight,
      tiers: u.tiers.map((t) => [...new Set(t.map((y) => repOf[y]))].map((i) => prompt.responses[reps[i]])),
    })),
  );
  const r = solvePrompt(reduced, k, opts);
  const split = (v: readonly Fraction[]) => prompt.responses.map((_, y) => v[repOf[y]].div(frac(classes[repOf[y]].length)));
  const probs = split(r.probs);
  const epsilon = promptExploitability(prompt, probs, k).epsilon; // recomputed on the full prompt
  return {
    ...r,
    probs,
    epsilon,
    support: probs.flatMap((v, y) => (signOf(v) > 0 ? [y] : [])),
    box: r.box && { lo: split(r.box.lo), hi: split(r.box.hi), radius: r.box.radius },
    boxReason: r.boxReason,
  };
}

function solvePrompt(prompt: Prompt, k: number, opts: EquilibriumOptions): PromptEquilibrium {
  const t0 = performance.now();
  const target = opts.target ?? DEFAULT_TARGET;
  const fp = floatPrompt(prompt);
  const n = fp.n;
  const stats = { rounds: 0, newton: 0, supports: 0 };
  const exact = (probs: Fraction[]): Candidate => {
    const ex = promptExploitability(prompt, probs, k);
    return { probs, epsilon: ex.epsilon, support: probs.flatMap((v, y) => (signOf(v) > 0 ? [y] : [])) };
  };
  let best: Candidate | null = null;
  const consider = (c: Candidate): void => {
    if (best === null || c.epsilon.lt(best.epsilon)) best = c;
  };
  const finish = (): PromptEquilibrium => {
    const b = best!;
    let box: KrawczykBox | null = null;
    let boxReason: string | undefined;
    if (opts.box !== false) {
      if (isZero(b.epsilon)) box = pointBox(b.probs);
      else if (b.dyadic && b.floatPi) {
        const r = krawczykBox(prompt, k, b.support, b.dyadic, b.floatPi, b.bits!);
        if ('box' in r) box = r.box;
        else boxReason = r.reason;
      } else boxReason = 'no isolated solution of the support equations';
    }
    return { probs: b.probs, epsilon: b.epsilon, support: b.support, box, boxReason, stats: { ...stats, ms: performance.now() - t0 } };
  };

  if (n === 1) {
    consider(exact([ONE]));
    return finish();
  }
  const eta = opts.eta ?? 4;
  const maxRounds = opts.maxRounds ?? 20000;
  const tried = new Set<string>();
  let pi: Float64Array = new Float64Array(n).fill(1 / n);
  let chunk = 100;
  while (stats.rounds < maxRounds) {
    // Hedge's last iterate and its average over the chunk (the last iterate cycles when k = 1).
    const avg = new Float64Array(n);
    pi = floatSelfPlay(fp, k, chunk, 'hedge', eta, (q) => q.forEach((v, y) => (avg[y] += v / chunk)), pi);
    stats.rounds += chunk;
    chunk = Math.min(2 * chunk, 2000);
    for (const guess of [pi, avg]) {
      const mx = Math.max(...guess);
      const S = [...guess.keys()].filter((y) => guess[y] >= 1e-5 * mx);
      const sol = supportSearch(fp, k, S, guess, tried, stats);
      if (sol !== null) {
        const c = refine(prompt, fp, k, sol.S, sol.pi, target, stats);
        consider(c);
        if (c.epsilon.lte(target)) return finish();
      }
    }
    // fall back: the rounded Hedge iterate itself is a candidate
    consider(exact(roundSimplex(pi, 64)));
    if (best !== null && (best as Candidate).epsilon.lte(target)) return finish();
  }
  return finish();
}

/** A degenerate box [π, π] for an exact equilibrium. */
function pointBox(probs: Fraction[]): KrawczykBox {
  return { lo: probs, hi: probs, radius: ZERO };
}

/** π rounded to denominator 2^bits, summing exactly to 1 (largest coordinate absorbs the rest). */
function roundSimplex(pi: ArrayLike<number>, bits: number): Fraction[] {
  const D = 1n << BigInt(bits);
  let big = 0;
  const p = Array.from(pi, (v, y) => {
    if (v > pi[big]) big = y;
    return BigInt(Math.round(Math.max(0, v) * 2 ** 52)) << BigInt(Math.max(0, bits - 52));
  });
  const s = p.reduce((a, b) => a + b, 0n);
  p[big] += D - s;
  if (p[big] < 0n) p[big] = 0n;
  const t = p.reduce((a, b) => a + b, 0n);
  return p.map((v) => frac(v, t));
}

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
): Float64Array | 'singular' | null {
  const n = fp.n;
  const s = S.length;
  const v = 1 / (k + 1);
  const pi = new Float64Array(n);
  let tot = 0;
  for (const y of S) tot += Math.max(start[y], 1e-3 / s);
  for (const y of S) pi[y] = Math.max(start[y], 1e-3 / s) / tot;
  if (s === 1) return pi;
  const rows = S.slice(1);
  const resid = (p: Float64Array): number[] => {
    const u = floatScores(fp, p, k);
    return rows.map((y) => u[y] - v);
  };
  const norm = (F: number[]) => Math.max(...F.map(Math.abs));
  let F = resid(pi);
  for (let it = 0; it < 40; it++) {
    stats.newton++;
    if (norm(F) < 1e-15) return pi;
    const Jfull = floatJacobian(fp, pi, k, rows, S);
    const J = Jfull.map((r) => r.slice(1).map((x) => x - r[0]));
    const d = solveLinear(J, F.map((f) => -f));
    if (d === null) return 'singular';
    let step = 1;
    let accepted = false;
    for (let ls = 0; ls < 30; ls++) {
      const q = new Float64Array(pi);
      let sum = 0;
      rows.forEach((y, i) => {
        q[y] = pi[y] + step * d[i];
        sum += q[y];
      });
      q[S[0]] = 1 - sum;
      const Fq = resid(q);
      if (norm(Fq) < norm(F) || norm(Fq) < 1e-15) {
        pi.set(q);
        F = Fq;
        accepted = true;
        break;
      }
      step /= 2;
    }
    if (!accepted) return norm(F) < 1e-12 ? pi : null;
  }
  return norm(F) < 1e-12 ? pi : null;
}

/**
 * Support enumeration guided by the dynamics: solve on S; drop a coordinate that goes negative,
 * add an off-support response that beats 1/(k+1), until consistent or a support repeats.
 */
function supportSearch(
  fp: FloatPrompt,
  k: number,
  S0: number[],
  start: Float64Array,
  tried: Set<string>,
  stats: { newton: number; supports: number },
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
    const pi = floatNewton(fp, k, S, from, stats);
    if (pi === null) return null;
    if (pi === 'singular') {
      // not isolated on S: look for an equilibrium on a smaller support (a vertex, for k = 1)
      if (S.length <= 1) return null;
      let drop = S[0];
      for (const y of S) if (from[y] < from[drop]) drop = y;
      S = S.filter((y) => y !== drop);
      continue;
    }
    let neg = -1;
    for (const y of S) if (pi[y] <= 0 && (neg < 0 || pi[y] < pi[neg])) neg = y;
    if (neg >= 0) {
      S = S.filter((y) => y !== neg);
      from = pi;
      continue;
    }
    const u = floatScores(fp, pi, k);
    let add = -1;
    for (let y = 0; y < fp.n; y++) if (!S.includes(y) && u[y] - v > 1e-12 && (add < 0 || u[y] > u[add])) add = y;
    if (add >= 0) {
      const q = new Float64Array(pi);
      q[add] = 1e-3;
      S = [...S, add];
      from = q;
      continue;
    }
    return { S, pi };
  }
  return null;
}

/**
 * High-precision Newton: dyadic iterates over 2^bits, residuals F computed EXACTLY (productScores),
 * the float Jacobian at the float solution as the (fixed) Newton matrix. Each step multiplies the
 * error by about cond·2^−52, so a few steps reach 2^−bits. Then rational reconstruction is tried:
 * when the equilibrium is rational with a small denominator (k = 1, or SPEC §6's 13/20) ε becomes 0.
 */
function refine(
  prompt: Prompt,
  fp: FloatPrompt,
  k: number,
  S: number[],
  piF: Float64Array,
  target: Fraction,
  stats: { newton: number },
): Candidate {
  const n = fp.n;
  const targetBits = Math.ceil(-Math.log2(Math.max(toNumber(target), 1e-300)));
  const bits = Math.min(960, Math.max(64, targetBits + 24 + 4 * k));
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
  for (let step = 0; step < 8; step++) {
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
    const probs = roundSimplex(piF, bits);
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

/** k = 1: solve U_1(S_i; π) = 1/2 (i ≥ 1), Σ_S π = 1 exactly (Gauss–Jordan over Q). */
function exactLinearK1(prompt: Prompt, S: number[]): Fraction[] | null {
  const s = S.length;
  const A: Fraction[][] = [];
  const b: Fraction[] = [];
  for (const y of S.slice(1)) {
    A.push(
      S.map((z) =>
        sumOf(
          prompt.users.map((u) => (u.rank[z] === u.rank[y] ? u.weight.mul(HALF) : u.rank[z] > u.rank[y] ? u.weight : ZERO)),
        ),
      ),
    );
    b.push(HALF);
  }
  A.push(S.map(() => ONE));
  b.push(ONE);
  const sol = solveExact(A, b);
  if (sol === null) return null;
  const out = prompt.responses.map(() => ZERO);
  S.forEach((y, i) => (out[y] = sol[i]));
  return s > 0 ? out : null;
}

/** Exact Gauss–Jordan; null when singular. */
export function solveExact(A: Fraction[][], b: Fraction[]): Fraction[] | null {
  const s = b.length;
  const M = A.map((r, i) => [...r, b[i]]);
  for (let c = 0; c < s; c++) {
    let p = -1;
    for (let r = c; r < s; r++) if (!isZero(M[r][c])) {
      p = r;
      break;
    }
    if (p < 0) return null;
    [M[c], M[p]] = [M[p], M[c]];
    const inv = ONE.div(M[c][c]);
    for (let j = c; j <= s; j++) M[c][j] = M[c][j].mul(inv);
    for (let r = 0; r < s; r++) {
      if (r === c || isZero(M[r][c])) continue;
      const f = M[r][c];
      for (let j = c; j <= s; j++) M[r][j] = M[r][j].sub(f.mul(M[c][j]));
    }
  }
  return M.map((r) => r[s]);
}
