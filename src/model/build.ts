import { Fraction, ONE, ZERO, frac, gcd, lcm, numer, signOf, isZero, sumOf } from '../exact/rational.js';
import { InputError } from './errors.js';
import { PathSeg, didYouMean, inputError } from './schema.js';
import { KOutputModel, LuceType, MixtureModel, MixturePart, Outcome, Policy, Profile, Prompt, RankingType, UserType } from './types.js';

/** A user type stored by its ranks; the tiers are derived on first use (SPEC §1). */
class RankedUser implements RankingType {
  readonly kind = 'ranking' as const;
  private cached: number[][] | null = null;
  constructor(
    readonly weight: Fraction,
    readonly rank: Int32Array,
    /** Listed tiers (the implicit bottom tier of unlisted responses excluded). */
    private readonly listed: number,
    readonly numTiers: number,
  ) {}
  get tiers(): readonly (readonly number[])[] {
    if (this.cached === null) {
      const t: number[][] = Array.from({ length: this.listed }, () => []);
      this.rank.forEach((r, y) => {
        if (r < this.listed) t[r].push(y);
      });
      this.cached = t;
    }
    return this.cached;
  }
}

function indexOf(responses: readonly string[], where: string, base: readonly PathSeg[]): Map<string, number> {
  if (responses.length === 0) throw inputError(where, [...base, 'responses'], 'no responses');
  const index = new Map<string, number>();
  responses.forEach((id, i) => {
    if (typeof id !== 'string' || id.length === 0) throw inputError(where, [...base, 'responses', i], 'is not a non-empty string');
    if (index.has(id)) throw inputError(where, [...base, 'responses', i], `duplicate response ${JSON.stringify(id)} in responses`);
    index.set(id, i);
  });
  return index;
}

/** fast-check prints a value through this method (fc.toStringMethod): profiles and prompts print as profile JSON. */
const FC_TO_STRING = Symbol.for('fast-check/toStringMethod');

function printable<T extends object>(o: T, show: () => unknown): T {
  Object.defineProperty(o, FC_TO_STRING, { value: () => JSON.stringify(show()), enumerable: false });
  return o;
}

/** Largest integer strength after scaling (SPEC §4b kernels index strength sums by plain numbers). */
export const MAX_INT_STRENGTH = 2 ** 32;

/**
 * A Luce type (SPEC §4b) from positive strengths s[y], one per response: `ints` are the strengths scaled
 * to coprime positive integers (s = scale·ints). `weight` is stored as given (prompts normalise).
 */
export function luceType(weight: Fraction, strengths: readonly Fraction[], where = 'user type', path: readonly PathSeg[] | null = null): LuceType {
  if (strengths.length === 0) throw inputError(where, path, 'no strengths');
  strengths.forEach((v, y) => {
    if (signOf(v) <= 0) throw inputError(where, path, `strength of response ${y} must be positive, got ${v.toFraction()}`);
  });
  let L = 1n;
  for (const v of strengths) L = lcm(L, v.d);
  const big = strengths.map((v) => numer(v) * (L / v.d));
  let g = 0n;
  for (const v of big) g = gcd(g, v);
  const ints = big.map((v) => v / g);
  if (ints.some((v) => v > BigInt(MAX_INT_STRENGTH)))
    throw inputError(where, path, `the strengths' ratios need integers above 2^32 (${ints.reduce((a, b) => (a > b ? a : b)).toString(2).length} bits); use strengths with smaller denominators`);
  return { kind: 'luce', weight, strengths: [...strengths], ints: ints.map(Number), scale: frac(g, L) };
}

type RankEntry = { weight: Fraction; rank: Int32Array; listed: number };

function normalise(users: readonly { weight: Fraction }[], where: string, base: readonly PathSeg[]): Fraction {
  if (users.length === 0) throw inputError(where, [...base, 'users'], 'no users');
  users.forEach((u, ui) => {
    if (signOf(u.weight) <= 0) throw inputError(where, [...base, 'users', ui, 'weight'], `a weight must be positive, got ${u.weight.toFraction()}`);
  });
  return sumOf(users.map((u) => u.weight));
}

function rankedUser(u: RankEntry, total: Fraction): RankedUser {
  let unlisted = false;
  const rank = u.rank;
  for (let y = 0; y < rank.length; y++) {
    if (rank[y] < 0) {
      rank[y] = u.listed;
      unlisted = true;
    }
  }
  return new RankedUser(u.weight.div(total), rank, u.listed, u.listed + (unlisted ? 1 : 0));
}

/**
 * Build a prompt from user types given by rank vectors (rank[y] = listed tier of y, −1 = unlisted)
 * with `listed` tiers each, all non-empty. Validated by the callers; normalises the weights.
 */
export function promptFromRanks(responses: readonly string[], users: readonly RankEntry[], where = 'profile', base: readonly PathSeg[] = []): Prompt {
  const index = indexOf(responses, where, base);
  const total = normalise(users, where, base);
  const prompt: Prompt = { responses: [...responses], index, users: users.map((u) => rankedUser(u, total)) };
  return printable(prompt, () => promptToJson(prompt));
}

/** A user type for makePrompt: a weak order as tiers of ids, or Luce strengths (by response index or by id). */
export type UserSpec =
  | { readonly weight: Fraction; readonly tiers: readonly (readonly string[])[] }
  | { readonly weight: Fraction; readonly strengths: readonly Fraction[] | Readonly<Record<string, Fraction>> };

const tierPath = (base: readonly PathSeg[], ui: number, ti: number): PathSeg[] => [...base, 'users', ui, 'ranking', ti];

/** Build a prompt from ids and user types of either kind (SPEC §1, §4b); validates and normalises the weights. */
export function makePrompt(responses: readonly string[], users: readonly UserSpec[], where = 'profile', base: readonly PathSeg[] = []): Prompt {
  const index = indexOf(responses, where, base);
  const n = responses.length;
  const total = normalise(users, where, base);
  const out = users.map((u, ui): UserType => {
    if ('strengths' in u) {
      const at = [...base, 'users', ui, 'strengths'];
      let s: Fraction[];
      if (Array.isArray(u.strengths)) {
        if (u.strengths.length !== n) throw inputError(where, at, `${u.strengths.length} strengths for ${n} responses`);
        s = [...(u.strengths as readonly Fraction[])];
      } else {
        const rec = u.strengths as Readonly<Record<string, Fraction>>;
        for (const id of Object.keys(rec)) if (!index.has(id)) throw inputError(where, [...at, id], `unknown response ${JSON.stringify(id)}${didYouMean(id, responses)}`);
        s = responses.map((id) => {
          if (!Object.prototype.hasOwnProperty.call(rec, id)) throw inputError(where, at, `no strength for response ${JSON.stringify(id)}`);
          return rec[id];
        });
      }
      s.forEach((v, y) => {
        if (signOf(v) <= 0) throw inputError(where, [...at, responses[y]], `strength must be positive, got ${v.toFraction()}`);
      });
      return luceType(u.weight.div(total), s, where, at);
    }
    const rank = new Int32Array(n).fill(-1);
    const tiers = u.tiers;
    for (let ti = 0; ti < tiers.length; ti++) {
      const tier = tiers[ti];
      if (tier.length === 0) throw inputError(where, tierPath(base, ui, ti), 'an empty tier');
      for (const id of tier) {
        const y = index.get(id);
        if (y === undefined) throw inputError(where, tierPath(base, ui, ti), `unknown response ${JSON.stringify(id)}${didYouMean(id, responses)}`);
        if (rank[y] !== -1) throw inputError(where, tierPath(base, ui, ti), `duplicate response ${JSON.stringify(id)} in the ranking`);
        rank[y] = ti;
      }
    }
    return rankedUser({ weight: u.weight, rank, listed: u.tiers.length }, total);
  });
  const prompt: Prompt = { responses: [...responses], index, users: out };
  return printable(prompt, () => promptToJson(prompt));
}

export function singlePrompt(prompt: Prompt): Profile {
  const profile: Profile = { prompts: [{ weight: ONE, prompt }] };
  return printable(profile, () => profileToJson(profile));
}

export function makeProfile(prompts: readonly { weight: Fraction; prompt: Prompt }[], where = 'profile'): Profile {
  if (prompts.length === 0) throw inputError(where, ['prompts'], 'no prompts');
  prompts.forEach((p, i) => {
    if (signOf(p.weight) <= 0) throw inputError(where, ['prompts', i, 'weight'], `a weight must be positive, got ${p.weight.toFraction()}`);
  });
  const total = sumOf(prompts.map((p) => p.weight));
  const profile: Profile = { prompts: prompts.map((p) => ({ weight: p.weight.div(total), prompt: p.prompt })) };
  return printable(profile, () => profileToJson(profile));
}

/** One user type as JSON: {weight, ranking} or {weight, strengths} (SPEC §1, §4b). */
export type UserJson = { weight: string; ranking: string[][] } | { weight: string; strengths: Record<string, string> };

/** One prompt in the documented profile JSON: {responses, users: [{weight: "p/q", ranking | strengths}]}. */
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

/** A profile in the documented JSON: one prompt as {responses, users}, several as {prompts: [...]}. */
export function profileToJson(pr: Profile): unknown {
  if (pr.prompts.length === 1) return promptToJson(pr.prompts[0].prompt);
  return { prompts: pr.prompts.map((x) => ({ weight: x.weight.toFraction(), ...promptToJson(x.prompt) })) };
}

/** Policy from per-prompt probability vectors; each must be ≥ 0 and sum to exactly 1. */
export function makePolicy(perPrompt: readonly (readonly Fraction[])[], where = 'policy'): Policy {
  perPrompt.forEach((p, x) => checkDistribution(p, `${where}: prompt ${x}`));
  return { kind: 'policy', perPrompt: perPrompt.map((p) => [...p]) };
}

/** A probability vector: every entry ≥ 0, the sum exactly 1; `label` starts the message. */
function checkDistribution(p: readonly Fraction[], label: string): void {
  p.forEach((v, y) => {
    if (signOf(v) < 0) throw new InputError(`${label}: probability of response ${y} is negative`);
  });
  const s = sumOf(p);
  if (!s.equals(ONE)) throw new InputError(`${label}: probabilities sum to ${s.toFraction()}, not exactly 1`);
}

/** k-output model; outcomes are sorted multisets of size k, equal multisets merged, probabilities sum to 1. */
export function makeKOutput(k: number, perPrompt: readonly (readonly Outcome[])[], where = 'model'): KOutputModel {
  if (!Number.isInteger(k) || k < 1) throw new InputError(`${where}: k must be an integer ≥ 1`);
  const norm = perPrompt.map((outs, x) => {
    const merged = new Map<string, Outcome>();
    outs.forEach((o, i) => {
      if (o.items.length !== k) throw new InputError(`${where}: prompt ${x}: outcome ${i} has ${o.items.length} responses, expected k = ${k}`);
      if (signOf(o.prob) < 0) throw new InputError(`${where}: prompt ${x}: outcome ${i} has negative probability`);
      const items = [...o.items].sort((a, b) => a - b);
      const key = items.join(',');
      const prev = merged.get(key);
      merged.set(key, { items, prob: prev ? prev.prob.add(o.prob) : o.prob });
    });
    const list = [...merged.values()].filter((o) => !isZero(o.prob));
    const s = sumOf(list.map((o) => o.prob));
    if (!s.equals(ONE)) throw new InputError(`${where}: prompt ${x}: probabilities sum to ${s.toFraction()}, not exactly 1`);
    return list;
  });
  return { kind: 'k-output', k, perPrompt: norm };
}

/** Mixture of products: per prompt, parts with weights ≥ 0 summing to exactly 1 and policies (each a distribution). */
export function makeMixture(perPrompt: readonly (readonly MixturePart[])[], k: number | undefined, where = 'mixture'): MixtureModel {
  if (k !== undefined && (!Number.isInteger(k) || k < 1)) throw new InputError(`${where}: k must be an integer ≥ 1`);
  perPrompt.forEach((parts, x) => {
    if (parts.length === 0) throw new InputError(`${where}: prompt ${x}: a mixture needs at least one part`);
    const s = sumOf(parts.map((p) => p.weight));
    if (parts.some((p) => signOf(p.weight) < 0) || !s.equals(ONE)) throw new InputError(`${where}: prompt ${x}: part weights must be ≥ 0 and sum to exactly 1`);
    parts.forEach((p, i) => checkDistribution(p.probs, `${where}: prompt ${x}: part ${i}`));
  });
  return { kind: 'mixture', ...(k === undefined ? {} : { k }), perPrompt: perPrompt.map((parts) => parts.map((p) => ({ weight: p.weight, probs: [...p.probs] }))) };
}

/** Deterministic policy δ_y on one prompt. */
export function pointMass(prompt: Prompt, y: number): Fraction[] {
  return prompt.responses.map((_, i) => (i === y ? ONE : ZERO));
}
