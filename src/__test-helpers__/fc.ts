// Fixed seeds for every property; override with UALIGN_FC_SEED / UALIGN_FC_PATH to replay a failure.
import fc from 'fast-check';

export const SEED = process.env.UALIGN_FC_SEED !== undefined ? Number(process.env.UALIGN_FC_SEED) : 20260127;

/** fast-check parameters: a fixed seed (replayable), and the path when replaying. */
export function params<T>(numRuns: number, extra: Partial<fc.Parameters<T>> = {}): fc.Parameters<T> {
  const p: fc.Parameters<T> = { seed: SEED, numRuns, ...extra };
  if (process.env.UALIGN_FC_PATH) p.path = process.env.UALIGN_FC_PATH;
  return p;
}
