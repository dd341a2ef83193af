// The numeric knobs of the equilibrium search (SPEC §3), each named with its default. Floats only guide:
// none of these can make a wrong answer certified, they decide how hard the search tries.
import { InputError } from '../model/errors.js';

export interface EquilibriumTuning {
  /** Hedge step used to find the support. */
  readonly eta: number;
  /** Budget of Hedge rounds. */
  readonly maxRounds: number;
  /** First Hedge chunk (rounds between support guesses); it doubles up to `maxChunk`. */
  readonly firstChunk: number;
  readonly maxChunk: number;
  /** A response is in the guessed support when its Hedge mass is at least this fraction of the largest. */
  readonly supportThreshold: number;
  /** Float Newton: iterations, halvings of the line search, and the residual norms it accepts. */
  readonly newtonSteps: number;
  readonly lineSearchHalvings: number;
  readonly newtonDone: number;
  readonly newtonAccept: number;
  /** Smallest start mass given to a support coordinate (divided by the support size). */
  readonly startFloor: number;
  /** An off-support response joins the support when U_k exceeds 1/(k+1) by more than this (floats). */
  readonly addThreshold: number;
  /** Mass given to a response that joins the support. */
  readonly addMass: number;
  /** Dyadic refinement: Newton steps per precision level, plus one per 40 bits (residuals from the fixed-point guide) … */
  readonly refineSteps: number;
  /** … and precision levels (each ends with one exact evaluation of ε). */
  readonly refineLevels: number;
  /**
   * Bits of the dyadic iterates: log2(1/target) + bitsMargin + bitsPerLogK·⌈log2(k+1)⌉ + ⌈log2(support+1)⌉
   * (at least minBits); extended by bitsStep while ε stays above the target, up to maxBits.
   */
  readonly bitsMargin: number;
  readonly bitsPerLogK: number;
  readonly bitsStep: number;
  readonly minBits: number;
  readonly maxBits: number;
  /** Bits of the rounded Hedge iterate kept as a fallback candidate. */
  readonly fallbackBits: number;
  /** When the search stalls above the target: supports of at most this many responses are enumerated … */
  readonly enumerateSupportsUpTo: number;
  /** … at most this many of them. */
  readonly enumerateSupports: number;
}

export const EQUILIBRIUM_TUNING: EquilibriumTuning = {
  eta: 4,
  maxRounds: 20000,
  firstChunk: 100,
  maxChunk: 2000,
  supportThreshold: 1e-5,
  newtonSteps: 40,
  lineSearchHalvings: 30,
  newtonDone: 1e-15,
  newtonAccept: 1e-12,
  startFloor: 1e-3,
  addThreshold: 1e-12,
  addMass: 1e-3,
  refineSteps: 6,
  refineLevels: 4,
  bitsMargin: 16,
  bitsPerLogK: 2,
  bitsStep: 32,
  minBits: 64,
  maxBits: 8192,
  fallbackBits: 64,
  enumerateSupportsUpTo: 4,
  enumerateSupports: 2000,
};

/** The defaults, overridden by the options that are set (undefined keeps the default); a knob out of range is bad input. */
export function tuningOf(opts: Partial<EquilibriumTuning>): EquilibriumTuning {
  const t: Record<string, number> = { ...EQUILIBRIUM_TUNING };
  for (const key of Object.keys(EQUILIBRIUM_TUNING)) {
    const v = (opts as Record<string, unknown>)[key];
    if (typeof v !== 'number') continue;
    if (!Number.isFinite(v) || (key === 'supportThreshold' && !(v >= 0 && v <= 1)))
      throw new InputError(`equilibrium option ${key} must be a finite number${key === 'supportThreshold' ? ' from 0 to 1' : ''}, got ${v}`);
    t[key] = v;
  }
  return t as unknown as EquilibriumTuning;
}
