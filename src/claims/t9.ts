// T9 certified boxes (SPEC §3, T0, T7): a box that `equilibrium` certifies (the Krawczyk test of krawczyk.ts on
// the exact Jacobian of product.ts / luce.ts, what `ualign equilibrium` prints) holds an exact symmetric NE of
// G_{k+1}, and a point box is one.
// Compares the box with computations that share none of the Krawczyk test's code:
//  - k = 1 (n ≤ 5): every extreme maximal lottery by vertex enumeration (`allMaximalLotteriesOfPrompt`, what
//    `ualign nash --all` prints) and P(π ≻ z) by definition. The NE of G_2 are the maximal lotteries (T7); a
//    unique one with every off-support response strictly below ½ has a nonsingular free Jacobian (else a line of
//    maximal lotteries passes through it), so a box is certified exactly then, and it is that lottery.
//  - a point box: ε(π) = 0 exactly (`exploitability`) and U_k(z; π) < 1/(k+1) off the support.
//  - a box of radius r > 0 on a support {a, b}: U_k(a) − U_k(b) at the box's two ends (exact, `exploitability`'s
//    kernel) has no strict sign agreement, so a zero lies between (intermediate value theorem); there U_k(a) =
//    U_k(b) = 1/(k+1) (T0); off the support U_k(z) + k·|Δπ(b)| < 1/(k+1) at one end (along the edge dU_k/dπ(b)
//    lies in [−k, k]: every ∂U_k/∂π lies in [0, k]).
//  - boxes the Krawczyk test certifies around π moved off it by 2^−6, 2^−16, 2^−30 (so a test that certifies too
//    much shows): for k = 1 each must hold the one maximal lottery (none may be certified when that lottery is
//    degenerate), on two responses U_k(a) − U_k(b) must change sign across it. (Not the Lipschitz bound there: a
//    box far wider than the equilibrium's can pass the Krawczyk test's bound at its center and fail this one at an end.)
// Clone responses: no box, and the reason names the clone classes found here by definition (responses tied by every
// type), not by model/structure's cloneClasses. The whole result: ε = Σ ρ(x) ε_x, rob = k/(k+1) − ε, the target
// flag met on every prompt; a target past maxBits refused with README's bit count, a support threshold of 2 refused.
// And what `equilibrium` reports besides the box: how it found π (exact methods first, README: δ_y for one
// response or the first pure NE by definition when k ≥ 2, the maximal lottery when k = 1); its ε against ε(π) by the direct expectation over the number of
// tied draws and Luce's convolution (oracles.directScores, not product.ts's closed form); "target met" exactly when
// that ε is at most the target, and met on T9's prompts (at most 4 responses, k ≤ 8: the search with its exact
// fallbacks reaches 10^−30 on every one, so a miss fails the claim instead of passing as "said so"); and ε = 0
// whenever an exact equilibrium is known to exist: for k = 1 (a maximal lottery, T7) and when some δ_y is one
// — U_k(z; δ_y) ≤ 1/(k+1) for every z, by the rule's and Luce's definition (oracles.ts), not by equilibrium's own
// integer test (`pureEquilibria`).
import fc from 'fast-check';
import { Fraction, HALF, ONE, ZERO, frac, signOf } from '../exact/rational.js';
import { FamilyName } from '../instances/families.js';
import { Prompt } from '../model/types.js';
import { InputError } from '../model/errors.js';
import { promptExploitability } from '../winrate/exploitability.js';
import { allMaximalLotteriesOfPrompt } from '../equilibria/maximalLottery.js';
import { DEFAULT_TARGET, equilibrium } from '../equilibria/equilibrium.js';
import { krawczykBox } from '../equilibria/krawczyk.js';
import { ratList } from './json.js';
import { directScores, lotteryWinRates, opponentScoreByDefinition } from './oracles.js';
import { ProfileInstance, profileInstanceArb, profileInstanceFromJson, profileInstanceJson, profileInstanceSize } from './instances.js';
import { defineClaim, eqSlack, holds, minRat, verdict } from './types.js';

/** Profiles whose equilibria are often mixed: cycles, impartial culture, Luce and mixed types. */
const CYCLIC: readonly FamilyName[] = ['condorcet-cycle', 'impartial-culture', 'strict', 'luce', 'mixed', 'near-degenerate'];

/** Prompts on which the target must be met: at most MET_N responses, k ≤ MET_K (T9's default generator). */
const MET_N = 4;
const MET_K = 8;

/** A target past maxBits = 8192 bits per coordinate: 2^−8192 ≈ 9.168e−2467. */
const TINY_BITS = 8192;
const TINY = frac(1n, 1n << BigInt(TINY_BITS));

/** Largest n for which k = 1 enumerates every extreme maximal lottery. */
const ALL_ML_N = 5;

export interface T9Prompt {
  readonly probs: readonly Fraction[];
  readonly support: readonly number[];
  readonly box: { readonly lo: readonly Fraction[]; readonly hi: readonly Fraction[]; readonly radius: Fraction } | null;
  readonly boxReason: string | null;
  readonly clones: boolean;
  /** k = 1, n ≤ ALL_ML_N: the extreme maximal lotteries, and P(π ≻ z) by definition when there is one. */
  readonly lotteries: readonly (readonly Fraction[])[] | null;
  readonly lotteryWinRates: readonly Fraction[] | null;
  /** A point box: U_k(·; π) at it. */
  readonly pointScores: readonly Fraction[] | null;
  /** A box of radius > 0 on two responses: U_k(·) at its two ends (free coordinate at lo and at hi). */
  readonly ends: readonly (readonly Fraction[])[] | null;
  /** The exact ε equilibrium reports, ε(π) by the direct expectation, and whether it says the (default) target was met. */
  readonly epsilon: Fraction;
  readonly epsilonDirect: Fraction;
  /** How equilibrium says it found π (README: exact methods first). */
  readonly method: string;
  readonly targetMet: boolean;
  /** The first y with δ_y a symmetric NE of G_{k+1} by definition, or null. */
  readonly pure: number | null;
  /** What the Krawczyk test certifies around π moved off the equilibrium (judged like any box). */
  readonly moved: readonly T9Moved[];
}

/** The Krawczyk test (krawczykBox) at π + 2^−j (e_a − e_b), a and b the two largest of π's support. */
export interface T9Moved {
  readonly shift: number;
  readonly box: { readonly lo: readonly Fraction[]; readonly hi: readonly Fraction[]; readonly radius: Fraction } | null;
  /** A box of radius > 0 on two responses: U_k(·) at its two ends. */
  readonly ends: readonly (readonly Fraction[])[] | null;
}

/** How far π is moved before the Krawczyk test is run again: 2^−6, 2^−16, 2^−30. */
const SHIFTS = [6, 16, 30];

export interface T9Evidence {
  readonly prompts: readonly T9Prompt[];
  /** The whole result: ε, robustness and the target flag over the prompts. */
  readonly epsilon: Fraction;
  readonly robustness: Fraction;
  readonly targetMet: boolean;
  /** The messages of the refusals asked for: a target past maxBits (2^−8192), a support threshold of 2. */
  readonly refusals: readonly (string | null)[];
}

/** Clone classes by definition, responses in order: y and z in one class iff every type ties them (same tier; equal strengths). */
export function cloneClassesByDefinition(prompt: Prompt): number[][] {
  const same = (y: number, z: number) => prompt.users.every((u) => (u.kind === 'luce' ? u.strengths[y].equals(u.strengths[z]) : u.rank[y] === u.rank[z]));
  const out: number[][] = [];
  prompt.responses.forEach((_, y) => {
    const c = out.find((cls) => same(cls[0], y));
    if (c === undefined) out.push([y]);
    else c.push(y);
  });
  return out;
}

/** What equilibrium must say instead of a box on a prompt with clone responses (README). */
export function cloneReason(prompt: Prompt): string {
  const merged = cloneClassesByDefinition(prompt).filter((c) => c.length > 1).map((c) => c.map((y) => prompt.responses[y]).join(', '));
  return `not isolated: clone responses (${merged.join('; ')}) make the equilibria a continuum; mergedBox certifies the game with each clone class merged`;
}

/** The refusal message of a call, or null when it returns. */
export function refusalOf(f: () => unknown): string | null {
  try {
    f();
    return null;
  } catch (e) {
    return e instanceof InputError ? e.message : `not an input error: ${String(e)}`;
  }
}

/** The policy at one end of a two-response box: π(b) at its lower or upper end, π(a) = 1 − π(b). */
function endPolicy(n: number, a: number, b: number, pb: Fraction): Fraction[] {
  return Array.from({ length: n }, (_, y) => (y === b ? pb : y === a ? ONE.sub(pb) : ZERO));
}

/** The first y with U_k(z; δ_y) ≤ 1/(k+1) for every z, by definition (the opponent's score against y shown k times). */
function pureByDefinition(prompt: Prompt, k: number): number | null {
  const n = prompt.responses.length;
  const bound = frac(1, k + 1);
  for (let y = 0; y < n; y++) {
    const shown = [{ items: new Array<number>(k).fill(y), prob: ONE }]; // δ_y^{⊗k}: y shown k times, surely
    if (prompt.responses.every((_, z) => opponentScoreByDefinition(prompt, shown, [z], 'uniform').lte(bound))) return y;
  }
  return null;
}

/** U_k(·) at the two ends of a box of radius > 0 on a support {a, b} (else null). */
function endsOf(prompt: Prompt, k: number, support: readonly number[], box: T9Moved['box']): Fraction[][] | null {
  if (box === null || signOf(box.radius) <= 0 || support.length !== 2) return null;
  const [a, b] = support;
  return [box.lo[b], box.hi[b]].map((pb) => promptExploitability(prompt, endPolicy(prompt.responses.length, a, b, pb), k).scores);
}

/** krawczykBox around π moved by 2^−j along e_a − e_b, where a box can be judged: k = 1 with one maximal lottery, or two responses. */
function movedBoxes(prompt: Prompt, k: number, p: ReturnType<typeof equilibrium>['prompts'][number], oneLottery: boolean): T9Moved[] {
  if (p.support.length < 2 || !(oneLottery || p.support.length === 2)) return [];
  const [a, b] = [...p.support].sort((y, z) => p.probs[z].compare(p.probs[y]) || y - z);
  return SHIFTS.flatMap((j) => {
    const d = frac(1n, 1n << BigInt(j));
    if (!p.probs[b].gt(d)) return [];
    const center = p.probs.map((v, y) => (y === a ? v.add(d) : y === b ? v.sub(d) : v));
    const r = krawczykBox(prompt, k, p.support, center);
    const box = 'box' in r ? { lo: r.box.lo, hi: r.box.hi, radius: r.box.radius } : null;
    return [{ shift: j, box, ends: endsOf(prompt, k, p.support, box) }];
  });
}

function promptEvidence(prompt: Prompt, k: number, p: ReturnType<typeof equilibrium>['prompts'][number]): T9Prompt {
  const n = prompt.responses.length;
  const box = p.box;
  const lotteries = k === 1 && n <= ALL_ML_N ? allMaximalLotteriesOfPrompt(prompt, { maxN: ALL_ML_N }) : null;
  const clones = cloneClassesByDefinition(prompt).length < n;
  const ends = endsOf(prompt, k, p.support, box);
  return {
    probs: p.probs,
    support: p.support,
    box: box === null ? null : { lo: box.lo, hi: box.hi, radius: box.radius },
    boxReason: p.boxReason ?? null,
    clones,
    lotteries,
    lotteryWinRates: lotteries !== null && lotteries.length === 1 ? lotteryWinRates(prompt, lotteries[0]) : null,
    pointScores: box !== null && signOf(box.radius) === 0 ? promptExploitability(prompt, p.probs, k).scores : null,
    ends,
    method: p.method,
    epsilon: p.epsilon,
    epsilonDirect: directScores(prompt, { kind: 'product', k, probs: p.probs }, 'uniform').reduce((a, u) => (u.gt(a) ? u : a)).sub(frac(1, k + 1)),
    targetMet: p.targetMet,
    pure: pureByDefinition(prompt, k),
    moved: movedBoxes(prompt, k, p, lotteries !== null && lotteries.length === 1 && !clones),
  };
}

/** Slack of "a box holds π and has the documented shape": lo ≤ π ≤ hi, [0, 0] off the support. */
function shapeSlack(e: T9Prompt): Fraction {
  const b = e.box!;
  const inS = new Set(e.support);
  const ok = e.probs.every((v, y) => (inS.has(y) ? b.lo[y].lte(v) && v.lte(b.hi[y]) && signOf(b.lo[y]) >= 0 : signOf(b.lo[y]) === 0 && signOf(b.hi[y]) === 0));
  return holds(ok);
}

/** Slack of U(z) < bound for every z off the support: min over z of bound − U(z), strict (0 counts as failing). */
function strictlyBelow(U: readonly Fraction[], support: readonly number[], bound: Fraction): Fraction {
  const inS = new Set(support);
  let s: Fraction | null = null;
  U.forEach((u, z) => {
    if (inS.has(z)) return;
    const d = bound.sub(u);
    const part = signOf(d) > 0 ? ZERO : d.sub(ONE); // strict: a tie at the bound fails
    if (s === null || part.lt(s)) s = part;
  });
  return s ?? ZERO;
}

/** A box on {a, c}: U_k(a) − U_k(c) of no common strict sign at its ends (a zero between). */
function signChange(support: readonly number[], ends: readonly (readonly Fraction[])[]): Fraction {
  const [a, c] = support;
  const [gLo, gHi] = ends.map((U) => signOf(U[a].sub(U[c])));
  return holds(gLo * gHi <= 0);
}

/**
 * Off the support of a box on {a, c}: U_k(z) + k·(hi(c) − lo(c)) < 1/(k+1) at its lower end. Along the edge,
 * dU_k(z)/dπ(c) = ∂U_k/∂π(c) − ∂U_k/∂π(a) lies in [−k, k] (every ∂U_k/∂π in [0, k]).
 */
function offSupportBelow(support: readonly number[], b: NonNullable<T9Moved['box']>, ends: readonly (readonly Fraction[])[], k: number, bound: Fraction): Fraction {
  const width = b.hi[support[1]].sub(b.lo[support[1]]);
  return strictlyBelow(ends[0].map((u) => u.add(width.mul(k))), support, bound);
}

export const T9 = defineClaim<ProfileInstance, T9Evidence>({
  id: 'T9',
  title: 'certified equilibrium boxes',
  statement:
    'Every box that equilibrium certifies holds an exact symmetric NE of G_{k+1}, isolated, with every off-support response strictly below 1/(k+1); a point box is that equilibrium. Checked independently: for k = 1 a box is certified exactly when the maximal lottery is unique with every off-support response strictly below ½ (no clone responses), and it is that lottery; a point box has ε(π) = 0 and its off-support responses strictly below 1/(k+1); a box on two responses {a, b} has U_k(a) − U_k(b) of no common strict sign at its two ends, and U_k(z) + k·|Δπ(b)| < 1/(k+1) off the support; every box the test certifies around the equilibrium moved off it holds the one maximal lottery (k = 1), or a sign change of U_k(a) − U_k(b). Besides its box, equilibrium finds π by an exact method first (δ_y for one response or the first pure NE when k ≥ 2, the maximal lottery when k = 1), reports the exact ε of its policy, ε = 0 for k = 1 and whenever some δ_y is a symmetric NE, and "target met" exactly when ε ≤ its target; on prompts of at most 4 responses and k ≤ 8 it meets the default target 10^−30. With clone responses there is no box and the reason names the clone classes; a target that needs more than maxBits bits per coordinate, or a support threshold outside [0, 1], is refused as bad input.',
  latex: 'B \\ni \\pi^\\ast,\\ \\varepsilon(\\pi^\\ast) = 0',
  rule: 'uniform',
  expect: 'holds',
  compares:
    "the Krawczyk box (exact Jacobian, krawczyk.ts) against: for k = 1 the maximal lotteries by vertex enumeration and P(π ≻ z) by definition; for point boxes ε by exploitability; for two-response boxes the sign of U_k(a) − U_k(b) at the box's ends (intermediate value theorem) and a Lipschitz bound off the support; the lottery or the sign change for boxes certified around the equilibrium moved off it; equilibrium's ε against ε(π) by the direct expectation (oracles.directScores) and, where an exact NE exists (k = 1; a pure NE found by definition), against 0; its target flag against its ε",
  defaultRuns: 150,
  // the default user models, and families without a Condorcet winner more often (mixed supports, boxes of radius > 0)
  arbitrary: (o = {}) => {
    const base = { ...o, maxResponses: o.maxResponses ?? 4, maxK: o.maxK ?? 8, maxPrompts: 2 };
    return fc.oneof(profileInstanceArb({ ...base, maxUsers: 3 }), profileInstanceArb({ ...base, maxUsers: 5, families: CYCLIC }));
  },
  evidence({ profile, k }) {
    const r = equilibrium(profile, k, { maxRounds: 4000 });
    return {
      prompts: r.prompts.map((p, x) => promptEvidence(profile.prompts[x].prompt, k, p)),
      epsilon: r.epsilon,
      robustness: r.robustness,
      targetMet: r.targetMet,
      refusals: [refusalOf(() => equilibrium(profile, k, { target: TINY })), refusalOf(() => equilibrium(profile, k, { supportThreshold: 2 }))],
    };
  },
  judge({ profile, k }, e) {
    const bound = frac(1, k + 1);
    // the whole result: ε = Σ ρ(x) ε_x, rob = k/(k+1) − ε (T2), met iff met on every prompt; the refusals, with the
    // bits README's formula gives: log2(1/target) + 16 + 2⌈log2(k+1)⌉ + ⌈log2(n+1)⌉ (n the most responses)
    const epsilon = e.prompts.reduce((acc, p, x) => acc.add(p.epsilon.mul(profile.prompts[x].weight)), ZERO);
    const n = Math.max(...profile.prompts.map(({ prompt }) => prompt.responses.length));
    const need = TINY_BITS + 1 + 16 + 2 * Math.ceil(Math.log2(k + 1)) + Math.ceil(Math.log2(n + 1));
    const parts: Fraction[] = [
      eqSlack(e.epsilon, epsilon),
      eqSlack(e.robustness, frac(k, k + 1).sub(epsilon)),
      holds(e.targetMet === e.prompts.every((p) => p.targetMet)),
      holds(e.refusals.length === 2),
      holds(e.refusals[0] === `target 9.168e-2467 needs about ${need} bits per coordinate, above maxBits = 8192`),
      holds(e.refusals[1] === 'equilibrium option supportThreshold must be a finite number from 0 to 1, got 2'),
    ];
    e.prompts.forEach((p, x) => {
      const b = p.box;
      // clone responses: the equilibria form a continuum whenever a clone class has mass, so no box (SPEC §3), and the reason names them
      if (p.clones) parts.push(holds(b === null && p.boxReason === cloneReason(profile.prompts[x].prompt)));
      parts.push(eqSlack(p.epsilon, p.epsilonDirect), holds(p.targetMet === p.epsilon.lte(DEFAULT_TARGET)));
      if (k <= MET_K && p.probs.length <= MET_N) parts.push(holds(p.targetMet));
      if (k === 1 || p.pure !== null) parts.push(eqSlack(p.epsilon, ZERO));
      // exact methods first (README): one response or a pure NE (k ≥ 2): that δ_y, the first; k = 1: the maximal lottery
      const n = p.probs.length;
      if (!p.clones && (n === 1 || (k >= 2 && p.pure !== null))) {
        const y = p.pure ?? 0;
        parts.push(holds(p.method === 'pure' && p.probs.every((v, z) => v.equals(z === y ? 1 : 0))));
      } else if (!p.clones && k === 1) {
        parts.push(holds(p.method === 'maximal lottery'));
        if (p.lotteries !== null && p.lotteries.length === 1) p.lotteries[0].forEach((v, y) => parts.push(eqSlack(p.probs[y], v)));
      }
      if (b !== null) parts.push(shapeSlack(p));
      let strictLottery: readonly Fraction[] | null = null;
      if (p.lotteries !== null && !p.clones) {
        const unique = p.lotteries.length === 1;
        if (!unique) parts.push(holds(b === null));
        else {
          const strict = strictlyBelow(p.lotteryWinRates!.map((w) => ONE.sub(w)), p.lotteries[0].flatMap((v, y) => (signOf(v) > 0 ? [y] : [])), HALF);
          if (signOf(strict) >= 0) {
            // unique and strict: certified, a point box at that lottery
            strictLottery = p.lotteries[0];
            parts.push(holds(b !== null && signOf(b.radius) === 0));
            if (b !== null) p.lotteries[0].forEach((v, y) => parts.push(eqSlack(b.lo[y], v), eqSlack(b.hi[y], v)));
          } else parts.push(holds(b === null && p.boxReason !== null && p.boxReason.startsWith('degenerate')));
        }
      }
      // boxes around π moved off it: each must hold the one maximal lottery (none when it is degenerate), or pass the two-response test
      const inS = new Set(p.support);
      for (const m of p.moved) {
        const mb = m.box;
        if (mb === null) continue;
        parts.push(holds(mb.lo.every((v, y) => inS.has(y) || (signOf(v) === 0 && signOf(mb.hi[y]) === 0))));
        if (p.lotteries !== null && p.lotteries.length === 1 && !p.clones) {
          const L = p.lotteries[0];
          parts.push(holds(strictLottery !== null && L.every((v, y) => mb.lo[y].lte(v) && v.lte(mb.hi[y]))));
        }
        if (m.ends !== null) parts.push(signChange(p.support, m.ends));
      }
      if (p.pointScores !== null) {
        const max = p.pointScores.reduce((a, u) => (u.gt(a) ? u : a), ZERO);
        parts.push(eqSlack(max, bound), strictlyBelow(p.pointScores, p.support, bound));
      }
      if (p.ends !== null && b !== null) parts.push(signChange(p.support, p.ends), offSupportBelow(p.support, b, p.ends, k, bound));
    });
    return verdict(minRat(parts), {
      prompts: e.prompts.map((p, x) => ({
        policy: ratList(p.probs),
        epsilon: p.epsilon.toFraction(),
        targetMet: p.targetMet,
        pureEquilibrium: p.pure === null ? null : profile.prompts[x].prompt.responses[p.pure],
        box: p.box === null ? null : { lo: ratList(p.box.lo), hi: ratList(p.box.hi), radius: p.box.radius.toFraction() },
        boxReason: p.boxReason,
        maximalLotteries: p.lotteries === null ? null : p.lotteries.map((l) => ratList(l)),
      })),
    });
  },
  size: profileInstanceSize,
  toJson: profileInstanceJson,
  fromJson: profileInstanceFromJson,
});
