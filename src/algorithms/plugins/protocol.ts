// Protocol 1 of `cmd:` plug-ins: JSON lines. The plug-in's first line is {"name", "protocol": 1
// [, "description"]}; each request {"id", "prompt", "k", "rule"} gets one answer line {"id", "policy"}
// | {"id", "model"} | {"id", "error"}, optionally with "slack" and "note". This module reads the
// envelopes only: the policy or model inside is read by result.ts through the model codec.
import type { Hello, Reply } from './runner.js';

export const PROTOCOL_VERSION = 1;

/** JSON text cut to ~80 characters. */
const short = (text: string): string => (text.length > 80 ? `${text.slice(0, 80)}…` : text);

/** At most ~80 characters of a plug-in's text, for messages. */
export function quote(text: string): string {
  return JSON.stringify(short(text));
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function parseLine(line: string): Record<string, unknown> {
  let v: unknown;
  try {
    v = JSON.parse(line);
  } catch {
    throw new Error(`wrote a line that is not JSON: ${quote(line)}`);
  }
  if (!isObj(v)) throw new Error(`wrote a line that is not a JSON object: ${quote(line)}`);
  return v;
}

function onlyKeys(o: Record<string, unknown>, allowed: readonly string[], what: string): void {
  for (const key of Object.keys(o)) if (!allowed.includes(key)) throw new Error(`${what} has an unknown key ${quote(key)} (allowed: ${allowed.join(', ')})`);
}

/** The first line: {"name": "...", "protocol": 1, "description"?: "..."}. Throws with a one-line message. */
export function readHello(line: string): Hello {
  const o = parseLine(line);
  onlyKeys(o, ['name', 'protocol', 'description'], 'the first line');
  if (o.protocol !== PROTOCOL_VERSION)
    throw new Error(`the first line must say "protocol": ${PROTOCOL_VERSION}, got ${o.protocol === undefined ? 'none' : short(JSON.stringify(o.protocol))}`);
  if (typeof o.name !== 'string' || o.name.trim() === '') throw new Error('the first line needs a non-empty string "name"');
  if (o.description !== undefined && typeof o.description !== 'string') throw new Error('the first line\'s "description" must be a string');
  return { name: o.name, ...(o.description !== undefined ? { description: o.description } : {}) };
}

/**
 * An answer line to request `id`. {"policy": P} is read as a policy, {"model": M} as any model
 * (policy, k-output model or mixture); with "slack" or "note" the answer becomes the long form
 * {model, slack, note} of result.ts. {"error": "…"} is the plug-in's own failure.
 */
export function readAnswer(line: string, id: number): Reply {
  const o = parseLine(line);
  onlyKeys(o, ['id', 'policy', 'model', 'error', 'slack', 'note'], 'the answer');
  if (o.id !== id) throw new Error(`answered id ${o.id === undefined ? '(none)' : short(JSON.stringify(o.id))}, expected ${id}`);
  const present = (['policy', 'model', 'error'] as const).filter((key) => o[key] !== undefined);
  if (present.length !== 1) throw new Error(`the answer to id ${id} needs exactly one of "policy", "model", "error"${present.length ? `, got ${present.join(' and ')}` : ''}`);
  if (present[0] === 'error') {
    if (typeof o.error !== 'string') throw new Error(`the answer to id ${id}: "error" must be a string`);
    return { error: `the plug-in answered an error: ${quote(o.error.split('\n')[0])}` };
  }
  const model = o[present[0]];
  if (present[0] === 'policy' && isObj(model) && (model.kind === 'k-output' || model.kind === 'mixture'))
    throw new Error(`the answer to id ${id}: "policy" holds a ${model.kind} model (send it as "model")`);
  if (!isObj(model)) throw new Error(`the answer to id ${id}: "${present[0]}" must be a JSON object`);
  if (o.slack === undefined && o.note === undefined) return { answer: model };
  return { answer: { model, ...(o.slack !== undefined ? { slack: o.slack } : {}), ...(o.note !== undefined ? { note: o.note } : {}) } };
}
