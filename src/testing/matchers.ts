// A vitest/jest matcher: expect(policy).toBeRobustlyAligned(profile, { k, rule }) checks
// rob_k(π^{⊗k}) ≥ k/(k+1) (T1/T2) — or a given bound — exactly. No runtime dependency on vitest:
// pass your `expect` to installUalignMatchers, or call expect.extend(ualignMatchers).
import { Fraction, frac, ZERO, isZero, parseRational, toDecimal } from '../exact/rational.js';
import { modelFromJson, profileFromJson } from '../model/codec.js';
import { Model, Profile } from '../model/types.js';
import { robustness } from '../winrate/opponents.js';
import { Rule, parseRule } from '../winrate/rules.js';
import type {} from 'vitest'; // type-only: the augmentation below; nothing is imported at run time

export interface RobustlyAlignedOptions {
  /** Number of samples k (checked against a k-output model's own k). */
  readonly k: number;
  readonly rule?: Rule;
  /** Opponent outputs ℓ (default 1). */
  readonly ell?: number;
  /** Required robustness (Fraction, "p/q" or integer); default k/(k+1). */
  readonly atLeast?: Fraction | string | number;
  /** Allowed certified slack: pass iff rob ≥ bound − slack (default 0). */
  readonly slack?: Fraction | string | number;
}

const isProfile = (v: unknown): v is Profile =>
  typeof v === 'object' && v !== null && Array.isArray((v as Profile).prompts) && (v as Profile).prompts.every((p) => p && typeof p === 'object' && 'prompt' in p && p.weight instanceof Fraction);

const isModel = (v: unknown): v is Model =>
  typeof v === 'object' && v !== null && ((v as Model).kind === 'policy' || (v as Model).kind === 'k-output') && Array.isArray((v as Model).perPrompt);

function toRat(v: Fraction | string | number, what: string): Fraction {
  if (v instanceof Fraction) return v;
  const r = typeof v === 'number' ? (Number.isSafeInteger(v) ? frac(v) : null) : parseRational(v);
  if (r === null) throw new TypeError(`toBeRobustlyAligned: ${what} must be a Fraction, an integer or a "p/q" string`);
  return r;
}

interface MatcherResult {
  pass: boolean;
  message: () => string;
}

/** Exact check of rob_{k,ℓ}(σ) ≥ bound − slack; σ = π^{⊗k} for a policy. Accepts JSON or parsed objects. */
export function robustlyAligned(received: unknown, profileIn: unknown, opts: RobustlyAlignedOptions): MatcherResult {
  if (!opts || !Number.isInteger(opts.k) || opts.k < 1) throw new TypeError('toBeRobustlyAligned: options.k must be an integer ≥ 1');
  const profile = isProfile(profileIn) ? profileIn : profileFromJson(profileIn, 'profile');
  const model = isModel(received) ? received : modelFromJson(received, profile, 'policy');
  const k = opts.k;
  const rule = parseRule(opts.rule ?? 'uniform', 'rule');
  const ell = opts.ell ?? 1;
  const bound = opts.atLeast === undefined ? frac(k, k + 1) : toRat(opts.atLeast, 'atLeast');
  const slack = opts.slack === undefined ? ZERO : toRat(opts.slack, 'slack');
  const r = robustness(profile, model, { k, ell, rule });
  const need = bound.sub(slack);
  const pass = r.robustness.gte(need);
  const worst = r.prompts.map((p, x) => p.worst.map((y) => profile.prompts[x].prompt.responses[y]).join('+')).join(' | ');
  const what = `${model.kind === 'policy' ? `π^{⊗${k}}` : `the ${model.k}-output model`} under rule ${rule}${ell > 1 ? `, ℓ = ${ell}` : ''}`;
  const target = `${bound.toFraction()}${isZero(slack) ? '' : ` − ${slack.toFraction()}`}${opts.atLeast === undefined ? ` (k/(k+1))` : ''}`;
  return {
    pass,
    message: () =>
      pass
        ? `expected ${what} not to be robustly aligned, but rob = ${r.robustness.toFraction()} ≥ ${target}; worst opponent ${worst}`
        : `expected ${what} to be robustly aligned: rob = ${r.robustness.toFraction()} ≈ ${toDecimal(r.robustness, 9)} < ${target}; ` +
          `k/(k+1) = ${frac(k, k + 1).toFraction()}; worst opponent ${worst}`,
  };
}

/** The matchers object for expect.extend. */
export const ualignMatchers = {
  toBeRobustlyAligned(received: unknown, profile: unknown, opts: RobustlyAlignedOptions): MatcherResult {
    return robustlyAligned(received, profile, opts);
  },
};

/** Register the matchers on a vitest (or jest) `expect`. */
export function installUalignMatchers(expect: { extend(matchers: Record<string, unknown>): void }): void {
  expect.extend(ualignMatchers);
}

interface UalignMatchers<R = unknown> {
  /** rob_k(π^{⊗k}) ≥ k/(k+1) (or options.atLeast) − options.slack, exactly; policy/profile as JSON or parsed. */
  toBeRobustlyAligned(profile: unknown, options: RobustlyAlignedOptions): R;
}

declare module 'vitest' {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  interface Matchers<T = any> extends UalignMatchers<T> {}
}
