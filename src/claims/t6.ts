// T6 opponents with ℓ responses (SPEC §4): rob_{k,ℓ}(π^{⊗k}) ≥ (k+1−ℓ)/(k+1) − ℓ·ε(π) (union bound), with
// equality rob_{k,1} = k/(k+1) − ε at ℓ = 1; on a unanimous profile every k-output model has rob_{k,ℓ} ≤ k/(k+ℓ).
// Compares: rob_{k,ℓ} from `robustness` (the exact best ℓ-opponent: branch and bound over ℓ-multisets on the
// direct-expectation score table) with ε from `exploitability` (the closed form); at ℓ = 1 the direct
// expectation against the closed form; on small cases the best ℓ-opponent against enumeration of ALL
// ℓ-multisets scored by definition on π^{⊗k} written out (both directions: the search's multiset scores what it
// claims, and no multiset scores more); likewise the best ℓ-opponent of an explicit k-output model σ against
// enumeration; the unanimous cap against the opponent "top, ℓ times" by definition.
// On Luce and mixed profiles (SPEC §4b): ε from the power recurrence of winrate/luce.ts; a Luce type's ℓ-opponent
// scores E[s(T)/(s(S) + s(T))] from the same recurrence in the branch and bound, against every ℓ-multiset scored
// with the strength sums by repeated convolution (oracles.bestOpponentByDirectEnumeration) at any k where
// C(n+ℓ−1, ℓ) is small, and Luce's rule by definition on small cases; "unanimous" includes a single Luce type
// (the opponent plays the strongest response ℓ times: s(S)/(s(S) + ℓ·s*) ≤ k/(k+ℓ)).
import fc from 'fast-check';
import { Fraction, frac, ONE, sumOf } from '../exact/rational.js';
import { makeKOutput, makePolicy } from '../model/build.js';
import { modelFromJson, modelToJson, profileToJson } from '../model/codec.js';
import { InputError } from '../model/errors.js';
import { KOutputModel, Policy, Profile } from '../model/types.js';
import { robustness } from '../winrate/opponents.js';
import { kOutputRecordArb, outcomesFromRecord, policyFromRecord, policyRecordArb } from '../instances/policies.js';
import { DEFAULT_K_MAX, ellOf, ellRawArb, kArb } from '../instances/sizes.js';
import { isUnanimous, unanimousTop } from '../model/structure.js';
import { exploitability } from '../winrate/exploitability.js';
import { field, idsOf, intField, policyField, profileField } from './json.js';
import { equilibriumOf } from './ne.js';
import { hasLuce } from '../model/structure.js';
import { bestOpponentByDirectEnumeration, bestOpponentByEnumeration, directRobustness, explicitWork, multisetCountOf, opponentScoreByDefinition, productDistribution } from './oracles.js';
import { profileArbFor } from './instances.js';
import { defineClaim, eqSlack, geq, kk1, minRat, profileSize, verdict } from './types.js';

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
/** Largest Σ_x C(n+k−1, k)·C(n+ℓ−1, ℓ)·m·(k+ℓ) for the enumeration of all ℓ-multisets. */
const ENUM_WORK = 30000;
/** Largest Σ_x C(n+ℓ−1, ℓ) for the enumeration with the direct scores (profiles with Luce types, any k). */
const DIRECT_ENUM_COUNT = 400;

export interface T6Evidence {
  readonly epsilon: Fraction;
  /** rob_{k,ℓ}(π^{⊗k}) by `robustness`, with its worst ℓ-multiset per prompt. */
  readonly robustness: Fraction;
  readonly worst: readonly (readonly number[])[];
  /** rob_{k,1} by the direct expectation. */
  readonly robDirect1: Fraction;
  /** By definition on small cases: Σ_x ρ(x) (1 − score of the search's multiset), and the optimum over all ℓ-multisets. */
  readonly robOfSearchOpponent: Fraction | null;
  readonly robEnumerated: Fraction | null;
  /**
   * Profiles with Luce types, when robEnumerated is null: the optimum over all ℓ-multisets with the direct scores
   * (convolution for Luce types), if Σ_x C(n+ℓ−1, ℓ) ≤ DIRECT_ENUM_COUNT; else null.
   */
  readonly robDirectEnumerated: Fraction | null;
  /** rob_{k,ℓ}(σ) of the k-output model by `robustness`, and by enumeration of all ℓ-multisets on small cases. */
  readonly modelRobustness: Fraction;
  readonly modelEnumerated: Fraction | null;
  /** Unanimous profiles: WR(σ, top^ℓ) by definition. */
  readonly topWinRate: Fraction | null;
}

export const T6 = defineClaim<T6Instance, T6Evidence>({
  id: 'T6',
  title: 'ℓ-output opponents',
  statement:
    'For every π, k and ℓ, on weak-order, Luce and mixed profiles: rob_{k,ℓ}(π^{⊗k}) ≥ (k+1−ℓ)/(k+1) − ℓ·ε(π), with equality k/(k+1) − ε(π) at ℓ = 1; on a unanimous profile (one shared strict ranking, or a single Luce type) every k-output model σ has rob_{k,ℓ}(σ) ≤ k/(k+ℓ).',
  latex: '\\mathrm{rob}_{k,\\ell}(\\pi^{\\otimes k}) \\ge \\tfrac{k+1-\\ell}{k+1} - \\ell\\,\\varepsilon(\\pi)',
  rule: 'uniform',
  expect: 'holds',
  compares: 'rob_{k,ℓ} by branch and bound (robustness) and ε by the closed form (exploitability); rob_{k,1} by the direct expectation; all ℓ-multisets by definition on small cases, and with convolution scores for Luce types at any k',
  defaultRuns: 700,
  arbitrary: (o = {}) => {
    const maxN = o.maxResponses ?? MAXN;
    const kMax = o.maxK ?? DEFAULT_K_MAX;
    return fc
      .record({
        profile: profileArbFor({ ...o, maxResponses: maxN, maxPrompts: MAXP }),
        k: kArb(kMax),
        ell: ellRawArb(kMax),
        pols: fc.array(policyRecordArb(maxN, 5), { minLength: MAXP, maxLength: MAXP }),
        // 0 (the shrink target): the records; 1: a symmetric (ε-)equilibrium
        atNE: fc.integer({ min: 0, max: 3 }).map((v) => (v === 3 ? 1 : 0)),
        models: fc.array(kOutputRecordArb(maxN, kMax, 3), { minLength: MAXP, maxLength: MAXP }),
      })
      .map(({ profile, k, ell, pols, atNE, models }) => {
        const ns = profile.prompts.map(({ prompt }) => prompt.responses.length);
        const policy = atNE === 1 ? equilibriumOf(profile, k).policy : makePolicy(ns.map((n, x) => policyFromRecord(pols[x], n)));
        return { profile, k, ell: ellOf(ell, k), policy, model: makeKOutput(k, ns.map((n, x) => outcomesFromRecord(models[x], n, k))) };
      });
  },
  evidence({ profile, k, ell, policy, model }) {
    const r = robustness(profile, policy, { k, ell, rule: 'uniform' });
    const direct = directRobustness(
      profile,
      policy.perPrompt.map((probs) => ({ kind: 'product' as const, k, probs })),
      'uniform',
    );
    const work = profile.prompts.reduce(
      (a, { prompt }) => a + multisetCountOf(prompt.responses.length, k) * multisetCountOf(prompt.responses.length, ell) * prompt.users.length * (k + ell),
      0,
    );
    let robOfSearchOpponent: Fraction | null = null;
    let robEnumerated: Fraction | null = null;
    if (explicitWork(work, policy.perPrompt, k) <= ENUM_WORK) {
      const per = profile.prompts.map(({ prompt }, x) => {
        const dist = productDistribution(policy.perPrompt[x], k);
        return { found: opponentScoreByDefinition(prompt, dist, r.prompts[x].worst, 'uniform'), best: bestOpponentByEnumeration(prompt, dist, ell, 'uniform').score };
      });
      robOfSearchOpponent = sumOf(per.map((p, x) => ONE.sub(p.found).mul(profile.prompts[x].weight)));
      robEnumerated = sumOf(per.map((p, x) => ONE.sub(p.best).mul(profile.prompts[x].weight)));
    }
    let robDirectEnumerated: Fraction | null = null;
    const count = profile.prompts.reduce((a, { prompt }) => a + multisetCountOf(prompt.responses.length, ell), 0);
    if (robEnumerated === null && count <= DIRECT_ENUM_COUNT && profile.prompts.some(({ prompt }) => hasLuce(prompt)))
      robDirectEnumerated = sumOf(
        profile.prompts.map(({ prompt, weight }, x) =>
          weight.mul(ONE.sub(bestOpponentByDirectEnumeration(prompt, { kind: 'product', k, probs: policy.perPrompt[x] }, ell, 'uniform').score)),
        ),
      );
    const modelRobustness = robustness(profile, model, { ell, rule: 'uniform' }).robustness;
    const modelWork = profile.prompts.reduce(
      (a, { prompt }, x) => a + model.perPrompt[x].length * multisetCountOf(prompt.responses.length, ell) * prompt.users.length * (k + ell),
      0,
    );
    const modelEnumerated =
      modelWork <= ENUM_WORK
        ? sumOf(profile.prompts.map(({ prompt, weight }, x) => weight.mul(ONE.sub(bestOpponentByEnumeration(prompt, model.perPrompt[x], ell, 'uniform').score))))
        : null;
    let topWinRate: Fraction | null = null;
    if (profile.prompts.every(({ prompt }) => isUnanimous(prompt))) {
      topWinRate = sumOf(
        profile.prompts.map(({ prompt, weight }, x) =>
          weight.mul(ONE.sub(opponentScoreByDefinition(prompt, model.perPrompt[x], new Array<number>(ell).fill(unanimousTop(prompt)), 'uniform'))),
        ),
      );
    }
    return {
      epsilon: exploitability(profile, policy, k).epsilon,
      robustness: r.robustness,
      worst: r.prompts.map((p) => p.worst),
      robDirect1: direct.robustness,
      robOfSearchOpponent,
      robEnumerated,
      robDirectEnumerated,
      modelRobustness,
      modelEnumerated,
      topWinRate,
    };
  },
  judge({ profile, k, ell }, e) {
    const bound = frac(k + 1 - ell, k + 1).sub(e.epsilon.mul(frac(ell)));
    const parts = [geq(e.robustness, bound), eqSlack(e.robDirect1, kk1(k).sub(e.epsilon))];
    if (ell === 1) parts.push(eqSlack(e.robustness, e.robDirect1));
    if (e.robOfSearchOpponent !== null) parts.push(eqSlack(e.robOfSearchOpponent, e.robustness));
    if (e.robEnumerated !== null) parts.push(eqSlack(e.robEnumerated, e.robustness));
    if (e.robDirectEnumerated !== null) parts.push(eqSlack(e.robDirectEnumerated, e.robustness));
    const cert: Record<string, unknown> = {
      epsilon: e.epsilon.toFraction(),
      robustness: e.robustness.toFraction(),
      bound: bound.toFraction(),
      worstOpponent: profile.prompts.length === 1 ? idsOf(profile.prompts[0].prompt, e.worst[0]) : e.worst.map((w, x) => idsOf(profile.prompts[x].prompt, w)),
    };
    if (e.robEnumerated !== null) cert.robustnessEnumerated = e.robEnumerated.toFraction();
    if (e.robDirectEnumerated !== null) cert.robustnessDirectEnumerated = e.robDirectEnumerated.toFraction();
    cert.modelRobustness = e.modelRobustness.toFraction();
    if (e.modelEnumerated !== null) {
      parts.push(eqSlack(e.modelEnumerated, e.modelRobustness));
      cert.modelRobustnessEnumerated = e.modelEnumerated.toFraction();
    }
    if (e.topWinRate !== null) {
      const cap = frac(k, k + ell);
      parts.push(geq(cap, e.topWinRate), geq(e.topWinRate, e.modelRobustness));
      cert.topOpponentWinRate = e.topWinRate.toFraction();
      cert.unanimousCap = cap.toFraction();
    }
    return verdict(minRat(parts), cert);
  },
  size: ({ profile, k, ell }) => profileSize(profile, k, ell),
  toJson: (i) => ({ profile: profileToJson(i.profile), k: i.k, ell: i.ell, policy: modelToJson(i.policy, i.profile), model: modelToJson(i.model, i.profile) }),
  fromJson(json) {
    const profile = profileField(json);
    const k = intField(json, 'k');
    const m = modelFromJson(field(json, 'model'), profile, 'instance.model');
    if (m.kind !== 'k-output' || m.k !== k) throw new InputError('instance.model: expected a k-output model with the instance k');
    return { profile, k, ell: intField(json, 'ell'), policy: policyField(json, 'policy', profile), model: m };
  },
});
