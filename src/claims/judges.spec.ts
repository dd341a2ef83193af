// Who checks the checker: every claim's judge is fed its own evidence (accepted) and that evidence with one
// part perturbed (rejected — unless the perturbed evidence is still consistent, which each case rules out).
// Negative controls: a second opinion that disagrees is an error (thrown), never a refutation. Pinned verdicts last.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { Fraction, frac, HALF, ONE, ZERO, minOf, signOf } from '../exact/rational.js';
import { CertificateError } from '../model/errors.js';
import { Claim, kk1 } from './types.js';
import { T0 } from './t0.js';
import { T1 } from './t1.js';
import { T2 } from './t2.js';
import { T3 } from './t3.js';
import { T4 } from './t4.js';
import { T5 } from './t5.js';
import { T6 } from './t6.js';
import { T7 } from './t7.js';
import { T8 } from './t8.js';
import { T9 } from './t9.js';
import { N1, N2, N3, N4, N5, N6 } from './negative.js';
import { L1, L2, campGap } from './luceCamps.js';
import { L3, L4 } from './luce.js';
import { SEED } from '../../test/helpers/fc.js';
import { CLAIMS } from './registry.js';
import { loadGlpk } from '../lp/glpk.js';

// as in verify's threads: T3's evidence then carries V_k by glpk.js + the exact certificate
beforeAll(() => loadGlpk());

const D = frac(1, 1009);
const up = (x: Fraction) => x.add(D);
const down = (x: Fraction) => x.sub(D);
const set = <T>(xs: readonly T[], i: number, v: T): T[] => xs.map((x, j) => (j === i ? v : x));

/** Instances of a claim (small k, fixed seed) with their evidence. */
function cases<I, E>(claim: Claim<I, E>, runs: number, maxK = 5): { i: I; e: E }[] {
  return fc.sample(claim.arbitrary({ maxK }), { seed: SEED, numRuns: runs }).map((i) => ({ i, e: claim.evidence(i) }));
}

/** The judge accepts the true evidence and rejects every perturbation. */
function rejectsAll<I, E>(claim: Claim<I, E>, runs: number, perturb: (i: I, e: E) => [string, E][], maxK?: number): void {
  it(`${claim.id}: the judge accepts its evidence and rejects every perturbed one`, () => {
    let perturbed = 0;
    for (const { i, e } of cases(claim, runs, maxK)) {
      expect(claim.judge(i, e).ok).toBe(true);
      for (const [name, bad] of perturb(i, e)) {
        perturbed++;
        expect(claim.judge(i, bad).ok, `${claim.id}: ${name} on ${JSON.stringify(claim.toJson(i))}`).toBe(false);
      }
    }
    expect(perturbed).toBeGreaterThan(runs);
  });
}

describe('positive claims: judges reject wrong evidence', () => {
  rejectsAll(T0, 20, (i, e) => {
    const out: [string, typeof e][] = [];
    e.prompts.forEach((p, x) => {
      const y = i.policy.perPrompt[x].findIndex((v) => signOf(v) > 0);
      const pr = (q: typeof p) => ({ prompts: set(e.prompts, x, q) });
      out.push([`closed[${y}] up`, pr({ ...p, closed: set(p.closed, y, up(p.closed[y])) })]);
      out.push([`direct[${y}] down`, pr({ ...p, direct: set(p.direct, y, down(p.direct[y])) })]);
      // both computations wrong alike on a response π plays: the sum is off
      out.push([`both[${y}] up`, pr({ closed: set(p.closed, y, up(p.closed[y])), direct: set(p.direct, y, up(p.direct[y])) })]);
      // a response π does not play: the sums still hold, the two computations disagree
      const z = p.closed.length - 1;
      out.push([`closed[${z}] up`, pr({ ...p, closed: set(p.closed, z, up(p.closed[z])) })]);
    });
    return out;
  });

  rejectsAll(T1, 20, (i, e) => [
    ['robustness above k/(k+1)', { ...e, robustness: up(kk1(i.k)), copying: up(kk1(i.k)) }],
    ['copying opponent off', { ...e, copying: up(e.copying) }],
    ['copying opponent below', { ...e, copying: down(e.copying) }],
    ['robustness above the copier', { ...e, robustness: up(e.copying) }],
  ]);

  rejectsAll(T2, 20, (i, e) => {
    const out: [string, typeof e][] = [
      ['epsilon up', { ...e, epsilon: up(e.epsilon) }],
      ['epsilon down', { ...e, epsilon: down(e.epsilon) }],
      ['robDirect down', { ...e, robDirect: down(e.robDirect) }],
      ['robCli up', { ...e, robCli: up(e.robCli) }],
      ['robMwtDirect below the bound', { ...e, robMwtDirect: down(kk1(i.k).sub(e.epsilon)), robMwtCli: down(kk1(i.k).sub(e.epsilon)) }],
      ['robMwtCli off', { ...e, robMwtCli: up(e.robMwtCli) }],
      ['robMwtDirect off', { ...e, robMwtDirect: up(e.robMwtDirect) }],
    ];
    if (e.robExplicit !== null) out.push(['robExplicit off', { ...e, robExplicit: up(e.robExplicit) }]);
    return out;
  });

  rejectsAll(T3, 12, (i, e) => {
    const out: [string, typeof e][] = [
      ['value up', { ...e, value: up(e.value) }],
      ['V_k by the pricing search up', { ...e, pricedValue: up(e.pricedValue) }],
      ['V_k by the pricing search down', { ...e, pricedValue: down(e.pricedValue) }],
    ];
    e.prompts.forEach((p, x) => {
      const pr = (q: typeof p) => ({ ...e, prompts: set(e.prompts, x, q) });
      out.push([`prompt ${x} value down`, pr({ ...p, value: down(p.value) })]);
      out.push([`prompt ${x} model guarantee down`, pr({ ...p, modelValue: down(p.modelValue) })]);
      out.push([`prompt ${x} q not a distribution`, pr({ ...p, qIsDistribution: false })]);
      if (p.opponentValue !== null) out.push([`prompt ${x} opponent bound up`, pr({ ...p, opponentValue: up(p.opponentValue) })]);
      if (p.fullLP !== null) out.push([`prompt ${x} full LP up`, pr({ ...p, fullLP: up(p.fullLP) })]);
    });
    // glpk.js is loaded (beforeAll): V_k by glpk.js + the exact certificate is present and must agree
    expect(e.glpkValue).not.toBeNull();
    out.push(['V_k by glpk.js up', { ...e, glpkValue: up(e.glpkValue!) }], ['V_k by glpk.js down', { ...e, glpkValue: down(e.glpkValue!) }]);
    // every computation agreeing on a value below k/(k+1)
    const low = down(kk1(i.k));
    const lowered = e.prompts.map((p) => ({ ...p, value: low, modelValue: low, opponentValue: p.opponentValue && low, fullLP: p.fullLP && low }));
    out.push(['V_k below k/(k+1) everywhere', { ...e, value: low, glpkValue: low, pricedValue: low, prompts: lowered }]);
    return out;
  });

  rejectsAll(T4, 25, (i, e) => {
    const out: [string, typeof e][] = [
      ['robustness up', { ...e, robustness: up(e.robustness) }],
      ['robustness down', { ...e, robustness: down(e.robustness) }],
    ];
    e.prompts.forEach((p, x) => {
      const pr = (q: typeof p) => ({ ...e, prompts: set(e.prompts, x, q) });
      // the formula uses min(k/(k+1), minShare): a share above k/(k+1) may move without effect
      if (p.minShare.lt(kk1(i.k))) out.push([`prompt ${x} min share down`, pr({ ...p, minShare: down(p.minShare) })]);
      out.push([`prompt ${x} Condorcet by definition flipped`, pr({ ...p, condorcetByDefinition: !p.condorcetByDefinition })]);
      if (p.condorcetByDefinition) {
        const n = p.maximalLottery!.length;
        if (n > 1) out.push([`prompt ${x} maximal lottery not δ_c`, pr({ ...p, maximalLottery: p.maximalLottery!.map(() => frac(1, n)) })]);
        out.push([`prompt ${x} maximal lottery below ½`, pr({ ...p, mlMinWinRate: down(HALF) })]);
        if (p.allMaximalLotteries !== null) out.push([`prompt ${x} two maximal lotteries`, pr({ ...p, allMaximalLotteries: [...p.allMaximalLotteries, ...p.allMaximalLotteries] })]);
      }
    });
    return out;
  });

  rejectsAll(T5, 20, (_i, e) => {
    const out: [string, typeof e][] = [
      ['robDirect up', { ...e, robDirect: up(e.robDirect) }],
      ['regret up', { ...e, regrets: set(e.regrets, 0, up(e.regrets[0])) }],
      ['the Hedge-bound predicate flipped', { ...e, predicate: set(e.predicate, 0, !e.predicate[0]) }],
      ['a predicate missing', { ...e, predicate: e.predicate.slice(1) }],
      ['ln n bound 2^−40 too large', { ...e, lnUpper: set(e.lnUpper, 0, e.lnUpper[0].add(frac(1n, 1n << 40n))) }],
      ['an ln n bound missing', { ...e, lnUpper: e.lnUpper.slice(1) }],
    ];
    if (e.robExplicit !== null) out.push(['robExplicit off', { ...e, robExplicit: down(e.robExplicit) }]);
    const sp = e.selfPlay;
    if (sp !== null) {
      out.push(['selfPlay regret off', { ...e, selfPlay: { ...sp, regret: up(sp.regret) } }]);
      out.push(['selfPlay robustness off', { ...e, selfPlay: { ...sp, robustness: down(sp.robustness) } }]);
      out.push(['selfPlay identity false', { ...e, selfPlay: { ...sp, identity: false } }]);
      out.push(['selfPlay iterates differ', { ...e, selfPlay: { ...sp, reproduced: false } }]);
      out.push(['selfPlay Hedge verdict flipped', { ...e, selfPlay: { ...sp, hedgeBound: !sp.hedgeBound } }]);
      const x = e.regrets.findIndex((r) => signOf(r) > 0);
      if (x >= 0) out.push(['ln n bound too small', { ...e, lnUpper: set(e.lnUpper, x, ZERO) }]);
    }
    return out;
  });

  rejectsAll(T6, 25, (i, e) => {
    const bound = frac(i.k + 1 - i.ell, i.k + 1).sub(e.epsilon.mul(frac(i.ell)));
    const out: [string, typeof e][] = [
      ['epsilon up', { ...e, epsilon: up(e.epsilon) }],
      ['robDirect1 off', { ...e, robDirect1: down(e.robDirect1) }],
      [
        'robustness below the bound',
        { ...e, robustness: down(bound), robOfSearchOpponent: e.robOfSearchOpponent && down(bound), robEnumerated: e.robEnumerated && down(bound), robDirectEnumerated: e.robDirectEnumerated && down(bound) },
      ],
    ];
    if (e.robDirectEnumerated !== null) {
      out.push(['a too weak search (Luce types, any k)', { ...e, robustness: up(e.robustness) }]);
      out.push(['the direct enumeration off', { ...e, robDirectEnumerated: down(e.robDirectEnumerated) }]);
    }
    if (i.ell === 1) out.push(['robustness off at ℓ = 1', { ...e, robustness: up(e.robustness) }]);
    if (e.robEnumerated !== null) {
      out.push(['a too weak search', { ...e, robustness: up(e.robustness), robOfSearchOpponent: up(e.robustness) }]);
      out.push(['a multiset that does not score what it claims', { ...e, robOfSearchOpponent: up(e.robOfSearchOpponent!) }]);
    }
    if (e.modelEnumerated !== null) out.push(["a too weak search for the model's opponent", { ...e, modelRobustness: up(e.modelRobustness) }]);
    if (e.topWinRate !== null) {
      const cap = frac(i.k, i.k + i.ell);
      out.push(['top opponent above the cap', { ...e, topWinRate: up(cap) }]);
      out.push(['model above the top opponent', { ...e, modelRobustness: up(e.topWinRate) }]);
    }
    return out;
  });

  rejectsAll(T7, 15, (_i, e) => {
    const out: [string, typeof e][] = [
      ['WR uniform off', { ...e, wrUniform: up(e.wrUniform) }],
      ['WR pairwise off', { ...e, wrPairwise: down(e.wrPairwise) }],
      ['P off', { ...e, P: up(e.P) }],
      ['P by definition off', { ...e, PDefinition: up(e.PDefinition) }],
      ['V_1 off', { ...e, V1: up(e.V1) }],
    ];
    e.prompts.forEach((p, x) => {
      const pr = (q: typeof p) => ({ ...e, prompts: set(e.prompts, x, q) });
      const isML = p.policy.winRates.reduce((a, b) => minOf(a, b)).gte(HALF);
      out.push([`prompt ${x}: NE and ML disagree`, pr({ ...p, policy: { ...p.policy, epsilon: isML ? D : ZERO } })]);
      out.push([`prompt ${x}: the maximal lottery exploitable`, pr({ ...p, maximalLottery: { ...p.maximalLottery, epsilon: D } })]);
      const zi = p.maximalLottery.winRates.length - 1;
      out.push([
        `prompt ${x}: the maximal lottery loses to a response`,
        pr({ ...p, maximalLottery: { ...p.maximalLottery, winRates: set(p.maximalLottery.winRates, zi, down(HALF)) }, reportedWinRates: set(p.reportedWinRates, zi, down(HALF)) }),
      ]);
      out.push([`prompt ${x}: reported win rates off`, pr({ ...p, reportedWinRates: set(p.reportedWinRates, 0, up(p.reportedWinRates[0])) })]);
      // a report that agrees on every response it lists but misses the last one
      out.push([`prompt ${x}: reported win rates one short`, pr({ ...p, reportedWinRates: p.reportedWinRates.slice(0, -1) })]);
      out.push([`prompt ${x}: the double oracle's lottery exploitable`, pr({ ...p, doubleOracle: { ...p.doubleOracle, epsilon: D } })]);
      out.push([
        `prompt ${x}: the double oracle's lottery loses to a response`,
        pr({ ...p, doubleOracle: { ...p.doubleOracle, winRates: set(p.doubleOracle.winRates, zi, down(HALF)) }, doubleOracleWinRates: set(p.doubleOracleWinRates, zi, down(HALF)) }),
      ]);
      out.push([`prompt ${x}: the double oracle's reported win rates off`, pr({ ...p, doubleOracleWinRates: set(p.doubleOracleWinRates, zi, down(p.doubleOracleWinRates[zi])) })]);
      out.push([`prompt ${x}: the double oracle's reported win rates one short`, pr({ ...p, doubleOracleWinRates: p.doubleOracleWinRates.slice(0, -1) })]);
      // a Condorcet winner missed, or one where there is none, by either report
      const other = p.condorcet.definition === null ? 0 : null;
      out.push([`prompt ${x}: Condorcet winner reported wrongly`, pr({ ...p, condorcet: { ...p.condorcet, reported: other } })]);
      out.push([`prompt ${x}: Condorcet winner wrong by the double oracle`, pr({ ...p, condorcet: { ...p.condorcet, doubleOracle: other } })]);
      if (p.all !== null) {
        out.push([`prompt ${x}: no maximal lottery listed`, pr({ ...p, all: [] })]);
        out.push([`prompt ${x}: a listed lottery exploitable`, pr({ ...p, all: set(p.all, 0, { ...p.all[0], epsilon: D }) })]);
      }
    });
    return out;
  });

  rejectsAll(T8, 20, (_i, e) => {
    const out: [string, typeof e][] = [];
    e.prompts.forEach((p, x) => {
      const y = p.uniform.kernel.length - 1;
      const pr = (q: typeof p) => ({ prompts: set(e.prompts, x, q) });
      for (const rule of ['uniform', 'model-wins-ties', 'pairwise'] as const) {
        out.push([`${rule} kernel off`, pr({ ...p, [rule]: { ...p[rule], kernel: set(p[rule].kernel, y, up(p[rule].kernel[y])) } })]);
        out.push([`${rule} second opinion off`, pr({ ...p, [rule]: { ...p[rule], second: set(p[rule].second, y, down(p[rule].second[y])) } })]);
      }
      // both computations agreeing on a wrong order
      const mwt = p['model-wins-ties'].kernel[y];
      const uBelow = down(mwt);
      out.push(['uniform below model-wins-ties', pr({ ...p, uniform: { kernel: set(p.uniform.kernel, y, uBelow), second: set(p.uniform.second, y, uBelow) } })]);
      const pw = down(p.uniform.kernel[y]);
      out.push(['pairwise below uniform', pr({ ...p, pairwise: { kernel: set(p.pairwise.kernel, y, pw), second: set(p.pairwise.second, y, pw) } })]);
    });
    return out;
  });

  rejectsAll(T9, 40, (i, e) => {
    const out: [string, typeof e][] = [];
    e.prompts.forEach((p, x) => {
      const pr = (q: typeof p) => ({ ...e, prompts: set(e.prompts, x, q) });
      const y = p.support[0];
      out.push(['"target met" contradicting ε', pr({ ...p, targetMet: !p.targetMet })]);
      p.moved.forEach((m, j) => {
        const mb = m.box;
        if (mb === null) return;
        const put = (q: typeof m) => pr({ ...p, moved: set(p.moved, j, q) });
        const far = p.probs.map((v, z) => (p.support.includes(z) ? v.add(1) : v));
        if (p.lotteries !== null) out.push([`moved box ${m.shift} away from the lottery`, put({ ...m, box: { ...mb, lo: far, hi: far.map((v) => v.add(1)) } })]);
        if (m.ends !== null) {
          const [a, c] = p.support;
          const same = m.ends[0].map((u, z) => (z === a ? m.ends![0][c].add(1) : u));
          out.push([`moved box ${m.shift}: no sign change`, put({ ...m, ends: [same, same] })]);
        }
        const off = p.probs.findIndex((_, z) => !p.support.includes(z));
        if (off >= 0) out.push([`moved box ${m.shift} not [0, 0] off the support`, put({ ...m, box: { ...mb, hi: set(mb.hi, off, D) } })]);
      });
      if (!p.clones && (p.probs.length === 1 || i.k === 1 || p.pure !== null)) out.push(['found by another method', pr({ ...p, method: 'newton' })]);
      out.push(['ε not ε(π) by the direct expectation', pr({ ...p, epsilon: p.epsilon.add(frac(1n, 10n ** 40n)) })]);
      out.push(['the target missed, and said so', pr({ ...p, epsilon: D, epsilonDirect: D, targetMet: false, pure: null })]);
      // an exact NE is known to exist: ε must be 0; else any ε ≥ 0 passes, so name one
      if (i.k === 1 || p.pure !== null) out.push(['ε > 0 where an exact NE exists', pr({ ...p, epsilon: D, targetMet: false })]);
      else out.push(['ε > 0 where a pure NE exists', pr({ ...p, epsilon: D, targetMet: false, pure: 0 })]);
      const off = p.probs.findIndex((_, z) => !p.support.includes(z));
      const b = p.box;
      if (b !== null) {
        out.push([`box misses π(${y}) from below`, pr({ ...p, box: { ...b, lo: set(b.lo, y, up(p.probs[y])) } })]);
        out.push([`box misses π(${y}) from above`, pr({ ...p, box: { ...b, hi: set(b.hi, y, down(p.probs[y])) } })]);
        if (off >= 0) out.push([`box not [0, 0] off the support`, pr({ ...p, box: { ...b, hi: set(b.hi, off, D) } })]);
        out.push(['a box for clone responses', pr({ ...p, clones: true })]);
      } else if (p.clones) out.push(['a box for clone responses', pr({ ...p, box: { lo: p.probs, hi: p.probs, radius: ZERO } })]);
      if (p.lotteries !== null && !p.clones) {
        if (b !== null) {
          out.push(['a box although the maximal lottery is not unique', pr({ ...p, lotteries: [...p.lotteries, p.lotteries[0]] })]);
          out.push(['the box is not the maximal lottery', pr({ ...p, lotteries: [set(p.lotteries[0], y, up(p.lotteries[0][y]))] })]);
          if (off >= 0) out.push(['a box although an off-support response is at ½', pr({ ...p, lotteryWinRates: set(p.lotteryWinRates!, off, HALF) })]);
        } else if (p.lotteries.length === 1) out.push(['no box for a unique strict maximal lottery', pr({ ...p, lotteryWinRates: p.lotteryWinRates!.map((w, z) => (p.support.includes(z) ? w : up(HALF))), boxReason: 'x' })]);
      }
      if (p.pointScores !== null) {
        out.push([`point box: U_k(${y}) above 1/(k+1)`, pr({ ...p, pointScores: set(p.pointScores, y, up(p.pointScores[y])) })]);
        if (off >= 0) out.push([`point box: off-support at 1/(k+1)`, pr({ ...p, pointScores: set(p.pointScores, off, p.pointScores[y]) })]);
      }
      if (p.ends !== null) {
        const [a, c] = p.support;
        // no sign change between the ends: both ends as the lower one, when it is not a zero
        if (!p.ends[0][a].equals(p.ends[0][c])) out.push(['no sign change across the box', pr({ ...p, ends: [p.ends[0], p.ends[0]] })]);
        if (off >= 0) out.push(['off-support response reaches 1/(k+1) on the box', pr({ ...p, ends: [set(p.ends[0], off, p.ends[0][a]), p.ends[1]] })]);
      }
      if (p.clones) out.push(['clone responses not named', pr({ ...p, boxReason: 'not isolated: clone responses make the equilibria a continuum' })]);
    });
    out.push(
      ['ε of the whole off', { ...e, epsilon: e.epsilon.add(D) }],
      ['robustness of the whole off', { ...e, robustness: e.robustness.sub(D) }],
      ['target flag of the whole flipped', { ...e, targetMet: !e.targetMet }],
      ['a target past maxBits accepted', { ...e, refusals: [null, e.refusals[1]] }],
      ['another bit count in the refusal', { ...e, refusals: [e.refusals[0]!.replace(/about (\d+)/, (_, b) => `about ${Number(b) + 1}`), e.refusals[1]] }],
      ['a support threshold of 2 accepted', { ...e, refusals: [e.refusals[0], null] }],
      ['a refusal missing', { ...e, refusals: e.refusals.slice(1) }],
    );
    return out;
  });
});

describe('Luce claims (SPEC §4b): judges reject wrong evidence', () => {
  it('the generators of L1–L4 draw some k ≥ 2 and (L1, L2) both signs of the gap', () => {
    const gaps = cases(L2, 40, 32).map(({ i }) => campGap(i));
    expect(gaps.some((g) => signOf(g) > 0) && gaps.some((g) => signOf(g) === 0)).toBe(true);
  });

  rejectsAll(L1, 25, (_i, e) => [
    ['robustness up', { ...e, robustness: up(e.robustness), robustnessDirect: up(e.robustnessDirect) }],
    ['robustness down', { ...e, robustness: down(e.robustness) }],
    ['the convolution off', { ...e, robustnessDirect: up(e.robustnessDirect) }],
    ['the maximal lottery uniform', { ...e, lottery: [HALF, HALF] }],
    ['the maximal lottery δ_b', { ...e, lottery: [ZERO, ONE] }],
    // not δ_a although one coordinate looks like it: a third entry, a second mass, a missing one
    ['the maximal lottery (1, 0, 0)', { ...e, lottery: [ONE, ZERO, ZERO] }],
    ['the maximal lottery (1, 1)', { ...e, lottery: [ONE, ONE] }],
    ['the maximal lottery (1/2, 0)', { ...e, lottery: [HALF, ZERO] }],
    ['the only extreme lottery (1, 1)', { ...e, all: [[ONE, ONE]] }],
    ['two maximal lotteries', { ...e, all: [...e.all, [HALF, HALF]] }],
    ['the lottery loses to a response by definition', { ...e, minWinRate: down(HALF) }],
    ['a is no Condorcet winner by definition', { ...e, pAB: HALF }],
  ]);

  rejectsAll(
    L2,
    25,
    (_i, e) => [
      ['robustness up (both)', { robustness: up(e.robustness), robustnessDirect: up(e.robustness) }],
      ['robustness down (both)', { robustness: down(e.robustness), robustnessDirect: down(e.robustness) }],
      ['the convolution off', { ...e, robustnessDirect: down(e.robustnessDirect) }],
    ],
    32,
  );

  rejectsAll(L3, 25, (i, e) => {
    const out: [string, typeof e][] = [
      ['robustness up (both)', { ...e, robustness: up(e.robustness), robustnessDirect: up(e.robustness) }],
      ['the direct expectation off', { ...e, robustnessDirect: down(e.robustnessDirect) }],
    ];
    e.minTerms.forEach((m, x) => {
      // the formula uses min(k/(k+1), term): a term above k/(k+1) may move without effect
      if (m.lt(kk1(i.k))) out.push([`prompt ${x} term down`, { ...e, minTerms: set(e.minTerms, x, down(m)) }]);
    });
    return out;
  });

  rejectsAll(L4, 20, (_i, e) => {
    const out: [string, typeof e][] = [];
    e.prompts.forEach((p, x) => {
      const pr = (q: typeof p) => ({ prompts: set(e.prompts, x, q) });
      const y = p.epsilon.length - 1;
      out.push([`prompt ${x}: ε(δ_${y}) up`, pr({ ...p, epsilon: set(p.epsilon, y, up(p.epsilon[y])) })]);
      out.push([`prompt ${x}: the convolution off`, pr({ ...p, epsilonDirect: set(p.epsilonDirect, y, down(p.epsilonDirect[y])) })]);
      // both computations agreeing on a wrong value: 0 for a response that is not the strongest, or D for one that is
      const z = p.epsilon.findIndex((v) => signOf(v) > 0);
      if (z >= 0) out.push([`prompt ${x}: a weaker response made an NE`, pr({ epsilon: set(p.epsilon, z, ZERO), epsilonDirect: set(p.epsilonDirect, z, ZERO) })]);
      const t = p.epsilon.findIndex((v) => signOf(v) === 0);
      out.push([`prompt ${x}: the strongest response exploitable`, pr({ epsilon: set(p.epsilon, t, D), epsilonDirect: set(p.epsilonDirect, t, D) })]);
    });
    return out;
  });
});

describe('positive claims: crafted wrong evidence the generic perturbations do not reach', () => {
  // every computation moved to v, glpk.js's V_k included (it is present: glpk.js is loaded above)
  const lift = <E extends { value: Fraction; glpkValue: Fraction | null; prompts: readonly { value: Fraction; modelValue: Fraction; opponentValue: Fraction | null; fullLP: Fraction | null }[] }>(e: E, v: Fraction): E => ({
    ...e,
    value: v,
    glpkValue: e.glpkValue && v,
    pricedValue: v,
    prompts: e.prompts.map((p) => ({ ...p, value: v, modelValue: v, opponentValue: p.opponentValue && v, fullLP: p.fullLP && v })),
  });

  it('T3: every computation agreeing on V_k above k/(k+1) on a unanimous prompt (SPEC T3: V_k = k/(k+1) there)', () => {
    const i = T3.fromJson({ profile: { responses: ['a', 'b'], users: [{ weight: '1', ranking: [['a'], ['b']] }] }, k: 2 });
    const e = T3.evidence(i);
    expect(T3.judge(i, e).ok).toBe(true);
    // V_k by glpk.js with every master LP certified: the cross-check really took glpk.js's path
    expect([e.glpkValue?.toFraction(), e.glpkLPs > 0]).toStrictEqual(['2/3', true]);
    // V_k with the pricing search forced: the pruned search ran (2 nodes; enumerating the 3 multisets visits 9)
    expect([e.pricedValue.toFraction(), e.pricingNodes]).toStrictEqual(['2/3', 2]);
    // V_k ≥ k/(k+1) and every certificate agree: only the unanimous value 2/3 is off
    expect(T3.judge(i, lift(e, up(kk1(2)))).slack.equals(D.neg())).toBe(true);
  });

  it('T3: every computation agreeing on V_2 = 2/3 on impartial culture with N = k = 2 (the formula gives 3/4)', () => {
    // opposite voters on {a, b} are impartial culture with N = 2; 2/3 passes V_k ≥ k/(k+1), not the formula
    const i = T3.fromJson({ profile: { responses: ['a', 'b'], users: [{ weight: '1', ranking: [['a'], ['b']] }, { weight: '1', ranking: [['b'], ['a']] }] }, k: 2 });
    const e = T3.evidence(i);
    expect(T3.judge(i, e).ok).toBe(true);
    expect(T3.judge(i, lift(e, kk1(2))).slack.equals(frac(-1, 12))).toBe(true);
  });

  it('T4: a maximal lottery δ_c reported as δ_z, z ≠ c, on three responses (it agrees with δ_c on the third)', () => {
    const i = T4.fromJson({ profile: { responses: ['a', 'b', 'c'], users: [{ weight: '1', ranking: [['a'], ['b'], ['c']] }] }, k: 1, c: 'a' });
    const e = T4.evidence(i);
    expect(T4.judge(i, e).ok).toBe(true);
    const [p] = e.prompts;
    expect(T4.judge(i, { ...e, prompts: [{ ...p, maximalLottery: [ZERO, ZERO, ONE] }] }).ok).toBe(false);
    expect(T4.judge(i, { ...e, prompts: [{ ...p, allMaximalLotteries: [[ZERO, ZERO, ONE]] }] }).ok).toBe(false);
  });
});

/** Negative controls: the verdict follows the evidence both ways; a disagreeing second opinion throws. */
describe('negative controls: judges refute only on agreeing evidence', () => {
  const throwsCert = (f: () => unknown) => expect(f).toThrow(CertificateError);

  it('N1, N4: rob ≥ k/(k+1) − ℓε decided exactly; a second opinion that disagrees is an error', () => {
    for (const [claim, ell] of [
      [N1, 1],
      [N4, 2],
    ] as const)
      for (const { i, e } of cases(claim, 10)) {
        const bound = kk1(i.k).sub(e.epsilon.mul(frac(ell)));
        const at = (r: Fraction) => ({ ...e, robustness: r, second: e.second && r });
        expect(claim.judge(i, at(bound)).ok).toBe(true);
        expect(claim.judge(i, at(bound)).slack.equals(ZERO)).toBe(true);
        expect(claim.judge(i, at(down(bound))).ok).toBe(false);
        expect(claim.judge(i, at(down(bound))).slack.equals(D.neg())).toBe(true);
        if (e.second !== null) throwsCert(() => claim.judge(i, { ...e, second: up(e.second!) }));
      }
  });

  it('N2: rob_3 ≥ 3/4 − 1/100 decided exactly; not a maximal lottery by definition, or rob disagreeing, is an error', () => {
    const f = frac(3, 4).sub(frac(1, 100));
    for (const { i, e } of cases(N2, 10)) {
      expect(N2.judge(i, { ...e, robustness: f, robustnessDirect: f }).ok).toBe(true);
      expect(N2.judge(i, { ...e, robustness: down(f), robustnessDirect: down(f) }).ok).toBe(false);
      throwsCert(() => N2.judge(i, { ...e, robustnessDirect: up(e.robustness) }));
      throwsCert(() => N2.judge(i, { ...e, minWinRates: set(e.minWinRates, 0, down(HALF)) }));
    }
  });

  it('N3: V_k ≥ k/(k+1) + 1/100 decided exactly; a certificate that disagrees is an error', () => {
    for (const { i, e } of cases(N3, 10)) {
      const f = kk1(i.k).add(frac(1, 100));
      expect(N3.judge(i, { ...e, value: f }).ok).toBe(true);
      expect(N3.judge(i, { ...e, value: down(f) }).ok).toBe(false);
      const p = e.prompts[0];
      throwsCert(() => N3.judge(i, { ...e, prompts: set(e.prompts, 0, { ...p, modelValue: down(p.modelValue) }) }));
      if (p.opponentValue !== null) throwsCert(() => N3.judge(i, { ...e, prompts: set(e.prompts, 0, { ...p, opponentValue: up(p.opponentValue!) }) }));
    }
  });

  it("N6: rob_k ≤ min(k/(k+1), ½+δ) decided exactly; a lottery that is not δ_a, or rob disagreeing, is an error", () => {
    for (const { i, e } of cases(N6, 10)) {
      const ceiling = minOf(kk1(i.k), HALF.add(i.delta));
      const at = (r: Fraction) => ({ ...e, robustness: r, robustnessDirect: r });
      expect(N6.judge(i, at(ceiling)).ok).toBe(true);
      expect(N6.judge(i, at(ceiling)).slack.equals(ZERO)).toBe(true);
      expect(N6.judge(i, at(up(ceiling))).ok).toBe(false);
      expect(N6.judge(i, at(up(ceiling))).slack.equals(D.neg())).toBe(true);
      throwsCert(() => N6.judge(i, { ...e, robustnessDirect: up(e.robustness) }));
      throwsCert(() => N6.judge(i, { ...e, lottery: [HALF, HALF] }));
      throwsCert(() => N6.judge(i, { ...e, minWinRate: down(HALF) }));
    }
  });

  it('N5: WR_uniform ≥ WR_pairwise decided exactly per prompt; a table that disagrees with the definition is an error', () => {
    for (const { i, e } of cases(N5, 10)) {
      const p = e.prompts[0];
      const same = (u: Fraction, w: Fraction) => ({ prompts: set(e.prompts, 0, { uniform: u, uniformDef: u, pairwise: w, pairwiseDef: w }) });
      const others = e.prompts.slice(1).every((q) => q.pairwise.gte(q.uniform));
      expect(N5.judge(i, same(p.uniform, p.uniform)).ok).toBe(others);
      expect(N5.judge(i, same(up(p.pairwise), p.pairwise)).ok).toBe(false);
      throwsCert(() => N5.judge(i, { prompts: set(e.prompts, 0, { ...p, uniform: up(p.uniform) }) }));
      throwsCert(() => N5.judge(i, { prompts: set(e.prompts, 0, { ...p, pairwiseDef: up(p.pairwise) }) }));
    }
  });
});

describe('exact verdicts on known instances (SPEC §6 test vectors)', () => {
  const profile = (responses: string[], users: { weight: string; ranking: string[][] }[]) => ({ responses, users });

  it('T4: two camps δ = 1/20, k = 2: rob = 11/20 = min(2/3, 11/20), slack 0, unique maximal lottery δ_a', () => {
    const i = T4.fromJson({
      profile: profile(['a', 'b'], [
        { weight: '11/20', ranking: [['a'], ['b']] },
        { weight: '9/20', ranking: [['b'], ['a']] },
      ]),
      k: 2,
      c: 'a',
    });
    const v = T4.check(i);
    expect(v.ok).toBe(true);
    expect(v.certificate.robustness).toBe('11/20');
    expect(v.certificate.formula).toBe('11/20');
    expect(v.certificate.maximalLotteries).toEqual([['1', '0']]);
  });

  it('T3: impartial culture N = 4, k = 2 gives V_2 = 17/24; unanimous a ≻ b ≻ c gives k/(k+1)', () => {
    const perms: string[][] = [];
    const rec = (pre: string[], rest: string[]) => (rest.length === 0 ? perms.push(pre) : rest.forEach((y, j) => rec([...pre, y], [...rest.slice(0, j), ...rest.slice(j + 1)])));
    rec([], ['a', 'b', 'c', 'd']);
    const ic = T3.check(T3.fromJson({ profile: profile(['a', 'b', 'c', 'd'], perms.map((p) => ({ weight: '1', ranking: p.map((y) => [y]) }))), k: 2 }));
    expect(ic.ok).toBe(true);
    expect(ic.certificate.value).toBe('17/24');
    expect(ic.certificate.impartialCulture).toBe('17/24');
    expect(ic.slack.toFraction()).toBe('0');
    for (const k of [1, 2, 3]) {
      const u = T3.check(T3.fromJson({ profile: profile(['a', 'b', 'c'], [{ weight: '1', ranking: [['a'], ['b'], ['c']] }]), k }));
      expect(u.ok).toBe(true);
      expect(u.certificate.value).toBe(kk1(k).toFraction());
    }
  });

  it('T6: unanimous a ≻ b, π = δ_a, k = 1, ℓ = 2: rob_{1,2} = 1/3 against the bound 0 (slack 1/3); σ = {a} meets the cap 1/3', () => {
    const v = T6.check(
      T6.fromJson({
        profile: profile(['a', 'b'], [{ weight: '1', ranking: [['a'], ['b']] }]),
        k: 1,
        ell: 2,
        policy: { a: '1', b: '0' },
        model: { kind: 'k-output', outcomes: [{ responses: ['a'], prob: '1' }] },
      }),
    );
    expect(v.ok).toBe(true);
    expect(v.certificate.robustness).toBe('1/3');
    expect(v.certificate.bound).toBe('0');
    expect(v.certificate.unanimousCap).toBe('1/3');
    expect(v.certificate.topOpponentWinRate).toBe('1/3');
    expect(v.slack.toFraction()).toBe('0');
  });

  it('T2: δ_a on the two-camp profile δ = 1/20, k = 2: ε = 2/3 − 11/20, rob = 11/20', () => {
    const v = T2.check(
      T2.fromJson({
        profile: profile(['a', 'b'], [
          { weight: '11/20', ranking: [['a'], ['b']] },
          { weight: '9/20', ranking: [['b'], ['a']] },
        ]),
        k: 2,
        policy: { a: '1', b: '0' },
      }),
    );
    expect(v.ok).toBe(true);
    expect(v.certificate.robustness).toBe('11/20');
    expect(v.certificate.epsilon).toBe(frac(2, 3).sub(frac(11, 20)).toFraction());
  });

  it('N5: the SPEC example (model a, opponent a twice, unanimous a ≻ b): uniform 1/3 against pairwise 1/2, slack −1/6', () => {
    const v = N5.check(
      N5.fromJson({
        profile: profile(['a', 'b'], [{ weight: '1', ranking: [['a'], ['b']] }]),
        k: 1,
        ell: 2,
        model: { kind: 'k-output', outcomes: [{ responses: ['a'], prob: '1' }] },
        opponent: ['a', 'a'],
      }),
    );
    expect(v.ok).toBe(false);
    expect(v.slack.toFraction()).toBe('-1/6');
    expect(v.certificate).toEqual({ winRateUniform: ['1/3'], winRatePairwise: ['1/2'] });
  });

  it('T8: unanimous a ≻ b, π = (1/2, 1/2), k = 2: against a, WR 3/4 ≥ 5/12 ≥ 3/8; against b, 1 ≥ 11/12 ≥ 7/8', () => {
    const v = T8.check(T8.fromJson({ profile: profile(['a', 'b'], [{ weight: '1', ranking: [['a'], ['b']] }]), k: 2, model: { a: '1/2', b: '1/2' } }));
    expect(v.ok).toBe(true);
    expect(v.certificate.winRates).toEqual({ modelWinsTies: ['3/4', '1'], uniform: ['5/12', '11/12'], pairwise: ['3/8', '7/8'] });
  });

  it('T9: opposite voters, k = 1: every lottery is maximal, no box; a three-cycle: the uniform point box for k = 1 and 2', () => {
    const opposite = T9.check(T9.fromJson({ profile: profile(['a', 'b'], [{ weight: '1', ranking: [['a'], ['b']] }, { weight: '1', ranking: [['b'], ['a']] }]), k: 1 }));
    expect(opposite.ok).toBe(true);
    // δ_a is a pure NE by definition with U_1(b; δ_a) = ½ exactly (a tie at the bound counts), so ε must be 0
    expect(opposite.certificate.prompts).toMatchObject([{ box: null, maximalLotteries: [['1', '0'], ['0', '1']], pureEquilibrium: 'a', epsilon: '0', targetMet: true }]);
    const cycle = profile(['a', 'b', 'c'], [{ weight: '1', ranking: [['a'], ['b'], ['c']] }, { weight: '1', ranking: [['b'], ['c'], ['a']] }, { weight: '1', ranking: [['c'], ['a'], ['b']] }]);
    for (const k of [1, 2]) {
      const v = T9.check(T9.fromJson({ profile: cycle, k }));
      expect(v.ok).toBe(true);
      expect(v.certificate.prompts).toMatchObject([{ box: { lo: ['1/3', '1/3', '1/3'], hi: ['1/3', '1/3', '1/3'], radius: '0' }, pureEquilibrium: null }]);
    }
    // k = 1 without a pure NE (the cycle): the maximal lottery is an exact NE, so an ε > 0 is still refused
    const c1 = T9.fromJson({ profile: cycle, k: 1 });
    const e1 = T9.evidence(c1);
    expect(e1.prompts[0].pure).toBeNull();
    expect(T9.judge(c1, { ...e1, prompts: [{ ...e1.prompts[0], epsilon: D, targetMet: false }] }).ok).toBe(false);
    // a miss said so is refused up to 4 responses and k = 8 (T9's generator), accepted past them
    const miss = (n: number, k: number) => {
      const i = T9.fromJson({ profile: profile('abcde'.slice(0, n).split(''), [{ weight: '1', ranking: [['a'], ['b']] }]), k });
      const e = T9.evidence(i);
      return T9.judge(i, { ...e, epsilon: D, robustness: frac(k, k + 1).sub(D), targetMet: false, prompts: [{ ...e.prompts[0], epsilon: D, epsilonDirect: D, targetMet: false, pure: null }] }).ok;
    };
    expect([miss(4, 8), miss(4, 9), miss(5, 8), miss(2, 2)]).toEqual([false, true, true, false]);
    // one Luce type, equal strengths, k = 2: U_2(b; δ_a) = 1/(1 + 2) = 1/(k+1) exactly, so δ_a is a pure NE
    const luce = T9.check(T9.fromJson({ profile: { responses: ['a', 'b'], users: [{ weight: '1', strengths: { a: '1', b: '1' } }] }, k: 2 }));
    expect([luce.ok, luce.certificate.prompts]).toMatchObject([true, [{ pureEquilibrium: 'a', epsilon: '0' }]]);
  });

  const camp = { M: '10', delta: '1/10' };
  it('L1, N6: Luce two camps M = 10, δ = 1/10, k = 2: δ_a, rob = 67/105 (SPEC §4b), above T4’s 3/5 by 4/105', () => {
    const l1 = L1.check(L1.fromJson({ ...camp, k: 2 }));
    expect(l1.ok).toBe(true);
    expect(l1.certificate).toMatchObject({ maximalLottery: ['1', '0'], maximalLotteries: [['1', '0']], robustness: '67/105', formula: '67/105' });
    const n6 = N6.check(N6.fromJson({ ...camp, k: 2 }));
    expect(n6.ok).toBe(false);
    expect(n6.slack.toFraction()).toBe('-4/105');
    expect(n6.certificate).toEqual({ maximalLottery: ['1', '0'], robustness: '67/105', ceiling: '3/5' });
    // k = 1: the opponent copies a, rob = 1/2 ≤ 3/5 (N6 holds there)
    expect(N6.check(N6.fromJson({ ...camp, k: 1 })).ok).toBe(true);
  });

  it('L2: the same camps, c = 11/45: gap 1/35 at k = 2; at k = 32 the gap is 32/33 − 10144/11235; 0 at k = 1', () => {
    const k2 = L2.check(L2.fromJson({ ...camp, k: 2 }));
    expect(k2.ok).toBe(true);
    expect(k2.certificate).toMatchObject({ c: '11/45', gap: '1/35', formula: '1/35' });
    const k32 = L2.check(L2.fromJson({ ...camp, k: 32 }));
    expect(k32.ok).toBe(true);
    expect(k32.certificate.robustness).toBe('10144/11235');
    expect(k32.certificate.gap).toBe(frac(32, 33).sub(frac(10144, 11235)).toFraction());
    expect(k32.certificate.lowerBound).not.toBeNull();
    expect(L2.check(L2.fromJson({ ...camp, k: 1 })).certificate.gap).toBe('0');
    // c ≥ 1 (M = 2, δ = 1/5: c = 6/5): δ_a is an NE at every k
    expect(L2.check(L2.fromJson({ M: '2', delta: '1/5', k: 20 })).certificate).toMatchObject({ c: '6/5', gap: '0', lowerBound: null });
  });

  it('L2: a gap of 0 off the threshold (or > 0 on it) fails the zero-set part (slack −1), not only the formula', () => {
    const i = L2.fromJson({ ...camp, k: 2 });
    const e = L2.evidence(i);
    const zero = { robustness: kk1(2), robustnessDirect: kk1(2) };
    expect(L2.judge(i, zero).slack.toFraction()).toBe('-1');
    const j = L2.fromJson({ ...camp, k: 1 });
    const r = L2.evidence(j).robustness.sub(D);
    expect(L2.judge(j, { robustness: r, robustnessDirect: r }).slack.toFraction()).toBe('-1');
    expect(L2.judge(i, e).certificate.lowerBound).toBeNull();
  });

  it('L2, L4: fromJson names the field and the judge its missing Luce type', () => {
    expect(() => L2.fromJson({ M: '10', delta: 'x', k: 2 })).toThrow(/instance\.delta/);
    expect(() => L2.fromJson({ M: 'x', delta: '1/10', k: 2 })).toThrow(/instance\.M/);
    const l4 = L4.fromJson({ profile: { responses: ['a', 'b'], users: [{ weight: '1', strengths: { a: '2', b: '1' } }] }, k: 2 });
    const ranked = L3.fromJson({ profile: { responses: ['a', 'b'], users: [{ weight: '1', ranking: [['a'], ['b']] }] }, k: 2, c: 'a' });
    expect(() => L4.judge({ ...l4, profile: ranked.profile }, L4.evidence(l4))).toThrow(/L4: each prompt must have a single Luce type/);
  });

  it('L3: mixed a ≻ b (1/2) and Luce s = (1, 3) (1/2), δ_a: k = 4 gives 1/2 + (1/2)·4/7 = 11/14 < 4/5; k = 3 gives 3/4', () => {
    const p = { responses: ['a', 'b'], users: [{ weight: '1/2', ranking: [['a'], ['b']] }, { weight: '1/2', strengths: { a: '1', b: '3' } }] };
    expect(L3.check(L3.fromJson({ profile: p, k: 4, c: 'a' })).certificate).toEqual({ robustness: '11/14', formula: '11/14' });
    expect(L3.check(L3.fromJson({ profile: p, k: 3, c: 'a' })).certificate).toEqual({ robustness: '3/4', formula: '3/4' });
  });

  it('L4: a single BT user a = 4, b = 2, c = 1, k = 2: ε(δ_a) = 0, ε(δ_b) = 1/6, ε(δ_c) = 1/3', () => {
    const v = L4.check(L4.fromJson({ profile: { responses: ['a', 'b', 'c'], users: [{ weight: '1', strengths: { a: '4', b: '2', c: '1' } }] }, k: 2 }));
    expect(v.ok).toBe(true);
    expect(v.certificate).toEqual({ strongest: ['a'], epsilon: ['0', '1/6', '1/3'] });
    // δ_b made an NE by both computations: the iff part fails (slack −1), not only the formula (−1/6)
    const i = L4.fromJson({ profile: { responses: ['a', 'b', 'c'], users: [{ weight: '1', strengths: { a: '4', b: '2', c: '1' } }] }, k: 2 });
    const [p] = L4.evidence(i).prompts;
    const bad = { prompts: [{ epsilon: set(p.epsilon, 1, ZERO), epsilonDirect: set(p.epsilonDirect, 1, ZERO) }] };
    expect(L4.judge(i, bad).slack.toFraction()).toBe('-1');
  });

  it('T3 and T6 on a single Luce type: V_k = k/(k+1); the opponent "top ℓ times" meets the cap k/(k+ℓ)', () => {
    const one = { responses: ['a', 'b'], users: [{ weight: '1', strengths: { a: '3', b: '1' } }] };
    const t3 = T3.check(T3.fromJson({ profile: one, k: 3 }));
    expect(t3.ok).toBe(true);
    expect(t3.certificate.value).toBe('3/4');
    const t6 = T6.check(T6.fromJson({ profile: one, k: 2, ell: 2, policy: { a: '1', b: '0' }, model: { kind: 'k-output', outcomes: [{ responses: ['a', 'a'], prob: '1' }] } }));
    expect(t6.ok).toBe(true);
    expect(t6.certificate).toMatchObject({ unanimousCap: '1/2', topOpponentWinRate: '1/2', modelRobustness: '1/2' });
  });

  it('T7: the double oracle really runs, from the best Borda score: δ_a where the whole game gives δ_b, both maximal', () => {
    // b, a tie; a beats c, b ties c (the example of maximalLottery.spec)
    const p = profile(['b', 'a', 'c'], [{ weight: '1', ranking: [['a'], ['c'], ['b']] }, { weight: '1', ranking: [['b'], ['a'], ['c']] }]);
    const v = T7.check(T7.fromJson({ profile: p, k: 1, policy: { a: '1', b: '0', c: '0' }, opponent: { a: '0', b: '1', c: '0' } }));
    expect(v.ok).toBe(true);
    expect([v.certificate.maximalLottery, v.certificate.doubleOracle, v.certificate.condorcetWinner]).toStrictEqual([['1', '0', '0'], ['0', '1', '0'], null]);
  });

  it('T0, T1, T5, T7 on the one-response profile: everything ties', () => {
    const one = profile(['a'], [{ weight: '1', ranking: [['a']] }]);
    expect(T0.check(T0.fromJson({ profile: one, k: 3, policy: { a: '1' } })).certificate.target).toBe('1/4');
    expect(T1.check(T1.fromJson({ profile: one, k: 3, policy: { a: '1' } })).certificate.robustness).toBe('3/4');
    const t5 = T5.check(T5.fromJson({ profile: one, k: 2, iterates: [{ a: '1' }, { a: '1' }] }));
    expect(t5.ok).toBe(true);
    expect(t5.certificate.regret).toBe('0');
    const t7 = T7.check(T7.fromJson({ profile: one, k: 1, policy: { a: '1' }, opponent: { a: '1' } }));
    expect(t7.ok).toBe(true);
    expect(t7.certificate.P).toBe('1/2');
  });
});

// Every claim's exact verdict (slack and certificate) on a few small fixed instances, pinned: a change in what
// a claim computes, compares or reports shows here. Re-record deliberately with `npx vitest run -u` and review.
describe('pinned verdicts', () => {
  for (const c of CLAIMS)
    it(`${c.id}`, () => {
      const out = fc.sample(c.arbitrary({ maxK: 4, maxResponses: 3 }), { seed: SEED, numRuns: 3 }).map((i) => {
        const v = c.check(i);
        return { instance: c.toJson(i), ok: v.ok, slack: v.slack.toFraction(), certificate: v.certificate };
      });
      expect(out).toMatchSnapshot();
    });
});

describe('statements', () => {
  it('every claim states itself in plain text and in LaTeX (commands kept, no control characters)', () => {
    for (const c of CLAIMS) {
      for (const text of [c.title, c.statement, c.latex, c.compares]) expect(text, c.id).not.toMatch(/[\u0000-\u001f]/);
      expect(c.latex, c.id).toMatch(/\\[a-z]+/);
    }
  });
});
