// Fixed seeds for every property; override with UALIGN_FC_SEED / UALIGN_FC_PATH to replay a failure.
import fc from 'fast-check';
import { policyWeightsArb } from '../../src/instances/arbitraries.js';
import { DEFAULT_SEED } from '../../src/instances/seed.js';
import { RULES, Rule } from '../../src/winrate/rules.js';

export const SEED = process.env.UALIGN_FC_SEED !== undefined ? Number(process.env.UALIGN_FC_SEED) : DEFAULT_SEED;

/** fast-check parameters for a property: the fixed seed (replayable), and the path when replaying. */
export function params(numRuns: number): { seed: number; numRuns: number; path?: string } {
  const p: { seed: number; numRuns: number; path?: string } = { seed: SEED, numRuns };
  if (process.env.UALIGN_FC_PATH) p.path = process.env.UALIGN_FC_PATH;
  return p;
}

/**
 * A case against π^{⊗k} with an ℓ-output opponent: a profile record, policy weights over up to maxN responses
 * (each ≤ maxWeight), k in 1..maxK, ℓ in ell, a tie rule — fields in this order, so a property keeps the cases
 * its record drew before.
 */
export function opponentCaseArb<P>(
  profile: fc.Arbitrary<P>,
  o: { maxN: number; maxWeight: number; maxK: number; ell: readonly [number, number] },
): fc.Arbitrary<{ profile: P; policy: number[]; k: number; ell: number; rule: Rule }> {
  return fc.record({
    profile,
    policy: policyWeightsArb(o.maxN, o.maxWeight),
    k: fc.integer({ min: 1, max: o.maxK }),
    ell: fc.integer({ min: o.ell[0], max: o.ell[1] }),
    rule: fc.constantFrom(...RULES),
  });
}
