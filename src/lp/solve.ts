import { certifyGuess, glpkGuess, glpkIfLoaded, loadGlpk } from './glpk.js';
import { IntLP, toIntLP } from './integer.js';
import { simplexSolveInt } from './simplex.js';
import { LP, LPResult } from './types.js';

/**
 * Crossover between the exact simplex and glpk + certificate, on min(rows, columns) of the LP.
 * Measured by bench/lp.mjs ("crossover": 20 NLHF LPs of random profiles each, second pass, 2-core AMD EPYC,
 * Node 20, idle machine, reports/bench.md of 2026-11-27): (n+1)×(n+1) LPs, glpk+certificate / simplex time
 * = 3.2 at 9×9, 1.29 at 11×11, 0.41 at 13×13, 0.16 at 17×17, 0.09 at 21×21. Below 12 the exact simplex wins.
 */
export const CROSSOVER = 12;

export type SolveMethod = 'auto' | 'simplex' | 'glpk';

function wantsGlpk(p: IntLP, method: SolveMethod): boolean {
  return method === 'glpk' || (method === 'auto' && Math.min(p.m, p.n) >= CROSSOVER);
}

/**
 * solveLP, synchronously: exact optimum with duals, or a Farkas / ray certificate. Small LPs go to the exact
 * integer-pivoting simplex; larger ones to glpk.js (float) and an exact certificate when glpk.js is loaded
 * (`loadGlpk`); if the certificate fails, or glpk does not report an optimum, the exact simplex decides.
 * Never returns an uncertified answer.
 */
export function solveLPSync(lp: LP | IntLP, opts: { method?: SolveMethod } = {}): LPResult {
  const p = 'numVars' in lp ? toIntLP(lp) : lp;
  const method = opts.method ?? 'auto';
  const wants = wantsGlpk(p, method);
  if (wants && deferring) throw new GlpkNeeded(); // deferring: glpk.js is not loaded (withGlpkOnDemand)
  const g = wants ? glpkIfLoaded() : null;
  if (method === 'glpk' && g === null) throw new Error('solveLPSync: glpk.js is not loaded (await loadGlpk() first)');
  if (g !== null) {
    const guess = glpkGuess(g, p);
    if (guess.status === 'optimal') {
      const r = certifyGuess(p, guess);
      if (r !== null) return r;
    }
  }
  return simplexSolveInt(p);
}

/** Thrown inside withGlpkOnDemand's first try when an LP would use glpk.js, not yet loaded. */
class GlpkNeeded extends Error {}
let deferring = false;

/**
 * run() (a computation calling solveLPSync), with glpk.js loaded only if run meets an LP that would use it:
 * run is tried without it and, at the first such LP, stopped and run again once glpk.js is loaded. The answer
 * is the one run gives with glpk.js loaded from the start: solveLPSync uses glpk.js on exactly the LPs of
 * CROSSOVER size and above, whenever it was loaded.
 */
export async function withGlpkOnDemand<T>(run: () => T): Promise<T> {
  if (glpkIfLoaded() === null) {
    deferring = true;
    try {
      return run();
    } catch (e) {
      if (!(e instanceof GlpkNeeded)) throw e;
    } finally {
      deferring = false;
    }
    await loadGlpk();
  }
  return run();
}

/** solveLP: as solveLPSync, loading glpk.js first when the LP is large enough to use it. */
export async function solveLP(lp: LP | IntLP, opts: { method?: SolveMethod } = {}): Promise<LPResult> {
  const p = 'numVars' in lp ? toIntLP(lp) : lp;
  if (wantsGlpk(p, opts.method ?? 'auto')) await loadGlpk();
  return solveLPSync(p, opts);
}
