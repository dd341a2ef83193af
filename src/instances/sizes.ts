// Sizes of generated instances (SPEC §1): k, ℓ and the number of rounds, as flat integers that shrink
// toward the smallest case while a share of the draws reaches the asymptotic regime (k up to 32 and more).
import fc from 'fast-check';

/** Largest k drawn by default by the claims that take k (`ualign verify --k-max` raises it). */
export const DEFAULT_K_MAX = 32;

/** Largest k of the claims whose kernels grow with the number of k-multisets (T3, N3). */
export const DEFAULT_K_MAX_LP = 8;

/** Below this k, an instance is "small"; the generators put at least a tenth of their draws at k ≥ LARGE_K. */
export const LARGE_K = 8;

/**
 * An integer in lo..hi: three draws in four from lo..min(hi, lo + 3), one in four from the whole range;
 * both shrink toward lo. Used for k (lo = 1), ℓ − 1 (lo = 0) and the number of rounds.
 */
export function mostlySmall(lo: number, hi: number): fc.Arbitrary<number> {
  const small = fc.integer({ min: lo, max: Math.min(hi, lo + 3) });
  if (hi <= lo + 3) return small;
  return fc.oneof({ withCrossShrink: true }, { arbitrary: small, weight: 3 }, { arbitrary: fc.integer({ min: lo, max: hi }), weight: 1 });
}

/** k ∈ 1..kMax (see mostlySmall). */
export function kArb(kMax: number): fc.Arbitrary<number> {
  return mostlySmall(1, Math.max(1, kMax));
}

/** A flat ℓ record: an integer 0..kMax, read by `ellOf` as ℓ ∈ 1..k+1 (so ℓ reaches k+1 for every k). */
export function ellRawArb(kMax: number): fc.Arbitrary<number> {
  return mostlySmall(0, Math.max(1, kMax));
}

/** ℓ = min(1 + raw, k + 1): raw = 0 (the shrink target) is a single-output opponent. */
export function ellOf(raw: number, k: number): number {
  return Math.min(1 + raw, k + 1);
}
