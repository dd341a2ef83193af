// The Claim contract (types.ts) checked on a claim written elsewhere (`ualign verify --claim ./x.mjs`):
// its shape up front, its behaviour on the first instance, and every verdict, size and JSON form it
// returns while it runs. A breach is a ClaimModuleError: one line naming the module and the problem.
import fc from 'fast-check';
import { Fraction, signOf } from '../exact/rational.js';
import { profileFromJson, profileToJson } from '../model/codec.js';
import { InputError } from '../model/errors.js';
import { PathSeg, closest, isObject, jsonPath, quoteValue } from '../model/schema.js';
import { ArbOptions, Claim, InstanceSize, USER_MODELS, UserModel, Verdict } from './types.js';

/** A claim module broke the contract (bad input: exit 2). `module` is its path as given. */
export class ClaimModuleError extends InputError {
  constructor(
    readonly module: string,
    readonly problem: string,
  ) {
    super(`claim module ${module}: ${problem}`);
    this.name = 'ClaimModuleError';
  }
}

/** The claim's fields, in the order of types.ts. */
export const CLAIM_FIELDS = ['id', 'title', 'statement', 'latex', 'rule', 'expect', 'defaultRuns', 'compares', 'arbitrary', 'evidence', 'judge', 'check', 'size', 'toJson', 'fromJson'] as const;
const TEXT_FIELDS = ['title', 'statement', 'latex', 'rule', 'compares'] as const;
const FUNCTION_FIELDS = ['arbitrary', 'evidence', 'judge', 'check', 'size', 'toJson', 'fromJson'] as const;

/** A claim id names its counterexample files (counterexamples/<id>.json): letters, digits, '-', '_'. */
export const CLAIM_ID = /^[A-Za-z][A-Za-z0-9_-]{0,39}$/;

const firstLine = (e: unknown): string => String(e instanceof Error ? `${e.name === 'Error' ? '' : `${e.name}: `}${e.message}` : e).split('\n')[0];

/** What a value is, in a message. */
function what(v: unknown): string {
  if (v instanceof Fraction) return `the Fraction ${v.toFraction()}`;
  if (v !== null && typeof v === 'object' && typeof (v as { then?: unknown }).then === 'function') return 'a Promise';
  return quoteValue(v);
}

/** The first breach of the contract's shape by a module's default export, or null. */
export function claimShapeProblem(v: unknown): string | null {
  if (v === undefined) return 'no default export (expected a claim object { id, title, statement, … }: see "Writing your own claim")';
  if (!isObject(v)) return `the default export is ${what(v)}, not a claim object { id, title, statement, … }`;
  const missing = CLAIM_FIELDS.filter((k) => !(k in v));
  if (missing.length > 0) return `the claim has no ${missing.map((k) => `"${k}"`).join(', ')}`;
  for (const k of Object.keys(v))
    if (!(CLAIM_FIELDS as readonly string[]).includes(k)) {
      const near = closest(k, CLAIM_FIELDS);
      return `the claim has an unknown field "${k}"${near ? ` (did you mean "${near}"?)` : ''}`;
    }
  if (typeof v.id !== 'string' || !CLAIM_ID.test(v.id))
    return `"id" is ${what(v.id)}: it must be 1 to 40 letters, digits, '-' or '_', starting with a letter (it names the counterexample files)`;
  for (const k of TEXT_FIELDS) if (typeof v[k] !== 'string' || (v[k] as string).trim() === '') return `"${k}" is ${what(v[k])}, not a non-empty string`;
  if (v.expect !== 'holds' && v.expect !== 'refuted') return `"expect" is ${what(v.expect)}: it must be "holds" or "refuted"`;
  if (typeof v.defaultRuns !== 'number' || !Number.isSafeInteger(v.defaultRuns) || v.defaultRuns < 1) return `"defaultRuns" is ${what(v.defaultRuns)}, not an integer ≥ 1`;
  for (const k of FUNCTION_FIELDS) if (typeof v[k] !== 'function') return `"${k}" is ${what(v[k])}, not a function`;
  return null;
}

/** A Fraction of this package, or one of another copy of fraction.js (same fields), as ours; else null. */
function asFraction(v: unknown): Fraction | null {
  if (v instanceof Fraction) return v;
  if (v !== null && typeof v === 'object') {
    const f = v as { s?: unknown; n?: unknown; d?: unknown; toFraction?: unknown };
    if (typeof f.s === 'bigint' && typeof f.n === 'bigint' && typeof f.d === 'bigint' && f.d > 0n && typeof f.toFraction === 'function') return new Fraction(f.s * f.n, f.d);
  }
  return null;
}

const MAX_DEPTH = 64;

/** The first place where `v` is not plain JSON with exact numbers (integers; other numbers as "p/q" strings), or null. */
export function jsonProblem(v: unknown, path: readonly PathSeg[] = [], depth = 0): string | null {
  const at = () => jsonPath(path);
  if (depth > MAX_DEPTH) return `${at()}: nested more than ${MAX_DEPTH} deep (a cycle?)`;
  if (v === null || typeof v === 'boolean' || typeof v === 'string') return null;
  if (typeof v === 'number') return Number.isSafeInteger(v) ? null : `${at()}: the number ${v} is not exact (write exact values as "p/q" strings)`;
  if (typeof v === 'bigint') return `${at()}: a BigInt (write it as a string)`;
  if (v === undefined) return `${at()}: undefined is not JSON`;
  if (typeof v === 'function' || typeof v === 'symbol') return `${at()}: a ${typeof v} is not JSON`;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const p = jsonProblem(v[i], [...path, i], depth + 1);
      if (p) return p;
    }
    return null;
  }
  if (asFraction(v) !== null) return `${at()}: a Fraction (write exact values as x.toFraction())`;
  const proto = Object.getPrototypeOf(v) as object | null;
  if (proto !== Object.prototype && proto !== null) return `${at()}: ${what(v) === 'a Promise' ? 'a Promise' : `a ${(v as object).constructor?.name ?? 'class'} object`} is not plain JSON`;
  for (const [k, x] of Object.entries(v as object)) {
    const p = jsonProblem(x, [...path, k], depth + 1);
    if (p) return p;
  }
  return null;
}

/** The JSON path where two plain JSON values first differ (key order included), or null exactly when their JSON texts agree. */
export function jsonDifference(a: unknown, b: unknown, path: readonly PathSeg[] = []): string | null {
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      const d = jsonDifference(a[i], b[i], [...path, i]);
      if (d) return d;
    }
    return a.length === b.length ? null : `${jsonPath(path)} (${a.length} against ${b.length} items)`;
  }
  if (isObject(a) && isObject(b)) {
    for (const k of Object.keys(a)) {
      if (!Object.hasOwn(b, k)) return `${jsonPath([...path, k])} (present in one, missing in the other)`;
      const d = jsonDifference(a[k], b[k], [...path, k]);
      if (d) return d;
    }
    const kb = Object.keys(b);
    for (const k of kb) if (!Object.hasOwn(a, k)) return `${jsonPath([...path, k])} (present in one, missing in the other)`;
    return Object.keys(a).every((k, i) => k === kb[i]) ? null : `${jsonPath(path)} (the order of its keys)`;
  }
  return JSON.stringify(a) === JSON.stringify(b) ? null : `${jsonPath(path)} (${quoteValue(a)} against ${quoteValue(b)})`;
}

const isArbitrary = (a: unknown): a is fc.Arbitrary<unknown> =>
  a !== null && typeof a === 'object' && typeof (a as fc.Arbitrary<unknown>).generate === 'function' && typeof (a as fc.Arbitrary<unknown>).shrink === 'function';

export interface GuardOptions {
  /** Per instance (ms): a check that returns later than this is a breach (in a worker thread the pool stops it sooner). */
  readonly timeoutMs?: number;
  /** Called after every check (the worker's tick for the pool's time limit). */
  readonly onCheck?: () => void;
}

/**
 * The claim with every call checked against the contract: a throw, a verdict that is not
 * {ok: boolean, slack: Fraction, certificate: plain JSON} with ok ⇔ slack ≥ 0, a size that is not an
 * InstanceSize, a JSON form that is not plain JSON with a readable "profile", or whose round trip
 * toJson(fromJson(toJson(x))) differs from toJson(x): a ClaimModuleError. fromJson's own errors pass
 * through (it rejects bad stored instances).
 */
export function guardClaim(c: Claim, module: string, o: GuardOptions = {}): Claim {
  const breach = (problem: string) => new ClaimModuleError(module, `claim ${c.id}: ${problem}`);
  const call = <T>(name: string, f: () => T): T => {
    let v: T;
    try {
      v = f();
    } catch (e) {
      if (e instanceof ClaimModuleError) throw e;
      throw breach(`${name} threw: ${firstLine(e)}`);
    }
    if (v !== null && typeof v === 'object' && typeof (v as { then?: unknown }).then === 'function') throw breach(`${name} returned a Promise: a claim's functions are synchronous`);
    return v;
  };
  const checked = (name: string, v: unknown): Verdict => {
    if (!isObject(v) || !('ok' in v) || !('slack' in v) || !('certificate' in v)) return fail(`${name} returned ${what(v)}, not a verdict { ok, slack, certificate } (build it with verdict(slack, certificate))`);
    if (typeof v.ok !== 'boolean') return fail(`${name} returned "ok": ${what(v.ok)}, not true or false`);
    const slack = asFraction(v.slack);
    if (slack === null) return fail(`${name} returned a slack that is ${what(v.slack)}, not a Fraction: slacks are exact (frac(p, q), geq, eqSlack, …)`);
    if (v.ok !== signOf(slack) >= 0) return fail(`${name} returned ok = ${v.ok} with slack ${slack.toFraction()}: ok must be slack ≥ 0 (build it with verdict(slack, certificate))`);
    if (!isObject(v.certificate)) return fail(`${name} returned a certificate that is ${what(v.certificate)}, not an object {name: value}`);
    const bad = jsonProblem(v.certificate, ['certificate']);
    if (bad) return fail(`${name}'s certificate is not plain JSON: ${bad}`);
    return { ok: v.ok, slack, certificate: v.certificate };
  };
  const fail = (problem: string): never => {
    throw breach(problem);
  };
  const sized = (s: unknown): InstanceSize => {
    if (!isObject(s)) return fail(`size returned ${what(s)}, not { n, users, prompts, k?, ell?, model? }`);
    for (const k of Object.keys(s))
      if (!['k', 'ell', 'n', 'users', 'prompts', 'model'].includes(k)) fail(`size returned an unknown field "${k}" (known: k, ell, n, users, prompts, model)`);
    if ('model' in s && !USER_MODELS.includes(s.model as UserModel))
      fail(`size returned "model": ${what(s.model)}, not one of ${USER_MODELS.map((m) => `"${m}"`).join(', ')}`);
    for (const k of ['n', 'users', 'prompts', 'k', 'ell'])
      if ((k in s || !['k', 'ell'].includes(k)) && !(Number.isSafeInteger(s[k]) && (s[k] as number) >= 1))
        fail(`size returned "${k}": ${what(s[k])}, not an integer ≥ 1`);
    return s as unknown as InstanceSize;
  };
  const jsonOf = (inst: unknown): Record<string, unknown> => {
    const j = call('toJson', () => c.toJson(inst)) as unknown;
    if (!isObject(j)) return fail(`toJson returned ${what(j)}, not an instance object {"profile", …}`);
    const bad = jsonProblem(j);
    if (bad) fail(`toJson returned an instance that is not plain JSON: ${bad}`);
    if (!('profile' in j)) fail('toJson returned an instance without "profile" (instances are {"profile": …, "k": …, …})');
    let canonical: unknown;
    try {
      canonical = profileToJson(profileFromJson(j.profile, 'profile'));
    } catch (e) {
      return fail(`toJson's "profile" is not a profile: ${firstLine(e)}`);
    }
    const d = jsonDifference(canonical, j.profile, ['profile']);
    if (d) fail(`toJson's "profile" is not written as profileToJson writes it (at ${d}): write it with profileToJson`);
    return j;
  };
  return {
    id: c.id,
    title: c.title,
    statement: c.statement,
    latex: c.latex,
    rule: c.rule,
    expect: c.expect,
    defaultRuns: c.defaultRuns,
    compares: c.compares,
    arbitrary(opts?: ArbOptions) {
      const a = call('arbitrary', () => c.arbitrary(opts));
      return isArbitrary(a) ? a : fail(`arbitrary() returned ${what(a)}, not a fast-check Arbitrary`);
    },
    evidence: (inst: unknown) => call('evidence', () => c.evidence(inst)) as unknown,
    judge: (inst: unknown, e: unknown) => checked('judge', call('judge', () => c.judge(inst, e))),
    check(inst: unknown) {
      const t0 = performance.now();
      const v = checked('check', call('check', () => c.check(inst)));
      const ms = performance.now() - t0;
      if (o.timeoutMs !== undefined && ms > o.timeoutMs) fail(`a check took ${(ms / 1000).toFixed(3)} s, over the limit of ${o.timeoutMs / 1000} s per instance (--claim-timeout)`);
      o.onCheck?.();
      return v;
    },
    size: (inst: unknown) => sized(call('size', () => c.size(inst))),
    toJson(inst: unknown) {
      const j = jsonOf(inst);
      const text = JSON.stringify(j);
      let back: unknown;
      try {
        back = c.fromJson(JSON.parse(text));
      } catch (e) {
        return fail(`fromJson cannot read what toJson wrote: ${firstLine(e)}`);
      }
      const again = jsonOf(back);
      if (JSON.stringify(again) !== text) fail(`the JSON round trip changes the instance: toJson(fromJson(toJson(x))) ≠ toJson(x) at ${jsonDifference(j, again)!}`);
      return j;
    },
    fromJson: (json: unknown) => c.fromJson(json) as unknown,
  };
}

/** The same verdict: ok, exact slack and certificate (as JSON text). */
function sameVerdict(a: Verdict, b: Verdict): boolean {
  return a.ok === b.ok && a.slack.equals(b.slack) && JSON.stringify(a.certificate) === JSON.stringify(b.certificate);
}

/** Where two verdicts differ, as a JSON path with both values. */
function verdictDifference(a: Verdict, b: Verdict): string {
  const json = (v: Verdict) => ({ ok: v.ok, slack: v.slack.toFraction(), certificate: v.certificate });
  return jsonDifference(json(a), json(b))!; // not null: plain JSON (jsonProblem) with different texts
}

/**
 * The contract's behaviour on a guarded claim's first instance (drawn with `seed`): size, evidence,
 * judge and check run; check = judge ∘ evidence; check is deterministic; the JSON form round-trips and
 * the instance read back from it has the same verdict. A breach is thrown (ClaimModuleError).
 */
export function checkClaimBehaviour(g: Claim, module: string, o: { seed: number; maxK?: number }): void {
  const breach = (problem: string) => new ClaimModuleError(module, `claim ${g.id}: ${problem}`);
  const arb = g.arbitrary(o.maxK === undefined ? {} : { maxK: o.maxK });
  let inst: unknown;
  try {
    [inst] = fc.sample(arb, { seed: o.seed, numRuns: 1 });
  } catch (e) {
    if (e instanceof ClaimModuleError) throw e;
    throw breach(`its generator threw: ${firstLine(e)}`);
  }
  g.size(inst);
  const evidence = g.evidence(inst);
  const v = g.check(inst);
  const again = g.check(inst);
  if (!sameVerdict(v, again)) throw breach(`check is not deterministic: two checks of the first instance differ at ${verdictDifference(v, again)}`);
  const viaJudge = g.judge(inst, evidence);
  if (!sameVerdict(v, viaJudge)) throw breach(`check(x) differs from judge(x, evidence(x)) on the first instance at ${verdictDifference(v, viaJudge)} (build the claim with defineClaim)`);
  const json = g.toJson(inst);
  let back: unknown;
  try {
    back = g.fromJson(JSON.parse(JSON.stringify(json)));
  } catch (e) {
    throw breach(`fromJson cannot read what toJson wrote: ${firstLine(e)}`);
  }
  const vb = g.check(back);
  if (!sameVerdict(v, vb)) throw breach(`the first instance read back from its JSON has another verdict (at ${verdictDifference(v, vb)}): toJson or fromJson loses part of the instance`);
}

/** A claim's description, as the reports show it (everything but its functions). */
export interface ClaimInfo {
  readonly id: string;
  readonly title: string;
  readonly statement: string;
  readonly latex: string;
  readonly rule: string;
  readonly expect: 'holds' | 'refuted';
  readonly defaultRuns: number;
  readonly compares: string;
}

export function claimInfo(c: Claim): ClaimInfo {
  return { id: c.id, title: c.title, statement: c.statement, latex: c.latex, rule: c.rule, expect: c.expect, defaultRuns: c.defaultRuns, compares: c.compares };
}
