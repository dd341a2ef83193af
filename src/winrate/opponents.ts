import { Fraction, frac, mulOf, ONE, subOf, sumOf } from '../exact/rational.js';
import { Model, Profile, Prompt } from '../model/types.js';
import { productScoreNumerators } from './product.js';
import { PromptModel, promptModels } from './promptModel.js';
import { Rule } from './rules.js';
import { ScoreTable, scoreOf, scoreTable, stateScore } from './tables.js';
import { searchMultisets } from './multiset.js';

/** Opponent scores against every single response y (ℓ = 1), U(y) = 1 − WR(σ, y), as integers over one denominator. */
export function singleScoreNumerators(prompt: Prompt, model: PromptModel, rule: Rule = 'uniform'): { num: bigint[]; den: bigint } {
  if (model.kind === 'product') return productScoreNumerators(prompt, model.probs, model.k, rule);
  const table = scoreTable(prompt, model, 1, rule);
  return { num: prompt.responses.map((_, y) => scoreOf(prompt, table, [y])), den: table.den };
}

/** Opponent scores against every single response y (ℓ = 1): U(y) = 1 − WR(σ, y). */
export function singleScores(prompt: Prompt, model: PromptModel, rule: Rule = 'uniform'): Fraction[] {
  const { num, den } = singleScoreNumerators(prompt, model, rule);
  return num.map((v) => frac(v, den));
}

/** The first index of the largest numerator. */
function argmaxBig(num: readonly bigint[]): number {
  let best = 0;
  for (let i = 1; i < num.length; i++) if (num[i] > num[best]) best = i;
  return best;
}

/** Opponent's score for one ℓ-multiset T against the model on one prompt. */
export function opponentScore(prompt: Prompt, model: PromptModel, T: readonly number[], rule: Rule = 'uniform'): Fraction {
  const table = scoreTable(prompt, model, T.length, rule);
  return frac(scoreOf(prompt, table, T), table.den);
}

export interface BestOpponent {
  /** The opponent's multiset (sorted response indices). */
  readonly items: number[];
  /** Its score = 1 − WR(σ, T). */
  readonly score: Fraction;
  /** Multisets evaluated (leaves and pruned nodes), for diagnostics. */
  readonly nodes: number;
}

/**
 * Exact best-responding ℓ-output opponent (WR is linear in τ, so a pure ℓ-multiset is optimal).
 * Branch and bound over multisets (searchMultisets): the score never decreases when an item is added
 * (a better tier or one more copy in the top tier; for a Luce type, a larger strength sum).
 */
export function bestOpponent(prompt: Prompt, model: PromptModel, ell: number, rule: Rule = 'uniform'): BestOpponent {
  if (!Number.isInteger(ell) || ell < 1) throw new RangeError('ell must be an integer ≥ 1');
  const n = prompt.responses.length;
  if (ell === 1) {
    const { num, den } = singleScoreNumerators(prompt, model, rule);
    const best = argmaxBig(num);
    return { items: [best], score: frac(num[best], den), nodes: n };
  }
  const table = scoreTable(prompt, model, ell, rule);
  const r =
    table.sums === undefined
      ? searchMultisets(prompt.users, n, ell, (ui, t, c) => table.tab[ui][t * ell + c - 1])
      : searchMultisets(prompt.users, n, ell, (ui, a, c) => stateScore(table, ui, a, c));
  return { items: r.items, score: frac(r.value, table.den), nodes: r.nodes };
}

export interface PromptRobustness {
  /** min over ℓ-multisets T of WR on this prompt. */
  readonly robustness: Fraction;
  /** A worst opponent multiset (sorted indices). */
  readonly worst: number[];
  /** For ℓ = 1: WR against every single response. */
  readonly perOpponent?: Fraction[];
}

export interface RobustnessResult {
  readonly k: number;
  readonly ell: number;
  readonly rule: Rule;
  /** rob_{k,ℓ}(σ) = Σ_x ρ(x) min_T WR_x(σ, T) (SPEC §2). */
  readonly robustness: Fraction;
  readonly prompts: PromptRobustness[];
}

/** rob_{k,ℓ}(σ) with a worst opponent per prompt. A Policy is read as its product π^{⊗k}. */
export function robustness(profile: Profile, model: Model, opts: { k?: number; ell?: number; rule?: Rule } = {}): RobustnessResult {
  const rule = opts.rule ?? 'uniform';
  const ell = opts.ell ?? 1;
  const pms = promptModels(model, opts.k);
  return robustnessOf(profile, pms, ell, rule);
}

export function robustnessOf(profile: Profile, pms: readonly PromptModel[], ell: number, rule: Rule): RobustnessResult {
  const prompts = profile.prompts.map(({ prompt }, x): PromptRobustness => {
    if (ell === 1) {
      const { num, den } = singleScoreNumerators(prompt, pms[x], rule);
      const best = argmaxBig(num);
      let per: Fraction[] | null = null;
      return {
        robustness: frac(den - num[best], den),
        worst: [best],
        get perOpponent() {
          per ??= num.map((v) => frac(den - v, den));
          return per;
        },
      };
    }
    const bo = bestOpponent(prompt, pms[x], ell, rule);
    return { robustness: subOf(ONE, bo.score), worst: bo.items };
  });
  const value = sumOf(prompts.map((p, x) => mulOf(p.robustness, profile.prompts[x].weight)));
  return { k: pms[0].k, ell, rule, robustness: value, prompts };
}

/** WR(σ, τ) against a given opponent multiset per prompt (SPEC §2), averaged with ρ. */
export function winRate(profile: Profile, model: Model, opponent: readonly (readonly number[])[], opts: { k?: number; rule?: Rule } = {}): Fraction {
  const pms = promptModels(model, opts.k);
  return sumOf(
    profile.prompts.map(({ prompt, weight }, x) => mulOf(weight, subOf(ONE, opponentScore(prompt, pms[x], opponent[x], opts.rule ?? 'uniform')))),
  );
}

export type { ScoreTable };
