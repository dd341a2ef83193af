// Instance shapes shared by several claims, their generators (flat records) and JSON forms.
import fc from 'fast-check';
import { frac } from '../exact/rational.js';
import { makePolicy } from '../model/build.js';
import { Policy, Profile } from '../model/types.js';
import { FamilyName, familiesProfileArb, multiPromptProfileArb, userModelsProfileArb } from '../instances/families.js';
import { nearPolicy, nearRecordArb, policyFromRecord, policyRecordArb } from '../instances/policies.js';
import { modelToJson, profileToJson } from '../model/codec.js';
import { field, intField, policyField, profileField } from './json.js';
import { equilibriumOf } from './ne.js';
import { ArbOptions, InstanceSize, profileSize } from './types.js';
import { DEFAULT_K_MAX, kArb } from '../instances/sizes.js';

/** A profile, a policy π (one vector per prompt) and k. */
export interface PolicyInstance {
  readonly profile: Profile;
  readonly k: number;
  readonly policy: Policy;
}

/** A profile and k (the claim computes what it needs from them). */
export interface ProfileInstance {
  readonly profile: Profile;
  readonly k: number;
}

export interface InstanceArbOptions extends ArbOptions {
  families?: readonly FamilyName[];
  maxUsers?: number;
  /** Up to this many prompts (default 1). */
  maxPrompts?: number;
  /** Draw some policies near a symmetric NE of G_{k+1} (costs an equilibrium computation). */
  nearEquilibrium?: boolean;
}

/**
 * Profiles of the given families; by default the user models mixed (SPEC §1, §4b): half weak orders, a quarter
 * Luce types only, a quarter mixed prompts (userModelsProfileArb).
 */
export function profileArbFor(o: InstanceArbOptions): fc.Arbitrary<Profile> {
  const fo = { maxResponses: o.maxResponses ?? 5, maxUsers: o.maxUsers ?? 4 };
  if (o.families === undefined) return userModelsProfileArb({ ...fo, maxPrompts: o.maxPrompts });
  return (o.maxPrompts ?? 1) > 1 ? multiPromptProfileArb(o.families, { ...fo, maxPrompts: o.maxPrompts }) : familiesProfileArb(o.families, fo);
}

/** k ∈ 1..maxK (default 32): mostly small, a quarter over the whole range; shrinks toward 1 (instances/sizes). */
export function kArbFor(o: InstanceArbOptions): fc.Arbitrary<number> {
  return kArb(o.maxK ?? DEFAULT_K_MAX);
}

/** Profiles, k and policies: weights (sparse, uniform), point masses, and (optionally) near-equilibria. */
export function policyInstanceArb(o: InstanceArbOptions = {}): fc.Arbitrary<PolicyInstance> {
  const maxN = o.maxResponses ?? 5;
  const maxP = o.maxPrompts ?? 1;
  return fc
    .record({
      profile: profileArbFor(o),
      k: kArbFor(o),
      policies: fc.array(policyRecordArb(maxN, 6), { minLength: maxP, maxLength: maxP }),
      // 0 (shrink target): the records; 1: near a symmetric NE (when enabled).
      near: o.nearEquilibrium ? fc.integer({ min: 0, max: 3 }).map((v) => (v === 3 ? 1 : 0)) : fc.constant(0),
      noise: nearRecordArb(maxN),
    })
    .map(({ profile, k, policies, near, noise }) => {
      if (near === 1) {
        const ne = equilibriumOf(profile, k);
        const t = frac(1, noise.scale);
        return { profile, k, policy: makePolicy(ne.policy.perPrompt.map((p) => nearPolicy(p, noise.noise, t))) };
      }
      const policy = makePolicy(profile.prompts.map(({ prompt }, x) => policyFromRecord(policies[x], prompt.responses.length)));
      return { profile, k, policy };
    });
}

export function profileInstanceArb(o: InstanceArbOptions = {}): fc.Arbitrary<ProfileInstance> {
  return fc.record({ profile: profileArbFor(o), k: kArbFor(o) });
}

export const policyInstanceSize = (i: PolicyInstance): InstanceSize => profileSize(i.profile, i.k);
export const profileInstanceSize = (i: ProfileInstance): InstanceSize => profileSize(i.profile, i.k);

export const policyInstanceJson = (i: PolicyInstance): Record<string, unknown> => ({
  profile: profileToJson(i.profile),
  k: i.k,
  policy: modelToJson(i.policy, i.profile),
});

export function policyInstanceFromJson(json: unknown): PolicyInstance {
  const profile = profileField(json);
  return { profile, k: intField(json, 'k'), policy: policyField(json, 'policy', profile) };
}

export const profileInstanceJson = (i: ProfileInstance): Record<string, unknown> => ({ profile: profileToJson(i.profile), k: i.k });

export function profileInstanceFromJson(json: unknown): ProfileInstance {
  return { profile: profileField(json), k: intField(json, 'k') };
}

export { field };
