// T5 self-play (SPEC §4): for ANY sequence π_1..π_T, σ_T = (1/T) Σ_t π_t^{⊗k} has
// rob_k(σ_T) = k/(k+1) − Reg_T/T, Reg_T = max_y Σ_t U_k(y; π_t) − T/(k+1).
import fc from 'fast-check';
import { Fraction, frac, ZERO, sumOf, argmax } from '../exact/rational.js';
import { InputError } from '../model/errors.js';
import { Profile } from '../model/types.js';
import { robustnessOf } from '../winrate/opponents.js';
import { policyFromRecord, policyRecordArb } from '../instances/policies.js';
import { modelToJson, profileToJson } from '../model/codec.js';
import { productScores } from '../winrate/product.js';
import { field, intField, profileField } from './json.js';
import { makePolicy } from '../model/build.js';
import { modelFromJson } from '../model/codec.js';
import { profileArbFor } from './instances.js';
import { Claim, eqSlack, kk1, verdict } from './types.js';

export interface T5Instance {
  readonly profile: Profile;
  readonly k: number;
  /** π_1..π_T: iterates[t][x] is round t's policy on prompt x. */
  readonly iterates: Fraction[][][];
}

const MAXP = 2;

export const T5: Claim<T5Instance> = {
  id: 'T5',
  title: 'self-play mixture identity',
  statement: 'For any sequence π_1..π_T: rob_k((1/T) Σ_t π_t^{⊗k}) = k/(k+1) − Reg_T/T, Reg_T the external regret of the learner rewarded with U_k(·; π_t) (per prompt, averaged with ρ).',
  latex: '\\mathrm{rob}_k(\\sigma_T) = \\tfrac{k}{k+1} - \\tfrac{\\mathrm{Reg}_T}{T}',
  rule: 'uniform',
  expect: 'holds',
  defaultRuns: 2000,
  arbitrary: (o = {}) => {
    const maxN = o.maxResponses ?? 4;
    return fc
      .record({
        profile: profileArbFor({ ...o, maxResponses: maxN, maxPrompts: MAXP }),
        k: fc.integer({ min: 1, max: 3 }),
        seq: fc.array(fc.array(policyRecordArb(maxN, 4), { minLength: MAXP, maxLength: MAXP }), { minLength: 1, maxLength: 4 }),
      })
      .map(({ profile, k, seq }) => ({
        profile,
        k,
        iterates: seq.map((round) => profile.prompts.map(({ prompt }, x) => policyFromRecord(round[x], prompt.responses.length))),
      }));
  },
  check({ profile, k, iterates }) {
    const T = iterates.length;
    // Reg_T = Σ_x ρ(x) (max_y Σ_t U_k(y; π_t,x) − T/(k+1))
    const perPrompt = profile.prompts.map(({ prompt }, x) => {
      const cum = new Array<Fraction>(prompt.responses.length).fill(ZERO);
      for (const round of iterates) productScores(prompt, round[x], k, 'uniform').forEach((u, y) => (cum[y] = cum[y].add(u)));
      const best = argmax(cum);
      return { regret: cum[best].sub(frac(T, k + 1)), best: prompt.responses[best] };
    });
    const regret = sumOf(perPrompt.map((p, x) => p.regret.mul(profile.prompts[x].weight)));
    const w = frac(1, T);
    const models = profile.prompts.map((_, x) => ({ kind: 'mixture' as const, k, parts: iterates.map((round) => ({ weight: w, probs: round[x] })) }));
    const rob = robustnessOf(profile, models, 1, 'uniform').robustness;
    const rhs = kk1(k).sub(regret.div(frac(T)));
    return verdict(eqSlack(rob, rhs), {
      T,
      regret: regret.toFraction(),
      bestFixed: perPrompt.length === 1 ? perPrompt[0].best : perPrompt.map((p) => p.best),
      robustness: rob.toFraction(),
      bound: rhs.toFraction(),
    });
  },
  toJson: (i) => ({
    profile: profileToJson(i.profile),
    k: i.k,
    iterates: i.iterates.map((round) => modelToJson(makePolicy(round), i.profile)),
  }),
  fromJson(json) {
    const profile = profileField(json);
    const its = field(json, 'iterates');
    if (!Array.isArray(its) || its.length === 0) throw new InputError('instance.iterates must be a non-empty array of policies');
    const iterates = its.map((p, t) => {
      const m = modelFromJson(p, profile, `instance.iterates[${t}]`);
      if (m.kind !== 'policy') throw new InputError(`instance.iterates[${t}]: expected a policy`);
      return m.perPrompt.map((v) => [...v]);
    });
    return { profile, k: intField(json, 'k'), iterates };
  },
};
