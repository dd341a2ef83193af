import { Fraction } from '../exact/rational.js';

/** One user type θ of SPEC §1: a weak order as tiers (best first) of response indices. */
export interface UserType {
  /** w_θ, normalised so that the weights of a prompt sum to 1. */
  readonly weight: Fraction;
  /** Listed tiers, best first (response indices). */
  readonly tiers: readonly (readonly number[])[];
  /** rank[y] = tier index of y; unlisted responses get tiers.length (tied below everything). */
  readonly rank: Int32Array;
  /** Number of tiers including the implicit bottom tier when some response is unlisted. */
  readonly numTiers: number;
}

/** One prompt x: its responses and users. */
export interface Prompt {
  readonly responses: readonly string[];
  readonly index: ReadonlyMap<string, number>;
  readonly users: readonly UserType[];
}

/** A profile: prompts with weights ρ(x) normalised to sum 1. A single-prompt profile has one prompt of weight 1. */
export interface Profile {
  readonly prompts: readonly { readonly weight: Fraction; readonly prompt: Prompt }[];
}

/** π ∈ Δ(Y) for each prompt: probs[x][y]. */
export interface Policy {
  readonly kind: 'policy';
  readonly perPrompt: readonly (readonly Fraction[])[];
}

/** One outcome of a k-output model: a sorted multiset of response indices. */
export interface Outcome {
  readonly items: readonly number[];
  readonly prob: Fraction;
}

/** σ ∈ Δ(Y^k) for each prompt, as a distribution over k-multisets. */
export interface KOutputModel {
  readonly kind: 'k-output';
  readonly k: number;
  readonly perPrompt: readonly (readonly Outcome[])[];
}

/** One part of a mixture of products: weight w_t and policy π_t. */
export interface MixturePart {
  readonly weight: Fraction;
  readonly probs: readonly Fraction[];
}

/** Σ_t w_t π_t^{⊗k} for each prompt (SPEC T5's σ_T): draw a part, then k samples from its policy. */
export interface MixtureModel {
  readonly kind: 'mixture';
  /** The k it was built for, when the input states it; otherwise k is given at evaluation, as for a policy. */
  readonly k?: number;
  readonly perPrompt: readonly (readonly MixturePart[])[];
}

export type Model = Policy | KOutputModel | MixtureModel;

