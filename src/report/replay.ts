// `ualign replay`: re-run a stored counterexample's claim check and compare the WHOLE stored verdict
// with the recomputed one: the instance as the claim reads it (k, ℓ, policies, …), the rule, the
// expected outcome, the slack and every certificate field. The first field that differs is reported.
import { parseExactText } from '../exact/rational.js';
import { profileFromJson, profileToJson } from '../model/codec.js';
import { InputError } from '../model/errors.js';
import { PathSeg, isObject, jsonPath, quoteValue, validate } from '../model/schema.js';
import { Profile } from '../model/types.js';
import { claimById } from '../claims/registry.js';
import { Claim } from '../claims/types.js';
import { COUNTEREXAMPLE_REPORT_SHAPE, VERIFY_REPORT_SHAPE } from './verify.js';

/** One stored counterexample of a report file, with where it sits in the file. */
export interface StoredCounterexample {
  readonly claim: string;
  readonly expect: string;
  /** The rule stored with it (verify.json entries), if any. */
  readonly rule: string | null;
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

/** The claim's own reading of a stored instance: fromJson, with errors located in the file. */
function readInstance(claim: Claim, cx: Record<string, unknown>, file: string, at: readonly PathSeg[]): unknown {
  try {
    return claim.fromJson(cx);
  } catch (e) {
    if (e instanceof InputError) throw new InputError(`${file}: ${jsonPath([...at, 'counterexample'])}: ${e.message}`);
    throw e;
  }
}

/** The stored profile as the codec normalises it (weights summing to 1), so hand-written files compare by value. */
function canonicalProfile(p: unknown): unknown {
  try {
    return profileToJson(profileFromJson(p) as Profile);
  } catch {
    return p;
  }
}

/** Replay one stored counterexample: everything stored must be what the claim recomputes now. */
export function replayOne(s: StoredCounterexample, file: string): ReplayResult {
  const claim = (() => {
    try {
      return claimById(s.claim);
    } catch (e) {
      throw new InputError(`${file}: ${jsonPath([...s.at, s.at.length ? 'id' : 'claim'])}: ${(e as Error).message}`);
    }
  })();
  const inst = readInstance(claim, s.counterexample, file, s.at);
  const v = claim.check(inst);
  const recomputed = {
    slack: v.slack.toFraction(),
    certificate: JSON.parse(JSON.stringify(v.certificate)) as Record<string, unknown>,
  };
  const stored = { ...s.counterexample, ...('profile' in s.counterexample ? { profile: canonicalProfile(s.counterexample.profile) } : {}) };
  const difference =
    (s.expect !== claim.expect ? { path: jsonPath([...s.at, 'expect']), stored: quoteValue(s.expect), recomputed: quoteValue(claim.expect) } : null) ??
    (s.rule !== null && s.rule !== claim.rule ? { path: jsonPath([...s.at, 'rule']), stored: quoteValue(s.rule), recomputed: quoteValue(claim.rule) } : null) ??
    firstDifference(stored, claim.toJson(inst), [...s.at, 'counterexample']) ??
    (s.verdict === null ? null : firstDifference(s.verdict, recomputed, [...s.at, 'verdict']));
  return {
    claim: claim.id,
    expect: claim.expect,
    counterexample: !v.ok,
    slack: recomputed.slack,
    storedSlack: s.verdict?.slack ?? null,
    reproduced: !v.ok && difference === null,
    difference,
    certificate: recomputed.certificate,
  };
}
