// T7 k = 1 is NLHF (SPEC §4): WR(π, π′) = P(π ≻ π′) under `uniform`; the symmetric NE of G_2 are the
// maximal lotteries (every extreme maximal lottery has ε = 0; ε(π) ≤ 0 ⇔ min_y P(π ≻ y) ≥ ½); V_1 = ½.
import fc from 'fast-check';
import { ONE, ZERO, HALF, sumOf, minOf } from '../exact/rational.js';
import { makePolicy } from '../model/build.js';
import { Policy, Profile } from '../model/types.js';
import { policyFromRecord, policyRecordArb } from '../testing/policies.js';
import { maxUk, onlyPrompt, pairwiseP, policyField, policyJson, profileField, profileToJson, ratList } from './common.js';
import { maximalLotteriesOf, valueKOf } from './deps.js';
import { profileArbFor } from './instances.js';
import { Claim, eqSlack, minRat, verdict } from './types.js';

export interface T7Instance {
  readonly profile: Profile;
  readonly policy: Policy;
  readonly opponent: Policy;
}

export const T7: Claim<T7Instance> = {
  id: 'T7',
  title: 'k = 1 is NLHF',
  statement:
    'For k = 1 under uniform: WR(π, π′) = P(π ≻ π′); the symmetric NE of G_2 are exactly the maximal lotteries; V_1 = ½.',
  latex: 'WR(\\pi,\\pi\') = P(\\pi \\succ \\pi\'),\\ \\mathrm{NE}(G_2) = \\mathrm{ML},\\ V_1 = \\tfrac12',
  rule: 'uniform',
  expect: 'holds',
  defaultRuns: 1500,
  arbitrary: (o = {}) =>
    fc
      .record({ profile: profileArbFor({ ...o, maxResponses: o.maxResponses ?? 5 }), p: policyRecordArb(5, 5), q: policyRecordArb(5, 5) })
      .map(({ profile, p, q }) => {
        const n = profile.prompts[0].prompt.responses.length;
        return { profile, policy: makePolicy([policyFromRecord(p, n)]), opponent: makePolicy([policyFromRecord(q, n)]) };
      }),
  check({ profile, policy, opponent }) {
    const prompt = onlyPrompt(profile, 'T7');
    const n = prompt.responses.length;
    const pi = policy.perPrompt[0];
    const pi2 = opponent.perPrompt[0];
    const U = maxUk(prompt, pi, 1, 'uniform');
    const wr = ONE.sub(sumOf(U.scores.map((u, z) => u.mul(pi2[z]))));
    let P = ZERO;
    for (let y = 0; y < n; y++) for (let z = 0; z < n; z++) P = P.add(pi[y].mul(pi2[z]).mul(pairwiseP(prompt, y, z)));
    const parts = [eqSlack(wr, P)];
    // ε_1(π) ≤ 0 ⇔ π is a maximal lottery (min_y P(π ≻ y) ≥ ½)
    let minP = ONE;
    for (let z = 0; z < n; z++) minP = minOf(minP, sumOf(pi.map((p, y) => p.mul(pairwiseP(prompt, y, z)))));
    const isNE = U.max.lte(HALF);
    const isML = minP.gte(HALF);
    parts.push(isNE === isML ? ZERO : ONE.neg());
    // every extreme maximal lottery is a symmetric NE of G_2
    const mls = maximalLotteriesOf(prompt);
    const mlEps = mls.map((m) => maxUk(prompt, m, 1, 'uniform').max.sub(HALF));
    for (const e of mlEps) parts.push(eqSlack(e, ZERO));
    const v1 = valueKOf(prompt, 1, 'uniform').value;
    parts.push(eqSlack(v1, HALF));
    return verdict(minRat(parts), {
      winRate: wr.toFraction(),
      P: P.toFraction(),
      epsilon: U.max.sub(HALF).toFraction(),
      minP: minP.toFraction(),
      maximalLotteries: mls.map(ratList),
      V1: v1.toFraction(),
    });
  },
  toJson: (i) => ({ profile: profileToJson(i.profile), k: 1, policy: policyJson(i.policy, i.profile), opponent: policyJson(i.opponent, i.profile) }),
  fromJson(json) {
    const profile = profileField(json);
    onlyPrompt(profile, 'T7');
    return { profile, policy: policyField(json, 'policy', profile), opponent: policyField(json, 'opponent', profile) };
  },
};
