import { test } from '@fast-check/vitest';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { params } from '../../test/helpers/fc.js';
import { bestVertexOracle } from '../../test/oracles/lpVertices.js';
import { Fraction, isZero, parseRational } from '../exact/rational.js';
import { checkResult } from './certificate.js';
import { toIntLP } from './integer.js';
import { Tableau, simplexSolve, simplexSolveInt, standardForm } from './simplex.js';
import { solveLP, solveLPSync } from './solve.js';
import { LP, LPResult, LPRow, Sense, denseRow } from './types.js';

const r = (s: string) => parseRational(s)!;
function row(coefs: (string | number)[], sense: Sense, rhs: string | number): LPRow {
  const idx: number[] = [];
  const val: Fraction[] = [];
  coefs.forEach((c, j) => {
    const v = r(String(c));
    if (!isZero(v)) {
      idx.push(j);
      val.push(v);
    }
  });
  return { idx, val, sense, rhs: r(String(rhs)) };
}
function lp(maximize: boolean, c: (string | number)[], rows: LPRow[], free?: boolean[]): LP {
  return { numVars: c.length, maximize, objective: c.map((v) => r(String(v))), rows, free };
}

describe('exact simplex', () => {
  it('solves a textbook LP with exact duals', () => {
    // max 3x + 5y, x ≤ 4, 2y ≤ 12, 3x + 2y ≤ 18 → (2, 6), value 36, duals (0, 3/2, 1)
    const p = lp(true, [3, 5], [row([1, 0], '<=', 4), row([0, 2], '<=', 12), row([3, 2], '<=', 18)]);
    const s = simplexSolve(p);
    expect(s.status).toBe('optimal');
    if (s.status !== 'optimal') return;
    expect(s.value.toFraction()).toBe('36');
    expect(s.x.map((v) => v.toFraction())).toEqual(['2', '6']);
    expect(s.y.map((v) => v.toFraction())).toEqual(['0', '3/2', '1']);
    expect(checkResult(p, s)).toBeNull();
  });

  it("terminates on Beale's cycling example (degenerate) with value −5/4", () => {
    const p = lp(
      false,
      ['-3/4', 20, '-1/2', 6],
      [row(['1/4', -8, -1, 9], '<=', 0), row(['1/2', -12, '-1/2', 3], '<=', 0), row([0, 0, 1, 0], '<=', 1)],
    );
    const s = simplexSolve(p);
    expect(s.status).toBe('optimal');
    if (s.status === 'optimal') expect(s.value.toFraction()).toBe('-5/4');
    expect(checkResult(p, s)).toBeNull();
  });

  it('handles free variables, ≥ and = rows, minimisation', () => {
    // min x − y, x + y = 1, x − y ≥ −3, y free, x ≥ 0 → x = 0, y = 1, value −1
    const p = lp(false, [1, -1], [row([1, 1], '=', 1), row([1, -1], '>=', -3)], [false, true]);
    const s = simplexSolve(p);
    expect(s.status).toBe('optimal');
    if (s.status === 'optimal') expect(s.value.toFraction()).toBe('-1');
    expect(checkResult(p, s)).toBeNull();
  });

  it('reports infeasibility with a Farkas certificate', () => {
    const p = lp(true, [1, 1], [row([1, 1], '<=', 1), row([1, 1], '>=', 2)]);
    const s = simplexSolve(p);
    expect(s.status).toBe('infeasible');
    expect(checkResult(p, s)).toBeNull();
  });

  it('reports unboundedness with a ray', () => {
    const p = lp(true, [1, 2], [row([1, -1], '<=', 1)]);
    const s = simplexSolve(p);
    expect(s.status).toBe('unbounded');
    expect(checkResult(p, s)).toBeNull();
  });

  it('a wrong certificate is rejected', () => {
    const p = lp(true, [3, 5], [row([1, 0], '<=', 4), row([0, 2], '<=', 12), row([3, 2], '<=', 18)]);
    const bad = { status: 'optimal' as const, value: r('36'), x: [r('2'), r('6')], y: [r('0'), r('1'), r('1')], method: 'simplex' as const };
    expect(checkResult(p, bad)).not.toBeNull();
  });

  it('glpk + certificate agrees with the exact simplex on random LPs (and falls back when it must)', async () => {
    let seed = 7;
    const rnd = (k: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % k;
    };
    for (let t = 0; t < 40; t++) {
      const n = 2 + rnd(14);
      const m = 2 + rnd(14);
      const rows = Array.from({ length: m }, () =>
        row(
          Array.from({ length: n }, () => `${rnd(9) - 3}/${1 + rnd(3)}`),
          (['<=', '>=', '='] as Sense[])[rnd(5) < 3 ? 0 : rnd(5) < 4 ? 1 : 2],
          `${rnd(11) - 2}/${1 + rnd(2)}`,
        ),
      );
      const p = lp(rnd(2) === 0, Array.from({ length: n }, () => rnd(7) - 3), rows);
      const a = simplexSolve(p);
      const b = await solveLP(p, { method: 'glpk' });
      expect(checkResult(p, a)).toBeNull();
      expect(checkResult(p, b)).toBeNull();
      expect(b.status).toBe(a.status);
      if (a.status === 'optimal' && b.status === 'optimal') expect(a.value.equals(b.value)).toBe(true);
    }
  });
});

const txt = (xs: readonly Fraction[]) => xs.map((x) => x.toFraction());
function optimal(p: LP): Extract<LPResult, { status: 'optimal' }> {
  const s = simplexSolve(p);
  expect(checkResult(p, s)).toBeNull();
  if (s.status !== 'optimal') throw new Error(`expected optimal, got ${s.status}`);
  return s;
}

describe('exact simplex: degenerate and edge cases', () => {
  it('drives artificials out of the basis: max x s.t. −x ≥ 0 is optimal at 0, not unbounded', () => {
    const p = lp(true, [1], [row([-1], '>=', 0)]);
    const s = optimal(p);
    expect(s.value.toFraction()).toBe('0');
    expect(txt(s.x)).toEqual(['0']);
    expect(txt(s.y)).toEqual(['-1']);
    // the same with a second, redundant zero row and in two variables
    const q = lp(true, [1, 1], [row([-1, 0], '>=', 0), row([0, -1], '>=', 0), row([-1, -1], '>=', 0)]);
    expect(optimal(q).value.toFraction()).toBe('0');
  });

  it('redundant equality rows (an artificial stays on a zero row)', () => {
    const p = lp(true, [1, 0], [row([1, 1], '=', 1), row([2, 2], '=', 2)]);
    const s = optimal(p);
    expect(s.value.toFraction()).toBe('1');
    expect(txt(s.x)).toEqual(['1', '0']);
  });

  it('exact duals of a minimisation with ≤ and ≥ rows', () => {
    // min x + y s.t. x + 2y ≤ 4, x ≥ 1 → (1, 0), value 1, duals (0, 1)
    const s = optimal(lp(false, [1, 1], [row([1, 2], '<=', 4), row([1, 0], '>=', 1)]));
    expect(s.value.toFraction()).toBe('1');
    expect(txt(s.x)).toEqual(['1', '0']);
    expect(txt(s.y)).toEqual(['0', '1']);
  });

  it('negative right-hand sides (rows negated), fractional data, scaled objective', () => {
    // min 2x s.t. −x ≤ −3 → x = 3, value 6, dual −2 (min: ≤ row ≤ 0)
    const s = optimal(lp(false, [2], [row([-1], '<=', -3)]));
    expect([s.value.toFraction(), ...txt(s.x), ...txt(s.y)]).toEqual(['6', '3', '-2']);
    // max x/2 + y/3 s.t. x/4 + y/6 ≤ 1/2, x ≤ 1 → value 1 (x = 1, y = 3/2)
    const t = optimal(lp(true, ['1/2', '1/3'], [row(['1/4', '1/6'], '<=', '1/2'), row([1, 0], '<=', 1)]));
    expect(t.value.toFraction()).toBe('1');
    expect(txt(t.y)).toEqual(['2', '0']);
  });

  it('free variables at negative optima, and as the improving direction of a ray', () => {
    const s = optimal(lp(false, [1], [row([1], '>=', -2)], [true]));
    expect([s.value.toFraction(), ...txt(s.x), ...txt(s.y)]).toEqual(['-2', '-2', '1']);
    const u = simplexSolve(lp(false, [1], [], [true]));
    expect(u.status).toBe('unbounded');
    if (u.status === 'unbounded') expect(txt(u.ray)).toEqual(['-1']);
    const w = simplexSolve(lp(true, [-1, 1], [row([1, -1], '<=', 3)], [true, false]));
    expect(w.status).toBe('unbounded');
    expect(checkResult(lp(true, [-1, 1], [row([1, -1], '<=', 3)], [true, false]), w)).toBeNull();
  });

  it('no rows: optimal 0 or unbounded', () => {
    const s = optimal(lp(true, [0, 0], []));
    expect([s.value.toFraction(), ...txt(s.x)]).toEqual(['0', '0', '0']);
    expect(optimal(lp(true, [-1, -2], [])).value.toFraction()).toBe('0');
    const u = simplexSolve(lp(true, [0, 1], []));
    expect(u.status).toBe('unbounded');
    if (u.status === 'unbounded') expect([...txt(u.x), ...txt(u.ray)]).toEqual(['0', '0', '0', '1']);
  });

  it('infeasible equalities and ≥ rows, with a Farkas vector', () => {
    for (const p of [
      lp(true, [1, 0], [row([1, 1], '=', 1), row([1, 1], '=', 2)]),
      lp(false, [1], [row([1], '>=', 3), row([1], '<=', 2)]),
      lp(true, [1], [row([-1], '>=', 1)]),
      lp(true, [0, 0], [row([1, 1], '<=', -1)]),
    ]) {
      const s = simplexSolve(p);
      expect(s.status).toBe('infeasible');
      expect(checkResult(p, s)).toBeNull();
      expect(checkResult(p, s)).toBeNull();
    }
  });

  it('an unbounded ray through basic variables', () => {
    // max y s.t. y − x ≤ 1, x − 2y ≤ 2 → ray (1, 1)-ish: x and y grow together
    const p = lp(true, [0, 1], [row([-1, 1], '<=', 1), row([1, -2], '<=', 2)]);
    const s = simplexSolve(p);
    expect(s.status).toBe('unbounded');
    expect(checkResult(p, s)).toBeNull();
    expect(checkResult(p, s)).toBeNull();
    if (s.status === 'unbounded') expect(s.ray.every((d) => d.s > 0n && d.n > 0n)).toBe(true);
  });

  it('no variables: a row 0 ≤ b (or 0 ≥ b) holds or not by its sign alone', () => {
    const s = optimal(lp(true, [], [row([], '<=', 1), row([], '>=', -2)]));
    expect([s.value.toFraction(), ...txt(s.x), ...txt(s.y)]).toEqual(['0', '0', '0']);
    for (const p of [lp(true, [], [row([], '<=', -1)]), lp(false, [], [row([], '>=', 1)])]) {
      const t = simplexSolve(p);
      expect(t.status).toBe('infeasible');
      expect(checkResult(p, t)).toBeNull();
    }
  });

  it('solveLPSync: simplex below the crossover, glpk only when asked and loaded', async () => {
    const p = lp(true, [3, 5], [row([1, 0], '<=', 4), row([0, 2], '<=', 12), row([3, 2], '<=', 18)]);
    const s = solveLPSync(p);
    expect(s.method).toBe('simplex');
    expect(s.status === 'optimal' && s.value.toFraction()).toBe('36');
    expect(solveLPSync(toIntLP(p), { method: 'simplex' }).method).toBe('simplex');
    const g = await solveLP(p, { method: 'glpk' });
    expect(g.method).toBe('glpk+certificate');
    expect(g.status === 'optimal' && g.value.toFraction()).toBe('36');
    expect(solveLPSync(p, { method: 'glpk' }).method).toBe('glpk+certificate');
  });
});

describe('standard form and tableau', () => {
  it('standardForm: x⁺/x⁻ for free columns, slacks ±1, rows negated so that b ≥ 0, ±c', () => {
    // min x0 − 2 x1 (x1 free) s.t. x0 + x1 ≤ 3, x0 − x1 ≥ 5, 2 x1 = −4
    const p = toIntLP(lp(false, [1, -2], [row([1, 1], '<=', 3), row([1, -1], '>=', 5), row([0, 2], '=', -4)], [false, true]));
    const sf = standardForm(p);
    expect(sf.pos).toEqual([0, 1]);
    expect(sf.neg).toEqual([-1, 2]);
    expect(sf.A).toEqual([
      [1n, 1n, -1n, 1n, 0n],
      [1n, -1n, 1n, 0n, -1n],
      [0n, -2n, 2n, 0n, 0n],
    ]);
    expect(sf.b).toEqual([3n, 5n, 4n]);
    expect(sf.flip).toEqual([1n, 1n, -1n]);
    expect(sf.c).toEqual([-1n, 2n, -2n, 0n, 0n]);
    const q = standardForm(toIntLP(lp(true, [1], [row([-1], '<=', -1), row([1], '>=', -2)])));
    expect(q.A).toEqual([
      [1n, -1n, 0n],
      [-1n, 0n, 1n],
    ]);
    expect(q.b).toEqual([1n, 2n]);
    expect(q.c).toEqual([1n, 0n, 0n]);
  });

  it('the initial tableau: [A | I | b], objective rows −c and −Σ rows (phase 1)', () => {
    const t = new Tableau([[1n, 2n], [3n, 4n]], [5n, 6n], [7n, 8n]);
    expect([t.m, t.N, t.rhs, t.det, t.pivots]).toEqual([2, 2, 4, 1n, 0]);
    expect(t.T).toEqual([
      [1n, 2n, 1n, 0n, 5n],
      [3n, 4n, 0n, 1n, 6n],
      [-7n, -8n, 0n, 0n, 0n],
      [-4n, -6n, 0n, 0n, -11n],
    ]);
    expect(t.basis).toEqual([2, 3]);
    expect(t.primal()).toEqual([0n, 0n]);
    expect(t.duals(2, 0n)).toEqual([0n, 0n]);
    expect(t.duals(3, -1n)).toEqual([-1n, -1n]);
  });

  it('integer pivots keep T = det·B⁻¹[A | I | b]; a clone is independent', () => {
    const t = new Tableau([[2n, 1n], [1n, 3n]], [4n, 5n], [1n, 1n]);
    const c = t.clone();
    t.pivot(0, 0); // x0 enters on row 0, det 2
    expect(t.det).toBe(2n);
    expect(t.basis).toEqual([0, 3]);
    expect(t.T[0]).toEqual([2n, 1n, 1n, 0n, 4n]);
    expect(t.T[1]).toEqual([0n, 5n, -1n, 2n, 6n]);
    expect(t.primal()).toEqual([4n, 0n]); // x0 = 4/2
    t.pivot(1, 1); // x1 enters on row 1, det 5
    expect(t.det).toBe(5n);
    expect(t.T[0]).toEqual([5n, 0n, 3n, -1n, 7n]);
    expect(t.T[1]).toEqual([0n, 5n, -1n, 2n, 6n]);
    expect(t.primal()).toEqual([7n, 6n]); // (7/5, 6/5)
    expect(t.pivots).toBe(2);
    // the clone did not move
    expect([c.det, c.pivots, c.basis]).toEqual([1n, 0, [2, 3]]);
    expect(c.T[0]).toEqual([2n, 1n, 1n, 0n, 4n]);
    expect(c.T[1]).toEqual([1n, 3n, 0n, 1n, 5n]);
  });

  it('a negative pivot flips every sign and keeps det > 0; rows with a zero in the pivot column are rescaled', () => {
    const t = new Tableau([[-2n, 1n], [0n, 1n]], [0n, 3n], [0n, 0n]);
    t.pivot(0, 0);
    expect(t.det).toBe(2n);
    expect(t.T[0]).toEqual([2n, -1n, -1n, 0n, 0n]);
    expect(t.T[1]).toEqual([0n, 2n, 0n, 2n, 6n]);
    t.pivot(1, 1);
    expect(t.det).toBe(2n);
    expect(t.T[0]).toEqual([2n, 0n, -1n, 1n, 3n]);
    expect(t.primal()).toEqual([3n, 6n]); // (3/2, 3)
  });

  it('driveOutArtificials pivots a basic artificial out on the first nonzero structural entry, and leaves zero rows', () => {
    const t = new Tableau([[0n, -1n, 2n], [0n, 0n, 0n]], [0n, 0n], [0n, 0n, 0n]);
    t.driveOutArtificials();
    expect(t.basis).toEqual([1, 4]);
    expect(t.det).toBe(1n);
    expect(t.pivots).toBe(1);
  });

  it('driveOutArtificials leaves a zero row whose artificial columns are nonzero', () => {
    // x + y = 1, 2x + 2y = 2 with x basic on row 0: row 1 is (0, 0 | −2, 1 | 0)
    const t = new Tableau([[1n, 1n], [2n, 2n]], [1n, 2n], [0n, 0n]);
    t.pivot(0, 0);
    expect(t.T[1]).toEqual([0n, 0n, -2n, 1n, 0n]);
    t.driveOutArtificials();
    expect([t.basis, t.pivots, t.det]).toEqual([[0, 3], 1, 1n]);
  });

  it("run: Dantzig's rule takes the most negative reduced cost; returns the unbounded column", () => {
    // max x + 3y s.t. x ≤ 1, y ≤ 1: y (−3) enters first
    const t = new Tableau([[1n, 0n], [0n, 1n]], [1n, 1n], [1n, 3n]);
    expect(t.run(2, 2)).toBe(-1);
    expect(t.basis).toEqual([0, 1]);
    expect(t.T[2][t.rhs]).toBe(4n);
    // max x + 3y s.t. x + y ≤ 1: Dantzig brings y in and stops after 1 pivot; Bland (smallest index) takes 2
    const d = new Tableau([[1n, 1n]], [1n], [1n, 3n]);
    expect(d.run(1, 2)).toBe(-1);
    expect([d.pivots, d.basis[0], d.T[1][d.rhs]]).toEqual([1, 1, 3n]);
    const b = new Tableau([[1n, 1n]], [1n], [1n, 3n]);
    expect(b.run(1, 2, 0)).toBe(-1);
    expect([b.pivots, b.basis[0], b.T[1][b.rhs]]).toEqual([2, 1, 3n]);
    const w = new Tableau([[1n, -1n]], [1n], [0n, 1n]);
    expect(w.run(1, 2)).toBe(1);
  });

  it("run: Dantzig's rule also when the most negative reduced cost comes first; ties go to the smallest index", () => {
    // max 3x + y s.t. x + y ≤ 1: x (−3) enters, one pivot
    const t = new Tableau([[1n, 1n]], [1n], [3n, 1n]);
    expect(t.run(1, 2)).toBe(-1);
    expect([t.pivots, t.basis[0], t.T[1][t.rhs]]).toEqual([1, 0, 3n]);
    // max x + y s.t. x + y ≤ 1: equal reduced costs, x enters
    const u = new Tableau([[1n, 1n]], [1n], [1n, 1n]);
    expect(u.run(1, 2)).toBe(-1);
    expect([u.pivots, u.basis[0], u.T[1][u.rhs]]).toEqual([1, 0, 1n]);
  });

  it("run: Chvátal's cycling example (Dantzig's rule cycles on it) ends at the optimum after the switch to Bland's rule", () => {
    class Capped extends Tableau {
      override pivot(r: number, s: number): void {
        if (this.pivots >= 100) throw new Error('cycling');
        super.pivot(r, s);
      }
    }
    // max 10x1 − 57x2 − 9x3 − 24x4 s.t. x1/2 − 11x2/2 − 5x3/2 + 9x4 + x5 = 0, x1/2 − 3x2/2 − x3/2 + x4 + x6 = 0,
    // x1 + x7 = 1 (rows 1 and 2 doubled, slacks x5..x7 as columns); under Dantzig's rule alone the degenerate pivots cycle
    const A = [
      [1n, -11n, -5n, 18n, 2n, 0n, 0n],
      [1n, -3n, -1n, 2n, 0n, 2n, 0n],
      [1n, 0n, 0n, 0n, 0n, 0n, 1n],
    ];
    const t = new Capped(A, [0n, 0n, 1n], [10n, -57n, -9n, -24n, 0n, 0n, 0n]);
    expect(t.run(3, 7)).toBe(-1);
    expect(t.T[3][t.rhs]).toBe(t.det); // value 1
    expect(t.pivots).toBe(13);
  });

  it("run: Dantzig's rule stays on through nondegenerate pivots (Klee–Minty cube, d = 5: all 2⁵ vertices)", () => {
    // max Σ 10^(4−j) x_j s.t. 2 Σ_{j<i} 10^(i−j) x_j + x_i + s_i = 100^i, slacks s_i as columns
    const d = 5;
    const A = Array.from({ length: d }, (_, i) => [
      ...Array.from({ length: d }, (_, j) => (j < i ? 2n * 10n ** BigInt(i - j) : j === i ? 1n : 0n)),
      ...Array.from({ length: d }, (_, k) => (k === i ? 1n : 0n)),
    ]);
    const b = Array.from({ length: d }, (_, i) => 100n ** BigInt(i));
    const c = [...Array.from({ length: d }, (_, j) => 10n ** BigInt(d - 1 - j)), ...Array<bigint>(d).fill(0n)];
    const t = new Tableau(A, b, c);
    expect(t.run(d, 2 * d)).toBe(-1);
    expect([t.pivots, t.T[d][t.rhs], t.det]).toEqual([31, 100000000n, 1n]);
  });

  it('the ratio test takes the smallest ratio, ties to the smallest basic index', () => {
    // max x s.t. 2x ≤ 4 (row 0), x ≤ 3 (row 1): row 0 leaves
    const t = new Tableau([[2n], [1n]], [4n, 3n], [1n]);
    t.run(2, 1);
    expect(t.basis).toEqual([0, 2]);
    // x ≤ 2 (row 0), x ≤ 3 (row 1): row 0 leaves
    const t1 = new Tableau([[1n], [1n]], [2n, 3n], [1n]);
    t1.run(2, 1);
    expect(t1.basis).toEqual([0, 2]);
    // x ≤ 3 (row 0), x ≤ 2 (row 1): row 1 leaves
    const u = new Tableau([[1n], [1n]], [3n, 2n], [1n]);
    u.run(2, 1);
    expect(u.basis).toEqual([1, 0]);
    // tie 2x ≤ 2, x ≤ 1: both ratio 1; the smaller basic index (artificial 1 < 2) leaves
    const w = new Tableau([[2n], [1n]], [2n, 1n], [1n]);
    w.run(2, 1);
    expect(w.basis).toEqual([0, 2]);
    // a tie on rows 0 (basic index 2) and 1 (basic index 0): row 1 leaves although it comes later
    const v = new Tableau([[1n, 2n], [1n, 1n]], [2n, 1n], [1n, 3n]);
    v.pivot(1, 0);
    expect(v.basis).toEqual([2, 0]);
    v.run(2, 2);
    expect(v.basis).toEqual([2, 1]);
    // entries ≤ 0 are never chosen: max x s.t. −x ≤ 5, x ≤ 1
    const z = new Tableau([[-1n], [1n]], [5n, 1n], [1n]);
    z.run(2, 1);
    expect(z.basis).toEqual([1, 0]);
  });
});

// small random LPs (x ≥ 0): the simplex against vertex enumeration (test/oracles/lpVertices.ts)
const small = fc.integer({ min: -3, max: 3 });
const rec = fc.record({
  n: fc.integer({ min: 1, max: 3 }),
  m: fc.integer({ min: 0, max: 4 }),
  a: fc.array(small, { minLength: 12, maxLength: 12 }),
  b: fc.array(fc.integer({ min: -2, max: 4 }), { minLength: 4, maxLength: 4 }),
  c: fc.array(small, { minLength: 3, maxLength: 3 }),
  sense: fc.array(fc.constantFrom<Sense>('<=', '<=', '>=', '='), { minLength: 4, maxLength: 4 }),
  maximize: fc.boolean(),
});

describe('exact simplex against vertex enumeration', () => {
  test.prop([rec], params(400))('status and value agree with vertex enumeration; every answer passes the exact certificate', (g) => {
    const rows = Array.from({ length: g.m }, (_, i) =>
      denseRow(
        Array.from({ length: g.n }, (_, j) => r(String(g.a[i * 3 + j]))),
        g.sense[i],
        r(String(g.b[i])),
      ),
    );
    const p = lp(g.maximize, g.c.slice(0, g.n), rows);
    const s = simplexSolve(p);
    expect(checkResult(p, s)).toBeNull();
    const best = bestVertexOracle(p);
    if (s.status === 'infeasible') expect(best).toBeNull();
    else expect(best).not.toBeNull();
    if (s.status === 'optimal') expect(s.value.toFraction()).toBe(best!.toFraction());
    const t = simplexSolveInt(toIntLP(p));
    expect(t).toEqual(s);
  });
});
