// solveLP / solveLPSync routing (crossover, glpk only when loaded) and glpk.js + exact certificate: the float
// guess's status, bounds and row senses reach glpk as meant, the certificate is rebuilt from supports and tight
// rows, and a wrong guess is refused (null), never returned.
import { test } from '@fast-check/vitest';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { params } from '../../test/helpers/fc.js';
import { Fraction, isZero, parseRational } from '../exact/rational.js';
import { checkResult } from './certificate.js';
import { certifyGuess, glpkGuess, glpkIfLoaded, loadGlpk } from './glpk.js';
import { toIntLP } from './integer.js';
import { simplexSolve } from './simplex.js';
import { CROSSOVER, solveLP, solveLPSync, withGlpkOnDemand } from './solve.js';
import { LP, LPRow, Sense } from './types.js';

const r = (s: string | number) => parseRational(String(s))!;
function row(coefs: (string | number)[], sense: Sense, rhs: string | number): LPRow {
  const idx: number[] = [];
  const val: Fraction[] = [];
  coefs.forEach((c, j) => {
    if (!isZero(r(c))) {
      idx.push(j);
      val.push(r(c));
    }
  });
  return { idx, val, sense, rhs: r(rhs) };
}
const lp = (maximize: boolean, c: (string | number)[], rows: LPRow[], free?: boolean[]): LP => ({ numVars: c.length, maximize, objective: c.map(r), rows, free });

/** max Σ x_j s.t. x_j + x_{j+1} ≤ j + 2 (cyclic), n×n, nondegenerate. */
function cyclic(n: number): LP {
  return lp(
    true,
    new Array(n).fill(1),
    Array.from({ length: n }, (_, i) => row(Array.from({ length: n }, (_, j) => (j === i || j === (i + 1) % n ? 1 : 0)), '<=', i + 2)),
  );
}

describe('routing', () => {
  it('before glpk.js is loaded: method glpk is refused, auto uses the exact simplex at any size', async () => {
    expect(glpkIfLoaded()).toBeNull();
    expect(() => solveLPSync(cyclic(3), { method: 'glpk' })).toThrow('solveLPSync: glpk.js is not loaded (await loadGlpk() first)');
    expect(solveLPSync(cyclic(CROSSOVER)).method).toBe('simplex');
    // solveLP below the crossover does not load it
    expect((await solveLP(cyclic(CROSSOVER - 1))).method).toBe('simplex');
    expect(glpkIfLoaded()).toBeNull();
    // withGlpkOnDemand: a run of small LPs only does not load it; an error of the run itself passes through
    let runs = 0;
    const small = await withGlpkOnDemand(() => (runs++, solveLPSync(cyclic(CROSSOVER - 1))));
    expect([small.method, runs, glpkIfLoaded()]).toEqual(['simplex', 1, null]);
    await expect(withGlpkOnDemand(() => { throw new RangeError('own'); })).rejects.toThrow('own');
    expect(glpkIfLoaded()).toBeNull();
    expect(solveLPSync(cyclic(CROSSOVER)).method).toBe('simplex'); // outside a run: no deferral left behind
  });

  it('withGlpkOnDemand: a run that meets an LP at the crossover is stopped there and run again with glpk.js', async () => {
    expect(glpkIfLoaded()).toBeNull();
    const seen: string[] = [];
    const r = await withGlpkOnDemand(() => {
      seen.push(glpkIfLoaded() === null ? 'without' : 'with');
      const a = solveLPSync(cyclic(CROSSOVER - 1));
      const b = solveLPSync(cyclic(CROSSOVER));
      return [a.method, b.method];
    });
    expect(seen).toEqual(['without', 'with']);
    expect(r).toEqual(['simplex', 'glpk+certificate']);
    expect(glpkIfLoaded()).not.toBeNull();
  });

  it('solveLP loads glpk.js at the crossover and uses it there; below, the simplex', async () => {
    expect(CROSSOVER).toBe(12);
    const a = await solveLP(cyclic(CROSSOVER));
    expect(a.method).toBe('glpk+certificate');
    expect(glpkIfLoaded()).not.toBeNull();
    expect(loadGlpk()).toBe(loadGlpk()); // one instance per process
    expect(await loadGlpk()).toBe(glpkIfLoaded());
    expect(solveLPSync(cyclic(CROSSOVER - 1)).method).toBe('simplex');
    expect(solveLPSync(cyclic(CROSSOVER)).method).toBe('glpk+certificate');
    expect(solveLPSync(cyclic(5), { method: 'simplex' }).method).toBe('simplex');
    expect(solveLPSync(cyclic(CROSSOVER), { method: 'simplex' }).method).toBe('simplex'); // simplex asked: at any size
    // min(rows, columns) decides: 12 columns but 11 rows
    const wide = lp(true, new Array(12).fill(1), cyclic(12).rows.slice(0, 11));
    expect(solveLPSync(wide).method).toBe('simplex');
    const b = simplexSolve(cyclic(CROSSOVER));
    expect(a.status === 'optimal' && b.status === 'optimal' && a.value.equals(b.value)).toBe(true);
  });

  it('an LP glpk does not solve to optimality goes to the exact simplex (infeasible, unbounded)', async () => {
    await loadGlpk();
    const inf = lp(true, [1, 1], [row([1, 1], '<=', 1), row([1, 1], '>=', 2)]);
    const s = solveLPSync(inf, { method: 'glpk' });
    expect([s.status, s.method]).toEqual(['infeasible', 'simplex']);
    const unb = lp(true, [1, 2], [row([1, -1], '<=', 1)]);
    const u = solveLPSync(unb, { method: 'glpk' });
    expect([u.status, u.method]).toEqual(['unbounded', 'simplex']);
  });
});

describe('glpk guess and exact certificate', () => {
  it('glpkGuess: statuses, and bounds by sense (≤, ≥, =) and free columns', async () => {
    const g = await loadGlpk();
    const inf = toIntLP(lp(true, [1], [row([1], '<=', 1), row([1], '>=', 2)]));
    expect(glpkGuess(g, inf).status).toBe('infeasible');
    expect(glpkGuess(g, toIntLP(lp(true, [1], [row([-1], '<=', 1)]))).status).toBe('unbounded');
    // min x + y, x − y = 1, y ≥ −3 (y free, x ≥ 0): y = −1, x = 0 (row activities 1 and −1)
    const p = toIntLP(lp(false, [1, 1], [row([1, -1], '=', 1), row([0, 1], '>=', -3)], [false, true]));
    const q = glpkGuess(g, p);
    expect(q.status).toBe('optimal');
    expect([...q.x]).toEqual([0, -1]);
    expect([...q.act]).toEqual([1, -1]);
    expect([...q.dual]).toEqual([-1, 0]);
    // max x − y s.t. x ≤ 2, y ≥ 1, x + y = 4 (x, y ≥ 0) → (2, 2)
    const w = glpkGuess(g, toIntLP(lp(true, [1, -1], [row([1, 0], '<=', 2), row([0, 1], '>=', 1), row([1, 1], '=', 4)])));
    expect(w.status).toBe('optimal');
    expect([...w.x]).toEqual([2, 2]);
    expect([...w.act]).toEqual([2, 2, 4]);
  });

  it('certifies free columns, ≥ and = rows and fractional data (method glpk+certificate)', async () => {
    await loadGlpk();
    const cases: [LP, string][] = [
      [lp(false, [1, 1], [row([1, -1], '=', 1), row([0, 1], '>=', -3)], [false, true]), '-1'],
      [lp(true, ['1/2', '1/3'], [row(['1/4', '1/6'], '<=', '1/2'), row([1, 0], '<=', 1)]), '1'],
      [lp(false, [2, 3], [row([1, 1], '>=', 2), row([1, -1], '=', 0)]), '5'],
      [lp(true, [-1, 1], [row([1, 0], '>=', -4), row([0, 1], '<=', 3), row([1, 1], '<=', 10)], [true, true]), '7'],
      [lp(false, [1], [row([1], '>=', '-5/2')], [true]), '-5/2'],
    ];
    for (const [P, value] of cases) {
      const s = solveLPSync(P, { method: 'glpk' });
      expect(checkResult(P, s)).toBeNull();
      expect(s.status === 'optimal' && s.value.toFraction()).toBe(value);
      expect(s.method).toBe('glpk+certificate');
    }
  });

  it('certifyGuess refuses a wrong float guess (null), and accepts the right one', async () => {
    const g = await loadGlpk();
    const p = toIntLP(cyclic(4));
    const guess = glpkGuess(g, p);
    expect(guess.status).toBe('optimal');
    const ok = certifyGuess(p, guess);
    expect(ok).not.toBeNull();
    expect(ok!.status === 'optimal' && ok!.value.toFraction()).toBe('6');
    expect(ok!.method).toBe('glpk+certificate');
    expect(checkResult(p, ok!)).toBeNull();
    // the certificate is rebuilt from the supports and tight rows, so only a wrong support or tight set matters
    expect(certifyGuess(p, { ...guess, x: Float64Array.from(guess.x, (v, j) => (j === 0 ? v + 1e-3 : v)) })).toEqual(ok);
    expect(certifyGuess(p, { ...guess, x: new Float64Array(guess.x.length) })).toBeNull();
    const dual = Float64Array.from(guess.dual, () => 1);
    expect(certifyGuess(p, { ...guess, dual })).toBeNull();
    const act = new Float64Array(guess.act.length);
    expect(certifyGuess(p, { ...guess, act })).toBeNull();
  });
});

// feasible, bounded LPs in general position: x = 0 is feasible (b ≥ 0 on ≤ rows), a box bounds them
const rec = fc.record({
  n: fc.integer({ min: 1, max: 6 }),
  m: fc.integer({ min: 1, max: 6 }),
  a: fc.array(fc.integer({ min: -9, max: 9 }), { minLength: 36, maxLength: 36 }),
  b: fc.array(fc.integer({ min: 1, max: 20 }), { minLength: 6, maxLength: 6 }),
  c: fc.array(fc.integer({ min: -9, max: 9 }), { minLength: 6, maxLength: 6 }),
  maximize: fc.boolean(),
});

describe('glpk + certificate on generic LPs', () => {
  test.prop([rec], params(200))('certified by glpk (not the fallback) with the value of the exact simplex', async (g) => {
    await loadGlpk();
    const rows = [
      ...Array.from({ length: g.m }, (_, i) => row(g.a.slice(i * 6, i * 6 + g.n), '<=', g.b[i])),
      ...Array.from({ length: g.n }, (_, j) => row(Array.from({ length: g.n }, (_, t) => (t === j ? 1 : 0)), '<=', 10 + j)),
    ];
    const P = lp(g.maximize, g.c.slice(0, g.n), rows);
    const s = solveLPSync(P, { method: 'glpk' });
    const e = simplexSolve(P);
    expect(checkResult(P, s)).toBeNull();
    expect(s.status).toBe('optimal');
    expect(e.status === 'optimal' && s.status === 'optimal' && s.value.equals(e.value)).toBe(true);
    expect(s.method).toBe('glpk+certificate');
  });
});
