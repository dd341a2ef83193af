// The plug-in interface of `ualign check`: an algorithm sees one prompt's profile as plain JSON
// (the documented profile format) and returns a policy, a k-output model or a mixture of products.
import type { Rule } from '../winrate/rules.js';

/**
 * One prompt as handed to `align`: the documented profile JSON with exact "p/q" weights (normalised); a user
 * type is a weak order {weight, ranking} or a Luce type {weight, strengths: {id: "p/q"}} (SPEC §4b).
 */
export interface PromptJson {
  readonly responses: string[];
  readonly users: ({ readonly weight: string; readonly ranking: string[][] } | { readonly weight: string; readonly strengths: { readonly [id: string]: string } })[];
}

/** A probability: an exact "p/q" string or integer, or a float (converted exactly: every double is dyadic). */
export type Prob = number | string;

/** π ∈ Δ(Y): { id: probability }; ids left out have probability 0. */
export type PolicyJson = { readonly [id: string]: Prob };

/** σ ∈ Δ(Y^k): outcomes are k-multisets of ids. */
export interface KOutputJson {
  readonly kind: 'k-output';
  readonly outcomes: readonly { readonly responses: readonly string[]; readonly prob: Prob }[];
}

/** Σ_t w_t π_t^{⊗k}: draw a part t with probability w_t, then k samples from π_t (SPEC T5's σ_T). */
export interface MixtureJson {
  readonly kind: 'mixture';
  readonly parts: readonly { readonly weight: Prob; readonly policy: PolicyJson }[];
}

export type ModelJson = PolicyJson | KOutputJson | MixtureJson;

/**
 * The long form of a result: the model plus an optional certified slack s ≥ 0, meaning the
 * algorithm claims only rob_k ≥ k/(k+1) − s on this prompt (e.g. s = ε(π) for an ε-equilibrium, T2,
 * or Reg_T/T for self-play, T5), and an optional note shown in the report.
 */
export interface AlignResultJson {
  readonly model: ModelJson;
  readonly slack?: Prob;
  readonly note?: string;
}

export type AlignOutput = ModelJson | AlignResultJson;

/** What `align` is told besides the prompt and k: the choice rule `check` evaluates under (SPEC §2). */
export interface AlignContext {
  readonly rule: Rule;
}

/** What a plug-in module's default export must be. `align` is called once per prompt. */
export interface AlignmentAlgorithm {
  readonly name: string;
  /** One line for `ualign algorithms` and the report. */
  readonly description?: string;
  align(profile: PromptJson, k: number, context?: AlignContext): AlignOutput | Promise<AlignOutput>;
}

/**
 * A plug-in running outside this thread (a JS module in a worker thread, or a `cmd:` process), each
 * call under a timeout. `close` stops it; a loaded plug-in does not keep the process alive when idle.
 */
export interface PluginAlgorithm extends AlignmentAlgorithm {
  /** Where it came from: the module path or `cmd:COMMAND ARGS…`. */
  readonly spec: string;
  close(): Promise<void>;
}
