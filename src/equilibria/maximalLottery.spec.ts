import { describe, expect, it, vi } from 'vitest';
import { frac, ONE, ZERO, HALF, isZero, minOf } from '../exact/rational.js';
import { loadProfile } from '../model/load.js';
import { makePrompt, singlePrompt } from '../model/build.js';
import { singleScores } from '../winrate/opponents.js';
import { main } from '../cli/main.js';
import { allMaximalLotteries, maximalLottery, maximalLotteryCertificate, promptMaximalLottery } from './maximalLottery.js';
import { marginMatrix, pairwiseMatrix } from '../winrate/pairwise.js';
import { test } from '@fast-check/vitest';
import fc from 'fast-check';
import { robustness } from '../winrate/opponents.js';
import { promptExploitability } from '../winrate/exploitability.js';
import { makePolicy } from '../model/build.js';
import { allMaximalLotteriesOfPrompt } from './maximalLottery.js';
import { bestKOutput } from './bestKOutput.js';
import { profileRecordArb, promptFromRecord } from '../instances/arbitraries.js';
import { params } from '../../test/helpers/fc.js';

const fx = (f: string) => loadProfile(`fixtures/profiles/${f}`);

function randomPrompt(n: number, m: number, seed: number) {
  let s = seed;
  const rnd = (k: number) => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s % k;
  };
  const ids = Array.from({ length: n }, (_, i) => `r${i}`);
  const users = Array.from({ length: m }, () => {
    const perm = [...ids];
    for (let i = n - 1; i > 0; i--) {
      const j = rnd(i + 1);
      [perm[i], perm[j]] = [perm[j], perm[i]];
    }
    return { weight: frac(1 + rnd(3)), tiers: perm.map((y) => [y]) };
  });
  return makePrompt(ids, users);
}

describe('maximal lotteries (SPEC §3, T7)', () => {
  it('Condorcet cycle: the uniform lottery, value 1/2', async () => {
    const r = await maximalLottery(fx('condorcet-cycle.json'));
    expect(r.policy.perPrompt[0].map((v) => v.toFraction())).toEqual(['1/3', '1/3', '1/3']);
    expect(r.value.equals(HALF)).toBe(true);
    expect(r.prompts[0].condorcetWinner).toBeNull();
  });

  it('two-camp: the Condorcet winner a is the unique maximal lottery (T4)', async () => {
    const p = fx('two-camp.json');
    const r = await maximalLottery(p);
    expect(r.prompts[0].condorcetWinner).toBe(0);
    expect(r.policy.perPrompt[0].map((v) => v.toFraction())).toEqual(['1', '0']);
    expect(allMaximalLotteries(p)[0].map((pi) => pi.map((v) => v.toFraction()))).toEqual([['1', '0']]);
  });

  it('ties (two voters): every extreme maximal lottery is listed', () => {
    const all = allMaximalLotteries(fx('two-voters-tied.json'))[0];
    expect(all.map((pi) => pi.map((v) => v.toFraction()))).toEqual([
      ['1', '0', '0', '0'],
      ['0', '1', '0', '0'],
    ]);
  });

  it('everything tied: the maximal lotteries are the whole simplex (n vertices)', () => {
    const prompt = makePrompt(['a', 'b', 'c'], [{ weight: ONE, tiers: [['a', 'b', 'c']] }]);
    expect(allMaximalLotteries(singlePrompt(prompt))[0].length).toBe(3);
  });

  it('P(z ≻ y) = 1 − U_1(y; δ_z) under the uniform rule (SPEC §2, k = ℓ = 1)', () => {
    const prompt = randomPrompt(6, 7, 3);
    const P = pairwiseMatrix(prompt);
    for (let z = 0; z < 6; z++) {
      const probs = prompt.responses.map((_, y) => (y === z ? ONE : ZERO));
      const U = singleScores(prompt, { kind: 'product', k: 1, probs }, 'uniform');
      for (let y = 0; y < 6; y++) expect(P[z][y].equals(ONE.sub(U[y]))).toBe(true);
    }
  });

  it('simplex and glpk + certificate both return certified maximal lotteries (n = 30)', async () => {
    for (const seed of [1, 2, 3]) {
      const prompt = randomPrompt(30, 40, seed);
      const { K, B } = marginMatrix(prompt);
      const a = await promptMaximalLottery(prompt, { method: 'simplex' });
      const b = await promptMaximalLottery(prompt, { method: 'glpk' });
      expect(a.method === 'condorcet' || a.method === 'simplex').toBe(true);
      for (const r of [a, b]) {
        expect(maximalLotteryCertificate(K, B, r.probs)).not.toBeNull();
        expect(r.value.equals(HALF)).toBe(true);
      }
    }
  });

  it('double oracle (n > 40): the certified maximal lottery of the whole game, same support as the full LP', async () => {
    for (const seed of [4, 5]) {
      const prompt = randomPrompt(60, 7, seed);
      const { K, B } = marginMatrix(prompt);
      const a = await promptMaximalLottery(prompt);
      const b = await promptMaximalLottery(prompt, { method: 'glpk' });
      expect(maximalLotteryCertificate(K, B, a.probs)).not.toBeNull();
      expect(maximalLotteryCertificate(K, B, b.probs)).not.toBeNull();
      expect(a.value.equals(HALF)).toBe(true);
    }
  });

  it('CLI: ualign nash --json and --all', async () => {
    const out: string[] = [];
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((s) => (out.push(String(s)), true));
    try {
      expect(await main(['nash', '--profile', 'fixtures/profiles/two-voters-tied.json', '--all', '--json'])).toBe(0);
    } finally {
      spy.mockRestore();
    }
    const j = JSON.parse(out.join(''));
    expect(j.value).toBe('1/2');
    expect(j.condorcetWinner).toBeNull();
    expect(j.policies).toEqual([{ a: '1' }, { b: '1' }]);
    expect(j.certificate.minWinRate).toBe('1/2');
  });
});

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
