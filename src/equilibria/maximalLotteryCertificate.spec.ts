// Who checks the checker: the maximal-lottery certificate (P(π ≻ z) ≥ ½ for every z, SPEC §3) is fed
// perturbed lotteries and must accept exactly those the definition (test/oracles: P by its definition) accepts.
import { test } from '@fast-check/vitest';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Fraction, frac, HALF, ONE, ZERO, signOf, sumOf } from '../exact/rational.js';
import { makePrompt } from '../model/build.js';
import { Prompt } from '../model/types.js';
import { marginMatrix, marginRows } from '../winrate/pairwise.js';
import { certificateFromRows, maximalLotteryCertificate, promptMaximalLotterySync } from './maximalLottery.js';
import { profileRecordArb, promptFromRecord } from '../instances/arbitraries.js';
import { prefer } from '../../test/oracles/bruteforce.js';
import { params } from '../../test/helpers/fc.js';

/** By definition: π is a distribution and Σ_y π(y) P(y ≻ z) ≥ ½ for every z. */
function isMaximalLottery(prompt: Prompt, pi: readonly Fraction[]): boolean {
  if (pi.some((v) => signOf(v) < 0) || !sumOf(pi).equals(ONE)) return false;
  return prompt.responses.every((_, z) => sumOf(pi.map((p, y) => p.mul(prefer(prompt, y, z)))).gte(HALF));
}

function perturbed(pi: readonly Fraction[]): [string, Fraction[]][] {
  const n = pi.length;
  const out: [string, Fraction[]][] = [];
  for (const d of [frac(1, 5), frac(1, 1000), ONE])
    for (let y = 0; y < n; y++)
      for (let z = 0; z < n; z++)
        if (y !== z) out.push([`move ${d.toFraction()} from ${y} to ${z}`, pi.map((v, i) => (i === y ? v.sub(d) : i === z ? v.add(d) : v))]);
  out.push(['mass added', pi.map((v, i) => (i === 0 ? v.add(frac(1, 3)) : v))]);
  out.push(['mass removed', pi.map((v, i) => (i === 0 ? v.sub(frac(1, 3)) : v))]);
  out.push(['uniform', pi.map(() => frac(1, n))]);
  return out;
}

describe('maximal-lottery certificate', () => {
  const arb = profileRecordArb({ maxResponses: 4, maxUsers: 4, empty: true });
  test.prop([arb], params(150))('accepts exactly the maximal lotteries among perturbations of one; reports P(π ≻ z) by definition', (rec) => {
    const prompt = promptFromRecord(rec);
    const { K, B } = marginMatrix(prompt);
    const M = marginRows(prompt);
    const ml = promptMaximalLotterySync(prompt);
    const w = maximalLotteryCertificate(K, B, ml.probs)!;
    expect(w).not.toBeNull();
    prompt.responses.forEach((_, z) => expect(w[z].equals(sumOf(ml.probs.map((p, y) => p.mul(prefer(prompt, y, z)))))).toBe(true));
    for (const [name, pi] of perturbed(ml.probs)) {
      const want = isMaximalLottery(prompt, pi);
      expect(maximalLotteryCertificate(K, B, pi) !== null, name).toBe(want);
      expect(certificateFromRows(M.row, M.n, M.B, pi) !== null, name).toBe(want);
    }
  });

  it('Condorcet cycle: the uniform lottery passes, every point mass fails; a negative entry or a sum ≠ 1 fails', () => {
    const prompt = makePrompt(['a', 'b', 'c'], [
      { weight: ONE, tiers: [['a'], ['b'], ['c']] },
      { weight: ONE, tiers: [['b'], ['c'], ['a']] },
      { weight: ONE, tiers: [['c'], ['a'], ['b']] },
    ]);
    const { K, B } = marginMatrix(prompt);
    const third = frac(1, 3);
    expect(maximalLotteryCertificate(K, B, [third, third, third])!.map((v) => v.toFraction())).toEqual(['1/2', '1/2', '1/2']);
    for (let y = 0; y < 3; y++) expect(maximalLotteryCertificate(K, B, [0, 1, 2].map((i) => (i === y ? ONE : ZERO)))).toBeNull();
    expect(maximalLotteryCertificate(K, B, [frac(2, 3), frac(2, 3), frac(-1, 3)])).toBeNull();
    expect(maximalLotteryCertificate(K, B, [third, third, frac(1, 2)])).toBeNull();
    expect(maximalLotteryCertificate(K, B, [ZERO, ZERO, ZERO])).toBeNull();
  });

  it('a Condorcet winner: δ_a passes with P(a ≻ b) = 11/20 reported; δ_b and mixtures fail', () => {
    const prompt = makePrompt(['a', 'b'], [
      { weight: frac(11, 20), tiers: [['a'], ['b']] },
      { weight: frac(9, 20), tiers: [['b'], ['a']] },
    ]);
    const { K, B } = marginMatrix(prompt);
    expect(maximalLotteryCertificate(K, B, [ONE, ZERO])!.map((v) => v.toFraction())).toEqual(['1/2', '11/20']);
    expect(maximalLotteryCertificate(K, B, [ZERO, ONE])).toBeNull();
    expect(maximalLotteryCertificate(K, B, [frac(99, 100), frac(1, 100)])).toBeNull();
  });
});
