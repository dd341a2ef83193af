// Certified symmetric equilibria of G_{k+1} (SPEC §3, T2): a rational π with exact exploitability ε(π),
// so that rob_k(π^{⊗k}) = k/(k+1) − ε(π) exactly. Floats find the support (Hedge) and solve the
// indifference equations U_k(y; π) = 1/(k+1), y ∈ support (Newton); exact residuals drive a few more
// Newton steps on dyadic iterates; ε is then computed exactly from the returned rational π.
import { Fraction, frac, ONE, ZERO, signOf, isZero, sumOf } from '../exact/rational.js';
import { makePolicy, makePrompt } from '../model/build.js';
import { Policy, Profile, Prompt } from '../model/types.js';
import { promptExploitability } from '../winrate/exploitability.js';
import { cloneClasses } from '../model/structure.js';
import { roundToSimplex } from '../exact/dyadic.js';
import { floatSelfPlay } from './dynamics.js';
import { floatPrompt } from './floatKernel.js';
import { KrawczykBox, krawczykBox } from './krawczyk.js';
import { Candidate, refine } from './refine.js';
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

/**
 * One prompt: clones merged (U_k depends only on each clone class's total mass, so solving on one
 * representative per class and splitting its mass equally is exact and removes non-isolated directions),
 * then support from Hedge, Newton on the indifference equations, exact ε.
 */
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
  const tu = tuningOf(opts);
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
      if (sol !== null) {
        const c = refine(prompt, fp, k, sol.S, sol.pi, target, stats, tu);
        consider(c);
        if (c.epsilon.lte(target)) return finish();
      }
    }
    // fall back: the rounded Hedge iterate itself is a candidate
    consider(exact(roundToSimplex(pi, tu.fallbackBits)));
    if (best !== null && (best as Candidate).epsilon.lte(target)) return finish();
  }
  return finish();
}

/** A degenerate box [π, π] for an exact equilibrium. */
function pointBox(probs: Fraction[]): KrawczykBox {
  return { lo: probs, hi: probs, radius: ZERO };
}

