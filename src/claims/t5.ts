// T5 self-play (SPEC §4): for ANY sequence π_1..π_T, σ_T = (1/T) Σ_t π_t^{⊗k} has
// rob_k(σ_T) = k/(k+1) − Reg_T/T, Reg_T = max_y Σ_t U_k(y; π_t) − T/(k+1).
import fc from 'fast-check';
import { Rat } from '../exact/rational.js';
import { policyToJson } from '../model/parse.js';
import { InputError, Profile } from '../model/types.js';
import { robustnessOf } from '../winrate/opponents.js';
import { policyFromRecord, policySequenceArb } from '../testing/policies.js';
import { field, intField, kk1, maxUk, onlyPrompt, profileField, profileToJson } from './common.js';
import { modelFromJson } from '../model/parse.js';
import { profileArbFor } from './instances.js';
import { Claim, eqSlack, verdict } from './types.js';

export interface T5Instance {
  readonly profile: Profile;
  readonly k: number;
  /** π_1..π_T on the profile's single prompt. */
  readonly iterates: Rat[][];
}

export const T5: Claim<T5Instance> = {
  id: 'T5',
  title: 'self-play mixture identity',
  statement: 'For any sequence π_1..π_T: rob_k((1/T) Σ_t π_t^{⊗k}) = k/(k+1) − Reg_T/T, Reg_T the external regret of the learner rewarded with U_k(·; π_t).',
  latex: '\\mathrm{rob}_k(\\sigma_T) = \\tfrac{k}{k+1} - \\tfrac{\\mathrm{Reg}_T}{T}',
  rule: 'uniform',
  expect: 'holds',
  defaultRuns: 2000,
  arbitrary: (o = {}) =>
    fc
      .record({ profile: profileArbFor({ ...o, maxResponses: o.maxResponses ?? 4 }), k: fc.integer({ min: 1, max: 3 }), seq: policySequenceArb(o.maxResponses ?? 4, 4) })
      .map(({ profile, k, seq }) => {
        const n = profile.prompts[0].prompt.responses.length;
        return { profile, k, iterates: seq.map((r) => policyFromRecord(r, n)) };
      }),
  check({ profile, k, iterates }) {
    const prompt = onlyPrompt(profile, 'T5');
    const T = iterates.length;
    const n = prompt.responses.length;
    const cum = new Array<Rat>(n).fill(Rat.ZERO);
    for (const pi of iterates) maxUk(prompt, pi, k, 'uniform').scores.forEach((u, y) => (cum[y] = cum[y].add(u)));
    let best = 0;
    for (let y = 1; y < n; y++) if (cum[y].gt(cum[best])) best = y;
    const regret = cum[best].sub(Rat.of(T, k + 1));
    const w = Rat.of(1, T);
    const rob = robustnessOf(profile, [{ kind: 'mixture', k, parts: iterates.map((probs) => ({ weight: w, probs })) }], 1, 'uniform').robustness;
    const rhs = kk1(k).sub(regret.div(Rat.of(T)));
    return verdict(eqSlack(rob, rhs), { T, regret: regret.toString(), bestFixed: prompt.responses[best], robustness: rob.toString(), bound: rhs.toString() });
  },
  toJson: (i) => ({
    profile: profileToJson(i.profile),
    k: i.k,
    iterates: i.iterates.map((p) => policyToJson(p, i.profile.prompts[0].prompt)),
  }),
  fromJson(json) {
    const profile = profileField(json);
    onlyPrompt(profile, 'T5');
    const its = field(json, 'iterates');
    if (!Array.isArray(its) || its.length === 0) throw new InputError('instance.iterates must be a non-empty array of policies');
    const iterates = its.map((p, t) => {
      const m = modelFromJson(p, profile, `instance.iterates[${t}]`);
      if (m.kind !== 'policy') throw new InputError(`instance.iterates[${t}]: expected a policy`);
      return [...m.perPrompt[0]];
    });
    return { profile, k: intField(json, 'k'), iterates };
  },
};
