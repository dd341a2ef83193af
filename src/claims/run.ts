// The verification engine: one claim as a shrinking fast-check property.
// Positive claims: any counterexample is a failure. Negative controls: finding, shrinking and
// re-checking (from JSON) a counterexample is the goal. Deterministic for a given seed.
import fc from 'fast-check';
import { Fraction } from '../exact/rational.js';
import { activeFault, setFault } from '../winrate/faults.js';
import { Claim, Expect } from './types.js';

export type Outcome = 'holds' | 'refuted' | 'error';

export interface Shard {
  readonly index: number; // 1-based
  readonly count: number;
}

export interface CorpusEntry {
  readonly file: string;
  readonly claim: string;
  readonly counterexample: unknown;
}

export interface RunOptions {
  /** Global seed; the claim's seed is derived from it and the claim id. */
  readonly seed: number;
  /** Runs for this claim (default: claim.defaultRuns); split across shards. */
  readonly runs?: number;
  readonly shard?: Shard;
  /** Stored counterexamples for this claim. */
  readonly corpus?: readonly CorpusEntry[];
  /** Test only: a named fault in U_k (see kernel.ts). */
  readonly fault?: string | null;
}

export interface ClaimResult {
  readonly id: string;
  readonly title: string;
  readonly rule: string;
  readonly expect: Expect;
  readonly outcome: Outcome;
  /** expect === outcome. */
  readonly ok: boolean;
  /** Instances checked (generated runs + corpus examples). */
  readonly runs: number;
  /** Smallest slack over the generated runs and the final counterexample, "p/q". */
  readonly minSlack: string | null;
  /** fast-check seed used for this claim (and shard). */
  readonly seed: number;
  /** fast-check path of the shrunk counterexample (replay with seed + path). */
  readonly path: string | null;
  /** The shrunk counterexample in the profile format, re-checked from this JSON. */
  readonly counterexample: Record<string, unknown> | null;
  /** Its exact verdict: slack and certificate. */
  readonly verdict: { slack: string; certificate: Record<string, unknown> } | null;
  /** Shrink steps fast-check took. */
  readonly shrinks: number;
  /** Stored counterexamples replayed, and how many behaved as stored (negative: still refuted; positive: pass). */
  readonly corpus: { readonly replayed: number; readonly consistent: number };
  readonly error: string | null;
  /** Wall time in ms (never written to verify.json / verify.md). */
  readonly ms: number;
}

/** FNV-1a 32-bit hash, as a signed 32-bit integer (a fast-check seed). */
export function hashSeed(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h | 0;
}

/**
 * Seed of one claim (and shard): hash("seed:id") — independent of the worker count and of which
 * other claims run; with --shard i/n (n > 1): hash("seed:id:i/n").
 */
export function claimSeed(seed: number, id: string, shard?: Shard): number {
  return hashSeed(shard && shard.count > 1 ? `${seed}:${id}:${shard.index}/${shard.count}` : `${seed}:${id}`);
}

/** Runs of shard i of n: ⌊N/n⌋, plus one for the first N mod n shards. */
export function shardRuns(total: number, shard?: Shard): number {
  if (!shard || shard.count <= 1) return total;
  return Math.floor(total / shard.count) + (shard.index - 1 < total % shard.count ? 1 : 0);
}

function errText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Run one claim. */
export function runClaim(claim: Claim, opts: RunOptions): ClaimResult {
  const t0 = performance.now();
  const prevFault = activeFault();
  if (opts.fault !== undefined) setFault(opts.fault);
  try {
    return runInner(claim, opts, t0);
  } finally {
    if (opts.fault !== undefined) setFault(prevFault);
  }
}

function runInner(claim: Claim, opts: RunOptions, t0: number): ClaimResult {
  const seed = claimSeed(opts.seed, claim.id, opts.shard);
  const numRuns = shardRuns(opts.runs ?? claim.defaultRuns, opts.shard);
  const corpus = (opts.corpus ?? []).filter((c) => c.claim === claim.id);
  const base = { id: claim.id, title: claim.title, rule: claim.rule, expect: claim.expect, seed };
  let error: string | null = null;

  // Corpus instances (the shard-1 share only, so that merged shards count them once).
  const examples: unknown[] = [];
  let consistent = 0;
  const useCorpus = !opts.shard || opts.shard.index === 1;
  if (useCorpus)
    for (const c of corpus) {
      try {
        const inst = claim.fromJson(c.counterexample);
        examples.push(inst);
        const v = claim.check(inst);
        if (claim.expect === 'holds' ? v.ok : !v.ok) consistent++;
      } catch (e) {
        error ??= `corpus ${c.file}: ${errText(e)}`;
      }
    }

  // Track the smallest slack over the generated runs (before the first failure) and the final counterexample.
  let minSlack: Fraction | null = null;
  let failedOnce = false;
  const prop = fc.property(claim.arbitrary(), (inst) => {
    const v = claim.check(inst);
    if (!failedOnce) {
      if (minSlack === null || v.slack.lt(minSlack)) minSlack = v.slack;
      if (!v.ok) failedOnce = true;
    }
    return v.ok;
  });
  // Positive claims replay the corpus through fast-check's `examples`; negative controls must find
  // their counterexample from the generator (the corpus is re-checked above).
  const details = fc.check(prop, {
    seed,
    numRuns,
    examples: claim.expect === 'holds' ? (examples as [unknown][]).map((e) => [e]) : [],
    endOnFailure: false,
  } as fc.Parameters<[unknown]>);
  const runs = details.numRuns + (claim.expect === 'holds' ? 0 : examples.length);
  const corpusStat = { replayed: examples.length, consistent };

  if (!details.failed) {
    const outcome: Outcome = error ? 'error' : 'holds';
    return {
      ...base,
      outcome,
      ok: outcome === claim.expect && corpusStat.consistent === corpusStat.replayed,
      runs,
      minSlack: minSlack === null ? null : (minSlack as Fraction).toFraction(),
      path: null,
      counterexample: null,
      verdict: null,
      shrinks: 0,
      corpus: corpusStat,
      error,
      ms: performance.now() - t0,
    };
  }
  // Re-check the shrunk counterexample from its JSON (the profile format), exactly.
  const inst = (details.counterexample as [unknown])[0];
  let json: Record<string, unknown> | null = null;
  let ver: ClaimResult['verdict'] = null;
  let outcome: Outcome = 'refuted';
  try {
    json = claim.toJson(inst);
    const again = claim.fromJson(JSON.parse(JSON.stringify(json)));
    const v = claim.check(again);
    ver = { slack: v.slack.toFraction(), certificate: v.certificate };
    if (v.ok) {
      error ??= 're-check from JSON does not reproduce the counterexample';
      outcome = 'error';
    }
    if (minSlack === null || v.slack.lt(minSlack)) minSlack = v.slack;
  } catch (e) {
    error ??= `re-check failed: ${errText(e)}`;
    outcome = 'error';
  }
  return {
    ...base,
    outcome,
    ok: outcome === claim.expect && error === null && corpusStat.consistent === corpusStat.replayed,
    runs,
    minSlack: minSlack === null ? null : (minSlack as Fraction).toFraction(),
    path: details.counterexamplePath,
    counterexample: json,
    verdict: ver,
    shrinks: details.numShrinks,
    corpus: corpusStat,
    error,
    ms: performance.now() - t0,
  };
}
