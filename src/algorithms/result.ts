// Reading an algorithm's answer: the model codec with floats accepted (exact dyadic values; a float
// vector within 10^−9 of summing to 1 is normalised and noted), plus the long form {model, slack, note}.
import { Fraction, ZERO, signOf, fromDouble } from '../exact/rational.js';
import { ANSWER_SHAPE, isObject, parseExact, promptModelFromJson } from '../model/codec.js';
import { validate } from '../model/schema.js';
import { InputError } from '../model/errors.js';
import { Prompt } from '../model/types.js';
import { PromptModel } from '../winrate/promptModel.js';

export interface ParsedAlign {
  readonly model: PromptModel;
  /** Declared certified slack (0 when none). */
  readonly slack: Fraction;
  /** Normalisations and the algorithm's own note, for the report. */
  readonly notes: string[];
}

/** The model part of an answer → the PromptModel the exact kernel evaluates at this k. */
export function parseModelJson(o: unknown, prompt: Prompt, k: number, where: string, notes: string[]): PromptModel {
  const m = promptModelFromJson(o, prompt, where, { floats: true, notes });
  if (m.kind === 'k-output') {
    if (m.k !== k) throw new InputError(`${where}: outcomes have ${m.k} responses, expected k = ${k}`);
    return { kind: 'outcomes', k, outcomes: m.outcomes };
  }
  if (m.kind === 'mixture') {
    if (m.k !== undefined && m.k !== k) throw new InputError(`${where}: the mixture states k = ${m.k}, expected k = ${k}`);
    return { kind: 'mixture', k, parts: m.parts };
  }
  return { kind: 'product', k, probs: m.probs };
}

/** A declared slack: exact, or a float (its exact value); never negative. */
function parseSlack(v: unknown, where: string): Fraction {
  const s = typeof v === 'number' && !Number.isInteger(v) && Number.isFinite(v) ? fromDouble(v) : parseExact(v, where);
  if (signOf(s) < 0) throw new InputError(`${where} is negative`);
  return s;
}

/**
 * An answer of `align`: a model, or { model, slack?, note? } (told apart by "model" holding an object,
 * which a probability never is).
 */
export function parseAlignOutput(out: unknown, prompt: Prompt, k: number, where: string): ParsedAlign {
  const notes: string[] = [];
  if (isObject(out) && isObject(out.model)) {
    validate(out, ANSWER_SHAPE, where, { floats: true });
    const model = parseModelJson(out.model, prompt, k, where, notes);
    const slack = out.slack === undefined ? ZERO : parseSlack(out.slack, `${where}: slack`);
    if (out.note !== undefined) {
      if (typeof out.note !== 'string') throw new InputError(`${where}: note must be a string`);
      notes.push(out.note);
    }
    return { model, slack, notes };
  }
  return { model: parseModelJson(out, prompt, k, where, notes), slack: ZERO, notes };
}
