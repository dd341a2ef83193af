// A claim of SPEC §4–5 as one object (pref_voting's "axioms as objects"): defined once,
// used by the properties, the CLI and the reports.
import type fc from 'fast-check';
import { Fraction, frac, signOf } from '../exact/rational.js';

export type Expect = 'holds' | 'refuted';

/**
 * Exact verdict of one instance.
 * Convention (all claims): ok ⇔ slack ≥ 0.
 *  - inequality lhs ≥ rhs: slack = lhs − rhs (how far inside the bound);
 *  - equality lhs = rhs: slack = −|lhs − rhs| (0 when it holds);
 *  - a conjunction: the minimum of its parts' slacks.
 */
export interface Verdict {
  readonly ok: boolean;
  readonly slack: Fraction;
  /** JSON-able data that certifies the verdict; exact values as "p/q" strings. */
  readonly certificate: Record<string, unknown>;
}

export interface ArbOptions {
  /** Largest number of responses generated (default per claim). */
  readonly maxResponses?: number;
}

export interface Claim<I = any> {
  /** SPEC id: T0..T7, N1..N4. */
  readonly id: string;
  readonly title: string;
  /** Plain-text statement. */
  readonly statement: string;
  readonly latex: string;
  /** The choice rule it assumes (SPEC §2). */
  readonly rule: string;
  /** Positive claims hold on every instance; negative controls must be refuted. */
  readonly expect: Expect;
  /** Default number of generated instances for `ualign verify`. */
  readonly defaultRuns: number;
  /** Flat-record based generator of instances. */
  arbitrary(opts?: ArbOptions): fc.Arbitrary<I>;
  check(instance: I): Verdict;
  /** Instance in the profile format: {profile, k, ...} with exact "p/q" strings. */
  toJson(instance: I): Record<string, unknown>;
  fromJson(json: unknown): I;
}

/** Verdict helpers: slack conventions of Verdict. */
export function geq(lhs: Fraction, rhs: Fraction): Fraction {
  return lhs.sub(rhs);
}
export function eqSlack(lhs: Fraction, rhs: Fraction): Fraction {
  const d = lhs.sub(rhs);
  return signOf(d) < 0 ? d : d.neg();
}
export function verdict(slack: Fraction, certificate: Record<string, unknown>): Verdict {
  return { ok: signOf(slack) >= 0, slack, certificate };
}
/** k/(k+1), the theory's rate (SPEC T1–T3). */
export function kk1(k: number): Fraction {
  return frac(k, k + 1);
}
export function minRat(xs: readonly Fraction[]): Fraction {
  return xs.reduce((a, b) => (b.lt(a) ? b : a));
}
