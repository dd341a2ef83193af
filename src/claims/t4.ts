// T4 NLHF does not scale (SPEC §4): for strict rankings and a deterministic policy δ_c,
// rob_k(δ_c^{⊗k}) = min(k/(k+1), min_{y≠c} P_θ[c ≻_θ y]) — constant in k once k/(k+1) exceeds it;
// when c is a Condorcet winner (as on the two-camp profile) the unique maximal lottery is δ_c. Per prompt,
// averaged with ρ (each prompt has its own c).
// Compares: rob_k from `robustness` (the closed form of U_k, product.ts) with the strict shares P_θ[c ≻ y]
// (pairwise.ts); the maximal lottery from `maximalLotterySync` and `allMaximalLotteriesOfPrompt` (what
// `ualign nash` and `nash --all` print) with the Condorcet condition P(c ≻ y) > ½ evaluated by definition.
// Strict rankings only (weak-order families): for Luce types the ceiling fails (N6), the exact values are L1–L3.
import fc from 'fast-check';
import { Fraction, frac, ONE, HALF, ZERO, minOf, sumOf } from '../exact/rational.js';
import { makePolicy, makeProfile } from '../model/build.js';
import { InputError } from '../model/errors.js';
import { Profile } from '../model/types.js';
import { robustness } from '../winrate/opponents.js';
import { twoCampPrompt } from '../instances/families.js';
import { deterministicPolicy } from '../instances/policies.js';
import { DEFAULT_K_MAX, kArb } from '../instances/sizes.js';
import { profileToJson } from '../model/codec.js';
import { isStrict } from '../model/structure.js';
import { condorcetWinner, strictShareMatrix } from '../winrate/pairwise.js';
import { allMaximalLotteriesOfPrompt, maximalLotterySync } from '../equilibria/maximalLottery.js';
import { field, intField, profileField, ratList } from './json.js';
import { lotteryWinRates, preferenceByDefinition } from './oracles.js';
import { profileArbFor } from './instances.js';
import { defineClaim, eqSlack, holds, kk1, minRat, profileSize, verdict } from './types.js';

export interface T4Instance {
  readonly profile: Profile;
  readonly k: number;
  /** The deterministic policy's response c on each prompt. */
  readonly c: readonly number[];
}

/** Largest n for which every extreme maximal lottery is enumerated. */
const ALL_ML_N = 6;

export interface T4Evidence {
  /** rob_k(δ_c^{⊗k}) by `robustness`. */
  readonly robustness: Fraction;
  readonly prompts: readonly {
    /** min_{y≠c} P_θ[c ≻_θ y] from the strict shares (1 when n = 1). */
    readonly minShare: Fraction;
    /** c beats every other response by definition (P(c ≻ y) > ½), and the Condorcet winner of pairwise.ts. */
    readonly condorcetByDefinition: boolean;
    readonly condorcetWinner: number | null;
    /** When c is a Condorcet winner: the maximal lottery of `maximalLotterySync` and every extreme one (n ≤ 6). */
    readonly maximalLottery: readonly Fraction[] | null;
    /** min_z P(π_ML ≻ z) by definition (≥ ½ iff it is a maximal lottery), when computed. */
    readonly mlMinWinRate: Fraction | null;
    readonly allMaximalLotteries: readonly (readonly Fraction[])[] | null;
  }[];
}

const isPoint = (pi: readonly Fraction[], c: number) => pi.every((v, y) => v.equals(y === c ? ONE : ZERO));

export const T4 = defineClaim<T4Instance, T4Evidence>({
  id: 'T4',
  title: 'NLHF does not scale',
  statement:
    'For strict rankings and a deterministic policy δ_c: rob_k(δ_c^{⊗k}) = min(k/(k+1), min_{y≠c} P_θ[c ≻_θ y]), constant in k; if c is a Condorcet winner (as on the two-camp profile, ½+δ: a ≻ b, ½−δ: b ≻ a) the unique maximal lottery is δ_c, so rob_k = ½+δ once k/(k+1) ≥ ½+δ. Per prompt, averaged with ρ.',
  latex: '\\mathrm{rob}_k(\\delta_c^{\\otimes k}) = \\min\\bigl(\\tfrac{k}{k+1}, \\min_{y \\ne c} P_\\theta[c \\succ_\\theta y]\\bigr)',
  rule: 'uniform',
  expect: 'holds',
  compares: 'rob_k by the closed form (robustness) and the strict shares P_θ[c ≻ y] (pairwise.ts); the maximal lotteries (nash, nash --all) and the Condorcet condition by definition',
  defaultRuns: 1200,
  arbitrary: (o = {}) => {
    const k = kArb(o.maxK ?? DEFAULT_K_MAX);
    return fc.oneof(
      // the SPEC's two-camp profile, δ = a/(2(a+b)) ∈ (0, ½), c = a
      fc.record({ a: fc.integer({ min: 1, max: 20 }), b: fc.integer({ min: 1, max: 20 }), k }).map(({ a, b, k }) => ({
        profile: makeProfile([{ weight: ONE, prompt: twoCampPrompt(frac(a, 2 * (a + b))) }]),
        k,
        c: [0],
      })),
      fc
        .record({
          profile: profileArbFor({ ...o, maxPrompts: 2, families: ['strict', 'two-camp', 'condorcet-cycle', 'single-peaked', 'mallows', 'unanimous'] }),
          k,
          c: fc.array(fc.nat(5), { minLength: 2, maxLength: 2 }),
        })
        .map(({ profile, k, c }) => ({ profile, k, c: profile.prompts.map(({ prompt }, x) => c[x] % prompt.responses.length) })),
    );
  },
  evidence({ profile, k, c }) {
    const policy = makePolicy(profile.prompts.map(({ prompt }, x) => deterministicPolicy(prompt.responses.length, c[x])));
    const ml = maximalLotterySync(profile);
    return {
      robustness: robustness(profile, policy, { k, rule: 'uniform' }).robustness,
      prompts: profile.prompts.map(({ prompt }, x) => {
        const n = prompt.responses.length;
        const share = strictShareMatrix(prompt);
        let minShare = ONE;
        let cw = true;
        for (let y = 0; y < n; y++)
          if (y !== c[x]) {
            minShare = minOf(minShare, share[c[x]][y]);
            cw &&= preferenceByDefinition(prompt, c[x], y).gt(HALF);
          }
        return {
          minShare,
          condorcetByDefinition: cw,
          condorcetWinner: condorcetWinner(prompt),
          maximalLottery: cw ? ml.prompts[x].probs : null,
          mlMinWinRate: cw ? lotteryWinRates(prompt, ml.prompts[x].probs).reduce((a, b) => minOf(a, b)) : null,
          allMaximalLotteries: cw && n <= ALL_ML_N ? allMaximalLotteriesOfPrompt(prompt) : null,
        };
      }),
    };
  },
  judge({ profile, k, c }, e) {
    const formula = sumOf(e.prompts.map((p, x) => minOf(kk1(k), p.minShare).mul(profile.prompts[x].weight)));
    const parts = [eqSlack(e.robustness, formula)];
    e.prompts.forEach((p, x) => {
      parts.push(holds(p.condorcetByDefinition === (p.condorcetWinner === c[x])));
      if (p.condorcetByDefinition) {
        parts.push(holds(p.maximalLottery !== null && isPoint(p.maximalLottery, c[x]) && p.mlMinWinRate !== null && p.mlMinWinRate.gte(HALF)));
        if (p.allMaximalLotteries !== null) parts.push(holds(p.allMaximalLotteries.length === 1 && isPoint(p.allMaximalLotteries[0], c[x])));
      }
    });
    const cert: Record<string, unknown> = { robustness: e.robustness.toFraction(), formula: formula.toFraction() };
    const mls = e.prompts.filter((p) => p.allMaximalLotteries !== null).map((p) => p.allMaximalLotteries!.map(ratList));
    if (mls.length > 0) cert.maximalLotteries = mls.length === 1 ? mls[0] : mls;
    return verdict(minRat(parts), cert);
  },
  size: ({ profile, k }) => profileSize(profile, k),
  toJson: (i) => ({
    profile: profileToJson(i.profile),
    k: i.k,
    c: i.c.length === 1 ? i.profile.prompts[0].prompt.responses[i.c[0]] : i.c.map((y, x) => i.profile.prompts[x].prompt.responses[y]),
  }),
  fromJson(json) {
    const profile = profileField(json);
    const cj = field(json, 'c');
    const ids = Array.isArray(cj) ? cj : [cj];
    if (ids.length !== profile.prompts.length) throw new InputError('instance.c: give one response id per prompt');
    const c = ids.map((id, x) => {
      const y = typeof id === 'string' ? profile.prompts[x].prompt.index.get(id) : undefined;
      if (y === undefined) throw new InputError(`instance.c${Array.isArray(cj) ? `[${x}]` : ''} must be a response id`);
      return y;
    });
    profile.prompts.forEach(({ prompt }) => {
      if (!isStrict(prompt)) throw new InputError('T4: rankings must be strict');
    });
    return { profile, k: intField(json, 'k'), c };
  },
});
