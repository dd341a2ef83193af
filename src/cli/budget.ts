// Size estimates made before any exact computation starts, and the budget they are held to
// (--max-bits, --max-work). Every estimate is an upper-bound style guess from the input's sizes:
// the bits of the largest exact number the kernels build and the elementary steps they take.
// Past the budget a command refuses with one line naming the option that makes it too big.
import { Fraction, commonDenominator } from '../exact/rational.js';
import { InputError } from '../model/errors.js';
import { Model, Profile } from '../model/types.js';
import { hasLuce } from '../model/structure.js';
import { EQUILIBRIUM_TUNING } from '../equilibria/tuning.js';
import { Args, intOpt } from './args.js';

export interface Budget {
  /** Largest exact number (bits) a computation may build. */
  readonly maxBits: number;
  /** Most elementary steps (word operations, float operations, search nodes) it may take. */
  readonly maxWork: number;
}

/**
 * Defaults: 2^18 bits (fraction.js reduces a result by Euclid's algorithm, quadratic in the bits:
 * about 4 s at 10^5 bits on a 2-core machine) and 10^10 steps.
 */
export const DEFAULT_BUDGET: Budget = { maxBits: 262_144, maxWork: 10_000_000_000 };

export const BUDGET_OPTIONS = ['max-bits', 'max-work'] as const;

export const BUDGET_HELP =
  `  --max-bits B  refuse before starting when the exact numbers would exceed about B bits\n` +
  `                (default ${DEFAULT_BUDGET.maxBits}; see "Resource bounds" in the README)\n` +
  `  --max-work W  refuse before starting when the estimated steps exceed W (default 10^10)`;

export function budgetOf(a: Args, cmd: string): Budget {
  return {
    maxBits: intOpt(a, 'max-bits', cmd, DEFAULT_BUDGET.maxBits, 1),
    maxWork: intOpt(a, 'max-work', cmd, DEFAULT_BUDGET.maxWork, 1),
  };
}

/** An estimate: bits of the largest exact number, elementary steps, and what they are. */
export interface Estimate {
  readonly bits: number;
  readonly work: number;
  /** What the bits are, e.g. "exact U_k values". */
  readonly bitsWhat: string;
  /** What the steps are, e.g. "branch and bound over ℓ-multisets". */
  readonly workWhat: string;
}

const LOG2E = Math.LOG2E;

/** log2 Γ(x) for x > 0 (Stirling with a recurrence for small x); enough for size estimates. */
function log2Gamma(x: number): number {
  let shift = 0;
  while (x < 10) {
    shift += Math.log(x);
    x += 1;
  }
  const ln = (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI) + 1 / (12 * x) - 1 / (360 * x ** 3);
  return (ln - shift) * LOG2E;
}

/** log2 C(n+k−1, k): the k-multisets of n responses. */
export function log2Multisets(n: number, k: number): number {
  if (n <= 1 || k <= 0) return 0;
  return log2Gamma(n + k) - log2Gamma(k + 1) - log2Gamma(n);
}

/** 2^x as a number (Infinity past 2^1024). */
const pow2 = (x: number): number => 2 ** x;

/** Bits of the common denominator of exact values. */
export function denominatorBits(xs: readonly Fraction[]): number {
  return commonDenominator(xs).den.toString(2).length;
}

/** Bits of lcm(1..N) ≈ N·log2 e (the prime number theorem). */
const lcmBits = (N: number): number => N * LOG2E;

/** Per prompt: responses n, user types m, tiers, bits of the weights' common denominator. */
export interface PromptSize {
  readonly n: number;
  readonly m: number;
  readonly tiers: number;
  readonly wBits: number;
  /** Some user type is a Luce type (SPEC §4b). */
  readonly luce: boolean;
}

export function promptSizes(profile: Profile): PromptSize[] {
  return profile.prompts.map(({ prompt }) => ({
    n: prompt.responses.length,
    m: prompt.users.length,
    tiers: Math.max(1, ...prompt.users.map((u) => (u.kind === 'ranking' ? u.numTiers : prompt.responses.length))),
    wBits: denominatorBits(prompt.users.map((u) => u.weight)),
    luce: hasLuce(prompt),
  }));
}

/** What a model plays on one prompt, for estimates: bits of its denominators and its size. */
export interface ModelSize {
  /** Bits of the product policies' common denominator (the largest part for a mixture). */
  readonly dBits: number;
  /** Mixture parts (1 for a policy), or outcomes of a k-output model. */
  readonly count: number;
  /** Bits of the part weights' or outcome probabilities' common denominator. */
  readonly qBits: number;
  readonly kind: Model['kind'];
}

export function modelSizes(model: Model): ModelSize[] {
  if (model.kind === 'policy') return model.perPrompt.map((p) => ({ kind: 'policy', dBits: denominatorBits(p), count: 1, qBits: 1 }));
  if (model.kind === 'k-output')
    return model.perPrompt.map((os) => ({ kind: 'k-output', dBits: 1, count: os.length, qBits: denominatorBits(os.map((o) => o.prob)) }));
  return model.perPrompt.map((parts) => ({
    kind: 'mixture',
    dBits: denominatorBits(parts.flatMap((p) => p.probs)),
    count: parts.length,
    qBits: denominatorBits(parts.map((p) => p.weight)),
  }));
}

const words = (bits: number): number => Math.max(1, bits / 64);

/** The multiset search (best ℓ-output opponent, T3 pricing): greedy start plus, at worst, every multiset. */
function searchWork(s: PromptSize, size: number): number {
  return s.m * (size * size * s.n + pow2(log2Multisets(s.n, size)));
}

/**
 * Win rates of a model against ℓ-output opponents (SPEC §2): U_k for a product π^{⊗k} over the
 * denominator (k+1)·D^k·B, the ℓ-opponent tables over D^k·lcm(1..k+ℓ)·B, the search over ℓ-multisets.
 */
export function winrateEstimate(sizes: readonly PromptSize[], models: readonly ModelSize[], k: number, ell: number): Estimate {
  let bits = 0;
  let work = 0;
  sizes.forEach((s, x) => {
    const md = models[x];
    const L = ell > 1 || md.kind === 'k-output' ? lcmBits(k + ell) : Math.log2(k + 1);
    const b = (md.kind === 'k-output' ? md.qBits : k * md.dBits + (md.kind === 'mixture' ? md.qBits + Math.log2(md.count) : 0)) + L + s.wBits;
    bits = Math.max(bits, b);
    const terms = md.kind === 'k-output' ? md.count * k + s.tiers * ell * md.count : md.count * (ell > 1 ? (k + 1) * ell : 2 * Math.log2(k + 1) + 1);
    work += s.m * s.tiers * terms * words(b) + s.m * s.n * words(b) + (ell > 1 ? searchWork(s, ell) : 0);
  });
  return { bits, work, bitsWhat: 'exact win rates', workWhat: ell > 1 ? 'steps (win-rate tables and the search over ℓ-multisets)' : 'steps (win-rate tables)' };
}

/** ε(π) (SPEC §3): U_k of the product over (k+1)·D^k·B. */
export function exploitabilityEstimate(sizes: readonly PromptSize[], models: readonly ModelSize[], k: number): Estimate {
  return { ...winrateEstimate(sizes, models, k, 1), bitsWhat: 'exact U_k values' };
}

/** V_k (SPEC T3): the LP over C(n+k−1, k) k-multisets, win rates over 2·lcm(1..k+1)·B, pricing by search. */
export function bestKOutputEstimate(sizes: readonly PromptSize[], k: number): Estimate {
  let bits = 0;
  let work = 0;
  for (const s of sizes) {
    bits = Math.max(bits, lcmBits(k + 1) + s.wBits + 1);
    work += searchWork(s, k) + s.m * s.n * k;
  }
  return { bits, work, bitsWhat: 'exact LP entries', workWhat: 'steps (column generation over C(n+k−1, k) k-multisets)' };
}

/**
 * Bits of the dyadic iterates `equilibrium` starts from (refine.ts bitsFor with the defaults of tuning.ts:
 * log2(1/target) + margin + 2⌈log2(k+1)⌉ + ⌈log2(n+1)⌉, at least minBits); the refinement may extend them
 * up to maxBits while ε stays above the target.
 */
export function equilibriumIterateBits(k: number, targetBits: number, n: number): number {
  const t = EQUILIBRIUM_TUNING;
  return Math.max(t.minBits, targetBits + t.bitsMargin + t.bitsPerLogK * Math.ceil(Math.log2(k + 1)) + Math.ceil(Math.log2(n + 1)));
}

/**
 * A symmetric ε-equilibrium of G_{k+1}: float Hedge and Newton rounds (a weak-order tier's float U_k is a closed
 * form, O(1); a Luce type's Gauss–Legendre quadrature has O(k) nodes), exact U_k at dyadic points.
 */
export function equilibriumEstimate(sizes: readonly PromptSize[], k: number, targetBits: number): Estimate {
  let bits = 0;
  let work = 0;
  for (const s of sizes) {
    const P = equilibriumIterateBits(k, targetBits, s.n);
    const b = (k + 1) * P + s.wBits;
    bits = Math.max(bits, b);
    work += 20000 * s.m * s.tiers * (s.luce ? k + 1 : 1) + 10 * s.m * s.n * s.n * words(b);
  }
  return { bits, work, bitsWhat: 'exact U_k values at the dyadic iterates', workWhat: 'steps (Hedge and Newton rounds, exact residuals)' };
}

/** Self-play (SPEC T5): T rounds; exact regret sums U_k at 2^−bits iterates; σ_T's table holds T parts. */
export function selfplayEstimate(sizes: readonly PromptSize[], k: number, T: number, bitsOfIterates: number): Estimate {
  let bits = 0;
  let work = 0;
  for (const s of sizes) {
    const b = k * bitsOfIterates + Math.log2(k + 1) + s.wBits + Math.log2(T + 1);
    bits = Math.max(bits, b);
    work += T * s.m * s.tiers * (k + 1) + 2 * T * s.m * s.n * words(b);
  }
  return { bits, work, bitsWhat: 'exact regret and robustness values', workWhat: 'steps (T rounds over n responses and m user types)' };
}

/** G_{k+1} in normal form: n^(k+1) pure profiles of k+1 payoffs over B·lcm(1..k+1). */
export function nfgEstimate(s: PromptSize, k: number): Estimate & { log2Profiles: number } {
  const log2Profiles = (k + 1) * Math.log2(Math.max(1, s.n));
  return {
    bits: lcmBits(k + 1) + s.wBits,
    work: pow2(log2Profiles) * (k + 1) * s.m,
    log2Profiles,
    bitsWhat: 'exact payoffs',
    workWhat: 'steps (n^(k+1) pure profiles × (k+1) players × m user types)',
  };
}

/**
 * `check` at one k: the algorithm's answers are assumed to have denominators of at most 2^40 (the
 * built-ins' float rounding; plug-ins answering in floats are read exactly and may need more), on
 * the fixtures and the searched profiles (evaluations: fixtures + runs + shrinking).
 */
export function checkEstimate(sizes: readonly PromptSize[], k: number, evaluations: number): Estimate {
  const models = sizes.map((): ModelSize => ({ kind: 'policy', dBits: 40, count: 1, qBits: 1 }));
  const e = winrateEstimate(sizes, models, k, 1);
  const per = e.work / Math.max(1, sizes.length) + CALL_STEPS;
  return { ...e, work: per * evaluations, workWhat: 'steps (algorithm calls and exact win rates over the checked profiles)' };
}

/**
 * Fixed steps counted per generated instance or algorithm call (fast-check's generation and shrinking,
 * the call, reading the answer): about a millisecond each.
 */
export const CALL_STEPS = 10_000;

/**
 * `verify`: instances per claim × claims, each a generated instance checked exactly (about a millisecond);
 * the largest numbers are U_k at the equilibria the claims compute at k = kMax (target 10^−30, about 100 bits).
 */
export function verifyEstimate(instances: number, kMax: number): Estimate {
  return {
    bits: (kMax + 1) * equilibriumIterateBits(kMax, 100, 5),
    work: instances * CALL_STEPS,
    bitsWhat: 'exact U_k values at the largest k drawn',
    workWhat: 'steps (generated instances checked exactly)',
  };
}

/** Larger of two estimates (bits) and their sum (work). */
export function combine(a: Estimate, b: Estimate): Estimate {
  return {
    bits: Math.max(a.bits, b.bits),
    work: a.work + b.work,
    bitsWhat: a.bits >= b.bits ? a.bitsWhat : b.bitsWhat,
    workWhat: a.work >= b.work ? a.workWhat : b.workWhat,
  };
}

const fmt = (x: number): string => {
  if (!Number.isFinite(x)) return 'more than 10^308';
  if (x < 1e6) return String(Math.ceil(x));
  const e = Math.floor(Math.log10(x));
  return `${(x / 10 ** e).toFixed(1)}·10^${e}`;
};

/** One option the user set (its label, e.g. "--k 5"), and the value that makes the estimate smallest (for blame). */
export interface Knob<P> {
  readonly label: string;
  readonly smallest: (p: P) => P;
}

/** A knob for an option `--name value`. */
export function knob<P>(name: string, value: string | number, smallest: (p: P) => P): Knob<P> {
  return { label: `--${name} ${value}`, smallest };
}

/**
 * Refuse (InputError, one line) when the estimate exceeds the budget, naming the option that makes it
 * too big: the first knob which, set to its smallest value alone, brings the estimate within budget
 * (else the first knob, or the input itself when there is none).
 */
export function enforce<P>(cmd: string, budget: Budget, estimate: (p: P) => Estimate, params: P, knobs: readonly Knob<P>[], input = 'the input'): void {
  const e = estimate(params);
  const overBits = e.bits > budget.maxBits;
  const overWork = e.work > budget.maxWork;
  if (!overBits && !overWork) return;
  const fits = (x: Estimate) => (overBits ? x.bits <= budget.maxBits : x.work <= budget.maxWork);
  const blamed = knobs.find((kn) => fits(estimate(kn.smallest(params))));
  const who = blamed ? blamed.label : input;
  const what = overBits
    ? `${e.bitsWhat} of about ${fmt(e.bits)} bits, above --max-bits ${budget.maxBits}`
    : `about ${fmt(e.work)} ${e.workWhat}, above --max-work ${budget.maxWork}`;
  throw new InputError(`${cmd}: ${who} is too big: ${what} (raise --${overBits ? 'max-bits' : 'max-work'} to run it anyway)`);
}
