// T9 (certified boxes, SPEC §3 with T0 and T7) on crafted instances: which second opinions the evidence carries
// (the k = 1 enumeration up to n = 5, point scores, the two ends of a box of radius > 0), its search budget, and
// the judge's verdicts on evidence built to sit exactly on each of its conditions.
import { describe, expect, it } from 'vitest';
import { Fraction, frac, HALF, ONE, ZERO, signOf } from '../exact/rational.js';
import { equilibrium } from '../equilibria/equilibrium.js';
import { InputError } from '../model/errors.js';
import { profileFromJson } from '../model/codec.js';
import { krawczykBox } from '../equilibria/krawczyk.js';
import { T9, refusalOf } from './t9.js';
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

/** A three-cycle a ≻ b ≻ c, b ≻ c ≻ a, c ≻ a ≻ b with these weights. */
const cycle = (w: readonly string[], k: number) =>
  instance(['a', 'b', 'c'], [{ weight: w[0], ranking: tiers('a', 'b', 'c') }, { weight: w[1], ranking: tiers('b', 'c', 'a') }, { weight: w[2], ranking: tiers('c', 'a', 'b') }], k);
/** A five-response cycle on a, b, c with d, e last for every voter. */
const cycleDE = (k: number) =>
  instance(['a', 'b', 'c', 'd', 'e'], [{ weight: '1', ranking: tiers('a', 'b', 'c', 'd', 'e') }, { weight: '1', ranking: tiers('b', 'c', 'a', 'd', 'e') }, { weight: '1', ranking: tiers('c', 'a', 'b', 'd', 'e') }], k);
type Inst = ReturnType<typeof instance>;

/** The boxes around π moved by 2^−j from the second heaviest response b to the heaviest a, by krawczykBox itself. */
function movedByHand(i: Inst, a: number, b: number, shifts: readonly number[]) {
  const p = T9.evidence(i).prompts[0];
  return shifts.map((j) => {
    const d = frac(1n, 1n << BigInt(j));
    const center = p.probs.map((v, y) => (y === a ? v.add(d) : y === b ? v.sub(d) : v));
    const r = krawczykBox(i.profile.prompts[0].prompt, i.k, p.support, center);
    return 'box' in r ? [str(r.box.lo), str(r.box.hi)] : null;
  });
}
const movedOf = (i: Inst) => T9.evidence(i).prompts[0].moved.map((m) => ({ shift: m.shift, box: m.box && [str(m.box.lo), str(m.box.hi)], ends: m.ends !== null }));

describe('T9 evidence: boxes around the equilibrium moved off it', () => {
  it('k = 1, weights 4 : 3 : 2, the lottery (5/9, 1/9, 1/3): moved from c (second heaviest) to a, by 2^−6, 2^−16 and 2^−30', () => {
    const i = cycle(['4', '3', '2'], 1);
    expect(str(T9.evidence(i).prompts[0].probs)).toEqual(['5/9', '1/9', '1/3']);
    const byHand = movedByHand(i, 0, 2, [6, 16, 30]);
    expect(byHand.every((b) => b !== null)).toBe(true);
    expect(movedOf(i)).toEqual(byHand.map((box, j) => ({ shift: [6, 16, 30][j], box, ends: false })));
  });

  it('k = 1, weights 1 : 1 : 1/100, b and c at 1/201 ≤ 2^−6: only the shifts 2^−16 and 2^−30, from b (the first of the tie) to a', () => {
    const i = cycle(['1', '1', '1/100'], 1);
    expect(str(T9.evidence(i).prompts[0].probs)).toEqual(['199/201', '1/201', '1/201']);
    expect(movedOf(i)).toEqual(movedByHand(i, 0, 1, [16, 30]).map((box, j) => ({ shift: [16, 30][j], box, ends: false })));
  });

  it('two responses tied at ½ (k = 3): moved from b to a, with U_3 at both ends of the boxes of radius > 0', () => {
    const i = instance(['a', 'b'], [{ weight: '10', ranking: tiers('a', 'b') }, { weight: '10', ranking: tiers('b', 'a') }], K3);
    const m = movedOf(i);
    expect(m).toEqual(movedByHand(i, 0, 1, [6, 16, 30]).map((box, j) => ({ shift: [6, 16, 30][j], box, ends: box !== null })));
    expect(m.map((x) => x.box !== null)).toEqual([false, true, true]);
  });

  it('none where no box can be judged: one response in the support; k = 2 on three; k = 1 past the enumeration (n = 6), with two maximal lotteries, or with clones', () => {
    const six = instance(['a', 'b', 'c', 'd', 'e', 'f'], [{ weight: '1', ranking: tiers('a', 'b', 'c', 'd', 'e', 'f') }, { weight: '1', ranking: tiers('b', 'c', 'a', 'd', 'e', 'f') }, { weight: '1', ranking: tiers('c', 'a', 'b', 'd', 'e', 'f') }], 1);
    const twoLotteries = instance(['a', 'b', 'c', 'd', 'e'], [{ weight: '1', ranking: [['d'], ['a', 'b'], ['c'], ['e']] }, { weight: '1', ranking: tiers('e', 'a', 'b', 'c', 'd') }, { weight: '1', ranking: tiers('c', 'd', 'b', 'e', 'a') }], 1);
    const clones = instance(['a', 'a2', 'b', 'c'], [{ weight: '1', ranking: [['a', 'a2'], ['b'], ['c']] }, { weight: '1', ranking: [['b'], ['c'], ['a', 'a2']] }, { weight: '1', ranking: [['c'], ['a', 'a2'], ['b']] }], 1);
    const p2 = T9.evidence(twoLotteries).prompts[0];
    expect([p2.lotteries!.length, p2.clones, p2.support]).toEqual([2, false, [0, 2, 3]]);
    expect(T9.evidence(clones).prompts[0].support.length).toBe(4);
    for (const i of [unanimous(3), cycleD(2), six, twoLotteries, clones]) {
      expect(T9.evidence(i).prompts[0].support.length === 1 || T9.evidence(i).prompts[0].support.length >= 3).toBe(true);
      expect(movedOf(i)).toEqual([]);
    }
  });

  it('a refusal that is not an input error is named as such', () => {
    expect(refusalOf(() => 1)).toBeNull();
    expect(refusalOf(() => { throw new InputError('bad k'); })).toBe('bad k');
    expect(refusalOf(() => { throw new RangeError('Division by Zero'); })).toBe('not an input error: RangeError: Division by Zero');
  });
});

describe('T9 judge: each condition alone', () => {
  it('the whole result: "target met" on every prompt, not on some; a prompt past n = 4 may miss, if said so; exactly two refusals', () => {
    const i = T9.fromJson({
      profile: {
        prompts: [
          { responses: ['a', 'b', 'c'], users: [{ weight: '11/20', ranking: tiers('a', 'b', 'c') }, { weight: '9/20', ranking: tiers('b', 'a', 'c') }] },
          { responses: ['a', 'b', 'c', 'd', 'e'], users: [{ weight: '1', ranking: tiers('a', 'b', 'c', 'd', 'e') }, { weight: '1', ranking: tiers('b', 'c', 'a', 'd', 'e') }, { weight: '1', ranking: tiers('c', 'a', 'b', 'd', 'e') }] },
        ],
      },
      k: 2,
    });
    const e = T9.evidence(i);
    expect(T9.judge(i, e).ok).toBe(true);
    const [p0, p1] = e.prompts;
    expect([p0.targetMet, p1.targetMet, p1.pure]).toEqual([true, true, null]);
    const eps = D.mul(i.profile.prompts[1].weight);
    const missed = { ...e, prompts: [p0, { ...p1, epsilon: D, epsilonDirect: D, targetMet: false }], epsilon: eps, robustness: frac(2, 3).sub(eps), targetMet: false };
    expect(T9.judge(i, missed).ok).toBe(true);
    expect(T9.judge(i, { ...missed, targetMet: true }).ok).toBe(false);
    expect(T9.judge(i, { ...missed, targetMet: true, prompts: [p0, { ...missed.prompts[1], targetMet: true }] }).ok).toBe(false);
    expect(T9.judge(i, { ...e, refusals: [...e.refusals, null] }).ok).toBe(false);
  });

  it('ε = 0 where an exact NE exists: k = 1 (the maximal lottery) and a pure NE at k = 2, also past n = 4', () => {
    for (const i of [cycleDE(1), instance(['a', 'b', 'c', 'd', 'e'], [{ weight: '1', ranking: tiers('a', 'b', 'c', 'd', 'e') }], 2)]) {
      const e = T9.evidence(i);
      expect(T9.judge(i, e).ok).toBe(true);
      const p = e.prompts[0];
      expect(p.pure === null).toBe(i.k === 1);
      const missed = { ...e, prompts: [{ ...p, epsilon: D, epsilonDirect: D, targetMet: false }], epsilon: D, robustness: frac(i.k, i.k + 1).sub(D), targetMet: false };
      expect(T9.judge(i, missed).ok).toBe(false);
    }
  });

  it('the pure NE found first is δ_a in every coordinate (k = 2), not only in one', () => {
    const i = instance(['a', 'b', 'c'], [{ weight: '1', ranking: tiers('a', 'b', 'c') }], 2);
    const e = T9.evidence(i);
    const p = e.prompts[0];
    expect([p.pure, p.method]).toEqual([0, 'pure']);
    const bare = { ...p, box: null, boxReason: 'x', pointScores: null, ends: null, moved: [] };
    expect(T9.judge(i, { ...e, prompts: [bare] }).ok).toBe(true);
    expect(T9.judge(i, { ...e, prompts: [{ ...bare, probs: [ONE, D, ZERO] }] }).ok).toBe(false);
  });

  it('k = 1, a unique degenerate lottery: π must be that lottery; a box certified around it moved off is refused', () => {
    const i = cycleD(1);
    const p = T9.evidence(i).prompts[0];
    const reason = 'degenerate: off-support response d is at 1/(k+1) exactly (not strictly below)';
    const tie = { ...p, lotteryWinRates: set(p.lotteryWinRates!, 3, HALF), box: null, boxReason: reason, pointScores: null };
    expect(T9.judge(i, { ...T9.evidence(i), prompts: [{ ...tie, moved: [] }] }).ok).toBe(true);
    expect(T9.judge(i, { ...T9.evidence(i), prompts: [{ ...tie, moved: [], probs: [frac(1, 3).add(D), frac(1, 3).sub(D), frac(1, 3), ZERO] }] }).ok).toBe(false);
    expect(p.moved.some((m) => m.box !== null)).toBe(true);
    expect(T9.judge(i, { ...T9.evidence(i), prompts: [tie] }).ok).toBe(false);
  });

  it('k = 1, boxes around the unique strict lottery moved off it: each must hold the lottery in every coordinate, [0, 0] off the support', () => {
    const i = cycleD(1);
    const e = T9.evidence(i);
    const p = e.prompts[0];
    const j = p.moved.findIndex((m) => m.box !== null);
    const mb = p.moved[j].box!;
    const withMoved = (lo: readonly Fraction[], hi: readonly Fraction[], q = p) => ({ ...e, prompts: [{ ...q, moved: set(p.moved, j, { ...p.moved[j], box: { ...mb, lo, hi } }) }] });
    expect(T9.judge(i, withMoved(mb.lo, mb.hi)).ok).toBe(true);
    // a above π(a) = 1/3 by D to 2D: misses the lottery in a only (the other coordinates still hold it)
    const third = frac(1, 3);
    expect(T9.judge(i, withMoved(set(mb.lo, 0, third.add(D)), set(mb.hi, 0, third.add(D).add(D)))).ok).toBe(false);
    expect(T9.judge(i, withMoved(set(mb.lo, 3, ZERO.sub(D)), mb.hi)).ok).toBe(false);
    // with two maximal lotteries there is no one lottery to hold (and no box): the same moved box passes
    const two = { ...p, lotteries: [p.lotteries![0], [ONE, ZERO, ZERO, ZERO]], box: null, boxReason: 'x', pointScores: null };
    expect(T9.judge(i, withMoved(mb.lo, mb.hi, two)).ok).toBe(true);
  });
});
