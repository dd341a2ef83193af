// The one place where the claims reach the LP and equilibria modules (issues 3 and 4).
// Each function below is a thin adapter: swapping in another solver is a one-line change here.
import { Fraction, ONE, ZERO, signOf, isZero, sumOf } from '../exact/rational.js';
import { makePolicy } from '../model/build.js';
import { Policy, Profile, Prompt } from '../model/types.js';
import { Rule } from '../winrate/rules.js';
import { equilibrium } from '../equilibria/equilibrium.js';
import { allMaximalLotteriesOfPrompt } from '../equilibria/maximalLottery.js';
import { simplexSolve } from '../lp/simplex.js';
import { denseRow } from '../lp/types.js';
import { epsilonOf, isUnanimous, multisets, setScore, unanimousTop } from './common.js';

export interface NE {
  readonly policy: Policy;
  /** Exact ε(π) ≥ 0; 0 means an exact symmetric NE of G_{k+1}. */
  readonly epsilon: Fraction;
  readonly source: 'unanimous-top' | 'equilibrium';
}

/**
 * A symmetric (ε-)equilibrium of G_{k+1} with exact ε (SPEC §3).
 * Unanimous prompts: δ_top is an exact NE (fast path). Otherwise issue 4's `equilibrium`.
 */
export function equilibriumOf(profile: Profile, k: number): NE {
  if (profile.prompts.every(({ prompt }) => isUnanimous(prompt))) {
    const policy = makePolicy(profile.prompts.map(({ prompt }) => prompt.responses.map((_, y) => (y === unanimousTop(prompt) ? ONE : ZERO))));
    return { policy, epsilon: epsilonOf(profile, policy, k), source: 'unanimous-top' };
  }
  const r = equilibrium(profile, k, { box: false, maxRounds: 4000 });
  return { policy: r.policy, epsilon: epsilonOf(profile, r.policy, k), source: 'equilibrium' };
}

/** Every extreme maximal lottery of one prompt (issue 3), sorted deterministically. */
export function maximalLotteriesOf(prompt: Prompt): Fraction[][] {
  return allMaximalLotteriesOfPrompt(prompt);
}

export interface ValueK {
  /** V_k = max_σ rob_k(σ) on this prompt, exact. */
  readonly value: Fraction;
  /** An optimal σ as (multiset, probability) pairs with positive probability. */
  readonly model: { items: number[]; prob: Fraction }[];
  /** An optimal opponent mixture τ over single responses (the LP dual): max_S WR(S, τ) = V_k. */
  readonly opponent: Fraction[];
}

/**
 * V_k on one prompt (SPEC T3): max v s.t. Σ_S σ_S WR(S, y) ≥ v for all y, σ ∈ Δ(k-multisets).
 * Solved with issue 3's exact simplex; the primal and dual are re-checked here exactly.
 * (Issue 3's `bestKOutput(profile, k, rule)` computes the same; this adapter is the swap point.)
 */
export function valueKOf(prompt: Prompt, k: number, rule: Rule): ValueK {
  const n = prompt.responses.length;
  const S = multisets(n, k);
  const m = S.length;
  // WR(S, y) = 1 − score(y vs S)
  const wr = S.map((s) => prompt.responses.map((_, y) => ONE.sub(setScore(prompt, s, [y], rule))));
  // variables: σ_0..σ_{m−1}, v (free); rows: for each y Σ σ_S WR(S,y) − v ≥ 0; Σ σ = 1
  const rows = prompt.responses.map((_, y) => denseRow([...wr.map((w) => w[y]), ONE.neg()], '>=', ZERO));
  rows.push(denseRow([...S.map(() => ONE), ZERO], '=', ONE));
  const free = [...S.map(() => false), true];
  const r = simplexSolve({ numVars: m + 1, maximize: true, objective: [...S.map(() => ZERO), ONE], rows, free });
  if (r.status !== 'optimal') throw new Error(`V_k LP: ${r.status}`);
  const value = r.value;
  const model = S.flatMap((items, j) => (signOf(r.x[j]) > 0 ? [{ items, prob: r.x[j] }] : []));
  // dual on the ≥ rows (maximising: ≤ 0) gives the opponent mixture up to sign
  const yd = r.y.slice(0, n).map((v) => (signOf(v) < 0 ? v.neg() : v));
  const tot = sumOf(yd);
  const opponent = isZero(tot) ? yd : yd.map((v) => v.div(tot));
  // exact re-check: primal value and dual bound meet
  const primal = prompt.responses.map((_, y) => sumOf(model.map((o) => o.prob.mul(wr[S.findIndex((s) => s.join() === o.items.join())][y]))));
  const lower = primal.reduce((a, b) => (b.lt(a) ? b : a));
  const upper = wr.map((w) => sumOf(w.map((v, y) => v.mul(opponent[y])))).reduce((a, b) => (b.gt(a) ? b : a));
  if (!lower.equals(value) || !upper.equals(value)) throw new Error(`V_k LP certificate does not check: ${lower.toFraction()} ≤ ${value.toFraction()} ≤ ${upper.toFraction()}`);
  return { value, model, opponent };
}

/** V_k of a profile: Σ_x ρ(x) V_k(x) (σ may depend on the prompt). */
export function valueK(profile: Profile, k: number, rule: Rule): { value: Fraction; prompts: ValueK[] } {
  const prompts = profile.prompts.map(({ prompt }) => valueKOf(prompt, k, rule));
  return { value: sumOf(prompts.map((p, x) => p.value.mul(profile.prompts[x].weight))), prompts };
}
