// T9 (certified boxes, SPEC §3 with T0 and T7) on crafted instances: which second opinions the evidence carries
// (the k = 1 enumeration up to n = 5, point scores, the two ends of a box of radius > 0), its search budget, and
// the judge's verdicts on evidence built to sit exactly on each of its conditions.
import { describe, expect, it } from 'vitest';
import { Fraction, frac, HALF, ONE, ZERO, signOf } from '../exact/rational.js';
import { equilibrium } from '../equilibria/equilibrium.js';
import { profileFromJson } from '../model/codec.js';
import { T9 } from './t9.js';
import { STALLS_AT_4000_K14, tiers } from '../../test/helpers/profiles.js';

const D = frac(1, 1009);
const set = <T>(xs: readonly T[], i: number, v: T): T[] => xs.map((x, j) => (j === i ? v : x));
const str = (xs: readonly Fraction[] | null) => (xs === null ? null : xs.map((x) => x.toFraction()));
const instance = (responses: string[], users: { weight: string; ranking: string[][] }[], k: number) => T9.fromJson({ profile: { responses, users }, k });

/** Everyone ranks the responses in the same order: a Condorcet winner, δ_a. */
const unanimous = (n: number) => {
  const ys = 'abcdef'.slice(0, n).split('');
  return instance(ys, [{ weight: '1', ranking: tiers(...ys) }], 1);
};
/** A three-cycle a ≻ b ≻ c ≻ a with d last for every voter: uniform on {a, b, c}, d off the support. */
const cycleD = (k: number) =>
  instance(['a', 'b', 'c', 'd'], [{ weight: '1', ranking: tiers('a', 'b', 'c', 'd') }, { weight: '1', ranking: tiers('b', 'c', 'a', 'd') }, { weight: '1', ranking: tiers('c', 'a', 'b', 'd') }], k);
/** Two camps 11/20 a ≻ b ≻ c, 9/20 b ≻ a ≻ c at k = 2: the exact equilibrium (13/20, 7/20, 0), a point box on two responses. */
const pointOnTwo = () => instance(['a', 'b', 'c'], [{ weight: '11/20', ranking: tiers('a', 'b', 'c') }, { weight: '9/20', ranking: tiers('b', 'a', 'c') }], 2);
/** Two camps 11 : 9 on {a, b} at k = 3: an irrational equilibrium, a box of radius > 0 on {a, b}. */
const K3 = 3;
const wideOnTwo = () => instance(['a', 'b'], [{ weight: '11', ranking: tiers('a', 'b') }, { weight: '9', ranking: tiers('b', 'a') }], K3);

/** C(k, j). */
function binom(k: number, j: number): number {
  let c = 1;
  for (let i = 0; i < j; i++) c = (c * (k - i)) / (i + 1);
  return c;
}

/**
 * U_k(a), U_k(b) at π = (1 − t, t) for two camps wA: a ≻ b, wB: b ≻ a, by definition: j of the k opponents draw b
 * (binomial); a tie of m equal responses splits the win 1/m.
 */
function twoCampScores(wA: Fraction, wB: Fraction, k: number, t: Fraction): [Fraction, Fraction] {
  let ua = ZERO;
  let ub = ZERO;
  for (let j = 0; j <= k; j++) {
    const pj = frac(binom(k, j)).mul(t.pow(j)).mul(ONE.sub(t).pow(k - j));
    ua = ua.add(pj.mul(j === 0 ? frac(1, k + 1) : wA.div(k + 1 - j)));
    ub = ub.add(pj.mul(j === k ? frac(1, k + 1) : wB.div(j + 1)));
  }
  return [ua, ub];
}

describe('T9 evidence: the second opinions it carries', () => {
  it('k = 1 enumerates every maximal lottery for n = 5 (the budget) but not for n = 6', () => {
    const e5 = T9.evidence(unanimous(5)).prompts[0];
    expect(e5.lotteries!.map(str)).toEqual([['1', '0', '0', '0', '0']]);
    // P(δ_a ≻ z): a tie against a, a win against everyone else
    expect(str(e5.lotteryWinRates)).toEqual(['1/2', '1', '1', '1', '1']);
    const e6 = T9.evidence(unanimous(6)).prompts[0];
    expect(e6.lotteries).toBeNull();
    expect(e6.lotteryWinRates).toBeNull();
    expect(str(e6.box!.lo)).toEqual(['1', '0', '0', '0', '0', '0']);
  });

  it('opposite voters, k = 1: two extreme maximal lotteries, so no P(π ≻ z) of "the" lottery', () => {
    const e = T9.evidence(instance(['a', 'b'], [{ weight: '1', ranking: tiers('a', 'b') }, { weight: '1', ranking: tiers('b', 'a') }], 1)).prompts[0];
    expect(e.lotteries!.map(str)).toEqual([['1', '0'], ['0', '1']]);
    expect(e.lotteryWinRates).toBeNull();
    expect(e.box).toBeNull();
  });

  it('a point box on two responses carries its scores and no ends: U_2 = (1/3, 1/3, 0)', () => {
    // by hand at (13/20, 7/20): U_2(a) = 169/400·1/3 + 49/400·11/20 + 182/400·11/40 = 1/3; c is last for everyone
    const e = T9.evidence(pointOnTwo()).prompts[0];
    expect(str(e.probs)).toEqual(['13/20', '7/20', '0']);
    expect(e.box!.radius.toFraction()).toBe('0');
    expect(e.support).toEqual([0, 1]);
    expect(str(e.pointScores)).toEqual(['1/3', '1/3', '0']);
    expect(e.ends).toBeNull();
  });

  it('a point box on a three-cycle, k = 2: U_2 = 1/3 on the cycle (rotation symmetry), 0 for d', () => {
    const e = T9.evidence(cycleD(2)).prompts[0];
    expect(str(e.box!.lo)).toEqual(['1/3', '1/3', '1/3', '0']);
    expect(str(e.pointScores)).toEqual(['1/3', '1/3', '1/3', '0']);
    expect(e.ends).toBeNull();
  });

  it('a box of radius > 0 on {a, b} carries U_3 at both ends, equal to the binomial definition, of opposite signs', () => {
    const e = T9.evidence(wideOnTwo()).prompts[0];
    const b = e.box!;
    expect(signOf(b.radius)).toBe(1);
    expect(e.pointScores).toBeNull();
    const [wA, wB] = [frac(11, 20), frac(9, 20)];
    expect(e.ends!.map(str)).toEqual([b.lo[1], b.hi[1]].map((t) => str(twoCampScores(wA, wB, K3, t))));
    const g = e.ends!.map((U) => signOf(U[0].sub(U[1])));
    expect(g[0] * g[1]).toBe(-1);
  });

  it('searches with a 4000-round Hedge budget', () => {
    const pj = STALLS_AT_4000_K14; // the budget decides which dyadic point answers
    const capped = str(equilibrium(profileFromJson(pj), 14, { box: false, maxRounds: 4000 }).policy.perPrompt[0]);
    expect(str(equilibrium(profileFromJson(pj), 14, { box: false }).policy.perPrompt[0])).not.toEqual(capped);
    expect(str(T9.evidence(T9.fromJson({ profile: pj, k: 14 })).prompts[0].probs)).toEqual(capped);
  });
});

describe('T9 judge: evidence on the edge of each condition', () => {
  it('a point box: its lower end may touch 0 on the support, not go below it; off the support it is exactly [0, 0]', () => {
    const i = pointOnTwo();
    const e = T9.evidence(i);
    const p = e.prompts[0];
    const b = p.box!;
    const withBox = (lo: Fraction[]) => ({ ...e, prompts: [{ ...p, box: { ...b, lo } }] });
    expect(T9.judge(i, e).ok).toBe(true);
    // still lo ≤ π ≤ hi with lo ≥ 0 (the box touches a face of the simplex)
    expect(T9.judge(i, withBox(set(b.lo, 1, ZERO))).ok).toBe(true);
    expect(T9.judge(i, withBox(set(b.lo, 1, ZERO.sub(D)))).ok).toBe(false);
    expect(T9.judge(i, withBox(set(b.lo, 2, ZERO.sub(D)))).ok).toBe(false);
    const ic = cycleD(2);
    const pc = T9.evidence(ic).prompts[0];
    expect(T9.judge(ic, { ...T9.evidence(ic), prompts: [{ ...pc, box: { ...pc.box!, lo: set(pc.box!.lo, 3, ZERO.sub(D)) } }] }).ok).toBe(false);
  });

  it('k = 1, a unique maximal lottery strictly below ½ off the support: only a point box at it is right', () => {
    const i = cycleD(1);
    const e = T9.evidence(i);
    const p = e.prompts[0];
    expect(str(p.lotteryWinRates)).toEqual(['1/2', '1/2', '1/2', '1']);
    expect(T9.judge(i, e).ok).toBe(true);
    expect(T9.judge(i, { ...T9.evidence(i), prompts: [{ ...p, box: null, boxReason: 'x' }] }).ok).toBe(false);
    expect(T9.judge(i, { ...T9.evidence(i), prompts: [{ ...p, box: { ...p.box!, radius: D } }] }).ok).toBe(false);
  });

  it('k = 1, a unique maximal lottery with d at ½ exactly: no box, and the reason must say degenerate', () => {
    const i = cycleD(1);
    const p = T9.evidence(i).prompts[0];
    // d ties the lottery (P(π ≻ d) = ½): not strict, so Krawczyk must refuse with a degenerate reason
    const tie = { ...p, lotteryWinRates: set(p.lotteryWinRates!, 3, HALF), moved: [] }; // crafted: the moved boxes of the real (strict) lottery do not apply
    const reason = 'degenerate: off-support response d is at 1/(k+1) exactly (not strictly below)';
    expect(T9.judge(i, { ...T9.evidence(i), prompts: [{ ...tie, box: null, boxReason: reason, pointScores: null }] }).ok).toBe(true);
    expect(T9.judge(i, { ...T9.evidence(i), prompts: [{ ...tie, box: null, boxReason: 'not isolated: singular Jacobian on the support', pointScores: null }] }).ok).toBe(false);
    expect(T9.judge(i, { ...T9.evidence(i), prompts: [{ ...tie, box: null, boxReason: null, pointScores: null }] }).ok).toBe(false);
    // a box although degenerate, whatever the reason says
    expect(T9.judge(i, { ...T9.evidence(i), prompts: [{ ...tie, boxReason: reason }] }).ok).toBe(false);
  });

  it('a box of radius > 0: an end where U_3(a) = U_3(b) exactly is a zero, so a sign change (IVT)', () => {
    const i = wideOnTwo();
    const p = T9.evidence(i).prompts[0];
    const tieAt = (U: readonly Fraction[]) => set(U, 1, U[0]);
    expect(T9.judge(i, { ...T9.evidence(i), prompts: [{ ...p, ends: [p.ends![0], tieAt(p.ends![1])] }] }).ok).toBe(true);
    expect(T9.judge(i, { ...T9.evidence(i), prompts: [{ ...p, ends: [tieAt(p.ends![0]), tieAt(p.ends![1])] }] }).ok).toBe(true);
  });

  it('no box and nothing to compare: holds with slack 0', () => {
    const i = wideOnTwo();
    const p = T9.evidence(i).prompts[0];
    const v = T9.judge(i, { ...T9.evidence(i), prompts: [{ ...p, box: null, boxReason: 'x', ends: null }] });
    expect(v.ok).toBe(true);
    expect(v.slack.toFraction()).toBe('0');
  });
});
