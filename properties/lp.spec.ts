// Issue 3: exact LP engine, maximal lotteries (NLHF, T7, T4) and the best k-output model V_k (T3).
import { test } from '@fast-check/vitest';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { frac, HALF, isZero, minOf } from '../src/exact/rational.js';
import { makePolicy, makePrompt, singlePrompt } from '../src/model/build.js';
import { loadProfile } from '../src/model/parse.js';
import { robustness } from '../src/winrate/opponents.js';
import { promptExploitability } from '../src/winrate/exploitability.js';
import { allMaximalLotteriesOfPrompt, maximalLotteryCertificate, nlhfLP, promptMaximalLottery } from '../src/equilibria/maximalLottery.js';
import { marginMatrix } from '../src/equilibria/pairwise.js';
import { bestKOutput } from '../src/equilibria/bestKOutput.js';
import { checkResult } from '../src/lp/certificate.js';
import { simplexSolveInt } from '../src/lp/simplex.js';
import { solveLP } from '../src/lp/solve.js';
import { lehmerToPermutation, profileRecordArb, promptFromRecord } from '../src/testing/arbitraries.js';
import { params } from '../src/__test-helpers__/fc.js';

const ids = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];

describe('maximal lotteries (SPEC §3, T7)', () => {
  test.prop([profileRecordArb({ maxResponses: 7, maxUsers: 6 })], params(150))(
    'every returned maximal lottery has min_y P(π ≻ y) = 1/2 exactly (simplex and glpk paths)',
    async (rec) => {
      const prompt = promptFromRecord(rec);
      const { K, B } = marginMatrix(prompt);
      for (const method of ['simplex', 'glpk'] as const) {
        const r = await promptMaximalLottery(prompt, { method });
        const w = maximalLotteryCertificate(K, B, r.probs);
        expect(w).not.toBeNull();
        expect(w!.every((v) => v.gte(HALF))).toBe(true);
        expect(r.value.equals(HALF)).toBe(true);
      }
    },
  );

  test.prop([profileRecordArb({ maxResponses: 5, maxUsers: 4 })], params(120))(
    'k = 1: every extreme maximal lottery is a symmetric NE of G_2 (ε = 0), and V_1 = 1/2 (T7)',
    async (rec) => {
      const prompt = promptFromRecord(rec);
      const all = allMaximalLotteriesOfPrompt(prompt);
      expect(all.length).toBeGreaterThan(0);
      for (const pi of all) expect(isZero(promptExploitability(prompt, pi, 1).epsilon)).toBe(true);
      expect((await bestKOutput(singlePrompt(prompt), 1)).value.equals(HALF)).toBe(true);
    },
  );

  const twoCamp = fc.record({ p: fc.integer({ min: 1, max: 40 }), q: fc.integer({ min: 1, max: 40 }), k: fc.integer({ min: 1, max: 6 }) });
  test.prop([twoCamp], params(60))('T4: two-camp, δ ∈ (0, 1/2): unique maximal lottery δ_a and rob_k(δ_a^{⊗k}) = min(k/(k+1), 1/2 + δ)', async ({ p, q, k }) => {
    // δ = p / (2(p+q)) ∈ (0, 1/2)
    const delta = frac(p, 2 * (p + q));
    const prompt = makePrompt(['a', 'b'], [
      { weight: HALF.add(delta), tiers: [['a'], ['b']] },
      { weight: HALF.sub(delta), tiers: [['b'], ['a']] },
    ]);
    const all = allMaximalLotteriesOfPrompt(prompt);
    expect(all.map((pi) => pi.map((v) => v.toFraction()))).toEqual([['1', '0']]);
    const ml = await promptMaximalLottery(prompt);
    expect(ml.condorcetWinner).toBe(0);
    const rob = robustness(singlePrompt(prompt), makePolicy([ml.probs]), { k });
    // SPEC T4 "in general" form: the copying opponent a caps it at k/(k+1) (so 1/2 at k = 1)
    expect(rob.robustness.equals(minOf(frac(k, k + 1), HALF.add(delta)))).toBe(true);
  });
});

describe('best k-output model V_k (SPEC T3)', () => {
  const arb = fc.record({ rec: profileRecordArb({ maxResponses: 4, maxUsers: 4 }), k: fc.integer({ min: 1, max: 3 }) });
  test.prop([arb], params(80))('V_k ≥ k/(k+1) on every profile (uniform)', async ({ rec, k }) => {
    const r = await bestKOutput(singlePrompt(promptFromRecord(rec)), k);
    expect(r.value.gte(frac(k, k + 1))).toBe(true);
  });

  const unanimous = fc.record({
    n: fc.integer({ min: 1, max: 5 }),
    code: fc.tuple(...[4, 3, 2, 1, 0].map((d) => fc.integer({ min: 0, max: d }))),
    weights: fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 3 }),
    k: fc.integer({ min: 1, max: 4 }),
  });
  test.prop([unanimous], params(60))('V_k = k/(k+1) on every unanimous profile (uniform)', async ({ n, code, weights, k }) => {
    const perm = lehmerToPermutation(code, n).map((y) => [ids[y]]);
    const prompt = makePrompt(ids.slice(0, n), weights.map((w) => ({ weight: frac(w), tiers: perm })));
    expect((await bestKOutput(singlePrompt(prompt), k)).value.equals(frac(k, k + 1))).toBe(true);
  });

  it('SPEC §6: impartial culture N = 4, k = 2: V_2 = 17/24; unanimous a ≻ b ≻ c: V_k = k/(k+1)', async () => {
    expect((await bestKOutput(loadProfile('fixtures/profiles/impartial-culture-4.json'), 2)).value.toFraction()).toBe('17/24');
    for (let k = 1; k <= 5; k++) expect((await bestKOutput(loadProfile('fixtures/profiles/unanimous-3.json'), k)).value.equals(frac(k, k + 1))).toBe(true);
  });
});

describe('glpk + certificate never returns a wrong or uncertified answer', () => {
  // degenerate games: few tier keys (many ties) and repeated user types (repeated rows)
  const degenerate = fc.record({
    rec: profileRecordArb({ minResponses: 4, maxResponses: 9, maxUsers: 3, maxWeight: 2 }),
    copies: fc.integer({ min: 1, max: 3 }),
  });
  test.prop([degenerate], params(300))('NLHF LP: glpk + certificate = exact simplex', async ({ rec, copies }) => {
    const r2 = { n: rec.n, users: rec.users.flatMap((u) => Array(copies).fill(u)) };
    const prompt = promptFromRecord(r2);
    const { K } = marginMatrix(prompt);
    // repeat every column of the game (duplicate responses give repeated rows of the LP)
    const Kd = K.map((row) => [...row, ...row]);
    const K2 = [...Kd, ...Kd];
    for (const M of [K, K2]) {
      const lp = nlhfLP(M);
      const a = simplexSolveInt(lp);
      const b = await solveLP(lp, { method: 'glpk' });
      expect(checkResult(lp, a)).toBeNull();
      expect(checkResult(lp, b)).toBeNull();
      expect(a.status).toBe('optimal');
      expect(b.status).toBe('optimal');
      if (a.status === 'optimal' && b.status === 'optimal') expect(a.value.equals(b.value)).toBe(true);
    }
  });
});
