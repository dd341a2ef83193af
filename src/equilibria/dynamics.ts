// Self-play in G_{k+1} (SPEC T5): a learner plays against k copies of itself, reward U_k(·; π_t).
// Iterates are floats; they are converted to exact rationals and every reported quantity
// (Reg_T, rob_k(σ_T)) is recomputed exactly from those rational iterates.
import { Fraction, frac, ONE, ZERO, signOf, isZero, sumOf, commonDenominator, lcm } from '../exact/rational.js';
import { Profile, Prompt } from '../model/types.js';
import { productScoreNumerators, rankingScoreNumerators, requireDrawCount } from '../winrate/product.js';
import { combineDists, luceShareScores, strengthSumDist } from '../winrate/luce.js';
import { hasLuce, tierCount } from '../model/structure.js';
import { PromptModel } from '../winrate/promptModel.js';
import { robustnessOf } from '../winrate/opponents.js';
import { FloatPrompt, floatPrompt, floatScores } from './floatKernel.js';
import { roundToSimplex } from '../exact/dyadic.js';
import { mixtureOutcomes } from '../winrate/multiset.js';
import { parallelScoreSums } from './parallel.js';
import { ScoreSums, addSums, scoreSums } from './scoreSums.js';

export type SelfPlayMethod = 'hedge' | 'omwu' | 'extragradient';
export const SELFPLAY_METHODS: readonly SelfPlayMethod[] = ['hedge', 'omwu', 'extragradient'];

export interface SelfPlayOptions {
  /** Rounds T ≥ 1. */
  readonly T: number;
  readonly method?: SelfPlayMethod;
  /** Step size; default the T5 step η = sqrt(8 ln n / T) for every method. */
  readonly eta?: number;
  /** Largest T·k·Σ(tiers of the user types) for which T5's identity is checked independently (default SELFPLAY_IDENTITY_WORK). */
  readonly identityWork?: number;
  /** Exact iterates are rounded to denominator 2^bits (default 40), summing exactly to 1. */
  readonly bits?: number;
  /** Called as rounds are played and before the exact phase (display only). */
  readonly onProgress?: (info: { readonly prompt: number; readonly round: number; readonly T: number; readonly phase: 'rounds' | 'exact' }) => void;
}

/** Default work limit of selfPlay's independent identity check: T·k·Σ tiers ≤ 2·10^6 (about a second here). */
export const SELFPLAY_IDENTITY_WORK = 2_000_000;

/** T5's Hedge step size η = sqrt(8 ln n / T) (a float: it only drives the dynamics). */
export function hedgeEta(n: number, T: number): number {
  return Math.sqrt((8 * Math.log(Math.max(n, 2))) / T);
}

function softmax(L: Float64Array, out: Float64Array): Float64Array {
  let mx = -Infinity;
  for (let i = 0; i < L.length; i++) mx = Math.max(mx, L[i]);
  let s = 0;
  for (let i = 0; i < L.length; i++) s += out[i] = Math.exp(L[i] - mx);
  for (let i = 0; i < L.length; i++) out[i] /= s;
  return out;
}

/**
 * Float self-play from the uniform policy, in log-weights L (π = softmax L):
 *  hedge:         L += η u(π_t)
 *  omwu:          L += η (2u(π_t) − u(π_{t−1}))            (optimistic MWU, u(π_0) := u(π_1))
 *  extragradient: π' = softmax(L + η u(π_t)); L += η u(π')  (mirror-prox, entropic)
 * Calls `visit(π_t, t)` on each played iterate π_1..π_T; returns π_{T+1}.
 */
export function floatSelfPlay(
  fp: FloatPrompt,
  k: number,
  T: number,
  method: SelfPlayMethod,
  eta: number,
  visit?: (pi: Float64Array, t: number) => void,
  init?: ArrayLike<number>,
): Float64Array {
  const n = fp.n;
  const L = new Float64Array(n);
  if (init) for (let y = 0; y < n; y++) L[y] = Math.log(Math.max(init[y], 1e-300));
  const pi = new Float64Array(n);
  const half = new Float64Array(n);
  const u = new Float64Array(n);
  const uPrev = new Float64Array(n);
  const uh = new Float64Array(n);
  for (let t = 1; t <= T; t++) {
    softmax(L, pi);
    visit?.(pi, t);
    floatScores(fp, pi, k, u);
    if (method === 'hedge') for (let y = 0; y < n; y++) L[y] += eta * u[y];
    else if (method === 'omwu') {
      if (t === 1) uPrev.set(u);
      for (let y = 0; y < n; y++) L[y] += eta * (2 * u[y] - uPrev[y]);
      uPrev.set(u);
    } else {
      for (let y = 0; y < n; y++) half[y] = L[y] + eta * u[y];
      softmax(half, half);
      floatScores(fp, half, k, uh);
      for (let y = 0; y < n; y++) L[y] += eta * uh[y];
    }
  }
  return softmax(L, new Float64Array(n));
}

export interface RegretResult {
  /** Reg_T = max_y Σ_t U_k(y; π_t) − T/(k+1) (SPEC T5), exact. */
  readonly regret: Fraction;
  /** Σ_t U_k(y; π_t) for every y. */
  readonly cumulative: Fraction[];
  /** argmax_y of the cumulative reward. */
  readonly best: number;
}

/**
 * Exact external regret of the self-play learner on one prompt, for ANY rational sequence π_1..π_T (T5).
 * Luce types (SPEC §4b): Σ_t U_θ(y; π_t) = E[s_y/(s_y + X)] for the summed strength-sum distribution
 * X = Σ_t X_t (over one denominator), so the shares are computed once, not once per iterate.
 */
export function exactRegret(prompt: Prompt, iterates: readonly (readonly Fraction[])[], k: number, sums: ScoreSums = scoreSums(prompt, iterates, k)): RegretResult {
  const n = prompt.responses.length;
  const luce = hasLuce(prompt);
  let total = sums;
  if (luce) {
    const { num: a, den: B } = commonDenominator(prompt.users.map((u) => u.weight));
    const ps = iterates.map((pi) => {
      const { num: p, den: D } = commonDenominator(pi);
      return { p, Dk: D ** BigInt(k) };
    });
    let Q = 1n;
    for (const x of ps) Q = lcm(Q, x.Dk);
    const lu = luceShareScores(prompt.users, a, n, (u) => combineDists(ps.map((x) => ({ dist: strengthSumDist(u, x.p, k), scale: Q / x.Dk }))));
    // the ranking sums plus the Luce sums, which are over L·Q·B
    total = addSums(sums, { num: lu.num, den: lu.L * Q * B });
  }
  const { num: acc, den } = total;
  const cumulative = acc.map((v) => frac(v, den));
  let best = 0;
  for (let y = 1; y < n; y++) if (acc[y] > acc[best]) best = y;
  const regret = cumulative[best].sub(frac(iterates.length, k + 1));
  return { regret, cumulative, best };
}

/** σ_T = (1/T) Σ_t π_t^{⊗k} as a 'mixture' PromptModel (draw t uniformly, then k samples from π_t). */
export function mixtureOfProducts(iterates: readonly (readonly Fraction[])[], k: number): PromptModel {
  const w = frac(1, iterates.length);
  return { kind: 'mixture', k, parts: iterates.map((probs) => ({ weight: w, probs })) };
}

export interface PromptSelfPlay {
  /** Exact played iterates π_1..π_T. */
  readonly iterates: Fraction[][];
  /** π_{T+1}: the iterate after the T-th update (exact rounding of the float state). */
  readonly last: Fraction[];
  readonly regret: RegretResult;
  /** σ_T on this prompt. */
  readonly mixture: PromptModel;
}

export interface SelfPlayResult {
  readonly k: number;
  readonly T: number;
  readonly method: SelfPlayMethod;
  readonly eta: number;
  readonly prompts: PromptSelfPlay[];
  /** Reg_T = Σ_x ρ(x) Reg_T(x), exact. */
  readonly regret: Fraction;
  /**
   * rob_k(σ_T), exact: from the mixture's opponent table (the direct expectation of SPEC §2) when the identity is
   * checked, else k/(k+1) − Reg_T/T by T5.
   */
  readonly robustness: Fraction;
  /**
   * T5's identity rob_k(σ_T) = k/(k+1) − Reg_T/T, checked exactly between two independent computations (Reg_T from
   * the closed form, rob_k(σ_T) from the direct expectation) — or null when that is above `identityWork`
   * (the direct expectation costs O(T·m·n·k) big-integer steps; `ualign verify` checks T5 on small instances).
   */
  readonly identity: boolean | null;
  /** For Hedge with the T5 step: Reg_T(x) ≤ sqrt((T/2) ln n) per prompt, checked exactly with a rational upper bound of ln n. */
  readonly hedgeBound?: { readonly holds: boolean; readonly lnUpper: Fraction[] };
}

/**
 * Self-play on every prompt (SPEC T5). Returns exact iterates, Reg_T, σ_T and rob_k(σ_T),
 * with the identity rob_k(σ_T) = k/(k+1) − Reg_T/T checked exactly.
 * Note: the exact iterates are roundings (2^−bits) of float Hedge, not exact Hedge; the identity holds
 * for every sequence, and the Hedge bound is checked on this rounded sequence.
 */
export function selfPlay(profile: Profile, k: number, opts: SelfPlayOptions): SelfPlayResult {
  const played = playRounds(profile, k, opts);
  const sums = played.map((p, x) => {
    opts.onProgress?.({ prompt: x, round: opts.T, T: opts.T, phase: 'exact' });
    return scoreSums(profile.prompts[x].prompt, p.iterates, k);
  });
  return finishSelfPlay(profile, k, opts, played, sums);
}

/**
 * selfPlay with the exact sums of each prompt split over `jobs` threads (this one and jobs − 1 worker threads,
 * parallel.ts). Same result as selfPlay, whatever `jobs` is: the sums are exact.
 */
export async function selfPlayParallel(
  profile: Profile,
  k: number,
  opts: SelfPlayOptions & { readonly jobs: number; /** least work split over threads (default PARALLEL_MIN_WORK) */ readonly minWork?: number },
): Promise<SelfPlayResult> {
  const played = playRounds(profile, k, opts);
  const sums: ScoreSums[] = [];
  for (const [x, p] of played.entries()) {
    opts.onProgress?.({ prompt: x, round: opts.T, T: opts.T, phase: 'exact' });
    sums.push(await parallelScoreSums(profile.prompts[x].prompt, p.iterates, k, opts.jobs, opts.minWork));
  }
  return finishSelfPlay(profile, k, opts, played, sums);
}

interface Played {
  readonly iterates: Fraction[][];
  readonly last: Fraction[];
  readonly eta: number;
}

/** The float dynamics on every prompt, each iterate rounded to an exact one as it is played. */
function playRounds(profile: Profile, k: number, opts: SelfPlayOptions): Played[] {
  const method = opts.method ?? 'hedge';
  const T = opts.T;
  if (!Number.isInteger(T) || T < 1) throw new RangeError('T must be an integer ≥ 1');
  requireDrawCount(k);
  const bits = opts.bits ?? 40;
  return profile.prompts.map(({ prompt }, x): Played => {
    const fp = floatPrompt(prompt);
    const eta = opts.eta ?? hedgeEta(fp.n, T);
    const iterates: Fraction[][] = [];
    const lastF = floatSelfPlay(fp, k, T, method, eta, (pi, t) => {
      iterates.push(roundToSimplex(pi, bits));
      opts.onProgress?.({ prompt: x, round: t, T, phase: 'rounds' });
    });
    return { iterates, last: roundToSimplex(lastF, bits), eta };
  });
}

function finishSelfPlay(profile: Profile, k: number, opts: SelfPlayOptions, played: readonly Played[], sums: readonly ScoreSums[]): SelfPlayResult {
  const method = opts.method ?? 'hedge';
  const T = opts.T;
  const prompts = played.map(
    (p, x): PromptSelfPlay => ({
      iterates: p.iterates,
      last: p.last,
      regret: exactRegret(profile.prompts[x].prompt, p.iterates, k, sums[x]),
      mixture: mixtureOfProducts(p.iterates, k),
    }),
  );
  const regret = sumOf(prompts.map((p, x) => p.regret.regret.mul(profile.prompts[x].weight)));
  const byT5 = frac(k, k + 1).sub(regret.div(frac(T)));
  const work = T * k * profile.prompts.reduce((s, { prompt }) => s + tierCount(prompt), 0);
  let rob = byT5;
  let identity: boolean | null = null;
  if (work <= (opts.identityWork ?? SELFPLAY_IDENTITY_WORK)) {
    rob = robustnessOf(
      profile,
      prompts.map((p) => p.mixture),
      1,
      'uniform',
    ).robustness;
    identity = rob.equals(byT5);
  }
  let hedgeBound: SelfPlayResult['hedgeBound'];
  if (method === 'hedge' && opts.eta === undefined) {
    const lnUpper = profile.prompts.map(({ prompt }) => lnUpperBound(prompt.responses.length));
    const holds = prompts.every((p, x) => hedgeBoundHolds(p.regret.regret, T, lnUpper[x]));
    hedgeBound = { holds, lnUpper };
  }
  return { k, T, method, eta: played[0].eta, prompts, regret, robustness: rob, identity, hedgeBound };
}

/**
 * T5's Hedge bound Reg_T ≤ sqrt((T/2) ln n), decided exactly: Reg_T ≤ 0, or Reg_T² ≤ (T/2)·lnUpper with
 * lnUpper a rational upper bound of ln n (lnUpperBound).
 */
export function hedgeBoundHolds(regret: Fraction, T: number, lnUpper: Fraction): boolean {
  return signOf(regret) <= 0 || regret.mul(regret).lte(frac(T, 2).mul(lnUpper));
}

/**
 * A rational upper bound of ln x for an integer x ≥ 1, within about 2^−60:
 * ln x = j ln 2 + ln(x/2^j) with x/2^j ∈ [1, 2), and ln r = 2 atanh z, z = (r−1)/(r+1) ≤ 1/3,
 * 2 atanh z ≤ 2 Σ_{i<N, i odd} z^i/i + 2 z^N/(N(1−z²)) (tail of the series bounded by a geometric series).
 */
export function lnUpperBound(x: number): Fraction {
  if (!Number.isInteger(x) || x < 1) throw new RangeError('lnUpperBound: x must be a positive integer');
  let j = 0;
  while (2 ** (j + 1) <= x) j++;
  const atanh2 = (z: Fraction): Fraction => {
    const N = 41;
    let s = ZERO;
    for (let i = 1; i < N; i += 2) s = s.add(z.pow(i).div(frac(i)));
    const tail = z.pow(N).div(frac(N).mul(ONE.sub(z.mul(z))));
    return s.add(tail).mul(frac(2));
  };
  const ln2 = atanh2(frac(1, 3));
  const r = frac(x, 2 ** j);
  const z = r.sub(ONE).div(r.add(ONE));
  return ln2.mul(frac(j)).add(isZero(z) ? ZERO : atanh2(z));
}

/**
 * σ_T = (1/T) Σ_t π_t^{⊗k} expanded to an explicit distribution over k-multisets (SPEC §1).
 * Only for small n, k (C(n+k−1, k) outcomes).
 */
export function expandMixture(iterates: readonly (readonly Fraction[])[], k: number, n: number): { items: number[]; prob: Fraction }[] {
  const w = frac(1, iterates.length);
  return mixtureOutcomes(iterates.map((probs) => ({ weight: w, probs })), n, k);
}
