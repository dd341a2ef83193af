// Reading an algorithm's answer exactly: floats become their exact dyadic values; a float vector whose
// exact sum is within 1e-9 of 1 is divided by that sum (and the caller is told); anything else is an error.
import { Fraction, frac, ONE, ZERO, signOf, sumOf, parseRational, fromDouble, toDecimal } from '../exact/rational.js';
import { makeKOutput } from '../model/build.js';
import { InputError, Prompt } from '../model/types.js';
import { PromptModel } from '../winrate/promptModel.js';

/** Tolerance for float probability vectors: |Σ − 1| ≤ 10^−9. */
export const FLOAT_TOLERANCE = frac(1, 1_000_000_000);

export interface ParsedAlign {
  readonly model: PromptModel;
  /** Declared certified slack (0 when none). */
  readonly slack: Fraction;
  /** Normalisations and the algorithm's own note, for the report. */
  readonly notes: string[];
}

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** One entry: a finite number (exact dyadic value) or an exact "p/q" string; never negative. */
export function exactEntry(v: unknown, where: string): { value: Fraction; float: boolean } {
  if (typeof v === 'number') {
    if (Number.isNaN(v)) throw new InputError(`${where} is NaN`);
    if (!Number.isFinite(v)) throw new InputError(`${where} is ${v}`);
    const r = fromDouble(v);
    if (signOf(r) < 0) throw new InputError(`${where} is negative (${v})`);
    return { value: r, float: true };
  }
  if (typeof v === 'string') {
    const r = parseRational(v);
    if (r === null) throw new InputError(`${where}: "${v}" is not a number or a "p/q" string`);
    if (signOf(r) < 0) throw new InputError(`${where} is negative (${v})`);
    return { value: r, float: false };
  }
  throw new InputError(`${where}: ${JSON.stringify(v) ?? String(v)} is not a number or a "p/q" string`);
}

/**
 * A probability vector: exact entries must sum to exactly 1; if any entry is a JS number, a sum within
 * 10^−9 of 1 is divided out exactly and noted.
 */
export function exactDistribution(entries: readonly [string, unknown][], where: string, notes: string[]): Fraction[] {
  const vals = entries.map(([label, v]) => exactEntry(v, `${where}: ${label}`));
  const s = sumOf(vals.map((v) => v.value));
  if (s.equals(ONE)) return vals.map((v) => v.value);
  const float = vals.some((v) => v.float);
  if (float && signOf(s) > 0 && s.sub(ONE).compare(FLOAT_TOLERANCE) <= 0 && ONE.sub(s).compare(FLOAT_TOLERANCE) <= 0) {
    notes.push('float probabilities summing to within 1e-9 of 1 (not exactly 1) were divided by their exact sum');
    return vals.map((v) => v.value.div(s));
  }
  throw new InputError(
    `${where}: probabilities sum to ${float ? toDecimal(s, 12) : s.toFraction()}, ${float ? 'further than 1e-9 from 1' : 'not exactly 1'}`,
  );
}

function policyVector(o: unknown, prompt: Prompt, where: string, notes: string[]): Fraction[] {
  if (!isObj(o)) throw new InputError(`${where}: a policy is an object {id: probability}`);
  const entries = Object.entries(o);
  for (const [id] of entries) if (!prompt.index.has(id)) throw new InputError(`${where}: unknown response "${id}"`);
  const probs = exactDistribution(
    entries.map(([id, v]) => [`entry "${id}"`, v]),
    where,
    notes,
  );
  const out = prompt.responses.map(() => ZERO);
  entries.forEach(([id], i) => (out[prompt.index.get(id)!] = probs[i]));
  return out;
}

/** The model part of an answer → the PromptModel the exact kernel evaluates. */
export function parseModelJson(o: unknown, prompt: Prompt, k: number, where: string, notes: string[]): PromptModel {
  if (isObj(o) && o.kind === 'k-output') {
    if (!Array.isArray(o.outcomes) || o.outcomes.length === 0) throw new InputError(`${where}: a k-output model needs "outcomes": [...]`);
    const outs = o.outcomes.map((oc, i) => {
      const w = `${where}: outcomes[${i}]`;
      if (!isObj(oc) || !Array.isArray(oc.responses)) throw new InputError(`${w} needs "responses": [ids] and "prob"`);
      if (oc.responses.length !== k) throw new InputError(`${w} has ${oc.responses.length} responses, expected k = ${k}`);
      const items = oc.responses.map((id) => {
        const y = typeof id === 'string' ? prompt.index.get(id) : undefined;
        if (y === undefined) throw new InputError(`${w}: unknown response ${JSON.stringify(id)}`);
        return y;
      });
      return { items, prob: oc.prob };
    });
    const probs = exactDistribution(
      outs.map((oc, i) => [`outcomes[${i}].prob`, oc.prob]),
      where,
      notes,
    );
    const m = makeKOutput(
      k,
      [outs.map((oc, i) => ({ items: oc.items, prob: probs[i] }))],
      where,
    );
    return { kind: 'outcomes', k, outcomes: m.perPrompt[0] };
  }
  if (isObj(o) && o.kind === 'mixture') {
    if (!Array.isArray(o.parts) || o.parts.length === 0) throw new InputError(`${where}: a mixture needs "parts": [{weight, policy}]`);
    const parts = o.parts.map((p, i) => {
      if (!isObj(p)) throw new InputError(`${where}: parts[${i}] must be {weight, policy}`);
      return p;
    });
    const weights = exactDistribution(
      parts.map((p, i) => [`parts[${i}].weight`, p.weight]),
      where,
      notes,
    );
    return {
      kind: 'mixture',
      k,
      parts: parts.map((p, i) => ({ weight: weights[i], probs: policyVector(p.policy, prompt, `${where}: parts[${i}].policy`, notes) })),
    };
  }
  return { kind: 'product', k, probs: policyVector(o, prompt, where, notes) };
}

/**
 * An answer of `align`: a model, or { model, slack?, note? } (told apart by "model" holding an object,
 * which a probability never is).
 */
export function parseAlignOutput(out: unknown, prompt: Prompt, k: number, where: string): ParsedAlign {
  const notes: string[] = [];
  if (isObj(out) && isObj(out.model)) {
    const model = parseModelJson(out.model, prompt, k, where, notes);
    let slack = ZERO;
    if (out.slack !== undefined) slack = exactEntry(out.slack, `${where}: slack`).value;
    if (out.note !== undefined) {
      if (typeof out.note !== 'string') throw new InputError(`${where}: note must be a string`);
      notes.push(out.note);
    }
    return { model, slack, notes };
  }
  return { model: parseModelJson(out, prompt, k, where, notes), slack: ZERO, notes };
}
