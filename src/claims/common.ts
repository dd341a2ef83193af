// Shared exact helpers for the claims (SPEC §2–4): robustness and ε through the claims' U_k kernel,
// structure tests (unanimous, impartial culture), pairwise majorities, instance JSON.
import { Fraction, frac, ONE, ZERO, HALF, sumOf, argmax } from '../exact/rational.js';
import { makePolicy } from '../model/build.js';
import { modelFromJson, policyToJson, profileFromJson, profileToJson } from '../model/parse.js';
import { InputError, Policy, Profile, Prompt } from '../model/types.js';
import { Rule } from '../winrate/rules.js';
import { Uk } from './kernel.js';

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function field(json: unknown, key: string, where = 'instance'): unknown {
  if (!isObj(json) || !(key in json)) throw new InputError(`${where}: missing "${key}"`);
  return json[key];
}

export function intField(json: unknown, key: string, where = 'instance'): number {
  const v = field(json, key, where);
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 1) throw new InputError(`${where}: "${key}" must be an integer ≥ 1`);
  return v;
}

export function profileField(json: unknown): Profile {
  return profileFromJson(field(json, 'profile'), 'instance.profile');
}

export function policyField(json: unknown, key: string, profile: Profile): Policy {
  const m = modelFromJson(field(json, key), profile, `instance.${key}`);
  if (m.kind !== 'policy') throw new InputError(`instance.${key}: expected a policy`);
  return m;
}

export function policyJson(policy: Policy, profile: Profile): unknown {
  if (profile.prompts.length === 1) return policyToJson(policy.perPrompt[0], profile.prompts[0].prompt);
  return { prompts: policy.perPrompt.map((p, x) => policyToJson(p, profile.prompts[x].prompt)) };
}

export { profileToJson };

export const ratList = (xs: readonly Fraction[]): string[] => xs.map((x) => x.toFraction());
export const kk1 = (k: number): Fraction => frac(k, k + 1);

/** Per prompt: max_y U_k(y; π) and its argmax, through the claims' kernel. */
export function maxUk(prompt: Prompt, probs: readonly Fraction[], k: number, rule: Rule): { max: Fraction; arg: number; scores: Fraction[] } {
  const s = Uk(prompt, probs, k, rule);
  const arg = argmax(s);
  return { max: s[arg], arg, scores: s };
}

/** rob_k(π^{⊗k}) = Σ_x ρ(x) (1 − max_y U_k(y; π_x)) (SPEC §2), with the worst opponents. */
export function robProduct(profile: Profile, policy: Policy, k: number, rule: Rule): { value: Fraction; worst: string[] } {
  const parts = profile.prompts.map(({ prompt, weight }, x) => {
    const m = maxUk(prompt, policy.perPrompt[x], k, rule);
    return { v: weight.mul(ONE.sub(m.max)), w: prompt.responses[m.arg] };
  });
  return { value: sumOf(parts.map((p) => p.v)), worst: parts.map((p) => p.w) };
}

/** ε(π) = Σ_x ρ(x) (max_y U_k(y; π_x) − 1/(k+1)) (SPEC §3). */
export function epsilonOf(profile: Profile, policy: Policy, k: number): Fraction {
  return sumOf(profile.prompts.map(({ prompt, weight }, x) => weight.mul(maxUk(prompt, policy.perPrompt[x], k, 'uniform').max.sub(frac(1, k + 1)))));
}

/** Unanimous: every user type has the same strict ranking (SPEC T3). */
export function isUnanimous(prompt: Prompt): boolean {
  const r0 = prompt.users[0].rank;
  const n = prompt.responses.length;
  if (new Set(Array.from(r0)).size !== n) return false;
  return prompt.users.every((u) => u.rank.every((v, i) => v === r0[i]));
}

/** The top response of a unanimous prompt. */
export function unanimousTop(prompt: Prompt): number {
  return prompt.users[0].rank.indexOf(0);
}

/** Impartial culture: all N! strict rankings, each with the same total weight (SPEC T3). */
export function isImpartialCulture(prompt: Prompt): boolean {
  const n = prompt.responses.length;
  const byRanking = new Map<string, Fraction>();
  for (const u of prompt.users) {
    if (new Set(Array.from(u.rank)).size !== n) return false;
    const key = Array.from(u.rank).join(',');
    byRanking.set(key, (byRanking.get(key) ?? ZERO).add(u.weight));
  }
  let fact = 1;
  for (let i = 2; i <= n; i++) fact *= i;
  if (byRanking.size !== fact) return false;
  const w = [...byRanking.values()];
  return w.every((v) => v.equals(w[0]));
}

/** P(y ≻ z) = Σ_θ w_θ (1[y ≻_θ z] + ½ 1[y ~_θ z]) (SPEC §2, NLHF). */
export function pairwiseP(prompt: Prompt, y: number, z: number): Fraction {
  return sumOf(prompt.users.map((u) => (u.rank[y] < u.rank[z] ? u.weight : u.rank[y] === u.rank[z] ? u.weight.mul(HALF) : ZERO)));
}

/** P_θ[c ≻_θ y]: weight of types strictly preferring c (SPEC T4). */
export function strictShare(prompt: Prompt, c: number, y: number): Fraction {
  return sumOf(prompt.users.map((u) => (u.rank[c] < u.rank[y] ? u.weight : ZERO)));
}

/** A Condorcet winner (P(c ≻ y) > ½ for all y ≠ c), or −1. */
export function condorcetWinner(prompt: Prompt): number {
  const n = prompt.responses.length;
  for (let c = 0; c < n; c++) {
    let win = true;
    for (let y = 0; y < n && win; y++) if (y !== c && !pairwiseP(prompt, c, y).gt(HALF)) win = false;
    if (win) return c;
  }
  return -1;
}

export { allMultisets as multisets } from '../winrate/multiset.js';

/** Opponent's score of T against one model outcome S, by the rule's definition (SPEC §2). */
export function setScore(prompt: Prompt, S: readonly number[], T: readonly number[], rule: Rule): Fraction {
  return sumOf(
    prompt.users.map((u) => {
      const bs = Math.min(...S.map((y) => u.rank[y]));
      const bt = Math.min(...T.map((y) => u.rank[y]));
      let s: Fraction;
      if (rule === 'model-wins-ties') s = bt < bs ? ONE : ZERO;
      else if (rule === 'pairwise') s = bt < bs ? ONE : bt === bs ? HALF : ZERO;
      else {
        const top = Math.min(bs, bt);
        const cs = S.filter((y) => u.rank[y] === top).length;
        const ct = T.filter((y) => u.rank[y] === top).length;
        s = frac(ct, cs + ct);
      }
      return u.weight.mul(s);
    }),
  );
}

/** Single-prompt profile's only prompt, or an input error naming the claim. */
export function onlyPrompt(profile: Profile, claim: string): Prompt {
  if (profile.prompts.length !== 1) throw new InputError(`${claim}: expects a single-prompt profile`);
  return profile.prompts[0].prompt;
}

export function singlePolicy(probs: readonly Fraction[]): Policy {
  return makePolicy([probs]);
}

export const idsOf = (prompt: Prompt, items: readonly number[]): string[] => items.map((y) => prompt.responses[y]);
