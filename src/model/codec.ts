// The one model codec (SPEC §1 objects ↔ the JSON shapes of the README): profiles, policies,
// k-output models and mixtures of products, each checked against its declared shape (schema.ts),
// read exactly and written back as "p/q" strings. Reading has one option: `floats` accepts JS
// numbers as their exact dyadic values (plug-in answers), normalising a float vector whose exact
// sum is within 10^−9 of 1, with a note.
// One file on purpose: one codec for every model object, so reading and writing cannot drift apart.
import { Fraction, ONE, ZERO, frac, isZero, signOf, sumOf, toDecimal } from '../exact/rational.js';
import { UserSpec, makeKOutput, makeMixture, makePolicy, makeProfile, makePrompt, promptFromRanks } from './build.js';
import { MAX_JSON_STRING } from './json.js';
import { PathSeg, S, Shape, didYouMean, inputError, isObject, quoteValue, readExact, validate } from './schema.js';
import { MixturePart, Model, Outcome, Profile, Prompt } from './types.js';

export { isObject };
export { promptToJson, profileToJson, type UserJson } from './build.js';

/** How numbers are read: exact only (default), or floats too (as their exact values). */
export interface ReadOptions {
  readonly floats?: boolean;
  /** Receives a note when a float vector is normalised. */
  readonly notes?: string[];
  /** Path of the value inside its file (default: the root "$"). */
  readonly base?: readonly PathSeg[];
}

/** Tolerance for float probability vectors: |Σ − 1| ≤ 10^−9. */
export const FLOAT_TOLERANCE = frac(1, 1_000_000_000);

// ---- the declared shapes (README "Input formats") ----

const ID = S.string({ nonEmpty: true, what: 'a response id (a non-empty string)' });
/** A tier: response ids tied with each other; a lone id stands for a one-element tier. */
const TIER = S.oneOf([S.array(ID), ID], 'a tier: an array of response ids');
/** Luce strengths (SPEC §4b): {response id: positive exact number}. */
const STRENGTHS_SHAPE: Shape = S.record(S.exact(), 'strengths {response id: positive strength}');
/**
 * A user type: `weight` is required (no default), so a misspelled key can never fall back to 1; exactly one
 * of `ranking` (a weak order, SPEC §1) and `strengths` (a Luce type, §4b: a positive strength per response).
 */
const USER = S.object(
  {
    weight: S.exact(),
    ranking: S.optional(S.array(TIER, 'an array of tiers, best first')),
    strengths: S.optional(STRENGTHS_SHAPE),
  },
  'a user type {"weight", "ranking"} or {"weight", "strengths"}',
);
const PROMPT_FIELDS = { responses: S.array(ID, 'an array of response ids'), users: S.array(USER, 'an array of user types') };
export const PROMPT_SHAPE: Shape = S.object(PROMPT_FIELDS, 'a profile {"responses", "users"}', ['prompts']);
/** Several prompts: a prompt's weight ρ(x) may be left out (default 1). */
export const MULTI_PROMPT_SHAPE: Shape = S.object(
  { prompts: S.array(S.object({ weight: S.optional(S.exact()), ...PROMPT_FIELDS }, 'a prompt {"weight", "responses", "users"}'), 'an array of prompts') },
  'a profile {"prompts": [...]}',
);
export const POLICY_SHAPE: Shape = S.record(S.exact(), 'a policy {response id: probability}');
export const K_OUTPUT_SHAPE: Shape = S.object(
  {
    kind: S.string({ values: ['k-output'] }),
    k: S.optional(S.integer(1)),
    outcomes: S.array(S.object({ responses: S.array(ID, 'an array of k response ids'), prob: S.exact() }, 'an outcome {"responses", "prob"}'), 'an array of outcomes'),
  },
  'a k-output model {"kind": "k-output", "outcomes"}',
);
export const MIXTURE_SHAPE: Shape = S.object(
  {
    kind: S.string({ values: ['mixture'] }),
    k: S.optional(S.integer(1)),
    parts: S.array(S.object({ weight: S.exact(), policy: POLICY_SHAPE }, 'a part {"weight", "policy"}'), 'an array of parts'),
  },
  'a mixture {"kind": "mixture", "parts"}',
);
const MODEL_KINDS = ['k-output', 'mixture'];
/** A plug-in's long answer {model, slack?, note?} (the model is checked by promptModelFromJson). */
export const ANSWER_SHAPE: Shape = S.object(
  { model: S.json(), slack: S.optional(S.exact()), note: S.optional(S.string()) },
  'an answer {"model", "slack", "note"}',
);

/** An exact rational from an integer JSON number or an exact number string ("p/q", decimal); floats are rejected. */
export function parseExact(v: unknown, where: string, path?: readonly PathSeg[]): Fraction {
  return readExact(v, where, path ?? null).value;
}

/** A weight: an exact number (as parseExact) with positive value. */
export function parseWeight(v: unknown, where: string, path?: readonly PathSeg[]): Fraction {
  const r = parseExact(v, where, path);
  if (signOf(r) <= 0)
    throw inputError(where, path ?? null, `a weight must be positive, got ${quoteValue(v)}${typeof v === 'string' && v.trim() !== r.toFraction() ? ` = ${r.toFraction()}` : ''}`);
  return r;
}

/**
 * A probability vector: exact entries must sum to exactly 1; with floats among them, a sum within
 * 10^−9 of 1 is divided out exactly (and noted). `at` is the path of each entry.
 */
function readDistribution(values: readonly unknown[], at: (i: number) => PathSeg[], where: string, path: readonly PathSeg[], o: ReadOptions, [one, all] = ['a probability', 'probabilities']): Fraction[] {
  const vals = values.map((v, i) => {
    const r = readExact(v, where, at(i), o);
    if (signOf(r.value) < 0) throw inputError(where, at(i), `${one} must not be negative, got ${quoteValue(v)}`);
    return r;
  });
  const s = sumOf(vals.map((v) => v.value));
  if (s.equals(ONE)) return vals.map((v) => v.value);
  const float = vals.some((v) => v.float);
  if (float && s.sub(ONE).abs().lte(FLOAT_TOLERANCE)) {
    o.notes?.push(`float ${all} summing to within 1e-9 of 1 (not exactly 1) were divided by their exact sum`);
    return vals.map((v) => v.value.div(s));
  }
  throw inputError(where, path, `${all} sum to ${float ? toDecimal(s, 12) : s.toFraction()}, ${float ? 'further than 1e-9 from 1' : 'not exactly 1'}`);
}

// ---- profiles ----

/** Luce strengths (SPEC §4b), already shaped as a record: each an exact positive number (makePrompt checks the ids). */
function strengthsFromChecked(v: Record<string, unknown>, where: string, at: readonly PathSeg[]): Record<string, Fraction> {
  const out: Record<string, Fraction> = {};
  for (const [id, x] of Object.entries(v)) {
    const r = parseExact(x, where, [...at, id]);
    if (signOf(r) <= 0) throw inputError(where, [...at, id], `strength must be positive, got ${quoteValue(x)}`);
    out[id] = r;
  }
  return out;
}

/** Luce strengths (SPEC §4b) for the given responses: {id: positive rational}, exactly one entry per response. */
export function parseStrengths(v: unknown, responses: readonly string[], where: string, path: readonly PathSeg[] = []): Fraction[] {
  validate(v, STRENGTHS_SHAPE, where, { base: path });
  const rec = strengthsFromChecked(v as Record<string, unknown>, where, path);
  for (const id of Object.keys(rec)) if (!responses.includes(id)) throw inputError(where, [...path, id], `unknown response ${quoteValue(id)}${didYouMean(id, responses)}`);
  return responses.map((id) => {
    if (!Object.prototype.hasOwnProperty.call(rec, id)) throw inputError(where, path, `no strength for response ${quoteValue(id)}`);
    return rec[id];
  });
}

function promptFromChecked(o: Record<string, unknown>, where: string, base: readonly PathSeg[]): Prompt {
  const users = (o.users as Record<string, unknown>[]).map((u, i): UserSpec => {
    const at = [...base, 'users', i];
    const weight = parseWeight(u.weight, where, [...at, 'weight']);
    const hasR = u.ranking !== undefined;
    const hasS = u.strengths !== undefined;
    if (hasR && hasS) throw inputError(where, at, 'has both "ranking" and "strengths": a user type is one or the other');
    if (hasS) return { weight, strengths: strengthsFromChecked(u.strengths as Record<string, unknown>, where, [...at, 'strengths']) };
    if (!hasR) throw inputError(where, at, 'needs "ranking" (a weak order) or "strengths" (a Luce type)');
    return { weight, tiers: (u.ranking as (string | string[])[]).map((t) => (typeof t === 'string' ? [t] : t)) };
  });
  return makePrompt(o.responses as string[], users, where, base);
}

/** Profile JSON of the README: single prompt {responses, users} or {prompts: [...]}; `where` names the file. */
export function profileFromJson(o: unknown, where = 'profile'): Profile {
  if (isObject(o) && 'prompts' in o) {
    validate(o, MULTI_PROMPT_SHAPE, where);
    return makeProfile(
      (o.prompts as Record<string, unknown>[]).map((p, i) => ({
        weight: p.weight === undefined ? ONE : parseWeight(p.weight, where, ['prompts', i, 'weight']),
        prompt: promptFromChecked(p, where, ['prompts', i]),
      })),
      where,
    );
  }
  validate(o, PROMPT_SHAPE, where);
  return makeProfile([{ weight: ONE, prompt: promptFromChecked(o as Record<string, unknown>, where, []) }], where);
}

/**
 * Keys written in JSON text: a string followed by ":" (counts every key, and any string content that looks alike).
 * Each ":" is matched first and its preceding text checked after: colons are rare in a profile, quotes are not.
 */
const KEY_IN_TEXT = /:(?<="\s*:)/g;
/**
 * A number with a fraction or an exponent (after ":", "," or "["; a string may look alike): JSON.parse may round
 * it to an integer it does not equal. A plain integer it reads exactly when the result is a safe integer (every
 * integer below 2^53 is a double; larger ones round to 2^53 or more). The "." or "e" is matched first and the
 * number before it checked after (a lookbehind): digits and commas are everywhere in a profile, "." and "e" not.
 */
const NOT_PLAIN_INTEGER = /[.eE](?<=[:,[]\s*-?\d+.)/;

/**
 * The common profile read in one pass: a single prompt of ranking types, {"responses", "users": [{"weight",
 * "ranking"}]}, from its text by JSON.parse and one walk that checks PROMPT_SHAPE while it builds the rank vectors.
 * Null when the text is anything else or anything is amiss: the caller then reads it with the strict reader and
 * the schema, which name the problem. In place of the reader's checks: numbers written as plain integers, no key
 * written but the four of the shape, each once per object, every string within MAX_JSON_STRING, the nesting of
 * the shape. What it accepts, profileFromJson builds the same from (codec.spec).
 */
export function rankingProfileFromText(text: string, where: string): Profile | null {
  if (NOT_PLAIN_INTEGER.test(text)) return null;
  let o: unknown;
  try {
    o = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isObject(o) || !Array.isArray(o.responses) || !Array.isArray(o.users)) return null;
  const responses = o.responses as unknown[];
  const n = responses.length;
  const index = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const id = responses[i];
    if (typeof id !== 'string' || id.length === 0 || id.length > MAX_JSON_STRING || index.has(id)) return null;
    index.set(id, i);
  }
  const users = o.users as unknown[];
  if (n === 0 || users.length === 0) return null;
  const entries: { weight: Fraction; rank: Int32Array; listed: number }[] = [];
  for (const u of users) {
    if (!isObject(u) || !Array.isArray(u.ranking)) return null;
    const weight = positiveExact(u.weight);
    if (weight === null) return null;
    const rank = new Int32Array(n).fill(-1);
    const place = (id: unknown, t: number): boolean => {
      const y = typeof id === 'string' ? index.get(id) : undefined;
      if (y === undefined || rank[y] !== -1) return false;
      rank[y] = t;
      return true;
    };
    const tiers = u.ranking as unknown[];
    for (let t = 0; t < tiers.length; t++) {
      const tier = tiers[t];
      if (Array.isArray(tier)) {
        if (tier.length === 0) return null;
        for (const id of tier) if (!place(id, t)) return null;
      } else if (!place(tier, t)) return null;
    }
    entries.push({ weight, rank, listed: tiers.length });
  }
  // the keys read are responses, users and each user's weight and ranking: any other key, or one written
  // twice (JSON.parse keeps the last), makes the text hold more
  if ((text.match(KEY_IN_TEXT)?.length ?? 0) !== 2 + 2 * users.length) return null;
  return makeProfile([{ weight: ONE, prompt: promptFromRanks(responses as string[], entries, where) }], where);
}

/** A positive exact number (as parseWeight), or null. */
function positiveExact(v: unknown): Fraction | null {
  try {
    const r = readExact(v, '', null).value;
    return signOf(r) > 0 ? r : null;
  } catch {
    return null;
  }
}

// ---- models, one prompt at a time ----

/** What one prompt's model JSON holds, before k is known (a policy and a mixture take k from the caller). */
export type PromptModelJson =
  | { readonly kind: 'policy'; readonly probs: Fraction[] }
  | { readonly kind: 'k-output'; readonly k: number; readonly outcomes: Outcome[] }
  | { readonly kind: 'mixture'; readonly k?: number; readonly parts: MixturePart[] };

function responseIndex(prompt: Prompt, id: string, where: string, path: readonly PathSeg[]): number {
  const y = prompt.index.get(id);
  if (y === undefined) throw inputError(where, path, `unknown response ${quoteValue(id)}${didYouMean(id, prompt.responses)}`);
  return y;
}

function policyFromChecked(o: Record<string, unknown>, prompt: Prompt, where: string, base: readonly PathSeg[], opts: ReadOptions): Fraction[] {
  const entries = Object.entries(o);
  const ys = entries.map(([id]) => responseIndex(prompt, id, where, [...base, id]));
  const probs = readDistribution(
    entries.map(([, v]) => v),
    (i) => [...base, entries[i][0]],
    where,
    base,
    opts,
  );
  const out = prompt.responses.map(() => ZERO);
  ys.forEach((y, i) => (out[y] = probs[i]));
  return out;
}

function outcomesFromChecked(o: Record<string, unknown>, prompt: Prompt, where: string, base: readonly PathSeg[], opts: ReadOptions): { outcomes: Outcome[]; k: number } {
  const list = o.outcomes as { responses: string[]; prob: unknown }[];
  if (list.length === 0) throw inputError(where, [...base, 'outcomes'], 'a k-output model needs at least one outcome');
  const k = (o.k as number | undefined) ?? list[0].responses.length;
  const items = list.map((oc, i) => {
    const at = [...base, 'outcomes', i, 'responses'];
    if (oc.responses.length !== k)
      throw inputError(where, at, o.k === undefined ? `has ${oc.responses.length} responses, the first outcome has ${k}` : `has ${oc.responses.length} responses, "k" is ${k}`);
    return oc.responses.map((id, j) => responseIndex(prompt, id, where, [...at, j]));
  });
  if (k < 1) throw inputError(where, [...base, 'outcomes', 0, 'responses'], 'an outcome needs at least one response');
  const probs = readDistribution(
    list.map((oc) => oc.prob),
    (i) => [...base, 'outcomes', i, 'prob'],
    where,
    [...base, 'outcomes'],
    opts,
  );
  // sorted multisets, equal ones merged
  return { outcomes: makeKOutput(k, [items.map((it, i) => ({ items: it, prob: probs[i] }))], where).perPrompt[0].slice(), k };
}

function mixtureFromChecked(o: Record<string, unknown>, prompt: Prompt, where: string, base: readonly PathSeg[], opts: ReadOptions): { parts: MixturePart[]; k?: number } {
  const parts = o.parts as { weight: unknown; policy: Record<string, unknown> }[];
  if (parts.length === 0) throw inputError(where, [...base, 'parts'], 'a mixture needs at least one part');
  const weights = readDistribution(
    parts.map((p) => p.weight),
    (i) => [...base, 'parts', i, 'weight'],
    where,
    [...base, 'parts'],
    opts,
    ['a part weight', 'part weights'],
  );
  return {
    parts: parts.map((p, i) => ({ weight: weights[i], probs: policyFromChecked(p.policy, prompt, where, [...base, 'parts', i, 'policy'], opts) })),
    k: o.k as number | undefined,
  };
}

/**
 * One prompt's model JSON: a policy {id: prob}, {"kind": "k-output", ...} or {"kind": "mixture", ...}
 * (told apart by "kind", unless the prompt has a response named "kind" and the value is no model kind).
 */
export function promptModelFromJson(o: unknown, prompt: Prompt, where: string, opts: ReadOptions = {}): PromptModelJson {
  const base = opts.base ?? [];
  const v = { floats: opts.floats, base };
  if (isObject(o) && Object.prototype.hasOwnProperty.call(o, 'kind') && !(prompt.index.has('kind') && !MODEL_KINDS.includes(o.kind as string))) {
    if (o.kind === 'k-output') {
      validate(o, K_OUTPUT_SHAPE, where, v);
      return { kind: 'k-output', ...outcomesFromChecked(o, prompt, where, base, opts) };
    }
    if (o.kind === 'mixture') {
      validate(o, MIXTURE_SHAPE, where, v);
      return { kind: 'mixture', ...mixtureFromChecked(o, prompt, where, base, opts) };
    }
    throw inputError(
      where,
      [...base, 'kind'],
      `unknown model kind ${quoteValue(o.kind)}${typeof o.kind === 'string' ? didYouMean(o.kind, MODEL_KINDS) : ''}: expected "k-output" or "mixture" (a policy is {response id: probability})`,
    );
  }
  validate(o, POLICY_SHAPE, where, v);
  return { kind: 'policy', probs: policyFromChecked(o as Record<string, unknown>, prompt, where, base, opts) };
}

/** Policy, k-output model or mixture JSON (SPEC §1), checked against the profile's prompts. */
export function modelFromJson(o: unknown, profile: Profile, where = 'policy', opts: ReadOptions = {}): Model {
  const n = profile.prompts.length;
  const base = opts.base ?? [];
  let items: unknown[];
  let at: (x: number) => PathSeg[];
  if (isObject(o) && 'prompts' in o && !profile.prompts[0].prompt.index.has('prompts')) {
    validate(o, S.object({ prompts: S.array(S.json(), 'an array of models, one per prompt') }, 'models per prompt {"prompts": [...]}'), where, { base });
    items = o.prompts as unknown[];
    at = (x) => [...base, 'prompts', x];
    if (items.length !== n) throw inputError(where, [...base, 'prompts'], `${items.length} prompt models for a profile with ${n} prompts`);
  } else {
    if (n !== 1) throw inputError(where, base, `the profile has ${n} prompts; give {"prompts": [...]} in prompt order`);
    items = [o];
    at = () => [...base];
  }
  const parsed = items.map((it, x) => promptModelFromJson(it, profile.prompts[x].prompt, where, { ...opts, base: at(x) }));
  const kind = parsed[0].kind;
  parsed.forEach((p, x) => {
    if (p.kind !== kind) throw inputError(where, at(x), `a ${p.kind === 'policy' ? 'policy' : p.kind + ' model'} here, a ${kind === 'policy' ? 'policy' : kind + ' model'} for prompt 0: give one kind for every prompt`);
  });
  if (kind === 'k-output') {
    const ks = parsed as Extract<PromptModelJson, { kind: 'k-output' }>[];
    ks.forEach((p, x) => {
      if (p.k !== ks[0].k) throw inputError(where, at(x), `k = ${p.k} here, k = ${ks[0].k} for prompt 0`);
    });
    return makeKOutput(ks[0].k, ks.map((p) => p.outcomes), where);
  }
  if (kind === 'mixture') {
    const ms = parsed as Extract<PromptModelJson, { kind: 'mixture' }>[];
    ms.forEach((p, x) => {
      if (p.k !== ms[0].k) throw inputError(where, at(x), `k = ${p.k ?? 'unstated'} here, k = ${ms[0].k ?? 'unstated'} for prompt 0`);
    });
    return makeMixture(ms.map((p) => p.parts), ms[0].k, where);
  }
  return makePolicy(
    parsed.map((p) => (p as Extract<PromptModelJson, { kind: 'policy' }>).probs),
    where,
  );
}

// ---- serialisation back to the documented JSON shapes ----

export function policyToJson(probs: readonly Fraction[], p: Prompt): Record<string, string> {
  const o: Record<string, string> = {};
  probs.forEach((v, y) => {
    if (!isZero(v)) o[p.responses[y]] = v.toFraction();
  });
  return o;
}

export function outcomesToJson(outcomes: readonly Outcome[], p: Prompt): { kind: 'k-output'; outcomes: { responses: string[]; prob: string }[] } {
  return { kind: 'k-output', outcomes: outcomes.map((o) => ({ responses: o.items.map((y) => p.responses[y]), prob: o.prob.toFraction() })) };
}

export function mixtureToJson(parts: readonly MixturePart[], p: Prompt, k?: number): Record<string, unknown> {
  return {
    kind: 'mixture',
    ...(k === undefined ? {} : { k }),
    parts: parts.map((pt) => ({ weight: pt.weight.toFraction(), policy: policyToJson(pt.probs, p) })),
  };
}

export function modelToJson(m: Model, pr: Profile): unknown {
  const one = (x: number): unknown => {
    const p = pr.prompts[x].prompt;
    if (m.kind === 'policy') return policyToJson(m.perPrompt[x], p);
    if (m.kind === 'k-output') return outcomesToJson(m.perPrompt[x], p);
    return mixtureToJson(m.perPrompt[x], p, m.k);
  };
  if (pr.prompts.length === 1) return one(0);
  return { prompts: pr.prompts.map((_, x) => one(x)) };
}
