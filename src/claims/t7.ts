// T7 k = 1 is NLHF (SPEC §4): WR(π, π′) = P(π ≻ π′) under `uniform`; the symmetric NE of G_2 are the
// maximal lotteries (every extreme maximal lottery has ε = 0; ε(π) ≤ 0 ⇔ min_y P(π ≻ y) ≥ ½); V_1 = ½.
import fc from 'fast-check';
import { ONE, ZERO, HALF, sumOf, minOf, argmax } from '../exact/rational.js';
import { makePolicy } from '../model/build.js';
import { Policy, Profile } from '../model/types.js';
import { policyFromRecord, policyRecordArb } from '../instances/policies.js';
import { modelToJson, profileToJson } from '../model/codec.js';
import { productScores } from '../winrate/product.js';
import { pairwiseMatrix } from '../winrate/pairwise.js';
import { allMaximalLotteriesOfPrompt } from '../equilibria/maximalLottery.js';
import { bestKOutputSync } from '../equilibria/bestKOutput.js';
import { onlyPrompt, policyField, profileField, ratList } from './json.js';
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
    const U = productScores(prompt, pi, 1, 'uniform');
    const maxU = U[argmax(U)];
    const wr = ONE.sub(sumOf(U.map((u, z) => u.mul(pi2[z]))));
    const Pm = pairwiseMatrix(prompt);
    let P = ZERO;
    for (let y = 0; y < n; y++) for (let z = 0; z < n; z++) P = P.add(pi[y].mul(pi2[z]).mul(Pm[y][z]));
    const parts = [eqSlack(wr, P)];
    // ε_1(π) ≤ 0 ⇔ π is a maximal lottery (min_y P(π ≻ y) ≥ ½)
    let minP = ONE;
    for (let z = 0; z < n; z++) minP = minOf(minP, sumOf(pi.map((p, y) => p.mul(Pm[y][z]))));
    const isNE = maxU.lte(HALF);
    const isML = minP.gte(HALF);
    parts.push(isNE === isML ? ZERO : ONE.neg());
    // every extreme maximal lottery is a symmetric NE of G_2
    const mls = allMaximalLotteriesOfPrompt(prompt);
    const mlEps = mls.map((m) => {
      const s = productScores(prompt, m, 1, 'uniform');
      return s[argmax(s)].sub(HALF);
    });
    for (const e of mlEps) parts.push(eqSlack(e, ZERO));
    const v1 = bestKOutputSync(profile, 1, 'uniform').value;
    parts.push(eqSlack(v1, HALF));
    return verdict(minRat(parts), {
      winRate: wr.toFraction(),
      P: P.toFraction(),
      epsilon: maxU.sub(HALF).toFraction(),
      minP: minP.toFraction(),
      maximalLotteries: mls.map(ratList),
      V1: v1.toFraction(),
    });
  },
  toJson: (i) => ({ profile: profileToJson(i.profile), k: 1, policy: modelToJson(i.policy, i.profile), opponent: modelToJson(i.opponent, i.profile) }),
  fromJson(json) {
    const profile = profileField(json);
    onlyPrompt(profile, 'T7');
    return { profile, policy: policyField(json, 'policy', profile), opponent: policyField(json, 'opponent', profile) };
  },
};
