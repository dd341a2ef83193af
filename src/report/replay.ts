// `ualign replay`: re-run a stored counterexample's claim check and compare the WHOLE stored verdict
// with the recomputed one: the instance as the claim reads it (k, ℓ, policies, …), the rule, the
// expected outcome, the slack and every certificate field. The first field that differs is reported.
import { parseExactText } from '../exact/rational.js';
import { profileFromJson, profileToJson } from '../model/codec.js';
import { InputError } from '../model/errors.js';
import { PathSeg, isObject, jsonPath, quoteValue, validate } from '../model/schema.js';
import { Profile } from '../model/types.js';
import { CLAIMS, claimById } from '../claims/registry.js';
import { Claim } from '../claims/types.js';
import { ClaimInfo, ClaimModuleError } from '../claims/contract.js';
import { ClaimModuleRef, InstanceReadError, Recheck, claimModuleRef, recheck } from '../claims/plugins.js';
import { describeClaimModule, recheckInWorker } from '../claims/host.js';
import { COUNTEREXAMPLE_REPORT_SHAPE, VERIFY_REPORT_SHAPE } from './verify.js';

/** One stored counterexample of a report file, with where it sits in the file. */
export interface StoredCounterexample {
  readonly claim: string;
  readonly expect: string;
  /** The rule stored with it (verify.json entries), if any. */
  readonly rule: string | null;
  /** A plug-in claim's module as recorded by verify (its path as given), if any. */
  readonly module: string | null;
  readonly counterexample: Record<string, unknown>;
  readonly verdict: { slack: string; certificate: Record<string, unknown> } | null;
  /** JSON paths of the entry, its counterexample and its verdict in the file. */
  readonly at: readonly PathSeg[];
}

/** The stored counterexamples of a counterexample report, corpus file or verify.json, validated against their shapes. */
export function storedCounterexamples(o: unknown, file: string): StoredCounterexample[] {
  if (isObject(o) && 'claims' in o) {
    validate(o, VERIFY_REPORT_SHAPE, file);
    return (o.claims as Record<string, unknown>[]).flatMap((c, i) =>
      c.counterexample === null
        ? []
        : [
            {
              claim: c.id as string,
              expect: c.expect as string,
              rule: c.rule as string,
              module: (c.module ?? null) as string | null,
              counterexample: c.counterexample as Record<string, unknown>,
              verdict: c.verdict as StoredCounterexample['verdict'],
              at: ['claims', i],
            },
          ],
    );
  }
  validate(o, COUNTEREXAMPLE_REPORT_SHAPE, file);
  const r = o as Record<string, unknown>;
  return [
    {
      claim: r.claim as string,
      expect: r.expect as string,
      rule: null,
      module: (r.module ?? null) as string | null,
      counterexample: r.counterexample as Record<string, unknown>,
      verdict: (r.verdict ?? null) as StoredCounterexample['verdict'],
      at: [],
    },
  ];
}

/** Where a stored value and the recomputed one first differ. */
export interface Difference {
  readonly path: string;
  readonly stored: string;
  readonly recomputed: string;
}

const exactOf = (v: unknown) => (typeof v === 'number' && Number.isSafeInteger(v) ? parseExactText(String(v)) : typeof v === 'string' ? parseExactText(v) : null);

/** First difference between a stored JSON value and a recomputed one; exact numbers compare by value ("2/4" = "1/2"). */
export function firstDifference(stored: unknown, recomputed: unknown, path: PathSeg[]): Difference | null {
  const diff = (): Difference => ({ path: jsonPath(path), stored: quoteValue(stored), recomputed: quoteValue(recomputed) });
  const a = exactOf(stored);
  const b = exactOf(recomputed);
  if (a !== null && b !== null) return a.equals(b) ? null : diff();
  if (Array.isArray(stored) && Array.isArray(recomputed)) {
    for (let i = 0; i < Math.min(stored.length, recomputed.length); i++) {
      const d = firstDifference(stored[i], recomputed[i], [...path, i]);
      if (d) return d;
    }
    return stored.length === recomputed.length ? null : diff();
  }
  if (isObject(stored) && isObject(recomputed)) {
    for (const k of Object.keys(recomputed)) {
      if (!(k in stored)) return { path: jsonPath([...path, k]), stored: 'nothing', recomputed: quoteValue(recomputed[k]) };
      const d = firstDifference(stored[k], recomputed[k], [...path, k]);
      if (d) return d;
    }
    for (const k of Object.keys(stored)) if (!(k in recomputed)) return { path: jsonPath([...path, k]), stored: quoteValue(stored[k]), recomputed: 'nothing' };
    return null;
  }
  return stored === recomputed ? null : diff();
}

export interface ReplayResult {
  readonly claim: string;
  readonly expect: string;
  /** The recomputed check still fails (it is a counterexample). */
  readonly counterexample: boolean;
  readonly slack: string;
  readonly storedSlack: string | null;
  /** A counterexample, and the whole stored verdict recomputed equal. */
  readonly reproduced: boolean;
  /** The first stored field that differs from its recomputed value (null: none). */
  readonly difference: Difference | null;
  readonly certificate: Record<string, unknown>;
}

/** The stored profile as the codec normalises it (weights summing to 1), so hand-written files compare by value. */
function canonicalProfile(p: unknown): unknown {
  try {
    return profileToJson(profileFromJson(p) as Profile);
  } catch {
    return p;
  }
}

/** The claim's reading of a stored instance failed: the error, located in the file. */
function located(e: unknown, s: StoredCounterexample, file: string): unknown {
  return e instanceof InstanceReadError ? new InputError(`${file}: ${jsonPath([...s.at, 'counterexample'])}: ${e.message}`) : e;
}

/** Compare everything stored with what the claim (`c`: id, rule, expected outcome) recomputed. */
export function compareReplay(s: StoredCounterexample, c: Pick<Claim, 'id' | 'rule' | 'expect'>, r: Recheck): ReplayResult {
  const recomputed = { slack: r.slack, certificate: r.certificate };
  const stored = { ...s.counterexample, ...('profile' in s.counterexample ? { profile: canonicalProfile(s.counterexample.profile) } : {}) };
  const difference =
    (s.expect !== c.expect ? { path: jsonPath([...s.at, 'expect']), stored: quoteValue(s.expect), recomputed: quoteValue(c.expect) } : null) ??
    (s.rule !== null && s.rule !== c.rule ? { path: jsonPath([...s.at, 'rule']), stored: quoteValue(s.rule), recomputed: quoteValue(c.rule) } : null) ??
    firstDifference(stored, r.instance, [...s.at, 'counterexample']) ??
    (s.verdict === null ? null : firstDifference(s.verdict, recomputed, [...s.at, 'verdict']));
  return {
    claim: c.id,
    expect: c.expect,
    counterexample: !r.ok,
    slack: recomputed.slack,
    storedSlack: s.verdict?.slack ?? null,
    reproduced: !r.ok && difference === null,
    difference,
    certificate: recomputed.certificate,
  };
}

/** The built-in claim of a stored counterexample, or an input error located in the file. */
function builtinClaim(s: StoredCounterexample, file: string): Claim {
  try {
    return claimById(s.claim);
  } catch (e) {
    throw new InputError(`${file}: ${jsonPath([...s.at, s.at.length ? 'id' : 'claim'])}: ${(e as Error).message}`);
  }
}

/** Replay one stored counterexample of a built-in claim (or of `claim`): everything stored must be what the claim recomputes now. */
export function replayOne(s: StoredCounterexample, file: string, claim?: Claim): ReplayResult {
  const c = claim ?? builtinClaim(s, file);
  let r: Recheck;
  try {
    r = recheck(c, s.counterexample);
  } catch (e) {
    throw located(e, s, file);
  }
  return compareReplay(s, c, r);
}

export interface ReplayOptions {
  /** Claim modules given with `replay --claim` (paths as given), used for the claims they define. */
  readonly claimModules?: readonly string[];
  /** Module paths are resolved from here (default: the current folder). */
  readonly cwd?: string;
  /** A plug-in claim's time limit for loading and for the re-check (ms). */
  readonly timeoutMs?: number;
}

/**
 * Replay stored counterexamples: a built-in claim's in this thread; a plug-in claim's in a worker
 * thread under the time limit, from the module given with --claim whose claim has that id, else from
 * the module the report records (resolved from the current folder).
 */
export async function replayAll(list: readonly StoredCounterexample[], file: string, o: ReplayOptions = {}): Promise<ReplayResult[]> {
  const given: { ref: ClaimModuleRef; id: string }[] = [];
  for (const path of o.claimModules ?? []) {
    const ref = claimModuleRef(path, o.cwd);
    const info = await describeClaimModule(ref, o.timeoutMs);
    const builtin = CLAIMS.find((c) => c.id.toLowerCase() === info.id.toLowerCase());
    if (builtin) throw new ClaimModuleError(path, `its claim's id "${info.id}" is the id of the built-in claim ${builtin.id} (ids ignore case): choose another`);
    given.push({ ref, id: info.id });
  }
  const out: ReplayResult[] = [];
  for (const s of list) {
    const mine = given.find((g) => g.id.toLowerCase() === s.claim.toLowerCase());
    const isBuiltin = CLAIMS.some((c) => c.id.toLowerCase() === s.claim.toLowerCase());
    if (!mine && (isBuiltin || s.module === null)) {
      if (!isBuiltin && s.module === null)
        throw new InputError(`${file}: ${jsonPath([...s.at, s.at.length ? 'id' : 'claim'])}: unknown claim "${s.claim}" (known: ${CLAIMS.map((c) => c.id).join(', ')}; for a plug-in claim give its module with --claim PATH)`);
      out.push(replayOne(s, file));
      continue;
    }
    const ref = mine?.ref ?? claimModuleRefFrom(s, file, o.cwd);
    let r: { recheck: Recheck; info: ClaimInfo };
    try {
      r = await recheckInWorker(ref, mine?.id ?? s.claim, s.counterexample, o.timeoutMs);
    } catch (e) {
      throw located(e, s, file);
    }
    out.push(compareReplay(s, r.info, r.recheck));
  }
  return out;
}

/** The module a report records for a plug-in claim, resolved from the current folder. */
function claimModuleRefFrom(s: StoredCounterexample, file: string, cwd?: string): ClaimModuleRef {
  try {
    return claimModuleRef(s.module!, cwd);
  } catch (e) {
    if (!(e instanceof ClaimModuleError)) throw e;
    throw new InputError(`${file}: ${jsonPath([...s.at, 'module'])}: claim ${s.claim}: ${e.message} (give the module with --claim PATH)`);
  }
}
