// T8 order of the rules (SPEC §4): for every k-output σ and every single-output opponent y,
// WR_model-wins-ties(σ, y) ≥ WR_uniform(σ, y) ≥ WR_pairwise(σ, y) (per prompt).
// Compares: the three rules' win rates from the kernels `ualign winrate` uses — the closed forms of U_k
// (product.ts) for a product π^{⊗k}, the outcomes score table (tables.ts) for an explicit k-output model —
// with a second opinion for each: the direct expectation over tied draws (tables.ts) for products, the rules
// applied by definition to every outcome for explicit models.
// On Luce and mixed profiles (SPEC §4b): the rules act on the weak-order types only (a Luce type chooses by Luce's
// rule under all three), so the order holds with the Luce part equal; Luce types by the power recurrence against the
// convolution (products) or Luce's rule by definition (explicit σ).
import fc from 'fast-check';
import { Fraction, ONE } from '../exact/rational.js';
import { makeKOutput, makePolicy } from '../model/build.js';
import { modelFromJson, modelToJson, profileToJson } from '../model/codec.js';
import { InputError } from '../model/errors.js';
import { KOutputModel, Policy, Profile } from '../model/types.js';
import { singleScores } from '../winrate/opponents.js';
import { promptModels } from '../winrate/promptModel.js';
import { Rule, RULES } from '../winrate/rules.js';
import { kOutputRecordArb, outcomesFromRecord, policyFromRecord, policyRecordArb } from '../instances/policies.js';
import { DEFAULT_K_MAX, kArb } from '../instances/sizes.js';
import { field, intField, profileField, ratList } from './json.js';
import { directScores, opponentScoreByDefinition } from './oracles.js';
import { profileArbFor } from './instances.js';
import { defineClaim, eqSlack, geq, minRat, profileSize, verdict } from './types.js';

export interface T8Instance {
  readonly profile: Profile;
  readonly k: number;
  /** σ: a product π^{⊗k} (a policy) or an explicit k-output model. */
  readonly model: Policy | KOutputModel;
}

const MAXN = 5;
const MAXP = 2;

/** Per prompt and rule: the opponent's score of every response y (= 1 − WR(σ, y)), by the kernel and by the second opinion. */
export interface T8Evidence {
  readonly prompts: readonly Readonly<Record<Rule, { readonly kernel: readonly Fraction[]; readonly second: readonly Fraction[] }>>[];
}

export const T8 = defineClaim<T8Instance, T8Evidence>({
  id: 'T8',
  title: 'order of the rules',
  statement:
    'For every k-output σ and every single-output opponent y, on weak-order, Luce and mixed profiles: WR_model-wins-ties(σ, y) ≥ WR_uniform(σ, y) ≥ WR_pairwise(σ, y).',
  latex: 'WR_{\\mathrm{mwt}}(\\sigma, y) \\ge WR_{\\mathrm{uniform}}(\\sigma, y) \\ge WR_{\\mathrm{pairwise}}(\\sigma, y)',
  rule: 'model-wins-ties, uniform, pairwise',
  expect: 'holds',
  compares: 'win rates by the closed forms (products) or the outcomes table (explicit σ) and by the direct expectation (products) or the rules by definition (explicit σ)',
  defaultRuns: 1000,
  arbitrary: (o = {}) => {
    const maxN = o.maxResponses ?? MAXN;
    const kMax = o.maxK ?? DEFAULT_K_MAX;
    return fc
      .record({
        profile: profileArbFor({ ...o, maxResponses: maxN, maxPrompts: MAXP }),
        k: kArb(kMax),
        // 0 (the shrink target): a product; 1: an explicit k-output model
        explicit: fc.integer({ min: 0, max: 1 }),
        pols: fc.array(policyRecordArb(maxN, 5), { minLength: MAXP, maxLength: MAXP }),
        models: fc.array(kOutputRecordArb(maxN, kMax, 4), { minLength: MAXP, maxLength: MAXP }),
      })
      .map(({ profile, k, explicit, pols, models }) => {
        const ns = profile.prompts.map(({ prompt }) => prompt.responses.length);
        const model = explicit === 1 ? makeKOutput(k, ns.map((n, x) => outcomesFromRecord(models[x], n, k))) : makePolicy(ns.map((n, x) => policyFromRecord(pols[x], n)));
        return { profile, k, model };
      });
  },
  evidence({ profile, k, model }) {
    const pms = promptModels(model, k);
    return {
      prompts: profile.prompts.map(({ prompt }, x) => {
        const pm = pms[x];
        const second = (rule: Rule): Fraction[] =>
          pm.kind === 'outcomes' ? prompt.responses.map((_, y) => opponentScoreByDefinition(prompt, pm.outcomes, [y], rule)) : directScores(prompt, pm, rule);
        const r = {} as Record<Rule, { kernel: Fraction[]; second: Fraction[] }>;
        for (const rule of RULES) r[rule] = { kernel: singleScores(prompt, pm, rule), second: second(rule) };
        return r;
      }),
    };
  },
  judge(_i, e) {
    const parts: Fraction[] = [];
    for (const p of e.prompts) {
      for (const rule of RULES) p[rule].kernel.forEach((v, y) => parts.push(eqSlack(v, p[rule].second[y])));
      // WR = 1 − score: the opponent's score is smallest under model-wins-ties and largest under pairwise
      p.uniform.kernel.forEach((u, y) => parts.push(geq(u, p['model-wins-ties'].kernel[y]), geq(p.pairwise.kernel[y], u)));
    }
    const wr = (xs: readonly Fraction[]) => ratList(xs.map((v) => ONE.sub(v)));
    const per = e.prompts.map((p) => ({ modelWinsTies: wr(p['model-wins-ties'].kernel), uniform: wr(p.uniform.kernel), pairwise: wr(p.pairwise.kernel) }));
    return verdict(minRat(parts), { winRates: per.length === 1 ? per[0] : per });
  },
  size: ({ profile, k }) => profileSize(profile, k, 1),
  toJson: (i) => ({ profile: profileToJson(i.profile), k: i.k, model: modelToJson(i.model, i.profile) }),
  fromJson(json) {
    const profile = profileField(json);
    const k = intField(json, 'k');
    const m = modelFromJson(field(json, 'model'), profile, 'instance.model');
    if (m.kind === 'mixture' || (m.kind === 'k-output' && m.k !== k)) throw new InputError('instance.model: expected a policy or a k-output model with the instance k');
    return { profile, k, model: m };
  },
});
