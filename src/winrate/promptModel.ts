import { Fraction } from '../exact/rational.js';
import { InputError } from '../model/errors.js';
import { MixturePart, Model, Outcome } from '../model/types.js';
import { requireDrawCount } from './product.js';

/**
 * What the model plays on one prompt: a k-sample product π^{⊗k}, an explicit
 * distribution over k-multisets, or a mixture of products Σ_t w_t π_t^{⊗k} (SPEC T5).
 */
export type PromptModel =
  | { readonly kind: 'product'; readonly k: number; readonly probs: readonly Fraction[] }
  | { readonly kind: 'outcomes'; readonly k: number; readonly outcomes: readonly Outcome[] }
  | { readonly kind: 'mixture'; readonly k: number; readonly parts: readonly MixturePart[] };

/** Per-prompt view of a Model; a policy (and a mixture that does not state k) needs k. */
export function promptModels(model: Model, k?: number): PromptModel[] {
  if (model.kind === 'k-output') return model.perPrompt.map((outcomes) => ({ kind: 'outcomes', k: model.k, outcomes }));
  if (model.kind === 'mixture' && model.k !== undefined) {
    if (k !== undefined && k !== model.k) throw new InputError(`k = ${k} but the mixture states k = ${model.k}`);
    k = model.k;
  }
  if (k === undefined) throw new InputError('k must be an integer ≥ 1 for a product policy');
  requireDrawCount(k);
  const kk = k;
  if (model.kind === 'mixture') return model.perPrompt.map((parts) => ({ kind: 'mixture', k: kk, parts }));
  return model.perPrompt.map((probs) => ({ kind: 'product', k: kk, probs }));
}
