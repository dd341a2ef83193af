// glpk.js's float optimum turned into an exact one (glpk.ts): on LPs whose optimum is a nondegenerate vertex
// the tight rows and support read off the float solution are the right ones, so the certificate holds at the
// first try and no fallback to the exact simplex is needed — a wrong choice of rows or columns, or a wrong
// objective, would fall back (or fail) and show here. Oracle: the exact simplex's value.
import { describe, expect, it } from 'vitest';
import { frac } from '../exact/rational.js';
import { checkResult } from './certificate.js';
import { simplexSolve } from './simplex.js';
import { solveLP } from './solve.js';
import { LP, denseRow } from './types.js';

describe('glpk + certificate: certified at the first try on nondegenerate LPs', () => {
  it('random dense LPs with a unique optimal vertex (strictly positive generic data), maximisation and minimisation', async () => {
    let seed = 11;
    const rnd = (k: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % k;
    };
    let certified = 0;
    const T = 30;
    for (let t = 0; t < T; t++) {
      const n = 3 + rnd(10);
      const m = 3 + rnd(10);
      const maximize = t % 2 === 0;
      // max c·x s.t. A x ≤ b, x ≥ 0 with A, b, c > 0 (bounded, feasible at 0); min c·x s.t. A x ≥ b, x ≥ 0
      const p: LP = {
        maximize,
        numVars: n,
        objective: Array.from({ length: n }, () => frac(1 + rnd(97), 1 + rnd(7))),
        rows: Array.from({ length: m }, () =>
          denseRow(
            Array.from({ length: n }, () => frac(1 + rnd(89), 1 + rnd(5))),
            maximize ? '<=' : '>=',
            frac(50 + rnd(997), 1 + rnd(3)),
          ),
        ),
      };
      const a = simplexSolve(p);
      const b = await solveLP(p, { method: 'glpk' });
      expect(checkResult(p, b)).toBeNull();
      expect(a.status === 'optimal' && b.status === 'optimal' && a.value.equals(b.value)).toBe(true);
      if (b.status === 'optimal' && b.method === 'glpk+certificate') certified++;
    }
    expect(certified).toBe(T);
  });
});
