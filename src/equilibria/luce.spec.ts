// Equilibria, maximal lotteries, V_k and the normal form with Luce and mixed user types (SPEC §3, §4b, T2, T3,
// T7), each against brute-force enumeration (test/oracles) or an independent exact computation.
import { test } from '@fast-check/vitest';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Fraction, HALF, ONE, ZERO, frac, isZero, numer, quotientToNumber, signOf, sumOf, toNumber } from '../exact/rational.js';
import { roundToSimplex } from '../exact/dyadic.js';
import { makePrompt, singlePrompt } from '../model/build.js';
import { Prompt } from '../model/types.js';
import { LP } from '../lp/types.js';
import { simplexSolve } from '../lp/simplex.js';
import { marginMatrix, marginRows, pairwiseMatrix, strictPreferences } from '../winrate/pairwise.js';
import { productJacobian, productScores } from '../winrate/product.js';
import { fixedPrompt, fixedResiduals, floatJacobian, floatPrompt, floatScores, gaussLegendre01 } from './floatKernel.js';
import { robustness } from '../winrate/opponents.js';
import { allMultisets } from '../winrate/multiset.js';
import { RULES, Rule } from '../winrate/rules.js';
import { promptExploitability } from '../winrate/exploitability.js';
import { allMaximalLotteriesOfPrompt, maximalLotteryCertificate, promptMaximalLotterySync } from './maximalLottery.js';
import { equilibrium, promptEquilibrium, pureEquilibria } from './equilibrium.js';
import { bestKOutputSync } from './bestKOutput.js';
import { gameToNfg } from './nfg.js';
import { lucePromptFromRecord, luceRecordArb } from '../instances/luce.js';
import { policyFromWeights } from '../instances/arbitraries.js';
import { mulberry32 } from '../instances/prng.js';
import { bruteScore, prefer, productOutcomes, tuples, typeScore } from '../../test/oracles/bruteforce.js';
import { params } from '../../test/helpers/fc.js';

const TARGET = frac(1n, 10n ** 30n);
const point = (n: number, y: number) => Array.from({ length: n }, (_, z) => (z === y ? ONE : ZERO));

/** Seeded Luce profile: m types with integer strengths 1..smax (quality + noise), weights 1..5. */
export function seededLucePrompt(n: number, m: number, seed: number, smax = 10): Prompt {
  const rnd = mulberry32(seed);
  const ids = Array.from({ length: n }, (_, i) => `r${i}`);
  const q = ids.map(() => rnd());
  return makePrompt(
    ids,
    Array.from({ length: m }, () => ({
      weight: frac(1 + Math.floor(rnd() * 5)),
      strengths: q.map((v) => frac(1 + Math.min(smax - 1, Math.floor((v * 0.6 + rnd() * 0.4) * smax)))),
    })),
  );
}

const arb = (kinds: 'luce' | 'mixed', maxN = 4) => luceRecordArb({ maxResponses: maxN, maxUsers: 3, maxDen: 2, kinds });

describe('NLHF margins and maximal lotteries with Luce types (SPEC §2, §3, T7)', () => {
  test.prop([arb('mixed', 5)], params(300))('P(y ≻ z) = E_θ s_θ(y)/(s_θ(y)+s_θ(z)), and margin rows = the matrix', (rec) => {
    const prompt = lucePromptFromRecord(rec);
    const P = pairwiseMatrix(prompt);
    const { K, B } = marginMatrix(prompt);
    const rows = marginRows(prompt);
    expect(rows.B).toBe(B);
    for (let y = 0; y < rec.n; y++) {
      expect(rows.row(y)).toEqual(K[y]);
      expect(rows.borda[y]).toBe(K[y].reduce((a, v) => a + v, 0n));
      for (let z = 0; z < rec.n; z++) expect(P[y][z].equals(prefer(prompt, y, z))).toBe(true);
    }
  });

  test.prop([arb('mixed', 5)], params(200))('the maximal lottery wins ≥ ½ against every response (brute force), every vertex too', (rec) => {
    const prompt = lucePromptFromRecord(rec);
    const ml = promptMaximalLotterySync(prompt);
    for (const pi of [ml.probs, ...allMaximalLotteriesOfPrompt(prompt)]) {
      expect(sumOf(pi).equals(ONE)).toBe(true);
      for (let z = 0; z < rec.n; z++) {
        let w = ZERO;
        pi.forEach((p, y) => (w = w.add(p.mul(prefer(prompt, y, z)))));
        expect(w.gte(HALF)).toBe(true);
      }
    }
  });

  it('strict preference shares are refused for Luce types (one clear line)', () => {
    const p = lucePromptFromRecord({ n: 2, users: [{ weight: 1, ranking: false, num: [2, 1], den: [1, 1], keys: [], cut: 0 }] });
    expect(() => strictPreferences(p)).toThrow(/ranking user types only/);
  });

  it('large n (double oracle on margin rows) agrees with the LP on the full matrix', () => {
    const prompt = seededLucePrompt(45, 30, 7, 6);
    const big = promptMaximalLotterySync(prompt);
    const full = promptMaximalLotterySync(prompt, { method: 'simplex' });
    const { K, B } = marginMatrix(prompt);
    expect(maximalLotteryCertificate(K, B, big.probs)).not.toBeNull();
    expect(big.value.equals(full.value)).toBe(true);
  });
});

describe('pure equilibria with Luce types: U_k(z; δ_y) = s_z/(s_z + k·s_y) for a Luce type', () => {
  test.prop([fc.record({ rec: arb('mixed'), k: fc.integer({ min: 1, max: 5 }) })], params(300))('= brute force', ({ rec, k }) => {
    const prompt = lucePromptFromRecord(rec);
    const want = prompt.responses.flatMap((_, y) => {
      const outs = productOutcomes(point(rec.n, y), k);
      return prompt.responses.every((_, z) => bruteScore(prompt, outs, [z], 'uniform').lte(frac(1, k + 1))) ? [y] : [];
    });
    expect(pureEquilibria(prompt, k)).toEqual(want);
  });
});

describe('certified symmetric equilibria of G_{k+1} with Luce types (SPEC §3, T2)', () => {
  test.prop([fc.record({ rec: arb('mixed'), k: fc.integer({ min: 1, max: 4 }) })], params(60))(
    'ε is exact (brute force) and rob_k(π^{⊗k}) = k/(k+1) − ε',
    ({ rec, k }) => {
      const prompt = lucePromptFromRecord(rec);
      const e = promptEquilibrium(prompt, k, { box: false });
      expect(sumOf(e.probs).equals(ONE)).toBe(true);
      const outs = productOutcomes(e.probs, k);
      const U = prompt.responses.map((_, y) => bruteScore(prompt, outs, [y], 'uniform'));
      const maxU = U.reduce((a, b) => (b.gt(a) ? b : a));
      expect(e.epsilon.equals(maxU.sub(frac(1, k + 1)))).toBe(true);
      expect(e.targetMet).toBe(e.epsilon.lte(TARGET));
      expect(e.targetMet).toBe(true);
      const r = robustness(singlePrompt(prompt), { kind: 'policy', perPrompt: [e.probs] }, { k });
      expect(r.robustness.equals(frac(k, k + 1).sub(e.epsilon))).toBe(true);
    },
  );

  it('seeded Luce profiles: ε ≤ 10^−30 and a Krawczyk box (n = 6..12, k = 2..8)', () => {
    for (const [n, m, k, seed] of [
      [6, 10, 2, 1],
      [8, 20, 4, 2],
      [12, 30, 8, 3],
    ] as const) {
      const prompt = seededLucePrompt(n, m, seed);
      const r = equilibrium(singlePrompt(prompt), k);
      const p = r.prompts[0];
      expect(p.targetMet).toBe(true);
      expect(promptExploitability(prompt, p.probs, k).epsilon.equals(p.epsilon)).toBe(true);
      expect(p.box ?? p.mergedBox).not.toBeNull();
    }
  });

  it('the SPEC §4b two camps: δ_a is the maximal lottery; the NE of G_{k+1} reaches k/(k+1)', () => {
    const prompt = makePrompt(['a', 'b'], [
      { weight: frac(3, 5), strengths: [frac(10), ONE] },
      { weight: frac(2, 5), strengths: [ONE, frac(10)] },
    ]);
    expect(promptMaximalLotterySync(prompt).condorcetWinner).toBe(0);
    for (const k of [1, 2, 8, 32]) {
      const e = promptEquilibrium(prompt, k);
      expect(e.targetMet).toBe(true);
      expect(e.box).not.toBeNull();
      if (k >= 2) expect(signOf(e.probs[1])).toBe(1); // b is played: δ_a is no equilibrium for k ≥ 2
    }
    expect(pureEquilibria(prompt, 1)).toEqual([0]);
    expect(pureEquilibria(prompt, 2)).toEqual([]);
  });

  it('clones (equal strength in every Luce type, tied in every ranking type) are merged; mergedBox certifies', () => {
    const prompt = makePrompt(['a', 'b', 'c'], [
      { weight: frac(1), strengths: [frac(5), ONE, ONE] },
      { weight: frac(1), tiers: [['b', 'c'], ['a']] },
    ]);
    const e = promptEquilibrium(prompt, 3);
    expect(e.classes).toEqual([[0], [1, 2]]);
    expect(e.box).toBeNull();
    expect(e.mergedBox).not.toBeNull();
    expect(e.probs[1].equals(e.probs[2])).toBe(true);
    expect(e.targetMet).toBe(true);
  });
});

/** The full LP over every k-multiset with brute-force win rates (reference for V_k). */
function fullLP(prompt: Prompt, k: number, rule: Rule): Fraction {
  const n = prompt.responses.length;
  const cols = allMultisets(n, k);
  const wr = cols.map((S) => prompt.responses.map((_, y) => ONE.sub(bruteScore(prompt, [{ items: S, prob: ONE }], [y], rule))));
  const C = cols.length;
  const lp: LP = {
    numVars: C + 1,
    maximize: true,
    objective: [...cols.map(() => ZERO), ONE],
    rows: [
      ...prompt.responses.map((_, y) => ({ idx: [...cols.keys(), C], val: [...wr.map((w) => w[y]), ONE.neg()], sense: '>=' as const, rhs: ZERO })),
      { idx: [...cols.keys()], val: cols.map(() => ONE), sense: '=' as const, rhs: ONE },
    ],
    free: [...cols.map(() => false), true],
  };
  const r = simplexSolve(lp);
  if (r.status !== 'optimal') throw new Error('full LP');
  return r.value;
}

describe('V_k with Luce types (SPEC T3)', () => {
  const vArb = fc.record({ rec: arb('mixed'), k: fc.integer({ min: 1, max: 3 }), rule: fc.constantFrom(...RULES) });
  test.prop([vArb], params(80))('column generation (enumerated and branch-and-bound pricing) = the full LP on brute-force win rates', ({ rec, k, rule }) => {
    const pr = singlePrompt(lucePromptFromRecord(rec));
    const ref = fullLP(pr.prompts[0].prompt, k, rule);
    expect(bestKOutputSync(pr, k, rule).value.equals(ref)).toBe(true);
    expect(bestKOutputSync(pr, k, rule, { enumerateUpTo: 0 }).value.equals(ref)).toBe(true);
  });

  test.prop([fc.record({ rec: arb('luce', 5), k: fc.integer({ min: 1, max: 4 }) })], params(60))('V_k ≥ k/(k+1); = k/(k+1) for a single Luce type', ({ rec, k }) => {
    const pr = singlePrompt(lucePromptFromRecord(rec));
    expect(bestKOutputSync(pr, k, 'uniform', { enumerateUpTo: 0 }).value.gte(frac(k, k + 1))).toBe(true);
    const one = singlePrompt(lucePromptFromRecord({ ...rec, users: rec.users.slice(0, 1) }));
    expect(bestKOutputSync(one, k, 'uniform', { enumerateUpTo: 0 }).value.equals(frac(k, k + 1))).toBe(true);
  });
});

describe('the normal form of G_{k+1} with Luce types: payoff s(y_i)/Σ_j s(y_j)', () => {
  test.prop([fc.record({ rec: arb('mixed', 3), k: fc.integer({ min: 1, max: 3 }) })], params(100))('every cell = brute force', ({ rec, k }) => {
    const prompt = lucePromptFromRecord(rec);
    const text = gameToNfg(prompt, k);
    const scale = BigInt(/times (\d+)"/.exec(text)![1]);
    const cells = text.trim().split('\n').slice(3).map((l) => l.split(' ').map((v) => BigInt(v)));
    let idx = 0;
    // profiles with player 1 fastest
    for (const prof of tuples(rec.n, k + 1)) {
      const s = [...prof].reverse();
      const pay = s.map((y, i) => {
        const others = s.filter((_, j) => j !== i);
        let v = ZERO;
        for (const u of prompt.users) v = v.add(u.weight.mul(typeScore(u, others, [y], 'uniform')));
        return v;
      });
      cells[idx++].forEach((c, i) => expect(frac(c, scale).equals(pay[i])).toBe(true));
    }
    expect(idx).toBe(cells.length);
  });
});

describe('T0 constant sum for Luce and mixed profiles (SPEC §4b: normalised and anonymous)', () => {
  test.prop([fc.record({ rec: arb('mixed', 5), w: fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 5, maxLength: 5 }), k: fc.integer({ min: 1, max: 12 }) })], params(200))(
    'Σ_y π(y) U_k(y; π) = 1/(k+1)',
    ({ rec, w, k }) => {
      const prompt = lucePromptFromRecord(rec);
      const pi = policyFromWeights(w, rec.n);
      const U = productScores(prompt, pi, k);
      expect(isZero(sumOf(U.map((u, y) => u.mul(pi[y]))).sub(frac(1, k + 1)))).toBe(true);
    },
  );
});

describe('float guides for Luce types (SPEC §4b): quadrature and convolution paths against the exact kernel', () => {
  const fArb = fc.record({
    rec: luceRecordArb({ maxResponses: 5, maxUsers: 3, maxStrength: 12, maxDen: 3, kinds: 'mixed' }),
    w: fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 5, maxLength: 5 }),
    k: fc.integer({ min: 1, max: 20 }),
    wide: fc.constantFrom(1, 300, 5000),
  });
  test.prop([fArb], params(200))('floatScores, floatJacobian and fixedResiduals within 1e-12 (relative to 1)', ({ rec, w, k, wide }) => {
    // wide > 1: one strength scaled apart so that the convolution paths run (dense for small k·span, else sparse)
    const r = wide > 1 ? { ...rec, users: rec.users.map((u, i) => (i === 0 ? { ...u, ranking: false, num: u.num.map((x, y) => (y === 0 ? x * wide : x)) } : u)) } : rec;
    const prompt = lucePromptFromRecord(r);
    const n = r.n;
    const pi = policyFromWeights(w, n);
    const fp = floatPrompt(prompt);
    const piF = pi.map(toNumber);
    const Uf = floatScores(fp, piF, k);
    const Ux = productScores(prompt, pi, k);
    Ux.forEach((u, y) => expect(Math.abs(Uf[y] - toNumber(u))).toBeLessThan(1e-12));
    const all = prompt.responses.map((_, y) => y);
    const Jf = floatJacobian(fp, piF, k, all, all);
    const { num, den } = productJacobian(prompt, pi, k, all, all);
    num.forEach((row, i) => row.forEach((v, j) => expect(Math.abs(Jf[i][j] - quotientToNumber(v, den))).toBeLessThan(1e-11 * k)));
    // fixed point at 2^−B iterates: p/2^B
    const B = 70;
    const p = roundToSimplex(piF, B).map((v) => numer(v) * ((1n << BigInt(B)) / v.d));
    const R = fixedResiduals(fixedPrompt(prompt, fp, B + 64), p, B, k);
    const Ue = productScores(prompt, p.map((v) => frac(v, 1n << BigInt(B))), k);
    const tol = frac(1n, 1n << BigInt(B + 50));
    R.forEach((v, y) => expect(frac(v, 1n << BigInt(B + 64)).sub(Ue[y].sub(frac(1, k + 1))).abs().lte(tol)).toBe(true));
  });

  it('Gauss–Legendre nodes on [0, 1] integrate t^j exactly up to degree 2N − 1 (to rounding)', () => {
    for (const N of [1, 2, 7, 45, 300]) {
      const { t, w } = gaussLegendre01(N);
      for (const j of [0, 1, N, 2 * N - 1]) {
        let s = 0;
        for (let i = 0; i < N; i++) s += w[i] * t[i] ** j;
        expect(Math.abs(s - 1 / (j + 1))).toBeLessThan(1e-13);
      }
    }
  });
});
