import { Fraction } from '../exact/rational.js';

/** A user type θ with a weak order (SPEC §1), written as tiers (best first) of response indices. */
export interface RankingType {
  readonly kind: 'ranking';
  /** w_θ, normalised so that the weights of a prompt sum to 1 (over all its types, of both kinds). */
  readonly weight: Fraction;
  /** Listed tiers, best first (response indices). */
  readonly tiers: readonly (readonly number[])[];
  /** rank[y] = tier index of y; unlisted responses get tiers.length (tied below everything). */
  readonly rank: Int32Array;
  /** Number of tiers including the implicit bottom tier when some response is unlisted. */
  readonly numTiers: number;
}

/**
 * A Luce user type θ (SPEC §4b): strengths s_θ(y) > 0; shown positions z_1..z_m, it picks position i with
 * probability s_θ(z_i)/Σ_j s_θ(z_j). Only the ratios matter, so the kernels use `ints`: the strengths
 * scaled to coprime positive integers, s_θ(y) = scale·ints[y].
 */
export interface LuceType {
  readonly kind: 'luce';
  /** w_θ, normalised as for ranking types. */
  readonly weight: Fraction;
  /** s_θ(y) for every response, as given (positive rationals). */
  readonly strengths: readonly Fraction[];
  /** Positive integers with gcd 1, proportional to the strengths (each ≤ 2^32). */
  readonly ints: readonly number[];
  /** s_θ(y) = scale·ints[y]. */
  readonly scale: Fraction;
}

/** One user type: a weak order or a Luce type. Profiles may mix both. */
export type UserType = RankingType | LuceType;

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

