// Claims on the Luce two camps (SPEC §4b): L1, L2, and the instances N6 shares; derived here and checked exactly.
//
// Luce two camps (M > 1, 0 < δ < ½, α = ½ + δ, β = ½ − δ): weight α with s(a) = M, s(b) = 1; weight β with
// s(a) = 1, s(b) = M. P(a ≻ b) − ½ = δ(M−1)/(M+1) > 0, so a is the Condorcet winner and NLHF returns δ_a.
// Against δ_a^{⊗k} the model shows k copies of a: U_k(a; δ_a) = αM/(M+kM) + β/(1+k) = 1/(k+1) and
//   U_k(b; δ_a) = α/(1 + kM) + β·M/(M + k),
// so rob_k(δ_a^{⊗k}) = min(k/(k+1), 1 − U_k(b; δ_a))                                                  (L1)
// Over the denominator (k+1)(1+kM)(M+k): U_k(b) − 1/(k+1) = k(M−1)[1 + kM − α(k+1)(M+1)], and with
// c = 2δ(M+1)/(M−1) the bracket is ½(M−1)[k(1−c) − (1+c)]. Hence the gap to the optimum k/(k+1) is
//   g_k = max(0, k(M−1)²[k(1−c) − (1+c)] / (2(k+1)(1+kM)(M+k))),
// zero iff c ≥ 1 or k ≤ (1+c)/(1−c). Bounding (k+1)(1+kM)(M+k) ≥ k³M gives g_k ≤ (M−1)²(1−c)/(2Mk); for
// k ≥ max(M, 2(1+c)/(1−c)) the bracket is ≥ k(1−c)/2 and (k+1)(1+kM)(M+k) ≤ 8k³M, so g_k ≥ (M−1)²(1−c)/(32Mk):
// g_k = Θ((M−1)²(1−c)/(Mk)) — 1 − Θ(M/k) robustness for fixed δ and large M, against the NE's gap 0.    (L2)
import fc from 'fast-check';
import { Fraction, frac, HALF, ONE, ZERO, maxOf, minOf } from '../exact/rational.js';
import { makePolicy, makeProfile, makePrompt } from '../model/build.js';
import { parseExact, profileToJson } from '../model/codec.js';
import { InputError } from '../model/errors.js';
import { Profile, Prompt } from '../model/types.js';
import { robustness } from '../winrate/opponents.js';
import { allMaximalLotteriesOfPrompt, maximalLotterySync } from '../equilibria/maximalLottery.js';
import { DEFAULT_K_MAX, kArb } from '../instances/sizes.js';
import { field, intField, profileField, ratList } from './json.js';
import { directRobustness, lotteryWinRates, preferenceByDefinition } from './oracles.js';
import { defineClaim, eqSlack, geq, holds, kk1, minRat, profileSize, verdict } from './types.js';

// ---- the Luce two-camp instances (L1, L2, N6) ----

/** The Luce two camps of SPEC §4b: M > 1 and 0 < δ < ½, and k. */
export interface LuceCampInstance {
  readonly M: Fraction;
  readonly delta: Fraction;
  readonly k: number;
}

/** The profile: weight ½+δ with s(a) = M, s(b) = 1; weight ½−δ with s(a) = 1, s(b) = M. */
export function luceCampPrompt(M: Fraction, delta: Fraction): Prompt {
  return makePrompt(
    ['a', 'b'],
    [
      { weight: HALF.add(delta), strengths: [M, ONE] },
      { weight: HALF.sub(delta), strengths: [ONE, M] },
    ],
  );
}

export function luceCampProfile(i: { M: Fraction; delta: Fraction }): Profile {
  return makeProfile([{ weight: ONE, prompt: luceCampPrompt(i.M, i.delta) }]);
}

/**
 * M = 1 + m/d (m mostly 1..9, up to 99; d = 1 mostly, up to 3), δ = a/(2(a+b)) with a ∈ 1..20 and b ∈ 1..20 or
 * (half the draws) 1..100, so that c = 2δ(M+1)/(M−1) < 1 is frequent; k up to 32, half the draws uniform over the
 * range (the rate of L2 is about large k). Shrinks toward M = 2, δ = 1/4, k = 1.
 */
export function luceCampArb(maxK = DEFAULT_K_MAX): fc.Arbitrary<LuceCampInstance> {
  return fc
    .record({
      m: fc.oneof({ withCrossShrink: true }, { arbitrary: fc.integer({ min: 1, max: 9 }), weight: 3 }, { arbitrary: fc.integer({ min: 1, max: 99 }), weight: 1 }),
      d: fc.oneof({ withCrossShrink: true }, { arbitrary: fc.constant(1), weight: 3 }, { arbitrary: fc.integer({ min: 1, max: 3 }), weight: 1 }),
      a: fc.integer({ min: 1, max: 20 }),
      b: fc.oneof({ withCrossShrink: true }, fc.integer({ min: 1, max: 20 }), fc.integer({ min: 1, max: 100 })),
      k: fc.oneof({ withCrossShrink: true }, kArb(maxK), fc.integer({ min: 1, max: Math.max(1, maxK) })),
    })
    .map(({ m, d, a, b, k }) => ({ M: ONE.add(frac(m, d)), delta: frac(a, 2 * (a + b)), k }));
}

export const luceCampJson = (i: LuceCampInstance): Record<string, unknown> => ({
  profile: profileToJson(luceCampProfile(i)),
  M: i.M.toFraction(),
  delta: i.delta.toFraction(),
  k: i.k,
});

/** Reads {M, delta, k} (exact strings); a stored profile must be the two camps of M and δ. */
export function luceCampFromJson(json: unknown): LuceCampInstance {
  const M = parseExact(field(json, 'M'), 'instance.M');
  const delta = parseExact(field(json, 'delta'), 'instance.delta');
  if (!M.gt(ONE)) throw new InputError(`instance.M: the camps' strength ratio must be > 1, got ${M.toFraction()}`);
  if (!(delta.gt(ZERO) && delta.lt(HALF))) throw new InputError(`instance.delta: must lie strictly between 0 and 1/2, got ${delta.toFraction()}`);
  const i = { M, delta, k: intField(json, 'k') };
  const pj = (json as Record<string, unknown>).profile;
  if (pj !== undefined && JSON.stringify(profileToJson(profileField(json))) !== JSON.stringify(profileToJson(luceCampProfile(i))))
    throw new InputError('instance.profile: not the Luce two camps of M and delta (give M and delta, or the matching profile)');
  return i;
}

/** U_k(b; δ_a) = (½+δ)/(1+kM) + (½−δ)·M/(M+k) and the L1 value min(k/(k+1), 1 − U_k(b; δ_a)). */
export function luceCampValue({ M, delta, k }: LuceCampInstance): { Ub: Fraction; rob: Fraction } {
  const K = frac(k);
  const Ub = HALF.add(delta).div(ONE.add(K.mul(M))).add(HALF.sub(delta).mul(M).div(M.add(K)));
  return { Ub, rob: minOf(kk1(k), ONE.sub(Ub)) };
}

/** c = 2δ(M+1)/(M−1) of L2. */
export const campC = ({ M, delta }: { M: Fraction; delta: Fraction }): Fraction => frac(2).mul(delta).mul(M.add(ONE)).div(M.sub(ONE));

/** L2's gap formula g_k = max(0, k(M−1)²[k(1−c) − (1+c)] / (2(k+1)(1+kM)(M+k))). */
export function campGap(i: LuceCampInstance): Fraction {
  const { M, k } = i;
  const c = campC(i);
  const K = frac(k);
  const m1 = M.sub(ONE);
  const num = K.mul(m1).mul(m1).mul(K.mul(ONE.sub(c)).sub(ONE.add(c)));
  const den = frac(2 * (k + 1)).mul(ONE.add(K.mul(M))).mul(M.add(K));
  return maxOf(ZERO, num.div(den));
}

/** The maximal lottery of `nash` on the two camps, checked by definition (and every extreme one, nash --all). */
export interface CampLotteryEvidence {
  readonly lottery: readonly Fraction[];
  readonly all: readonly (readonly Fraction[])[];
  /** min_z P(π ≻ z) by definition (≥ ½ iff a maximal lottery), and P(a ≻ b) by definition. */
  readonly minWinRate: Fraction;
  readonly pAB: Fraction;
}

export function campLottery(profile: Profile): CampLotteryEvidence {
  const prompt = profile.prompts[0].prompt;
  const lottery = maximalLotterySync(profile).prompts[0].probs;
  return {
    lottery,
    all: allMaximalLotteriesOfPrompt(prompt),
    minWinRate: lotteryWinRates(prompt, lottery).reduce((a, b) => minOf(a, b)),
    pAB: preferenceByDefinition(prompt, 0, 1),
  };
}

const isDeltaA = (p: readonly Fraction[]) => p.length === 2 && p[0].equals(ONE) && p[1].equals(ZERO);

/** rob_k(δ_a^{⊗k}) by `robustness` (the power recurrence of winrate/luce.ts) and by convolution (oracles). */
export function campRobustness(profile: Profile, k: number): { robustness: Fraction; robustnessDirect: Fraction } {
  const policy = makePolicy([[ONE, ZERO]]);
  return {
    robustness: robustness(profile, policy, { k, rule: 'uniform' }).robustness,
    robustnessDirect: directRobustness(profile, [{ kind: 'product', k, probs: [ONE, ZERO] }], 'uniform').robustness,
  };
}

/** What L1 and N6 compare on a two-camp instance: the maximal lottery by definition, rob_k twice. */
export function campEvidence(i: LuceCampInstance): CampLotteryEvidence & { robustness: Fraction; robustnessDirect: Fraction } {
  const profile = luceCampProfile(i);
  return { ...campLottery(profile), ...campRobustness(profile, i.k) };
}

// ---- L1 ----

export interface L1Evidence extends CampLotteryEvidence {
  readonly robustness: Fraction;
  readonly robustnessDirect: Fraction;
}

export const L1 = defineClaim<LuceCampInstance, L1Evidence>({
  id: 'L1',
  title: "NLHF's product on Luce two camps",
  statement:
    'On the Luce two camps (weight ½+δ with s(a) = M, s(b) = 1; weight ½−δ with s(a) = 1, s(b) = M; M > 1, 0 < δ < ½) the unique maximal lottery is δ_a, and for every k ≥ 1: rob_k(δ_a^{⊗k}) = min(k/(k+1), 1 − (½+δ)/(1+kM) − (½−δ)·M/(M+k)).',
  latex: '\\mathrm{rob}_k(\\delta_a^{\\otimes k}) = \\min\\bigl(\\tfrac{k}{k+1},\\ 1 - \\tfrac{1/2+\\delta}{1+kM} - \\tfrac{(1/2-\\delta)M}{M+k}\\bigr)',
  rule: 'Luce',
  expect: 'holds',
  compares:
    'the maximal lottery (nash, nash --all) checked by definition; rob_k by robustness (the power recurrence of luce.ts) and by the strength sums by convolution, against the closed form',
  defaultRuns: 300,
  arbitrary: (o = {}) => luceCampArb(o.maxK),
  evidence: campEvidence,
  judge(i, e) {
    const { rob } = luceCampValue(i);
    const parts = [
      holds(isDeltaA(e.lottery) && e.all.length === 1 && isDeltaA(e.all[0])),
      geq(e.minWinRate, HALF),
      holds(e.pAB.gt(HALF)),
      eqSlack(e.robustness, rob),
      eqSlack(e.robustnessDirect, e.robustness),
    ];
    return verdict(minRat(parts), {
      maximalLottery: ratList(e.lottery),
      maximalLotteries: e.all.map(ratList),
      P_ab: e.pAB.toFraction(),
      robustness: e.robustness.toFraction(),
      formula: rob.toFraction(),
    });
  },
  size: (i) => profileSize(luceCampProfile(i), i.k),
  toJson: luceCampJson,
  fromJson: luceCampFromJson,
});

// ---- L2 ----

export interface L2Evidence {
  readonly robustness: Fraction;
  readonly robustnessDirect: Fraction;
}

export const L2 = defineClaim<LuceCampInstance, L2Evidence>({
  id: 'L2',
  title: "NLHF's gap on Luce two camps is Θ(M/k)",
  statement:
    "On the Luce two camps (L1), with c = 2δ(M+1)/(M−1), NLHF's gap to the optimum g_k = k/(k+1) − rob_k(δ_a^{⊗k}) equals max(0, k(M−1)²[k(1−c) − (1+c)] / (2(k+1)(1+kM)(M+k))): it is 0 iff c ≥ 1 or k ≤ (1+c)/(1−c) (δ_a is then a symmetric NE of G_{k+1}); g_k ≤ max(0, (M−1)²(1−c)/(2Mk)) for every k; and g_k ≥ (M−1)²(1−c)/(32Mk) when c < 1 and k ≥ max(M, 2(1+c)/(1−c)). So rob_k(δ_a^{⊗k}) → 1, but k/(k+1) − rob_k = Θ((M−1)²(1−c)/(Mk)): 1 − Θ(M/k) for fixed δ and large M.",
  latex:
    'g_k = \\max\\Bigl(0, \\tfrac{k(M-1)^2[k(1-c)-(1+c)]}{2(k+1)(1+kM)(M+k)}\\Bigr),\\ \\tfrac{(M-1)^2(1-c)}{32Mk} \\le g_k \\le \\tfrac{(M-1)^2(1-c)}{2Mk}',
  rule: 'Luce',
  expect: 'holds',
  compares: 'rob_k by robustness (the power recurrence of luce.ts) and by the strength sums by convolution, against the gap formula, its threshold and its bounds',
  defaultRuns: 300,
  arbitrary: (o = {}) => luceCampArb(o.maxK),
  evidence(i) {
    return campRobustness(luceCampProfile(i), i.k);
  },
  judge(i, e) {
    const { M, k } = i;
    const c = campC(i);
    const gap = kk1(k).sub(e.robustness);
    const formula = campGap(i);
    const K = frac(k);
    const zeroByThreshold = c.gte(ONE) || K.lte(ONE.add(c).div(ONE.sub(c)));
    const m1sq = M.sub(ONE).mul(M.sub(ONE));
    const upper = maxOf(ZERO, m1sq.mul(ONE.sub(c)).div(frac(2).mul(M).mul(K)));
    const lowerApplies = c.lt(ONE) && K.gte(M) && K.gte(frac(2).mul(ONE.add(c)).div(ONE.sub(c)));
    const lower = m1sq.mul(ONE.sub(c)).div(frac(32).mul(M).mul(K));
    const parts = [eqSlack(e.robustnessDirect, e.robustness), eqSlack(gap, formula), holds(gap.equals(ZERO) === zeroByThreshold), geq(upper, gap)];
    if (lowerApplies) parts.push(geq(gap, lower));
    return verdict(minRat(parts), {
      c: c.toFraction(),
      robustness: e.robustness.toFraction(),
      gap: gap.toFraction(),
      formula: formula.toFraction(),
      upperBound: upper.toFraction(),
      lowerBound: lowerApplies ? lower.toFraction() : null,
    });
  },
  size: (i) => profileSize(luceCampProfile(i), i.k),
  toJson: luceCampJson,
  fromJson: luceCampFromJson,
});
