// Reading and writing claim instances in the profile format ({profile, k, ...} with exact "p/q" strings).
import { Fraction } from '../exact/rational.js';
import { isObject, modelFromJson, profileFromJson } from '../model/codec.js';
import { InputError } from '../model/errors.js';
import { Policy, Profile, Prompt } from '../model/types.js';

export function field(json: unknown, key: string, where = 'instance'): unknown {
  if (!isObject(json) || !(key in json)) throw new InputError(`${where}: missing "${key}"`);
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

/** A single-prompt profile's only prompt, or an input error naming the claim. */
export function onlyPrompt(profile: Profile, claim: string): Prompt {
  if (profile.prompts.length !== 1) throw new InputError(`${claim}: expects a single-prompt profile`);
  return profile.prompts[0].prompt;
}

export const idsOf = (prompt: Prompt, items: readonly number[]): string[] => items.map((y) => prompt.responses[y]);

export const ratList = (xs: readonly Fraction[]): string[] => xs.map((x) => x.toFraction());
