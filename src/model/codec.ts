// The one model codec (SPEC §1 objects ↔ the JSON shapes of the README): profiles, policies,
// k-output models and mixtures of products, read exactly and written back as "p/q" strings.
// Reading has one option: `floats` accepts JS numbers as their exact dyadic values (plug-in
// answers), normalising a float vector whose exact sum is within 10^−9 of 1, with a note.
import { Fraction, ONE, ZERO, frac, fromDouble, isZero, parseRational, signOf, sumOf, toDecimal } from '../exact/rational.js';
import { UserSpec, makeKOutput, makeMixture, makePolicy, makeProfile, makePrompt } from './build.js';
import { InputError } from './errors.js';
import { MixturePart, Model, Outcome, Profile, Prompt } from './types.js';

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** How numbers are read: exact only (default), or floats too (as their exact values). */
export interface ReadOptions {
  readonly floats?: boolean;
  /** Receives a note when a float vector is normalised. */
  readonly notes?: string[];
}

/** Tolerance for float probability vectors: |Σ − 1| ≤ 10^−9. */
export const FLOAT_TOLERANCE = frac(1, 1_000_000_000);

/** An exact rational from an integer JSON number or a "p/q" string; floats are rejected. */
export function parseExact(v: unknown, where: string): Fraction {
  return readNumber(v, where, {}).value;
}

/** A weight: a positive safe integer or a "p/q" / "p" string with positive value. */
export function parseWeight(v: unknown, where: string): Fraction {
  const r = parseExact(v, where);
  if (signOf(r) <= 0) throw new InputError(`${where}: weight must be positive, got ${JSON.stringify(v)}`);
  return r;
}

/** One number: exact (integer or "p/q"), or with `floats` any finite JS number (exact dyadic value). */
function readNumber(v: unknown, where: string, o: ReadOptions): { value: Fraction; float: boolean } {
  const what = o.floats ? 'a number or a "p/q" string' : 'an integer or a "p/q" string';
  if (typeof v === 'number') {
    if (o.floats) {
      if (Number.isNaN(v)) throw new InputError(`${where} is NaN`);
      if (!Number.isFinite(v)) throw new InputError(`${where} is ${v}`);
      return { value: fromDouble(v), float: !Number.isInteger(v) };
    }
    if (!Number.isSafeInteger(v)) throw new InputError(`${where}: ${JSON.stringify(v)} is not ${what}`);
    return { value: frac(v), float: false };
  }
  if (typeof v === 'string') {
    const r = parseRational(v);
    if (r === null) throw new InputError(`${where}: "${v}" is not ${what}`);
    return { value: r, float: false };
  }
  throw new InputError(`${where}: ${JSON.stringify(v) ?? 'missing value'} is not ${what}`);
}

/** A probability: a number as above that is not negative. */
function readProb(v: unknown, where: string, o: ReadOptions): { value: Fraction; float: boolean } {
  const r = readNumber(v, where, o);
  if (signOf(r.value) < 0) throw new InputError(`${where} is negative`);
  return r;
}

/**
 * A probability vector: exact entries must sum to exactly 1; with floats among them, a sum within
 * 10^−9 of 1 is divided out exactly (and noted).
 */
function readDistribution(entries: readonly [string, unknown][], where: string, o: ReadOptions): Fraction[] {
  const vals = entries.map(([label, v]) => readProb(v, `${where}: ${label}`, o));
  const s = sumOf(vals.map((v) => v.value));
  if (s.equals(ONE)) return vals.map((v) => v.value);
  const float = vals.some((v) => v.float);
  if (float && signOf(s) > 0 && s.sub(ONE).abs().lte(FLOAT_TOLERANCE)) {
    o.notes?.push('float probabilities summing to within 1e-9 of 1 (not exactly 1) were divided by their exact sum');
    return vals.map((v) => v.value.div(s));
  }
  throw new InputError(
    `${where}: probabilities sum to ${float ? toDecimal(s, 12) : s.toFraction()}, ${float ? 'further than 1e-9 from 1' : 'not exactly 1'}`,
  );
}

// ---- profiles ----

/** Luce strengths (SPEC §4b): {id: positive rational} with exactly one entry per response of the prompt. */
export function parseStrengths(v: unknown, responses: readonly string[], where: string): Fraction[] {
  if (!isObject(v)) throw new InputError(`${where} must be an object {response id: positive strength}`);
  const known = new Set(responses);
  for (const id of Object.keys(v)) if (!known.has(id)) throw new InputError(`${where}: unknown response "${id}"`);
  return responses.map((id) => {
    if (!Object.prototype.hasOwnProperty.call(v, id)) throw new InputError(`${where}: no strength for response "${id}"`);
    const r = parseExact(v[id], `${where}.${id}`);
    if (signOf(r) <= 0) throw new InputError(`${where}.${id}: strength must be positive, got ${JSON.stringify(v[id])}`);
    return r;
  });
}

function parsePromptJson(o: unknown, where: string): Prompt {
  if (!isObject(o)) throw new InputError(`${where}: expected an object with "responses" and "users"`);
  if (!Array.isArray(o.responses)) throw new InputError(`${where}: "responses" must be an array of ids`);
  if (!Array.isArray(o.users)) throw new InputError(`${where}: "users" must be an array`);
  const responses = o.responses.map((r, i) => {
    if (typeof r !== 'string' || r === '') throw new InputError(`${where}: responses[${i}] must be a non-empty string`);
    return r;
  });
  const users = o.users.map((u, i): UserSpec => {
    const w = `${where}: users[${i}]`;
    if (!isObject(u)) throw new InputError(`${w} must be an object with "weight" and "ranking" or "strengths"`);
    const weight = parseWeight(u.weight ?? 1, `${w}.weight`);
    if ('strengths' in u) {
      if ('ranking' in u) throw new InputError(`${w} has both "ranking" and "strengths": a user type is one or the other`);
      return { weight, strengths: parseStrengths(u.strengths, responses, `${w}.strengths`) };
    }
    if (!('ranking' in u)) throw new InputError(`${w} needs "ranking" (a weak order) or "strengths" (a Luce type)`);
    if (!Array.isArray(u.ranking)) throw new InputError(`${w}.ranking must be an array of tiers`);
    const tiers = u.ranking.map((t, ti) => {
      const tier = typeof t === 'string' ? [t] : t;
      if (!Array.isArray(tier) || tier.some((x) => typeof x !== 'string')) throw new InputError(`${w}.ranking[${ti}] must be an array of response ids`);
      return tier as string[];
    });
    return { weight, tiers };
  });
  return makePrompt(responses, users, where);
}

/** Profile JSON of the README: single prompt {responses, users} or {prompts: [...]}. */
export function profileFromJson(o: unknown, where = 'profile'): Profile {
  if (isObject(o) && 'prompts' in o) {
    if (!Array.isArray(o.prompts)) throw new InputError(`${where}: "prompts" must be an array`);
    return makeProfile(
      o.prompts.map((p, i) => ({
        weight: parseWeight(isObject(p) ? (p.weight ?? 1) : 1, `${where}: prompts[${i}].weight`),
        prompt: parsePromptJson(p, `${where}: prompts[${i}]`),
      })),
      where,
    );
  }
  return makeProfile([{ weight: ONE, prompt: parsePromptJson(o, where) }], where);
}

// ---- models, one prompt at a time ----

/** What one prompt's model JSON holds, before k is known (a policy and a mixture take k from the caller). */
export type PromptModelJson =
  | { readonly kind: 'policy'; readonly probs: Fraction[] }
  | { readonly kind: 'k-output'; readonly k: number; readonly outcomes: Outcome[] }
  | { readonly kind: 'mixture'; readonly k?: number; readonly parts: MixturePart[] };

function parsePolicyObj(o: unknown, prompt: Prompt, where: string, opts: ReadOptions): Fraction[] {
  if (!isObject(o)) throw new InputError(`${where}: a policy is an object {id: probability}`);
  const entries = Object.entries(o);
  for (const [id] of entries) if (!prompt.index.has(id)) throw new InputError(`${where}: unknown response "${id}"`);
  const probs = readDistribution(
    entries.map(([id, v]) => [`probability of "${id}"`, v]),
    where,
    opts,
  );
  const out = prompt.responses.map(() => ZERO);
  entries.forEach(([id], i) => (out[prompt.index.get(id)!] = probs[i]));
  return out;
}

function parseOutcomes(o: Record<string, unknown>, prompt: Prompt, where: string, opts: ReadOptions): { outcomes: Outcome[]; k: number } {
  if (!Array.isArray(o.outcomes) || o.outcomes.length === 0) throw new InputError(`${where}: a k-output model needs "outcomes": [...]`);
  let k = -1;
  const raw = o.outcomes.map((oc, i) => {
    const w = `${where}: outcomes[${i}]`;
    if (!isObject(oc) || !Array.isArray(oc.responses)) throw new InputError(`${w} needs "responses": [ids] and "prob"`);
    const items = oc.responses.map((id) => {
      const y = typeof id === 'string' ? prompt.index.get(id) : undefined;
      if (y === undefined) throw new InputError(`${w}: unknown response ${JSON.stringify(id)}`);
      return y;
    });
    if (k === -1) k = items.length;
    else if (items.length !== k) throw new InputError(`${w} has ${items.length} responses, the first outcome has ${k}`);
    return { items, prob: oc.prob };
  });
  if (k < 1) throw new InputError(`${where}: a k-output model needs at least one outcome with k ≥ 1 responses`);
  const probs = readDistribution(
    raw.map((oc, i) => [`outcomes[${i}].prob`, oc.prob]),
    where,
    opts,
  );
  // sorted multisets, equal ones merged
  return { outcomes: makeKOutput(k, [raw.map((oc, i) => ({ items: oc.items, prob: probs[i] }))], where).perPrompt[0].slice(), k };
}

function parseMixture(o: Record<string, unknown>, prompt: Prompt, where: string, opts: ReadOptions): { parts: MixturePart[]; k?: number } {
  if (!Array.isArray(o.parts) || o.parts.length === 0) throw new InputError(`${where}: a mixture needs "parts": [{weight, policy}]`);
  let k: number | undefined;
  if (o.k !== undefined) {
    if (typeof o.k !== 'number' || !Number.isSafeInteger(o.k) || o.k < 1) throw new InputError(`${where}: "k" must be an integer ≥ 1`);
    k = o.k;
  }
  const parts = o.parts.map((p, i) => {
    if (!isObject(p)) throw new InputError(`${where}: parts[${i}] must be {weight, policy}`);
    return p;
  });
  const weights = readDistribution(
    parts.map((p, i) => [`parts[${i}].weight`, p.weight]),
    where,
    opts,
  );
  return { parts: parts.map((p, i) => ({ weight: weights[i], probs: parsePolicyObj(p.policy, prompt, `${where}: parts[${i}].policy`, opts) })), k };
}

/** One prompt's model JSON: a policy {id: prob}, {"kind": "k-output", ...} or {"kind": "mixture", ...}. */
export function promptModelFromJson(o: unknown, prompt: Prompt, where: string, opts: ReadOptions = {}): PromptModelJson {
  if (isObject(o) && o.kind === 'k-output') return { kind: 'k-output', ...parseOutcomes(o, prompt, where, opts) };
  if (isObject(o) && o.kind === 'mixture') return { kind: 'mixture', ...parseMixture(o, prompt, where, opts) };
  return { kind: 'policy', probs: parsePolicyObj(o, prompt, where, opts) };
}

/** Policy, k-output model or mixture JSON (SPEC §1), checked against the profile's prompts. */
export function modelFromJson(o: unknown, profile: Profile, where = 'policy', opts: ReadOptions = {}): Model {
  const n = profile.prompts.length;
  let items: unknown[];
  if (isObject(o) && 'prompts' in o && Array.isArray(o.prompts) && !profile.prompts[0].prompt.index.has('prompts')) {
    items = o.prompts;
    if (items.length !== n) throw new InputError(`${where}: ${items.length} prompt policies for a profile with ${n} prompts`);
  } else {
    if (n !== 1) throw new InputError(`${where}: the profile has ${n} prompts; give {"prompts": [...]} in prompt order`);
    items = [o];
  }
  const parsed = items.map((it, x) => promptModelFromJson(it, profile.prompts[x].prompt, n === 1 ? where : `${where}: prompts[${x}]`, opts));
  const kind = parsed[0].kind;
  if (parsed.some((p) => p.kind !== kind)) throw new InputError(`${where}: mixes policies, k-output models and mixtures across prompts`);
  if (kind === 'k-output') {
    const ks = parsed as Extract<PromptModelJson, { kind: 'k-output' }>[];
    ks.forEach((p, x) => {
      if (p.k !== ks[0].k) throw new InputError(`${where}: prompts[${x}] has k = ${p.k}, prompt 0 has k = ${ks[0].k}`);
    });
    return makeKOutput(ks[0].k, ks.map((p) => p.outcomes), where);
  }
  if (kind === 'mixture') {
    const ms = parsed as Extract<PromptModelJson, { kind: 'mixture' }>[];
    ms.forEach((p, x) => {
      if (p.k !== ms[0].k) throw new InputError(`${where}: prompts[${x}] has k = ${p.k}, prompt 0 has k = ${ms[0].k}`);
    });
    return makeMixture(ms.map((p) => p.parts), ms[0].k, where);
  }
  return makePolicy(
    parsed.map((p) => (p as Extract<PromptModelJson, { kind: 'policy' }>).probs),
    where,
  );
}

// ---- serialisation back to the documented JSON shapes ----

/** One user type as JSON: {weight, ranking} or {weight, strengths} (SPEC §1, §4b). */
export type UserJson = { weight: string; ranking: string[][] } | { weight: string; strengths: Record<string, string> };

export function promptToJson(p: Prompt): { responses: string[]; users: UserJson[] } {
  return {
    responses: [...p.responses],
    users: p.users.map((u) =>
      u.kind === 'ranking'
        ? { weight: u.weight.toFraction(), ranking: u.tiers.map((t) => t.map((y) => p.responses[y])) }
        : { weight: u.weight.toFraction(), strengths: Object.fromEntries(p.responses.map((id, y) => [id, u.strengths[y].toFraction()])) },
    ),
  };
}

export function profileToJson(pr: Profile): unknown {
  if (pr.prompts.length === 1) return promptToJson(pr.prompts[0].prompt);
  return { prompts: pr.prompts.map((x) => ({ weight: x.weight.toFraction(), ...promptToJson(x.prompt) })) };
}

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
