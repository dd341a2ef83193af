import { readFileSync } from 'node:fs';
import { Fraction, frac, ONE, ZERO, signOf, isZero, sumOf, parseRational } from '../exact/rational.js';
import { makeKOutput, makePolicy, makeProfile, makePrompt, promptFromRanks } from './build.js';
import { InputError, KOutputModel, Model, Outcome, Policy, Profile, Prompt } from './types.js';

type Json = unknown;

function isObj(v: Json): v is Record<string, Json> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A weight: a positive safe integer or a "p/q" / "p" string with positive value. */
export function parseWeight(v: Json, where: string): Fraction {
  const r = parseExact(v, where);
  if (signOf(r) <= 0) throw new InputError(`${where}: weight must be positive, got ${JSON.stringify(v)}`);
  return r;
}

/** An exact rational from an integer JSON number or a "p/q" string; floats are rejected. */
export function parseExact(v: Json, where: string): Fraction {
  if (typeof v === 'number') {
    if (!Number.isSafeInteger(v)) throw new InputError(`${where}: ${JSON.stringify(v)} is not an integer or a "p/q" string`);
    return frac(v);
  }
  if (typeof v === 'string') {
    const r = parseRational(v);
    if (r === null) throw new InputError(`${where}: "${v}" is not an integer or a "p/q" string`);
    return r;
  }
  throw new InputError(`${where}: ${JSON.stringify(v) ?? 'missing value'} is not an integer or a "p/q" string`);
}

function parsePromptJson(o: Json, where: string): Prompt {
  if (!isObj(o)) throw new InputError(`${where}: expected an object with "responses" and "users"`);
  if (!Array.isArray(o.responses)) throw new InputError(`${where}: "responses" must be an array of ids`);
  if (!Array.isArray(o.users)) throw new InputError(`${where}: "users" must be an array`);
  const responses = o.responses.map((r, i) => {
    if (typeof r !== 'string' || r === '') throw new InputError(`${where}: responses[${i}] must be a non-empty string`);
    return r;
  });
  const users = o.users.map((u, i) => {
    const w = `${where}: users[${i}]`;
    if (!isObj(u)) throw new InputError(`${w} must be an object with "weight" and "ranking"`);
    if (!Array.isArray(u.ranking)) throw new InputError(`${w}.ranking must be an array of tiers`);
    const tiers = u.ranking.map((t, ti) => {
      const tier = typeof t === 'string' ? [t] : t;
      if (!Array.isArray(tier) || tier.some((x) => typeof x !== 'string'))
        throw new InputError(`${w}.ranking[${ti}] must be an array of response ids`);
      return tier as string[];
    });
    return { weight: parseWeight(u.weight ?? 1, `${w}.weight`), tiers };
  });
  return makePrompt(responses, users, where);
}

/** Profile JSON of the README: single prompt {responses, users} or {prompts: [...]}. */
export function profileFromJson(o: Json, where = 'profile'): Profile {
  if (isObj(o) && 'prompts' in o) {
    if (!Array.isArray(o.prompts)) throw new InputError(`${where}: "prompts" must be an array`);
    return makeProfile(
      o.prompts.map((p, i) => ({
        weight: parseWeight(isObj(p) ? p.weight ?? 1 : 1, `${where}: prompts[${i}].weight`),
        prompt: parsePromptJson(p, `${where}: prompts[${i}]`),
      })),
      where,
    );
  }
  return makeProfile([{ weight: ONE, prompt: parsePromptJson(o, where) }], where);
}

function parsePolicyObj(o: Json, prompt: Prompt, where: string): Fraction[] {
  if (!isObj(o)) throw new InputError(`${where}: a policy is an object {id: probability}`);
  const probs = prompt.responses.map(() => ZERO);
  for (const [id, v] of Object.entries(o)) {
    const y = prompt.index.get(id);
    if (y === undefined) throw new InputError(`${where}: unknown response "${id}"`);
    const p = parseExact(v, `${where}: probability of "${id}"`);
    if (signOf(p) < 0) throw new InputError(`${where}: probability of "${id}" is negative`);
    probs[y] = p;
  }
  const s = sumOf(probs);
  if (!s.equals(ONE)) throw new InputError(`${where}: probabilities sum to ${s.toFraction()}, not exactly 1`);
  return probs;
}

function parseOutcomes(o: Json, prompt: Prompt, where: string): { outcomes: Outcome[]; k: number } {
  if (!isObj(o) || !Array.isArray(o.outcomes)) throw new InputError(`${where}: a k-output model needs "outcomes": [...]`);
  let k = -1;
  const outcomes = o.outcomes.map((oc, i) => {
    const w = `${where}: outcomes[${i}]`;
    if (!isObj(oc) || !Array.isArray(oc.responses)) throw new InputError(`${w} needs "responses": [ids] and "prob"`);
    const items = oc.responses.map((id) => {
      const y = typeof id === 'string' ? prompt.index.get(id) : undefined;
      if (y === undefined) throw new InputError(`${w}: unknown response ${JSON.stringify(id)}`);
      return y;
    });
    if (k === -1) k = items.length;
    else if (items.length !== k) throw new InputError(`${w} has ${items.length} responses, the first outcome has ${k}`);
    const prob = parseExact(oc.prob, `${w}.prob`);
    if (signOf(prob) < 0) throw new InputError(`${w}.prob is negative`);
    return { items, prob };
  });
  if (k < 1) throw new InputError(`${where}: a k-output model needs at least one outcome with k ≥ 1 responses`);
  return { outcomes, k };
}

/** Policy JSON or k-output model JSON (SPEC §1), checked against the profile's prompts. */
export function modelFromJson(o: Json, profile: Profile, where = 'policy'): Model {
  const n = profile.prompts.length;
  let items: Json[];
  if (isObj(o) && 'prompts' in o && Array.isArray(o.prompts) && !profile.prompts[0].prompt.index.has('prompts')) {
    items = o.prompts;
    if (items.length !== n) throw new InputError(`${where}: ${items.length} prompt policies for a profile with ${n} prompts`);
  } else {
    if (n !== 1) throw new InputError(`${where}: the profile has ${n} prompts; give {"prompts": [...]} in prompt order`);
    items = [o];
  }
  const isK = items.map((it) => isObj(it) && it.kind === 'k-output');
  if (isK.some((b) => b !== isK[0])) throw new InputError(`${where}: mixes policies and k-output models across prompts`);
  if (isK[0]) {
    const parsed = items.map((it, x) => parseOutcomes(it, profile.prompts[x].prompt, n === 1 ? where : `${where}: prompts[${x}]`));
    const k = parsed[0].k;
    parsed.forEach((p, x) => {
      if (p.k !== k) throw new InputError(`${where}: prompts[${x}] has k = ${p.k}, prompt 0 has k = ${k}`);
    });
    return makeKOutput(k, parsed.map((p) => p.outcomes), where);
  }
  return makePolicy(
    items.map((it, x) => parsePolicyObj(it, profile.prompts[x].prompt, n === 1 ? where : `${where}: prompts[${x}]`)),
    where,
  );
}

export function readJsonFile(path: string): Json {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new InputError(`${path}: cannot read file (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new InputError(`${path}: malformed JSON (${(e as Error).message.split('\n')[0]})`);
  }
}

/** PrefLib .soc/.soi/.toc/.toi text → a single-prompt profile. Counts are weights; {a,b} is a tie. */
export function profileFromPrefLib(text: string, where = 'preflib'): Profile {
  const names = new Map<number, string>();
  let declared = -1;
  const votes: { count: number; line: number; text: string }[] = [];
  const lines = text.split(/\r?\n/);
  const oldFormat = lines.length > 0 && /^\s*\d+\s*$/.test(lines[0]) && !lines.some((l) => l.startsWith('#'));
  let i = 0;
  if (oldFormat) {
    declared = Number(lines[0].trim());
    for (i = 1; i <= declared; i++) {
      const m = /^\s*(\d+)\s*,\s*(.*)$/.exec(lines[i] ?? '');
      if (!m) throw new InputError(`${where}: line ${i + 1}: expected "number,name" for an alternative`);
      names.set(Number(m[1]), m[2].trim());
    }
    i++; // "voters,sum,unique" line
  }
  for (; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === '') continue;
    if (line.startsWith('#')) {
      let m = /^#\s*NUMBER ALTERNATIVES\s*:\s*(\d+)/i.exec(line);
      if (m) declared = Number(m[1]);
      m = /^#\s*ALTERNATIVE NAME (\d+)\s*:\s*(.*)$/i.exec(line);
      if (m) names.set(Number(m[1]), m[2].trim());
      continue;
    }
    const m = oldFormat ? /^(\d+)\s*,\s*(.*)$/.exec(line) : /^(\d+)\s*:\s*(.*)$/.exec(line);
    if (!m) throw new InputError(`${where}: line ${i + 1}: expected "count: ranking"`);
    const count = Number(m[1]);
    if (!Number.isSafeInteger(count) || count <= 0) throw new InputError(`${where}: line ${i + 1}: count must be a positive integer`);
    votes.push({ count, line: i + 1, text: m[2] });
  }
  if (declared < 1) throw new InputError(`${where}: no "# NUMBER ALTERNATIVES" header`);
  if (votes.length === 0) throw new InputError(`${where}: no votes`);
  const alt = Array.from({ length: declared }, (_, j) => j + 1);
  const named = alt.map((a) => names.get(a));
  const useNames = named.every((s) => s !== undefined && s !== '') && new Set(named).size === declared;
  const ids = alt.map((a, j) => (useNames ? (named[j] as string) : String(a)));
  return makeProfile([
    {
      weight: ONE,
      prompt: promptFromRanks(
        ids,
        votes.map((v, vi) => ({ weight: frac(v.count), ...rankFromPrefLib(v.text, declared, `${where}: vote ${vi + 1} (line ${v.line})`) })),
        where,
      ),
    },
  ]);
}

/** One PrefLib ranking "3,{1,4},2" → rank per alternative (−1 = unlisted) and the number of tiers; a char scan. */
function rankFromPrefLib(s: string, declared: number, where: string): { rank: Int32Array; listed: number } {
  const rank = new Int32Array(declared).fill(-1);
  let tier = 0;
  let inBrace = false;
  let inTier = 0;
  const L = s.length;
  let i = 0;
  while (i < L) {
    let c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      let v = 0;
      while (i < L && c >= 48 && c <= 57) {
        v = v * 10 + c - 48;
        c = s.charCodeAt(++i);
      }
      if (v < 1 || v > declared) throw new InputError(`${where}: alternative ${v} is not in 1..${declared}`);
      if (rank[v - 1] !== -1) throw new InputError(`${where}: alternative ${v} appears twice`);
      rank[v - 1] = tier;
      if (inBrace) inTier++;
      else tier++;
      continue;
    }
    if (c === 123) {
      if (inBrace) throw new InputError(`${where}: nested "{"`);
      inBrace = true;
      inTier = 0;
    } else if (c === 125) {
      if (!inBrace) throw new InputError(`${where}: "}" without "{"`);
      inBrace = false;
      if (inTier > 0) tier++;
    } else if (c !== 44 && c !== 32 && c !== 9) throw new InputError(`${where}: "${s[i]}" is not an alternative number`);
    i++;
  }
  if (inBrace) throw new InputError(`${where}: unclosed "{"`);
  return { rank, listed: tier };
}

/** Load a profile file: .json, or PrefLib (.soc/.soi/.toc/.toi). */
export function loadProfile(path: string): Profile {
  if (/\.(soc|soi|toc|toi)$/i.test(path)) {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (e) {
      throw new InputError(`${path}: cannot read file (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
    }
    return profileFromPrefLib(text, path);
  }
  return profileFromJson(readJsonFile(path), path);
}

export function loadModel(path: string, profile: Profile): Model {
  return modelFromJson(readJsonFile(path), profile, path);
}

// ---- serialisation back to the documented JSON shapes ----

export function promptToJson(p: Prompt): { responses: string[]; users: { weight: string; ranking: string[][] }[] } {
  return {
    responses: [...p.responses],
    users: p.users.map((u) => ({ weight: u.weight.toFraction(), ranking: u.tiers.map((t) => t.map((y) => p.responses[y])) })),
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

export function modelToJson(m: Model, pr: Profile): unknown {
  const one = (x: number): unknown => {
    const p = pr.prompts[x].prompt;
    if (m.kind === 'policy') return policyToJson(m.perPrompt[x], p);
    return {
      kind: 'k-output',
      outcomes: m.perPrompt[x].map((o) => ({ responses: o.items.map((y) => p.responses[y]), prob: o.prob.toFraction() })),
    };
  };
  if (pr.prompts.length === 1) return one(0);
  return { prompts: pr.prompts.map((_, x) => one(x)) };
}

export type { Policy, KOutputModel };
