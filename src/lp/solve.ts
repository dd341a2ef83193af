import { certifyGuess, glpkGuess } from './glpk.js';
import { IntLP, toIntLP } from './integer.js';
import { simplexSolveInt } from './simplex.js';
import { LP, LPResult } from './types.js';

/**
 * Crossover between the exact simplex and glpk + certificate, on min(rows, columns) of the LP.
 * Measured (bench/lp.mjs, section "crossover"; NLHF LPs of random profiles, 2-core machine, mean of 20):
 * n+1 = 6: simplex 0.08 ms vs glpk+certificate 0.12 ms; n+1 = 8: 0.10 vs 0.09; n+1 = 11: 0.23 vs 0.11;
 * n+1 = 17: 1.4 vs 0.17. Below 8 the exact simplex wins.
 */
export const CROSSOVER = 8;

export type SolveMethod = 'auto' | 'simplex' | 'glpk';

/**
 * solveLP: exact optimum with duals, or a Farkas / ray certificate. Small LPs go to the exact integer-pivoting
 * simplex; larger ones to glpk.js (float) and an exact certificate; if the certificate fails, or glpk does not
 * report an optimum, the exact simplex decides. Never returns an uncertified answer.
 */
export async function solveLP(lp: LP | IntLP, opts: { method?: SolveMethod } = {}): Promise<LPResult> {
  const p = 'numVars' in lp ? toIntLP(lp) : lp;
  const method = opts.method ?? 'auto';
  const useGlpk = method === 'glpk' || (method === 'auto' && Math.min(p.m, p.n) >= CROSSOVER);
  if (useGlpk) {
    const g = await glpkGuess(p);
    if (g.status === 'optimal') {
      const r = certifyGuess(p, g);
      if (r !== null) return r;
    }
  }
  return simplexSolveInt(p);
}
