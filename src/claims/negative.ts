// Negative controls N1–N4 (SPEC §5): false statements the harness must refute with a shrunk counterexample.
import fc from 'fast-check';
import { frac } from '../exact/rational.js';
import { makePolicy } from '../model/build.js';
import { Profile } from '../model/types.js';
import { robustness } from '../winrate/opponents.js';
import { Rule } from '../winrate/rules.js';
import { modelToJson, profileToJson } from '../model/codec.js';
import { allMaximalLotteriesOfPrompt } from '../equilibria/maximalLottery.js';
import { bestKOutputSync } from '../equilibria/bestKOutput.js';
import { idsOf, profileField, ratList } from './json.js';
import { equilibriumOf } from './ne.js';
import { ProfileInstance, profileArbFor, profileInstanceArb, profileInstanceFromJson, profileInstanceJson } from './instances.js';
import { Claim, geq, kk1, verdict } from './types.js';

const NE_FAMILIES = ['unanimous', 'two-camp', 'strict', 'single-peaked', 'condorcet-cycle'] as const;

/** N1, N4: at a symmetric NE π of G_{k+1} (exploitability ε), the claimed rob_{k,ℓ}(π^{⊗k}) ≥ k/(k+1) − ℓ·ε under `rule`. */
function neRobustness(profile: Profile, k: number, ell: number, rule: Rule) {
  const ne = equilibriumOf(profile, k);
  const rob = robustness(profile, ne.policy, { k, ell, rule });
  const bound = kk1(k).sub(ne.epsilon.mul(frac(ell)));
  return verdict(geq(rob.robustness, bound), {
    equilibrium: modelToJson(ne.policy, profile),
    epsilon: ne.epsilon.toFraction(),
    source: ne.source,
    robustness: rob.robustness.toFraction(),
    bound: bound.toFraction(),
    worstOpponent: idsOf(profile.prompts[0].prompt, rob.prompts[0].worst),
  });
}

export const N1: Claim<ProfileInstance> = {
  id: 'N1',
  title: 'T2 under pairwise (false)',
  statement: "A symmetric NE π of G_{k+1} (exploitability ε) has rob_k(π^{⊗k}) ≥ k/(k+1) − ε under the pairwise rule. False: on a unanimous profile V_k = ½.",
  latex: '\\mathrm{rob}^{\\mathrm{pairwise}}_k(\\pi^{\\otimes k}) \\ge \\tfrac{k}{k+1} - \\varepsilon(\\pi)',
  rule: 'pairwise',
  expect: 'refuted',
  defaultRuns: 300,
  arbitrary: (o = {}) => profileInstanceArb({ ...o, families: NE_FAMILIES, maxResponses: o.maxResponses ?? 4, maxK: 4 }),
  check: ({ profile, k }) => neRobustness(profile, k, 1, 'pairwise'),
  toJson: profileInstanceJson,
  fromJson: profileInstanceFromJson,
};

export interface N2Instance {
  readonly profile: Profile;
}

const N2_K = 3;
const N2_F = frac(3, 4).sub(frac(1, 100));

export const N2: Claim<N2Instance> = {
  id: 'N2',
  title: 'maximal lottery scales (false)',
  statement: "The maximal lottery's product is (3, 3/4 − 1/100)-robust. False (T4: two camps).",
  latex: '\\mathrm{rob}_3(\\pi_{\\mathrm{ML}}^{\\otimes 3}) \\ge \\tfrac34 - \\tfrac1{100}',
  rule: 'uniform',
  expect: 'refuted',
  defaultRuns: 300,
  arbitrary: (o = {}) =>
    fc.record({ profile: profileArbFor({ ...o, families: ['two-camp', 'strict', 'weak-orders', 'condorcet-cycle'], maxResponses: o.maxResponses ?? 4, maxUsers: 3 }) }),
  check({ profile }) {
    // the first extreme maximal lottery of each prompt (deterministic order)
    const mls = profile.prompts.map(({ prompt }) => allMaximalLotteriesOfPrompt(prompt)[0]);
    const policy = makePolicy(mls);
    const rob = robustness(profile, policy, { k: N2_K, rule: 'uniform' });
    return verdict(geq(rob.robustness, N2_F), {
      maximalLottery: modelToJson(policy, profile),
      robustness: rob.robustness.toFraction(),
      bound: N2_F.toFraction(),
      worstOpponent: idsOf(profile.prompts[0].prompt, rob.prompts[0].worst),
    });
  },
  toJson: (i) => ({ profile: profileToJson(i.profile), k: N2_K }),
  fromJson: (json) => ({ profile: profileField(json) }),
};

export const N3: Claim<ProfileInstance> = {
  id: 'N3',
  title: 'V_k beats k/(k+1) (false)',
  statement: 'V_k ≥ k/(k+1) + 1/100 on every profile. False (T3: unanimous profiles).',
  latex: 'V_k \\ge \\tfrac{k}{k+1} + \\tfrac1{100}',
  rule: 'uniform',
  expect: 'refuted',
  defaultRuns: 300,
  arbitrary: (o = {}) => profileInstanceArb({ ...o, families: ['weak-orders', 'unanimous', 'condorcet-cycle', 'strict'], maxResponses: o.maxResponses ?? 4, maxK: 3, maxUsers: 3 }),
  check({ profile, k }) {
    const v = bestKOutputSync(profile, k, 'uniform');
    const bound = kk1(k).add(frac(1, 100));
    return verdict(geq(v.value, bound), {
      value: v.value.toFraction(),
      bound: bound.toFraction(),
      // the LP dual: an opponent mixture τ with max_S WR(S, τ) = V_k certifies the upper bound
      opponent: v.prompts.map((p) => ratList(p.opponent)),
    });
  },
  toJson: profileInstanceJson,
  fromJson: profileInstanceFromJson,
};

export const N4: Claim<ProfileInstance> = {
  id: 'N4',
  title: 'NE robust to 2-output opponents (false)',
  statement: 'At a symmetric NE π (exploitability ε): rob_{k,2}(π^{⊗k}) ≥ k/(k+1) − 2ε. False for every k ≥ 1 (unanimous profile, the opponent plays the top response twice).',
  latex: '\\mathrm{rob}_{k,2}(\\pi^{\\otimes k}) \\ge \\tfrac{k}{k+1} - 2\\varepsilon(\\pi)',
  rule: 'uniform',
  expect: 'refuted',
  defaultRuns: 300,
  arbitrary: (o = {}) => profileInstanceArb({ ...o, families: NE_FAMILIES, maxResponses: o.maxResponses ?? 4, maxK: 3 }),
  check: ({ profile, k }) => neRobustness(profile, k, 2, 'uniform'),
  toJson: profileInstanceJson,
  fromJson: profileInstanceFromJson,
};
