// glpk.js (float) + exact certificate against the exact simplex, on degenerate NLHF LPs (repeated rows and columns).
import { test } from '@fast-check/vitest';
import fc from 'fast-check';
import { describe, expect } from 'vitest';
import { marginMatrix } from '../winrate/pairwise.js';
import { nlhfLP } from '../equilibria/maximalLottery.js';
import { checkResult } from './certificate.js';
import { simplexSolveInt } from './simplex.js';
import { solveLP } from './solve.js';
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
