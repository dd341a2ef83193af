// Certified symmetric equilibria of G_{k+1} (SPEC §3, T2): a rational π with exact exploitability ε(π),
// so that rob_k(π^{⊗k}) = k/(k+1) − ε(π) exactly. Exact methods first where they exist (the maximal
// lottery for k = 1, T7; pure equilibria δ_y checked exactly); otherwise floats find the support (Hedge)
// and solve the indifference equations U_k(y; π) = 1/(k+1) on it (Newton), exact residuals drive Newton on
// dyadic iterates with the bits the target needs, and small supports are enumerated when that stalls.
// ε is always recomputed exactly from the returned π; `targetMet` says whether ε ≤ target.
import { Fraction, frac, ONE, ZERO, sumOf, toExponential } from '../exact/rational.js';
import { InputError } from '../model/errors.js';
import { UserSpec, makePolicy, makePrompt } from '../model/build.js';
import { cloneClasses, hasLuce } from '../model/structure.js';
import { Policy, Profile, Prompt } from '../model/types.js';
import { promptExploitability } from '../winrate/exploitability.js';
import { roundToSimplex } from '../exact/dyadic.js';
import { floatSelfPlay } from './dynamics.js';
import { floatPrompt } from './floatKernel.js';
import { strictPreferences } from '../winrate/pairwise.js';
import { productScoreNumerators, requireDrawCount } from '../winrate/product.js';
import { KrawczykBox, krawczykBox } from './krawczyk.js';
import { promptMaximalLotterySync } from './maximalLottery.js';
import { Candidate, bitsFor, refine, supportOf } from './refine.js';
import { supportSearch } from './support.js';
import { EquilibriumTuning, tuningOf } from './tuning.js';

export interface EquilibriumOptions extends Partial<EquilibriumTuning> {
  /** Stop refining once the exact ε(π) ≤ target (default 10^−30). */
  readonly target?: Fraction;
  /** Try to certify a box holding an exact equilibrium (default true). */
  readonly box?: boolean;
  /** Called after each round of the support search (display only). */
  readonly onProgress?: (info: { readonly rounds: number; readonly maxRounds: number; readonly epsilon: Fraction | null }) => void;
}

export interface PromptEquilibrium {
  /** The returned rational policy (sums to exactly 1). */
  readonly probs: Fraction[];
  /** ε(π) = max_y U_k(y; π) − 1/(k+1), exact. */
  readonly epsilon: Fraction;
  /** ε ≤ target. */
  readonly targetMet: boolean;
  /** Responses with π(y) > 0, sorted. */
  readonly support: number[];
  /** How π was found: 'maximal lottery', 'pure', 'newton', 'rational reconstruction', 'exact linear solve', 'support enumeration', 'hedge'. */
  readonly method: string;
  /** A certified box holding an isolated exact symmetric NE of this prompt's game, or null with the reason. */
  readonly box: KrawczykBox | null;
  readonly boxReason?: string;
  /**
   * Clone classes (responses tied in every order), when the prompt has some: the equilibrium was computed on
   * the game with each class merged into one response, and `mergedBox` is the certified box of that game
   * (class masses, in `classes` order); the prompt's own equilibria then form a continuum (box: null).
   */
  readonly classes?: number[][];
  readonly mergedBox?: KrawczykBox | null;
  readonly stats: { readonly rounds: number; readonly newton: number; readonly supports: number; readonly bits: number; readonly exact: number; readonly ms: number };
}

export interface EquilibriumResult {
  readonly k: number;
  readonly policy: Policy;
  /** ε(π) = Σ_x ρ(x) ε_x(π_x), exact. */
  readonly epsilon: Fraction;
  /** rob_k(π^{⊗k}) = k/(k+1) − ε(π) (T2). */
  readonly robustness: Fraction;
  /** Every prompt met the target (so ε ≤ target). */
  readonly targetMet: boolean;
  readonly prompts: PromptEquilibrium[];
}

export const DEFAULT_TARGET = frac(1n, 10n ** 30n);

/** A symmetric ε-equilibrium of G_{k+1} on every prompt, with exact ε and robustness (SPEC §3, T2). */
export function equilibrium(profile: Profile, k: number, opts: EquilibriumOptions = {}): EquilibriumResult {
  requireDrawCount(k);
  const target = opts.target ?? DEFAULT_TARGET;
  const tu = tuningOf(opts);
  const n = Math.max(...profile.prompts.map(({ prompt }) => prompt.responses.length));
  const need = bitsFor(target, k, n, tu);
  if (need > tu.maxBits) throw new InputError(`target ${toExponential(target)} needs about ${need} bits per coordinate, above maxBits = ${tu.maxBits}`);
  const prompts = profile.prompts.map(({ prompt }) => promptEquilibrium(prompt, k, opts));
  const epsilon = sumOf(prompts.map((p, x) => p.epsilon.mul(profile.prompts[x].weight)));
  return {
    k,
    policy: makePolicy(prompts.map((p) => p.probs)),
    epsilon,
    robustness: frac(k, k + 1).sub(epsilon),
    targetMet: prompts.every((p) => p.targetMet),
    prompts,
  };
}

/**
 * One prompt. Clone classes are merged first: U_k depends only on each clone class's total mass, so
 * solving on one representative per class and splitting its mass equally is exact.
 */
export function promptEquilibrium(prompt: Prompt, k: number, opts: EquilibriumOptions = {}): PromptEquilibrium {
  const classes = cloneClasses(prompt);
  if (classes.length === prompt.responses.length) return solvePrompt(prompt, k, opts);
  const reps = classes.map((c) => c[0]);
  const repOf = new Int32Array(prompt.responses.length);
  classes.forEach((c, i) => c.forEach((y) => (repOf[y] = i)));
  const reduced = makePrompt(
    reps.map((y) => prompt.responses[y]),
    prompt.users.map(
      (u): UserSpec =>
        u.kind === 'luce'
          ? { weight: u.weight, strengths: reps.map((y) => u.strengths[y]) }
          : { weight: u.weight, tiers: u.tiers.map((t) => [...new Set(t.map((y) => repOf[y]))].map((i) => prompt.responses[reps[i]])) },
    ),
  );
  const r = solvePrompt(reduced, k, opts);
  const probs = prompt.responses.map((_, y) => r.probs[repOf[y]].div(classes[repOf[y]].length));
  const epsilon = promptExploitability(prompt, probs, k).epsilon; // recomputed on the full prompt
  const merged = classes.filter((c) => c.length > 1).map((c) => c.map((y) => prompt.responses[y]).join(', '));
  return {
    ...r,
    probs,
    epsilon,
    targetMet: epsilon.lte(opts.target ?? DEFAULT_TARGET),
    support: supportOf(probs),
    box: null,
    boxReason: `not isolated: clone responses (${merged.join('; ')}) make the equilibria a continuum; mergedBox certifies the game with each clone class merged`,
    classes,
    mergedBox: r.box,
  };
}

function solvePrompt(prompt: Prompt, k: number, opts: EquilibriumOptions): PromptEquilibrium {
  const t0 = performance.now();
  const target = opts.target ?? DEFAULT_TARGET;
  const tu = tuningOf(opts);
  const fp = floatPrompt(prompt);
  const n = fp.n;
  const stats = { rounds: 0, newton: 0, supports: 0, bits: 0, exact: 0 };
  const exact = (probs: Fraction[], method: string): Candidate => {
    const ex = promptExploitability(prompt, probs, k);
    return { probs, epsilon: ex.epsilon, support: supportOf(probs), method, bits: 0, scores: ex };
  };
  let best: Candidate | null = null;
  const consider = (c: Candidate): boolean => {
    if (best === null || c.epsilon.lt(best.epsilon)) best = c;
    return best.epsilon.lte(target);
  };
  const considerMaybe = (c: Candidate | null): boolean => (c === null ? false : consider(c));
  const finish = (): PromptEquilibrium => {
    const b = best!;
    let box: KrawczykBox | null = null;
    let boxReason: string | undefined;
    if (opts.box !== false) {
      const r = krawczykBox(prompt, k, b.support, b.probs, { scores: b.scores });
      if ('box' in r) box = r.box;
      else boxReason = r.reason;
    }
    return {
      probs: b.probs,
      epsilon: b.epsilon,
      targetMet: b.epsilon.lte(target),
      support: b.support,
      method: b.method,
      box,
      boxReason,
      stats: { ...stats, ms: performance.now() - t0 },
    };
  };

  // Exact methods first.
  if (n === 1 && consider(exact([ONE], 'pure'))) return finish();
  if (k === 1 && consider(exact(promptMaximalLotterySync(prompt).probs, 'maximal lottery'))) return finish();
  if (pureEquilibria(prompt, k).some((y) => consider(exact(pointMass(n, y), 'pure')))) return finish();

  // Float guide: Hedge for the support, Newton on it, exact dyadic refinement.
  const tried = new Set<string>();
  let pi: Float64Array = new Float64Array(n).fill(1 / n);
  let chunk = tu.firstChunk;
  while (stats.rounds < tu.maxRounds) {
    // Hedge's last iterate and its average over the chunk (the last iterate cycles when k = 1).
    const avg = new Float64Array(n);
    pi = floatSelfPlay(fp, k, chunk, 'hedge', tu.eta, (q) => q.forEach((v, y) => (avg[y] += v / chunk)), pi);
    stats.rounds += chunk;
    opts.onProgress?.({ rounds: stats.rounds, maxRounds: tu.maxRounds, epsilon: best === null ? null : (best as Candidate).epsilon });
    chunk = Math.min(2 * chunk, tu.maxChunk);
    for (const guess of [pi, avg]) {
      const mx = Math.max(...guess);
      const S = [...guess.keys()].filter((y) => guess[y] >= tu.supportThreshold * mx);
      const sol = supportSearch(fp, k, S, guess, tried, stats, tu);
      if (sol !== null && considerMaybe(refine(prompt, fp, k, sol.S, sol.pi, target, stats, tu))) return finish();
    }
  }
  // Stalled above the target: enumerate the small supports exactly (Newton from their barycentre).
  let budget = tu.enumerateSupports;
  for (const S of smallSupports(n, tu.enumerateSupportsUpTo)) {
    if (budget-- <= 0) break;
    const start = new Float64Array(n);
    for (const y of S) start[y] = 1 / S.length;
    const sol = supportSearch(fp, k, S, start, new Set(tried), stats, tu);
    if (sol !== null && considerMaybe(refine(prompt, fp, k, sol.S, sol.pi, target, stats, tu))) {
      best = { ...best!, method: 'support enumeration' };
      return finish();
    }
  }
  // Nothing reached the target: the rounded Hedge iterate is a candidate too; the best one is returned as is.
  consider(exact(roundToSimplex(pi, tu.fallbackBits), 'hedge'));
  return finish();
}

/**
 * The exact pure symmetric equilibria δ_y. Against δ_y^{⊗k} a deviation z scores U_k(z; δ_y) =
 * P_θ[z ≻ y] + P_θ[z ~ y]/(k+1) (SPEC §2: e, w ∈ {0, 1}), so with S[z][y] = B·P_θ[z ≻_θ y] (integers)
 * δ_y is an equilibrium iff k·S[z][y] ≤ S[y][z] for every z. With Luce types a type adds
 * w_θ·s_z/(s_z + k·s_y) (§4b): then U_k(·; δ_y) ≤ 1/(k+1) is checked on the exact kernel, for each y.
 */
export function pureEquilibria(prompt: Prompt, k: number): number[] {
  if (hasLuce(prompt))
    return prompt.responses.flatMap((_, y) => {
      const { num, den } = productScoreNumerators(prompt, pointMass(prompt.responses.length, y), k, 'uniform');
      const K1 = BigInt(k + 1);
      return num.every((v) => v * K1 <= den) ? [y] : [];
    });
  const { S } = strictPreferences(prompt);
  const K = BigInt(k);
  return prompt.responses.flatMap((_, y) => (S.every((row, z) => z === y || K * row[y] <= S[y][z]) ? [y] : []));
}

function pointMass(n: number, y: number): Fraction[] {
  return Array.from({ length: n }, (_, z) => (z === y ? ONE : ZERO));
}

/** Supports of 2..maxSize responses out of n, smallest first (none when n is too large to enumerate). */
function* smallSupports(n: number, maxSize: number): Generator<number[]> {
  for (let size = 2; size <= Math.min(n, maxSize); size++) {
    const S = Array.from({ length: size }, (_, i) => i);
    for (;;) {
      yield [...S];
      let i = size - 1;
      while (i >= 0 && S[i] === n - size + i) i--;
      if (i < 0) break;
      S[i]++;
      for (let j = i + 1; j < size; j++) S[j] = S[j - 1] + 1;
    }
  }
}

