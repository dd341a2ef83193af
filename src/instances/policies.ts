// Policy and k-output arbitraries from flat records (SPEC §1): integer weights (sparse and
// deterministic policies included), point masses, near-equilibria, k-multiset models.
import fc from 'fast-check';
import { Fraction, frac, ONE, ZERO } from '../exact/rational.js';
import { Outcome } from '../model/types.js';
import { policyFromWeights } from './arbitraries.js';

/** Flat policy record: integer weights per response slot, or a point mass when point ≥ 0. */
export interface PolicyRecord {
  weights: number[];
  point: number;
}

export function policyRecordArb(maxN: number, maxWeight = 6): fc.Arbitrary<PolicyRecord> {
  return fc.record({
    weights: fc.array(fc.integer({ min: 0, max: maxWeight }), { minLength: maxN, maxLength: maxN }),
    // −1 (the shrink target) means "use the weights"; y ≥ 0 means the deterministic policy δ_y.
    point: fc.integer({ min: -1, max: maxN - 1 }),
  });
}

/** π on n responses from a record: δ_{point mod n} or weights/Σ (uniform when all weights are 0). */
export function policyFromRecord(r: PolicyRecord, n: number): Fraction[] {
  if (r.point >= 0) return Array.from({ length: n }, (_, y) => (y === r.point % n ? ONE : ZERO));
  return policyFromWeights(r.weights, n);
}

/** A deterministic policy δ_y. */
export function deterministicPolicy(n: number, y: number): Fraction[] {
  return Array.from({ length: n }, (_, i) => (i === y ? ONE : ZERO));
}

/**
 * Near an equilibrium: (1 − t)·base + t·noise/Σnoise with t = num/den small (noise all zero: base itself).
 * Exact and still a probability vector.
 */
export function nearPolicy(base: readonly Fraction[], noise: readonly number[], t: Fraction): Fraction[] {
  const s = noise.slice(0, base.length).reduce((a, b) => a + b, 0);
  if (s === 0) return [...base];
  return base.map((b, y) => b.mul(ONE.sub(t)).add(t.mul(frac(noise[y] ?? 0, s))));
}

export interface NearRecord {
  noise: number[];
  /** t = 1/scale. */
  scale: number;
}

export function nearRecordArb(maxN: number): fc.Arbitrary<NearRecord> {
  return fc.record({
    noise: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: maxN, maxLength: maxN }),
    scale: fc.integer({ min: 2, max: 1000 }),
  });
}

/** A sequence of T policies π_1..π_T (SPEC T5: any sequence). */
export function policySequenceArb(maxN: number, maxT = 4, maxWeight = 4): fc.Arbitrary<PolicyRecord[]> {
  return fc.array(policyRecordArb(maxN, maxWeight), { minLength: 1, maxLength: maxT });
}

/** Flat k-output record: a list of (k item slots, weight); items are taken mod n and sorted. */
export interface KOutputRecord {
  outcomes: { items: number[]; w: number }[];
}

export function kOutputRecordArb(maxN: number, k: number, maxOutcomes = 4): fc.Arbitrary<KOutputRecord> {
  return fc.record({
    outcomes: fc.array(
      fc.record({ items: fc.array(fc.integer({ min: 0, max: maxN - 1 }), { minLength: k, maxLength: k }), w: fc.integer({ min: 1, max: 5 }) }),
      { minLength: 1, maxLength: maxOutcomes },
    ),
  });
}

/** Distribution over k-multisets (sorted items, merged later by makeKOutput). */
export function outcomesFromRecord(r: KOutputRecord, n: number, k: number): Outcome[] {
  const total = r.outcomes.reduce((a, o) => a + o.w, 0);
  return r.outcomes.map((o) => ({
    items: Array.from({ length: k }, (_, i) => (o.items[i] ?? 0) % n).sort((a, b) => a - b),
    prob: frac(o.w, total),
  }));
}
