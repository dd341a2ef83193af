// One algorithm on one profile at one k: call `align` per prompt, read the answers exactly, and compute
// rob_k = Σ_x ρ(x) min_y WR_x(σ_x, y) with the exact kernel (SPEC §2). Policies are read as π^{⊗k}.
import { Fraction, frac, ONE, ZERO } from '../exact/rational.js';
import { mixtureToJson, outcomesToJson, policyToJson, profileToJson, promptToJson } from '../model/codec.js';
import { InputError } from '../model/errors.js';
import { Profile, Prompt } from '../model/types.js';
import { PromptModel } from '../winrate/promptModel.js';
import { robustnessOf } from '../winrate/opponents.js';
import { Rule } from '../winrate/rules.js';
import { mixtureOutcomes, multisetCount } from '../winrate/multiset.js';
import { PluginFailure } from './plugins/runner.js';
import { parseAlignOutput } from './result.js';
import { AlignmentAlgorithm } from './types.js';

export interface Evaluation {
  readonly profile: Profile;
  /** Where the profile came from: a fixture name, a file, or the search. */
  readonly source: string;
  readonly k: number;
  /** rob_k of the algorithm's output, exact. */
  readonly robustness: Fraction;
  /** Declared certified slack Σ_x ρ(x) s_x. */
  readonly slack: Fraction;
  /** The theory's bound for this algorithm: k/(k+1) − slack. */
  readonly bound: Fraction;
  /** A worst single-output opponent per prompt (response id). */
  readonly worstOpponent: string[];
  readonly models: PromptModel[];
  readonly notes: string[];
}

/** Does the evaluation meet k/(k+1) − slack? */
export const meets = (e: Evaluation): boolean => e.robustness.gte(e.bound);

/** A profile as messages name it: its source, and for searched profiles the compact profile JSON. */
export function profileLabel(source: string, profile: Profile): string {
  return source.startsWith('search') ? `${source} profile ${JSON.stringify(profileToJson(profile))}` : source;
}

export async function evaluate(alg: AlignmentAlgorithm, profile: Profile, k: number, rule: Rule, source: string): Promise<Evaluation> {
  const models: PromptModel[] = [];
  const notes: string[] = [];
  let slack = ZERO;
  for (let x = 0; x < profile.prompts.length; x++) {
    const { prompt, weight } = profile.prompts[x];
    const where = `algorithm "${alg.name}" on ${profileLabel(source, profile)}${profile.prompts.length > 1 ? `, prompt ${x}` : ''}`;
    let out: unknown;
    try {
      out = await alg.align(promptToJson(prompt), k, { rule });
    } catch (e) {
      if (e instanceof PluginFailure) throw new PluginFailure(`${where}, k = ${k}: ${e.message}`);
      throw new InputError(`${where}, k = ${k}: align threw: ${String((e as Error)?.message ?? e).split('\n')[0]}`);
    }
    const parsed = parseAlignOutput(out, prompt, k, `${where}, k = ${k}`);
    models.push(parsed.model);
    notes.push(...parsed.notes.map((s) => `${alg.name}: ${s}`));
    slack = slack.add(parsed.slack.mul(weight));
  }
  const r = robustnessOf(profile, models, 1, rule);
  return {
    profile,
    source,
    k,
    robustness: r.robustness,
    slack,
    bound: frac(k, k + 1).sub(slack),
    worstOpponent: r.prompts.map((p, x) => profile.prompts[x].prompt.responses[p.worst[0]]),
    models,
    notes,
  };
}

/** Largest number of k-multisets a stored mixture is expanded into (else it is stored as a mixture). */
export const MAX_EXPANDED_OUTCOMES = 3000;

/**
 * The evaluated model in the documented JSON shapes, replayable with `ualign winrate`: policies as
 * {id: "p/q"}, k-output models as outcomes; a mixture of products is expanded into its exact
 * k-multiset distribution when that has at most MAX_EXPANDED_OUTCOMES outcomes.
 */
export function modelsToJson(profile: Profile, models: readonly PromptModel[]): unknown {
  const allProducts = models.every((m) => m.kind === 'product');
  const one = (m: PromptModel, prompt: Prompt): unknown => {
    if (m.kind === 'product' && allProducts) return policyToJson(m.probs, prompt);
    if (m.kind === 'outcomes') return outcomesToJson(m.outcomes, prompt);
    const parts = m.kind === 'product' ? [{ weight: ONE, probs: m.probs }] : m.parts;
    const n = prompt.responses.length;
    if (multisetCount(n, m.k) <= BigInt(MAX_EXPANDED_OUTCOMES)) return outcomesToJson(mixtureOutcomes(parts, n, m.k), prompt);
    return mixtureToJson(parts, prompt);
  };
  if (profile.prompts.length === 1) return one(models[0], profile.prompts[0].prompt);
  return { prompts: models.map((m, x) => one(m, profile.prompts[x].prompt)) };
}
