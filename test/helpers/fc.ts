// Fixed seeds for every property; override with UALIGN_FC_SEED / UALIGN_FC_PATH to replay a failure.
import { DEFAULT_SEED } from '../../src/instances/seed.js';

export const SEED = process.env.UALIGN_FC_SEED !== undefined ? Number(process.env.UALIGN_FC_SEED) : DEFAULT_SEED;

/** fast-check parameters for a property: the fixed seed (replayable), and the path when replaying. */
export function params(numRuns: number): { seed: number; numRuns: number; path?: string } {
  const p: { seed: number; numRuns: number; path?: string } = { seed: SEED, numRuns };
  if (process.env.UALIGN_FC_PATH) p.path = process.env.UALIGN_FC_PATH;
  return p;
}
