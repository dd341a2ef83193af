// T7 k = 1 is NLHF (SPEC §2, §4): WR(π, π′) = P(π ≻ π′) for k = ℓ = 1 under `uniform` and under `pairwise`;
// the symmetric NE of G_2 are exactly the maximal lotteries (ε_1(π) ≤ 0 ⇔ min_y P(π ≻ y) ≥ ½); V_1 = ½.
// Per prompt, averaged with ρ.
// Compares: WR from the closed form of U_1 (product.ts) under both rules, with P(π ≻ π′) from the margin
// matrix (pairwise.ts) and by definition; ε_1 from `exploitability` with min_y P(π ≻ y) by definition; the
// maximal lotteries of `maximalLotterySync` and `allMaximalLotteriesOfPrompt` (what `ualign nash` and
// `nash --all` print) and of the double oracle (what `nash` runs above ORACLE_FROM responses, forced here from one
// response on) with P(π ≻ z) ≥ ½ by definition (and their reported certificates); the Condorcet winner both report
// against P(c ≻ z) > ½ by definition; V_1 from `bestKOutputSync`.
// On Luce and mixed profiles (SPEC §4b): P(y ≻ z) = Σ_θ w_θ s_θ(y)/(s_θ(y) + s_θ(z)) for the Luce types, by the
// integer margin matrix of pairwise.ts and by definition on the strengths as given.
import fc from 'fast-check';
import { Fraction, ONE, ZERO, HALF, sumOf, minOf, signOf } from '../exact/rational.js';
import { makePolicy } from '../model/build.js';
import { Policy, Profile, Prompt } from '../model/types.js';
import { policyFromRecord, policyRecordArb } from '../instances/policies.js';
import { modelToJson, profileToJson } from '../model/codec.js';
import { productScores } from '../winrate/product.js';
import { pairwiseMatrix } from '../winrate/pairwise.js';
import { exploitability } from '../winrate/exploitability.js';
import { allMaximalLotteriesOfPrompt, maximalLotterySync, promptMaximalLotterySync } from '../equilibria/maximalLottery.js';
import { bestKOutputSync } from '../equilibria/bestKOutput.js';
import { policyField, profileField, ratList } from './json.js';
import { lotteryPreference, lotteryWinRates, preferenceByDefinition } from './oracles.js';
import { profileArbFor } from './instances.js';
import { defineClaim, eqSlack, holds, minRat, profileSize, verdict } from './types.js';

export interface T7Instance {
  readonly profile: Profile;
  readonly policy: Policy;
  readonly opponent: Policy;
}

const MAXP = 2;
/** Largest n for which every extreme maximal lottery is enumerated. */
const ALL_ML_N = 5;

/** A lottery judged by definition: its ε_1 (exploitability) and P(π ≻ z) for every z. */
export interface LotteryEvidence {
  readonly probs: readonly Fraction[];
  readonly epsilon: Fraction;
  readonly winRates: readonly Fraction[];
}

export interface T7Evidence {
  /** WR(π, π′) averaged with ρ, by the closed form of U_1 under uniform and under pairwise. */
  readonly wrUniform: Fraction;
  readonly wrPairwise: Fraction;
  /** P(π ≻ π′) averaged with ρ: margin matrix, and by definition. */
  readonly P: Fraction;
  readonly PDefinition: Fraction;
  readonly prompts: readonly {
    readonly policy: LotteryEvidence;
    /** `maximalLotterySync`'s lottery, with the win rates its certificate reports. */
    readonly maximalLottery: LotteryEvidence;
    readonly reportedWinRates: readonly Fraction[];
    /** The double oracle's lottery (from the best Borda score alone), and the win rates its certificate reports. */
    readonly doubleOracle: LotteryEvidence;
    readonly doubleOracleWinRates: readonly Fraction[];
    /** The Condorcet winner as `maximalLotterySync` and the double oracle report it, and by definition. */
    readonly condorcet: { readonly reported: number | null; readonly doubleOracle: number | null; readonly definition: number | null };
    /** Every extreme maximal lottery (n ≤ 5), else null. */
    readonly all: readonly LotteryEvidence[] | null;
  }[];
  readonly V1: Fraction;
}

function lottery(profile: Profile, x: number, probs: readonly Fraction[]): LotteryEvidence {
  const { prompt } = profile.prompts[x];
  const one = { prompts: [{ weight: ONE, prompt }] };
  return { probs, epsilon: exploitability(one, makePolicy([probs]), 1).epsilon, winRates: lotteryWinRates(prompt, probs) };
}

const minWin = (l: LotteryEvidence) => l.winRates.reduce((a, b) => minOf(a, b));
const sameList = (a: readonly Fraction[], b: readonly Fraction[]) => a.length === b.length && a.every((v, z) => v.equals(b[z]));

/** c with P(c ≻ z) > ½ for every z ≠ c, by definition, or null. */
function condorcetByDefinition(prompt: Prompt): number | null {
  const c = prompt.responses.findIndex((_, c) => prompt.responses.every((_, z) => z === c || preferenceByDefinition(prompt, c, z).gt(HALF)));
  return c < 0 ? null : c;
}

export const T7 = defineClaim<T7Instance, T7Evidence>({
  id: 'T7',
  title: 'k = 1 is NLHF',
  statement:
    'For k = 1 under uniform and under pairwise, on weak-order, Luce and mixed profiles (P(y ≻ z) = E_θ s_θ(y)/(s_θ(y)+s_θ(z)) for Luce types): WR(π, π′) = P(π ≻ π′); the symmetric NE of G_2 are exactly the maximal lotteries; V_1 = ½.',
  latex: "WR(\\pi,\\pi') = P(\\pi \\succ \\pi'),\\ \\mathrm{NE}(G_2) = \\mathrm{ML},\\ V_1 = \\tfrac12",
  rule: 'uniform and pairwise',
  expect: 'holds',
  compares: 'WR by the closed form of U_1 and P(π ≻ π′) by the margin matrix and by definition; ε_1 (exploitability) and min_y P(π ≻ y) by definition; the maximal lotteries (nash, nash --all, the double oracle nash runs on large prompts) and the Condorcet winner they report by definition; V_1 (bestKOutput)',
  defaultRuns: 700,
  arbitrary: (o = {}) =>
    fc
      .record({
        profile: profileArbFor({ ...o, maxResponses: o.maxResponses ?? 5, maxPrompts: MAXP }),
        p: fc.array(policyRecordArb(5, 5), { minLength: MAXP, maxLength: MAXP }),
        q: fc.array(policyRecordArb(5, 5), { minLength: MAXP, maxLength: MAXP }),
      })
      .map(({ profile, p, q }) => {
        const ns = profile.prompts.map(({ prompt }) => prompt.responses.length);
        return { profile, policy: makePolicy(ns.map((n, x) => policyFromRecord(p[x], n))), opponent: makePolicy(ns.map((n, x) => policyFromRecord(q[x], n))) };
      }),
  evidence({ profile, policy, opponent }) {
    const ml = maximalLotterySync(profile);
    let wrUniform = ZERO;
    let wrPairwise = ZERO;
    let P = ZERO;
    let PDefinition = ZERO;
    const prompts = profile.prompts.map(({ prompt, weight }, x) => {
      const pi = policy.perPrompt[x];
      const pi2 = opponent.perPrompt[x];
      const wr = (rule: 'uniform' | 'pairwise') => ONE.sub(sumOf(productScores(prompt, pi, 1, rule).map((u, z) => u.mul(pi2[z]))));
      wrUniform = wrUniform.add(weight.mul(wr('uniform')));
      wrPairwise = wrPairwise.add(weight.mul(wr('pairwise')));
      const Pm = pairwiseMatrix(prompt);
      P = P.add(weight.mul(sumOf(pi.flatMap((p, y) => pi2.map((q, z) => p.mul(q).mul(Pm[y][z]))))));
      PDefinition = PDefinition.add(weight.mul(lotteryPreference(prompt, pi, pi2)));
      const n = prompt.responses.length;
      const dor = promptMaximalLotterySync(prompt, { oracleAbove: 0, oracleStart: 1 });
      return {
        policy: lottery(profile, x, pi),
        maximalLottery: lottery(profile, x, ml.prompts[x].probs),
        reportedWinRates: ml.prompts[x].winRates,
        doubleOracle: lottery(profile, x, dor.probs),
        doubleOracleWinRates: dor.winRates,
        condorcet: { reported: ml.prompts[x].condorcetWinner, doubleOracle: dor.condorcetWinner, definition: condorcetByDefinition(prompt) },
        all: n <= ALL_ML_N ? allMaximalLotteriesOfPrompt(prompt).map((m) => lottery(profile, x, m)) : null,
      };
    });
    return { wrUniform, wrPairwise, P, PDefinition, prompts, V1: bestKOutputSync(profile, 1, 'uniform').value };
  },
  judge(i, e) {
    const parts = [eqSlack(e.wrUniform, e.P), eqSlack(e.wrPairwise, e.P), eqSlack(e.P, e.PDefinition), eqSlack(e.V1, HALF)];
    const isML = (l: LotteryEvidence) => minWin(l).gte(HALF);
    for (const p of e.prompts) {
      // ε_1(π) ≤ 0 ⇔ π is a maximal lottery
      parts.push(holds((signOf(p.policy.epsilon) <= 0) === isML(p.policy)));
      for (const m of [p.maximalLottery, p.doubleOracle, ...(p.all ?? [])]) parts.push(eqSlack(m.epsilon, ZERO), holds(isML(m)));
      parts.push(holds(sameList(p.reportedWinRates, p.maximalLottery.winRates)), holds(sameList(p.doubleOracleWinRates, p.doubleOracle.winRates)));
      parts.push(holds(p.condorcet.reported === p.condorcet.definition && p.condorcet.doubleOracle === p.condorcet.definition));
      if (p.all !== null) parts.push(holds(p.all.length > 0));
    }
    const one = e.prompts.length === 1;
    const per = <T>(f: (p: T7Evidence['prompts'][number], x: number) => T) => (one ? f(e.prompts[0], 0) : e.prompts.map((p, x) => f(p, x)));
    return verdict(minRat(parts), {
      winRate: e.wrUniform.toFraction(),
      winRatePairwise: e.wrPairwise.toFraction(),
      P: e.P.toFraction(),
      epsilon: per((p) => p.policy.epsilon.toFraction()),
      minP: per((p) => minWin(p.policy).toFraction()),
      maximalLottery: per((p) => ratList(p.maximalLottery.probs)),
      doubleOracle: per((p) => ratList(p.doubleOracle.probs)),
      condorcetWinner: per((p, x) => (p.condorcet.definition === null ? null : i.profile.prompts[x].prompt.responses[p.condorcet.definition])),
      maximalLotteries: per((p) => (p.all === null ? null : p.all.map((m) => ratList(m.probs)))),
      V1: e.V1.toFraction(),
    });
  },
  size: ({ profile }) => profileSize(profile, 1, 1),
  toJson: (i) => ({ profile: profileToJson(i.profile), k: 1, policy: modelToJson(i.policy, i.profile), opponent: modelToJson(i.opponent, i.profile) }),
  fromJson(json) {
    const profile = profileField(json);
    return { profile, policy: policyField(json, 'policy', profile), opponent: policyField(json, 'opponent', profile) };
  },
});
