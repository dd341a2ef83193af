// T6 opponents with ℓ responses (SPEC §4): rob_{k,ℓ}(π^{⊗k}) ≥ (k+1−ℓ)/(k+1) − ℓ·ε(π) (union bound),
// and on a unanimous profile every k-output model has rob_{k,ℓ} ≤ k/(k+ℓ).
import fc from 'fast-check';
import { frac } from '../exact/rational.js';
import { makeKOutput, makePolicy } from '../model/build.js';
import { modelFromJson, modelToJson } from '../model/codec.js';
import { InputError } from '../model/errors.js';
import { KOutputModel, Policy, Profile } from '../model/types.js';
import { robustness } from '../winrate/opponents.js';
import { kOutputRecordArb, outcomesFromRecord, policyFromRecord, policyRecordArb } from '../instances/policies.js';
import { profileToJson } from '../model/codec.js';
import { isUnanimous } from '../model/structure.js';
import { exploitability } from '../winrate/exploitability.js';
import { field, idsOf, intField, policyField, profileField } from './json.js';
import { equilibriumOf } from './ne.js';
import { profileArbFor } from './instances.js';
import { Claim, geq, minRat, verdict } from './types.js';

export interface T6Instance {
  readonly profile: Profile;
  readonly k: number;
  readonly ell: number;
  readonly policy: Policy;
  /** A k-output model, checked against k/(k+ℓ) when the profile is unanimous. */
  readonly model: KOutputModel;
}

const MAXN = 4;
const MAXP = 2;

export const T6: Claim<T6Instance> = {
  id: 'T6',
  title: 'ℓ-output opponents',
  statement:
    'For every π, k and ℓ: rob_{k,ℓ}(π^{⊗k}) ≥ (k+1−ℓ)/(k+1) − ℓ·ε(π); on a unanimous profile every k-output model σ has rob_{k,ℓ}(σ) ≤ k/(k+ℓ).',
  latex: '\\mathrm{rob}_{k,\\ell}(\\pi^{\\otimes k}) \\ge \\tfrac{k+1-\\ell}{k+1} - \\ell\\,\\varepsilon(\\pi)',
  rule: 'uniform',
  expect: 'holds',
  defaultRuns: 1500,
  arbitrary: (o = {}) =>
    fc
      .record({
        profile: profileArbFor({ ...o, maxResponses: o.maxResponses ?? MAXN, maxPrompts: MAXP, families: ['unanimous', 'weak-orders', 'strict', 'condorcet-cycle', 'two-camp', 'single-peaked'] }),
        k: fc.integer({ min: 1, max: 3 }),
        ell: fc.integer({ min: 1, max: 3 }),
        pols: fc.array(policyRecordArb(o.maxResponses ?? MAXN, 5), { minLength: MAXP, maxLength: MAXP }),
        atNE: fc.boolean(),
        models: fc.array(kOutputRecordArb(o.maxResponses ?? MAXN, 3), { minLength: MAXP, maxLength: MAXP }),
      })
      .map(({ profile, k, ell, pols, atNE, models }) => {
        const ns = profile.prompts.map(({ prompt }) => prompt.responses.length);
        const policy = atNE ? equilibriumOf(profile, k).policy : makePolicy(ns.map((n, x) => policyFromRecord(pols[x], n)));
        return { profile, k, ell, policy, model: makeKOutput(k, ns.map((n, x) => outcomesFromRecord(models[x], n, k))) };
      }),
  check({ profile, k, ell, policy, model }) {
    const eps = exploitability(profile, policy, k).epsilon;
    const bound = frac(k + 1 - ell, k + 1).sub(eps.mul(frac(ell)));
    const r = robustness(profile, policy, { k, ell, rule: 'uniform' });
    const parts = [geq(r.robustness, bound)];
    const cert: Record<string, unknown> = {
      epsilon: eps.toFraction(),
      robustness: r.robustness.toFraction(),
      bound: bound.toFraction(),
      worstOpponent: profile.prompts.length === 1 ? idsOf(profile.prompts[0].prompt, r.prompts[0].worst) : r.prompts.map((p, x) => idsOf(profile.prompts[x].prompt, p.worst)),
    };
    if (profile.prompts.every(({ prompt }) => isUnanimous(prompt))) {
      const cap = frac(k, k + ell);
      const rm = robustness(profile, model, { ell, rule: 'uniform' });
      parts.push(geq(cap, rm.robustness));
      cert.modelRobustness = rm.robustness.toFraction();
      cert.unanimousCap = cap.toFraction();
    }
    return verdict(minRat(parts), cert);
  },
  toJson: (i) => ({ profile: profileToJson(i.profile), k: i.k, ell: i.ell, policy: modelToJson(i.policy, i.profile), model: modelToJson(i.model, i.profile) }),
  fromJson(json) {
    const profile = profileField(json);
    const k = intField(json, 'k');
    const m = modelFromJson(field(json, 'model'), profile, 'instance.model');
    if (m.kind !== 'k-output' || m.k !== k) throw new InputError('instance.model: expected a k-output model with the instance k');
    return { profile, k, ell: intField(json, 'ell'), policy: policyField(json, 'policy', profile), model: m };
  },
};
