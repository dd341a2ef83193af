// glpk.js (float) + exact certificate against the exact simplex, on degenerate NLHF LPs (repeated rows and columns).
import { test } from '@fast-check/vitest';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { marginMatrix } from '../winrate/pairwise.js';
import { nlhfLP } from '../equilibria/maximalLottery.js';
import { checkResult } from './certificate.js';
import { FloatGuess, certifyGuess, glpkGuess, loadGlpk } from './glpk.js';
import { IntLP } from './integer.js';
import { simplexSolveInt } from './simplex.js';
import { solveLP } from './solve.js';
import { Sense } from './types.js';
import { profileRecordArb, promptFromRecord } from '../instances/arbitraries.js';
import { params } from '../../test/helpers/fc.js';

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
      // the basis is rebuilt from supports and tight rows: degenerate games certify without the fallback
      expect(b.method).toBe('glpk+certificate');
      if (a.status === 'optimal' && b.status === 'optimal') expect(a.value.equals(b.value)).toBe(true);
    }
  });
});

/** An integer LP with unit row and objective scales (rows: coefficients, sense, rhs). */
function intLP(maximize: boolean, c: (number | bigint)[], rows: [(number | bigint)[], Sense, number | bigint][]): IntLP {
  return {
    m: rows.length,
    n: c.length,
    maximize,
    a: rows.map(([a]) => a.map(BigInt)),
    b: rows.map(([, , b]) => BigInt(b)),
    sense: rows.map(([, s]) => s),
    rowScale: rows.map(() => 1n),
    c: c.map(BigInt),
    objScale: 1n,
    free: c.map(() => false),
  };
}
const guess = (x: number[], act: number[], dual: number[]): FloatGuess => ({
  status: 'optimal',
  x: Float64Array.from(x),
  act: Float64Array.from(act),
  dual: Float64Array.from(dual),
});
/** certifyGuess's answer as strings (value, x, y), or null. */
function certified(p: IntLP, g: FloatGuess): string[] | null {
  const r = certifyGuess(p, g);
  if (r === null) return null;
  expect(checkResult(p, r)).toBeNull();
  if (r.status !== 'optimal') throw new Error(r.status);
  return [r.value.toFraction(), ...r.x.map((v) => v.toFraction()), ...r.y.map((v) => v.toFraction())];
}

describe('certifyGuess reads supports and tight rows with relative tolerances', () => {
  it('a column at most 1e-9·max(1, |x|) is outside the support', () => {
    // max x1 s.t. x0 + x1 ≤ 1 → (0, 1), y = 1; taking x0 into the support would give the vertex (1, 0)
    const p = intLP(true, [0, 1], [[[1, 1], '<=', 1]]);
    expect(certified(p, guess([0, 1], [1], [1]))).toEqual(['1', '0', '1', '1']);
    expect(certified(p, guess([1e-12, 1], [1], [1]))).toEqual(['1', '0', '1', '1']);
    expect(certified(p, guess([1e-9, 1], [1], [1]))).toEqual(['1', '0', '1', '1']);
    // relative to the largest |x_j|: 1e-7 beside 10⁴ is noise
    const q = intLP(true, [0, 1], [[[1, 1], '<=', 10000]]);
    expect(certified(q, guess([1e-7, 10000], [10000], [1]))).toEqual(['10000', '0', '10000', '1']);
  });

  it('equality rows are tight whatever their float activity', () => {
    const p = intLP(true, [1], [[[1], '=', 1]]);
    expect(certified(p, guess([1], [1 - 1e-6], [1]))).toEqual(['1', '1', '1']);
  });

  it('a row is tight within 1e-9·(1 + |b_i| + Σ_j |a_ij x_j|), bound included', () => {
    // max x0 s.t. x0 − x1 ≤ 0, x1 ≤ 10⁶: the activity 10⁻⁶ of row 0 is cancellation error at 10⁶
    const p = intLP(true, [1, 0], [
      [[1, -1], '<=', 0],
      [[0, 1], '<=', 1000000],
    ]);
    expect(certified(p, guess([1e6, 1e6], [1e-6, 1e6], [1, 1]))).toEqual(['1000000', '1000000', '1000000', '1', '1']);
    // the |b_i| term: x0 ≤ 4 with activity 4 + 5e-9 (tolerance 9e-9)
    const q = intLP(true, [1], [[[1], '<=', 4]]);
    expect(certified(q, guess([4], [4 + 5e-9], [1]))).toEqual(['4', '4', '1']);
    // exactly at the tolerance: max x0 s.t. x0 − x1 ≤ 0, x1 ≤ 1, row 0 at 1e-9·(1 + 0 + 1 + 1)
    const r = intLP(true, [1, 0], [
      [[1, -1], '<=', 0],
      [[0, 1], '<=', 1],
    ]);
    expect(certified(r, guess([1, 1], [1e-9 * 3, 1], [1, 1]))).toEqual(['1', '1', '1', '1', '1']);
  });

  it('a dual at most 1e-9·max(1, |y|) is outside the dual support', () => {
    // max −x0 + x1 s.t. x0 + x1 ≤ 2, x1 ≤ 1 → y = (0, 1); y = (1, 0) also solves column 1 but b·y = 2
    const p = intLP(true, [-1, 1], [
      [[1, 1], '<=', 2],
      [[0, 1], '<=', 1],
    ]);
    expect(certified(p, guess([0, 1], [1, 1], [0, 1]))).toEqual(['1', '0', '1', '0', '1']);
    expect(certified(p, guess([0, 1], [1, 1], [1e-12, 1]))).toEqual(['1', '0', '1', '0', '1']);
    expect(certified(p, guess([0, 1], [1, 1], [1e-9, 1]))).toEqual(['1', '0', '1', '0', '1']);
    // relative to the largest |y_i|: 1e-7 beside 10⁴ is noise
    const q = intLP(true, [-1, 10000], [
      [[1, 1], '<=', 2],
      [[0, 1], '<=', 1],
    ]);
    expect(certified(q, guess([0, 1], [1, 1], [1e-7, 10000]))).toEqual(['10000', '0', '1', '0', '10000']);
  });

  it('a reduced cost is zero within 1e-9·(1 + |c_j| + Σ_i |y_i a_ij|), bound included', () => {
    // max 4 x0 s.t. x0 ≤ 1 with y = 4 + 5e-9: reduced cost −5e-9, tolerance 9e-9
    const p = intLP(true, [4], [[[1], '<=', 1]]);
    expect(certified(p, guess([1], [1], [4 + 5e-9]))).toEqual(['4', '1', '4']);
    // max x1 s.t. x0 + x1 ≤ 2, x1 ≤ 1 with a dual d on row 0 whose column-0 reduced cost −d is exactly
    // 1e-9·(1 + d): column 0 stays an equation and forces y_0 = 0
    const q = intLP(true, [0, 1], [
      [[1, 1], '<=', 2],
      [[0, 1], '<=', 1],
    ]);
    const d = 1e-9 * (1 + 1e-9);
    expect(d).toBe(1e-9 * (1 + d));
    expect(certified(q, guess([0, 1], [1, 1], [d, 1]))).toEqual(['1', '0', '1', '0', '1']);
  });
});

describe('glpkGuess', () => {
  it("reports 'other' when glpk gives no optimum, infeasibility or unboundedness (bounds beyond doubles)", async () => {
    const g = await loadGlpk();
    // max x s.t. x = 10⁴⁰⁰: the bound is +∞ as a double
    const p = intLP(true, [1], [[[1], '=', 10n ** 400n]]);
    expect(glpkGuess(g, p).status).toBe('other');
    const r = await solveLP(p, { method: 'glpk' });
    expect(r.method).toBe('simplex');
    expect(r.status === 'optimal' && r.value.equals(10n ** 400n)).toBe(true);
  });

  it('gives no guess for a coefficient of A or c beyond doubles (glpk.js aborts on one) or when glpk.js fails; the exact simplex answers', async () => {
    const g = await loadGlpk();
    // x0 free: max x0 + x1 s.t. 10⁴⁰⁰·x0 + x1 ≤ 1, x1 ≤ 1 (value 1); and a cost of 10⁴⁰⁰
    const inA = { ...intLP(true, [1, 1], [[[10n ** 400n, 1], '<=', 1], [[0, 1], '<=', 1]]), free: [true, false] };
    const inC = intLP(true, [10n ** 400n, 1], [[[1, 1], '<=', 1]]);
    // glpk.js is not called: one infinite entry in one row (among finite ones) is enough
    let calls = 0;
    const counting = { ...g, solve: (...args: Parameters<typeof g.solve>) => (calls++, g.solve(...args)) } as typeof g;
    for (const [p, value] of [[inA, 1n], [inC, 10n ** 400n]] as const) {
      expect(glpkGuess(counting, p).status).toBe('other');
      expect(calls).toBe(0);
      const r = await solveLP(p, { method: 'glpk' });
      expect(r.method).toBe('simplex');
      expect(r.status === 'optimal' && r.value.equals(value)).toBe(true);
    }
    const failing = { ...g, solve: () => { throw new Error('Aborted()'); } } as typeof g;
    const small = intLP(true, [1, 1], [[[1, 2], '<=', 4], [[3, 1], '<=', 6]]);
    expect(glpkGuess(g, small).status).toBe('optimal');
    const none = glpkGuess(failing, small);
    expect([none.status, [...none.x], [...none.dual], [...none.act]]).toEqual(['other', [0, 0], [0, 0], [0, 0]]);
  });
});
