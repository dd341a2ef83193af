import { Fraction } from '../exact/rational.js';
import { Model, Outcome } from '../model/types.js';

/**
 * What the model plays on one prompt: a k-sample product π^{⊗k}, an explicit
 * distribution over k-multisets, or a mixture of products (1/T)Σ π_t^{⊗k} (SPEC T5).
 */
export type PromptModel =
  | { readonly kind: 'product'; readonly k: number; readonly probs: readonly Fraction[] }
  | { readonly kind: 'outcomes'; readonly k: number; readonly outcomes: readonly Outcome[] }
  | { readonly kind: 'mixture'; readonly k: number; readonly parts: readonly { readonly weight: Fraction; readonly probs: readonly Fraction[] }[] };

/** Per-prompt view of a Model; a Policy needs k (its product π^{⊗k}). */
export function promptModels(model: Model, k?: number): PromptModel[] {
  if (model.kind === 'k-output') return model.perPrompt.map((outcomes) => ({ kind: 'outcomes', k: model.k, outcomes }));
  if (k === undefined || !Number.isInteger(k) || k < 1) throw new RangeError('k must be an integer ≥ 1 for a product policy');
  return model.perPrompt.map((probs) => ({ kind: 'product', k, probs }));
}
