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
  /** Largest k generated, for the claims that take k (default per claim: 32, or 8 for T3 and N3). */
  readonly maxK?: number;
}

/**
 * The user models of an instance's profile (SPEC §1, §4b): every type a weak order, every type a Luce type,
 * or both kinds (in one prompt or across prompts).
 */
export const USER_MODELS = ['weak-orders', 'luce', 'mixed'] as const;
export type UserModel = (typeof USER_MODELS)[number];

/** What one instance exercises (recorded per claim in verify.json): k, ℓ, responses, user types, prompts, user model. */
export interface InstanceSize {
  readonly k?: number;
  readonly ell?: number;
  /** Largest number of responses over the prompts. */
  readonly n: number;
  /** Largest number of user types over the prompts. */
  readonly users: number;
  readonly prompts: number;
  /** The profile's user model (absent: not counted by model). */
  readonly model?: UserModel;
}

/**
 * A claim of SPEC §4–5. `check` = `judge(instance, evidence(instance))`: `evidence` runs the two independent
 * computations the claim compares (`compares`) and returns their exact outputs; `judge` turns them into the
 * exact verdict. Split so that tests can feed the judge wrong evidence and require rejection.
 */
export interface Claim<I = any, E = any> {
  /** SPEC id: T0..T9, L1..L4, N1..N6. */
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
  /** The two (or more) independent computations the claim compares. */
  readonly compares: string;
  /** Flat-record based generator of instances. */
  arbitrary(opts?: ArbOptions): fc.Arbitrary<I>;
  /** The computations' exact outputs on one instance. */
  evidence(instance: I): E;
  /** The exact verdict from the instance and the evidence (no kernel is called here). */
  judge(instance: I, evidence: E): Verdict;
  check(instance: I): Verdict;
  size(instance: I): InstanceSize;
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

/** A claim from its parts: check = judge ∘ evidence. */
export function defineClaim<I, E>(c: Omit<Claim<I, E>, 'check'>): Claim<I, E> {
  return { ...c, check: (i: I) => c.judge(i, c.evidence(i)) };
}

/** Slack of a boolean condition (an exact yes/no part of a verdict): 0 when it holds, −1 otherwise. */
export function holds(b: boolean): Fraction {
  return b ? ZERO_SLACK : MINUS_ONE;
}
const ZERO_SLACK = frac(0);
const MINUS_ONE = frac(-1);

/** The user model of a profile: weak orders only, Luce types only, or both kinds. */
export function userModelOf(profile: { prompts: readonly { prompt: { users: readonly { readonly kind: string }[] } }[] }): UserModel {
  const kinds = new Set(profile.prompts.flatMap((p) => p.prompt.users.map((u) => u.kind)));
  return kinds.size > 1 ? 'mixed' : kinds.has('luce') ? 'luce' : 'weak-orders';
}

/** Size of a profile-based instance. */
export function profileSize(profile: { prompts: readonly { prompt: { responses: readonly unknown[]; users: readonly { readonly kind: string }[] } }[] }, k?: number, ell?: number): InstanceSize {
  return {
    ...(k === undefined ? {} : { k }),
    ...(ell === undefined ? {} : { ell }),
    n: Math.max(...profile.prompts.map((p) => p.prompt.responses.length)),
    users: Math.max(...profile.prompts.map((p) => p.prompt.users.length)),
    prompts: profile.prompts.length,
    model: userModelOf(profile),
  };
}
