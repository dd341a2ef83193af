// Negative controls N1–N6 (SPEC §5, §4 T8, §4b): false statements the harness must refute with a shrunk counterexample.
// One file of six small claims (about 50 lines each) that share the refutation's discipline above; the Luce
// two-camp instances N6 uses live in luceCamps.ts.
// Each computes its quantities with the public kernels and checks them against a second opinion
// (oracles.ts); a disagreement is an error (thrown: CertificateError), never taken for a refutation.
import fc from 'fast-check';
import { Fraction, frac, HALF, ONE, sumOf, minOf } from '../exact/rational.js';
import { CertificateError, InputError } from '../model/errors.js';
import { makeKOutput } from '../model/build.js';
import { KOutputModel, Profile } from '../model/types.js';
import { opponentScore, robustness } from '../winrate/opponents.js';
import { Rule } from '../winrate/rules.js';
import { modelFromJson, modelToJson, profileToJson } from '../model/codec.js';
import { maximalLotterySync } from '../equilibria/maximalLottery.js';
import { bestKOutputSync } from '../equilibria/bestKOutput.js';
import { FAMILIES, FamilyName, familyMaxResponses } from '../instances/families.js';
import { kOutputRecordArb, outcomesFromRecord } from '../instances/policies.js';
import { DEFAULT_K_MAX, DEFAULT_K_MAX_LP, ellOf, ellRawArb, kArb } from '../instances/sizes.js';
import { field, idsOf, intField, profileField, ratList } from './json.js';
import { equilibriumOf } from './ne.js';
import { bestOpponentByEnumeration, directRobustness, explicitWork, lotteryWinRates, multisetCountOf, opponentScoreByDefinition, productDistribution, vkCertificateByDefinition } from './oracles.js';
import { ProfileInstance, profileArbFor, profileInstanceArb, profileInstanceFromJson, profileInstanceJson, profileInstanceSize } from './instances.js';
import { defineClaim, geq, kk1, minRat, profileSize, verdict } from './types.js';
import { CampLotteryEvidence, LuceCampInstance, campEvidence, luceCampArb, luceCampFromJson, luceCampJson, luceCampProfile } from './luceCamps.js';

const NE_FAMILIES: readonly FamilyName[] = ['unanimous', 'weak-orders', 'two-camp', 'strict', 'single-peaked', 'condorcet-cycle', 'clones', 'near-degenerate'];

/** A second opinion that disagrees with the kernel: an internal error, not a refutation. */
function agree(claim: string, what: string, a: Fraction, b: Fraction | null): void {
  if (b !== null && !a.equals(b)) throw new CertificateError(`${claim}: ${what} ${a.toFraction()} disagrees with its second opinion ${b.toFraction()}`);
}

/** N1, N4: evidence at a symmetric (ε-)NE π of G_{k+1}. */
export interface NEEvidence {
  readonly policy: readonly (readonly Fraction[])[];
  readonly epsilon: Fraction;
  readonly source: string;
  /** rob_{k,ℓ}(π^{⊗k}) under the rule by `robustness`, its worst opponent per prompt, and the second opinion. */
  readonly robustness: Fraction;
  readonly worst: readonly (readonly number[])[];
  readonly second: Fraction | null;
}

/** Largest Σ_x C(n+k−1, k)·C(n+ℓ−1, ℓ)·m·(k+ℓ) for the enumeration of N4's 2-multisets. */
const ENUM_WORK = 30000;

function neEvidence(profile: Profile, k: number, ell: number, rule: Rule): NEEvidence {
  const ne = equilibriumOf(profile, k);
  const rob = robustness(profile, ne.policy, { k, ell, rule });
  let second: Fraction | null = null;
  if (ell === 1)
    second = directRobustness(
      profile,
      ne.policy.perPrompt.map((probs) => ({ kind: 'product' as const, k, probs })),
      rule,
    ).robustness;
  else {
    const work = profile.prompts.reduce(
      (a, { prompt }) => a + multisetCountOf(prompt.responses.length, k) * multisetCountOf(prompt.responses.length, ell) * prompt.users.length * (k + ell),
      0,
    );
    if (explicitWork(work, ne.policy.perPrompt, k) <= ENUM_WORK)
      second = sumOf(
        profile.prompts.map(({ prompt, weight }, x) =>
          weight.mul(ONE.sub(bestOpponentByEnumeration(prompt, productDistribution(ne.policy.perPrompt[x], k), ell, rule).score)),
        ),
      );
  }
  return { policy: ne.policy.perPrompt, epsilon: ne.epsilon, source: ne.source, robustness: rob.robustness, worst: rob.prompts.map((p) => p.worst), second };
}

/** N1, N4: the claimed rob_{k,ℓ}(π^{⊗k}) ≥ k/(k+1) − ℓ·ε. */
function neJudge(id: string, profile: Profile, k: number, ell: number, e: NEEvidence) {
  agree(id, 'rob', e.robustness, e.second);
  const bound = kk1(k).sub(e.epsilon.mul(frac(ell)));
  const one = profile.prompts.length === 1;
  return verdict(geq(e.robustness, bound), {
    equilibrium: one ? ratList(e.policy[0]) : e.policy.map(ratList),
    epsilon: e.epsilon.toFraction(),
    source: e.source,
    robustness: e.robustness.toFraction(),
    bound: bound.toFraction(),
    worstOpponent: one ? idsOf(profile.prompts[0].prompt, e.worst[0]) : e.worst.map((w, x) => idsOf(profile.prompts[x].prompt, w)),
  });
}

export const N1 = defineClaim<ProfileInstance, NEEvidence>({
  id: 'N1',
  title: 'T2 under pairwise (false)',
  statement: "A symmetric NE π of G_{k+1} (exploitability ε) has rob_k(π^{⊗k}) ≥ k/(k+1) − ε under the pairwise rule. False: on a unanimous profile V_k = ½.",
  latex: '\\mathrm{rob}^{\\mathrm{pairwise}}_k(\\pi^{\\otimes k}) \\ge \\tfrac{k}{k+1} - \\varepsilon(\\pi)',
  rule: 'pairwise',
  expect: 'refuted',
  compares: 'rob under pairwise by the closed form (robustness) and by the direct expectation (tables.ts); ε by exploitability',
  defaultRuns: 300,
  arbitrary: (o = {}) => profileInstanceArb({ ...o, families: NE_FAMILIES, maxResponses: o.maxResponses ?? 4, maxPrompts: 2 }),
  evidence: ({ profile, k }) => neEvidence(profile, k, 1, 'pairwise'),
  judge: ({ profile, k }, e) => neJudge('N1', profile, k, 1, e),
  size: profileInstanceSize,
  toJson: profileInstanceJson,
  fromJson: profileInstanceFromJson,
});

export interface N2Instance {
  readonly profile: Profile;
}

const N2_K = 3;
const N2_F = frac(3, 4).sub(frac(1, 100));

export interface N2Evidence {
  readonly lottery: readonly (readonly Fraction[])[];
  /** min_z P(π_x ≻ z) by definition, per prompt (≥ ½ for a maximal lottery). */
  readonly minWinRates: readonly Fraction[];
  readonly robustness: Fraction;
  readonly robustnessDirect: Fraction;
  readonly worst: readonly number[];
}

export const N2 = defineClaim<N2Instance, N2Evidence>({
  id: 'N2',
  title: 'maximal lottery scales (false)',
  statement: "The maximal lottery's product is (3, 3/4 − 1/100)-robust. False (T4: two camps).",
  latex: '\\mathrm{rob}_3(\\pi_{\\mathrm{ML}}^{\\otimes 3}) \\ge \\tfrac34 - \\tfrac1{100}',
  rule: 'uniform',
  expect: 'refuted',
  compares: 'the maximal lottery (maximalLotterySync, what `ualign nash` prints) checked by definition; rob_3 by the closed form and by the direct expectation',
  defaultRuns: 300,
  arbitrary: (o = {}) =>
    fc.record({
      profile: profileArbFor({
        ...o,
        families: ['two-camp', 'strict', 'weak-orders', 'condorcet-cycle', 'clones', 'near-degenerate'],
        maxResponses: o.maxResponses ?? 4,
        maxUsers: 3,
        maxPrompts: 2,
      }),
    }),
  evidence({ profile }) {
    const ml = maximalLotterySync(profile);
    const rob = robustness(profile, ml.policy, { k: N2_K, rule: 'uniform' });
    return {
      lottery: ml.policy.perPrompt,
      minWinRates: profile.prompts.map(({ prompt }, x) => lotteryWinRates(prompt, ml.policy.perPrompt[x]).reduce((a, b) => minOf(a, b))),
      robustness: rob.robustness,
      robustnessDirect: directRobustness(
        profile,
        ml.policy.perPrompt.map((probs) => ({ kind: 'product' as const, k: N2_K, probs })),
        'uniform',
      ).robustness,
      worst: rob.prompts.map((p) => p.worst[0]),
    };
  },
  judge({ profile }, e) {
    e.minWinRates.forEach((m) => {
      if (m.lt(HALF)) throw new CertificateError(`N2: the maximal lottery has min_z P(π ≻ z) = ${m.toFraction()} < 1/2 by definition`);
    });
    agree('N2', 'rob', e.robustness, e.robustnessDirect);
    const one = profile.prompts.length === 1;
    return verdict(geq(e.robustness, N2_F), {
      maximalLottery: one ? ratList(e.lottery[0]) : e.lottery.map(ratList),
      robustness: e.robustness.toFraction(),
      bound: N2_F.toFraction(),
      worstOpponent: one ? profile.prompts[0].prompt.responses[e.worst[0]] : e.worst.map((y, x) => profile.prompts[x].prompt.responses[y]),
    });
  },
  size: ({ profile }) => profileSize(profile, N2_K, 1),
  toJson: (i) => ({ profile: profileToJson(i.profile), k: N2_K }),
  fromJson: (json) => ({ profile: profileField(json) }),
});

/** Largest C(n+k−1, k)·n·m for N3's certificate evaluated by definition. */
const CERT_WORK = 20000;

export interface N3Evidence {
  readonly value: Fraction;
  readonly prompts: readonly { readonly value: Fraction; readonly opponent: readonly Fraction[]; readonly modelValue: Fraction; readonly opponentValue: Fraction | null }[];
}

export const N3 = defineClaim<ProfileInstance, N3Evidence>({
  id: 'N3',
  title: 'V_k beats k/(k+1) (false)',
  statement: 'V_k ≥ k/(k+1) + 1/100 on every profile. False (T3: unanimous profiles).',
  latex: 'V_k \\ge \\tfrac{k}{k+1} + \\tfrac1{100}',
  rule: 'uniform',
  expect: 'refuted',
  compares: 'V_k by column generation (bestKOutput) and its certificate evaluated by definition over all k-multisets',
  defaultRuns: 300,
  arbitrary: (o = {}) =>
    profileInstanceArb({ ...o, families: ['weak-orders', 'unanimous', 'condorcet-cycle', 'strict', 'clones', 'near-degenerate'], maxResponses: o.maxResponses ?? 4, maxK: o.maxK ?? DEFAULT_K_MAX_LP, maxUsers: 3, maxPrompts: 2 }),
  evidence({ profile, k }) {
    const v = bestKOutputSync(profile, k, 'uniform');
    return {
      value: v.value,
      prompts: v.prompts.map((p, x) => {
        const prompt = profile.prompts[x].prompt;
        const n = prompt.responses.length;
        const c = vkCertificateByDefinition(prompt, k, 'uniform', p.outcomes, p.opponent, multisetCountOf(n, k) * n * prompt.users.length <= CERT_WORK);
        return { value: p.value, opponent: p.opponent, modelValue: c.modelValue, opponentValue: c.opponentValue };
      }),
    };
  },
  judge({ k }, e) {
    e.prompts.forEach((p) => {
      agree('N3', "V_k's model guarantee", p.value, p.modelValue);
      agree('N3', "V_k's opponent bound", p.value, p.opponentValue);
    });
    const bound = kk1(k).add(frac(1, 100));
    return verdict(geq(e.value, bound), {
      value: e.value.toFraction(),
      bound: bound.toFraction(),
      // the LP dual: an opponent mixture τ with max_S WR(S, τ) = V_k certifies the upper bound
      opponent: e.prompts.map((p) => ratList(p.opponent)),
    });
  },
  size: profileInstanceSize,
  toJson: profileInstanceJson,
  fromJson: profileInstanceFromJson,
});

export const N4 = defineClaim<ProfileInstance, NEEvidence>({
  id: 'N4',
  title: 'NE robust to 2-output opponents (false)',
  statement: 'At a symmetric NE π (exploitability ε): rob_{k,2}(π^{⊗k}) ≥ k/(k+1) − 2ε. False for every k ≥ 1 (unanimous profile, the opponent plays the top response twice).',
  latex: '\\mathrm{rob}_{k,2}(\\pi^{\\otimes k}) \\ge \\tfrac{k}{k+1} - 2\\varepsilon(\\pi)',
  rule: 'uniform',
  expect: 'refuted',
  compares: 'rob_{k,2} by branch and bound (robustness) and by enumeration of all 2-multisets by definition (small cases); ε by exploitability',
  defaultRuns: 300,
  arbitrary: (o = {}) => profileInstanceArb({ ...o, families: NE_FAMILIES, maxResponses: o.maxResponses ?? 4, maxPrompts: 2 }),
  evidence: ({ profile, k }) => neEvidence(profile, k, 2, 'uniform'),
  judge: ({ profile, k }, e) => neJudge('N4', profile, k, 2, e),
  size: ({ profile, k }) => profileSize(profile, k, 2),
  toJson: profileInstanceJson,
  fromJson: profileInstanceFromJson,
});

export interface N5Instance {
  readonly profile: Profile;
  readonly k: number;
  readonly ell: number;
  readonly model: KOutputModel;
  /** The opponent's ℓ-multiset on each prompt. */
  readonly opponent: readonly (readonly number[])[];
}

export interface N5Evidence {
  /** Per prompt: the opponent's score under uniform and pairwise, by the outcomes table and by definition. */
  readonly prompts: readonly { readonly uniform: Fraction; readonly pairwise: Fraction; readonly uniformDef: Fraction; readonly pairwiseDef: Fraction }[];
}

const N5_MAXN = 4;

export const N5 = defineClaim<N5Instance, N5Evidence>({
  id: 'N5',
  title: 'rule order against ℓ outputs (false)',
  statement:
    'For every k-output σ and every ℓ-output opponent T: WR_uniform(σ, T) ≥ WR_pairwise(σ, T). False for ℓ ≥ 2 (T8 holds only for ℓ = 1): the model shows a, the opponent a twice, unanimous a ≻ b: uniform gives the model 1/3, pairwise 1/2.',
  latex: 'WR_{\\mathrm{uniform}}(\\sigma, T) \\ge WR_{\\mathrm{pairwise}}(\\sigma, T)\\ \\text{for } |T| = \\ell',
  rule: 'uniform, pairwise',
  expect: 'refuted',
  compares: "the opponent's score by the outcomes table (tables.ts) and by the rules' definitions",
  defaultRuns: 300,
  arbitrary: (o = {}) => {
    const maxN = o.maxResponses ?? N5_MAXN;
    const kMax = o.maxK ?? DEFAULT_K_MAX;
    return fc
      .record({
        // weak orders (the rules act on them only; Luce and mixed counterexamples are in the corpus)
        profile: profileArbFor({ ...o, families: FAMILIES, maxResponses: maxN, maxPrompts: 2 }),
        k: kArb(kMax),
        ell: ellRawArb(kMax),
        // ids are taken mod n: drawn up to the largest prompt the families make, so every response can appear
        models: fc.array(kOutputRecordArb(familyMaxResponses(maxN), kMax, 3), { minLength: 2, maxLength: 2 }),
        opponents: fc.array(fc.array(fc.integer({ min: 0, max: familyMaxResponses(maxN) - 1 }), { minLength: kMax + 1, maxLength: kMax + 1 }), { minLength: 2, maxLength: 2 }),
      })
      .map(({ profile, k, ell, models, opponents }) => {
        const ns = profile.prompts.map(({ prompt }) => prompt.responses.length);
        const l = ellOf(ell, k);
        return {
          profile,
          k,
          ell: l,
          model: makeKOutput(k, ns.map((n, x) => outcomesFromRecord(models[x], n, k))),
          opponent: ns.map((n, x) => opponents[x].slice(0, l).map((y) => y % n).sort((a, b) => a - b)),
        };
      });
  },
  evidence: ({ profile, k, model, opponent }) => ({
    prompts: profile.prompts.map(({ prompt }, x) => {
      const pm = { kind: 'outcomes' as const, k, outcomes: model.perPrompt[x] };
      const T = opponent[x];
      return {
        uniform: opponentScore(prompt, pm, T, 'uniform'),
        pairwise: opponentScore(prompt, pm, T, 'pairwise'),
        uniformDef: opponentScoreByDefinition(prompt, model.perPrompt[x], T, 'uniform'),
        pairwiseDef: opponentScoreByDefinition(prompt, model.perPrompt[x], T, 'pairwise'),
      };
    }),
  }),
  judge(_i, e) {
    e.prompts.forEach((p) => {
      agree('N5', "the opponent's score under uniform", p.uniform, p.uniformDef);
      agree('N5', "the opponent's score under pairwise", p.pairwise, p.pairwiseDef);
    });
    // WR_uniform − WR_pairwise = score_pairwise − score_uniform, per prompt
    return verdict(minRat(e.prompts.map((p) => geq(p.pairwise, p.uniform))), {
      winRateUniform: e.prompts.map((p) => ONE.sub(p.uniform).toFraction()),
      winRatePairwise: e.prompts.map((p) => ONE.sub(p.pairwise).toFraction()),
    });
  },
  size: ({ profile, k, ell }) => profileSize(profile, k, ell),
  toJson: (i) => ({
    profile: profileToJson(i.profile),
    k: i.k,
    ell: i.ell,
    model: modelToJson(i.model, i.profile),
    opponent: i.opponent.length === 1 ? idsOf(i.profile.prompts[0].prompt, i.opponent[0]) : i.opponent.map((T, x) => idsOf(i.profile.prompts[x].prompt, T)),
  }),
  fromJson(json) {
    const profile = profileField(json);
    const k = intField(json, 'k');
    const ell = intField(json, 'ell');
    const m = modelFromJson(field(json, 'model'), profile, 'instance.model');
    if (m.kind !== 'k-output' || m.k !== k) throw new InputError('instance.model: expected a k-output model with the instance k');
    const oj = field(json, 'opponent');
    const lists = profile.prompts.length === 1 ? [oj] : oj;
    if (!Array.isArray(lists) || lists.length !== profile.prompts.length) throw new InputError('instance.opponent: one list of response ids per prompt');
    const opponent = lists.map((T, x) => {
      if (!Array.isArray(T) || T.length !== ell) throw new InputError(`instance.opponent: expected ${ell} response ids`);
      return T.map((id) => {
        const y = typeof id === 'string' ? profile.prompts[x].prompt.index.get(id) : undefined;
        if (y === undefined) throw new InputError(`instance.opponent: unknown response ${JSON.stringify(id)}`);
        return y;
      }).sort((a, b) => a - b);
    });
    return { profile, k, ell, model: m, opponent };
  },
});

export interface N6Evidence extends CampLotteryEvidence {
  readonly robustness: Fraction;
  readonly robustnessDirect: Fraction;
}

export const N6 = defineClaim<LuceCampInstance, N6Evidence>({
  id: 'N6',
  title: "T4's ceiling for Luce users (false)",
  statement:
    "On the Luce two camps (weight ½+δ with s(a) = M, s(b) = 1; weight ½−δ with s(a) = 1, s(b) = M), NLHF's maximal lottery δ_a has rob_k(δ_a^{⊗k}) ≤ min(k/(k+1), ½+δ), T4's value read as a ceiling. False: e.g. M = 10, δ = 1/10, k = 2 gives 67/105 > 3/5 (L1: the robustness tends to 1).",
  latex: '\\mathrm{rob}_k(\\delta_a^{\\otimes k}) \\le \\min\\bigl(\\tfrac{k}{k+1}, \\tfrac12 + \\delta\\bigr)',
  rule: 'Luce',
  expect: 'refuted',
  compares: 'the maximal lottery (nash, nash --all) checked by definition; rob_k by robustness (the power recurrence of luce.ts) and by the strength sums by convolution',
  defaultRuns: 300,
  arbitrary: (o = {}) => luceCampArb(o.maxK),
  evidence: campEvidence,
  judge(i, e) {
    if (!(e.lottery.length === 2 && e.lottery[0].equals(ONE)) || e.minWinRate.lt(HALF))
      throw new CertificateError(`N6: the maximal lottery ${ratList(e.lottery).join(', ')} is not δ_a by definition (min_z P(π ≻ z) = ${e.minWinRate.toFraction()})`);
    agree('N6', 'rob', e.robustness, e.robustnessDirect);
    const ceiling = minOf(kk1(i.k), HALF.add(i.delta));
    return verdict(geq(ceiling, e.robustness), {
      maximalLottery: ratList(e.lottery),
      robustness: e.robustness.toFraction(),
      ceiling: ceiling.toFraction(),
    });
  },
  size: (i) => profileSize(luceCampProfile(i), i.k),
  toJson: luceCampJson,
  fromJson: luceCampFromJson,
});
