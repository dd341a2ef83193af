// `ualign check`: for each k, the algorithm's exact rob_k on fixtures and on profiles found by a
// fast-check search, against the theory's k/(k+1) (T1/T2) minus the algorithm's certified slack.
import fc from 'fast-check';
import { Fraction, frac } from '../exact/rational.js';
import { profileFromJson, profileToJson } from '../model/codec.js';
import { Profile } from '../model/types.js';
import { ProfileArbOptions, ProfileRecord, profileFromRecord, profileRecordArb } from '../instances/arbitraries.js';
import { Rule } from '../winrate/rules.js';
import { DEFAULT_SEED } from '../instances/seed.js';
import { Evaluation, evaluate, meets } from './evaluate.js';
import { NamedProfile, builtinFixtures } from './fixtures.js';
import { builtin } from './registry.js';
import { AlignmentAlgorithm } from './types.js';

export const DEFAULT_RUNS = 100;
export const DEFAULT_SEARCH: ProfileArbOptions = { minResponses: 1, maxResponses: 4, minUsers: 1, maxUsers: 4, maxWeight: 5 };

export interface CheckOptions {
  readonly ks: readonly number[];
  /** fast-check runs per k (0: fixtures only). */
  readonly runs?: number;
  readonly seed?: number;
  readonly rule?: Rule;
  /** Profiles checked before the search; default the built-in fixtures. */
  readonly fixtures?: readonly NamedProfile[];
  /** Shape of the searched profiles (flat records of src/testing/arbitraries.ts). */
  readonly search?: ProfileArbOptions;
  /** Also evaluate NLHF (the maximal lottery) on each worst profile, for the plot. Default true. */
  readonly compareNlhf?: boolean;
  /** Also evaluate the certified symmetric NE of G_{k+1} (builtin multiplayer-ne) on each worst profile. Default true. */
  readonly compareNe?: boolean;
}

export interface CurvePoint {
  readonly k: number;
  /** k/(k+1). */
  readonly theory: Fraction;
  /** The lowest exact rob_k found (on `worst`). */
  readonly robustness: Fraction;
  /** theory − robustness. */
  readonly gap: Fraction;
  /** The certified slack declared on the worst profile. */
  readonly slack: Fraction;
  /** No checked profile has rob_k < k/(k+1) − slack. */
  readonly meetsTheory: boolean;
  /** The profile reaching the lowest rob_k (shrunk by fast-check when the search found it). */
  readonly worst: Evaluation;
  /** The smallest profile violating rob_k ≥ k/(k+1) − slack (shrunk), or null. */
  readonly counterexample: Evaluation | null;
  /** rob_k of the maximal lottery's product on the worst profile (null when not computed). */
  readonly nlhf: Fraction | null;
  /** rob_k = k/(k+1) − ε of the certified symmetric NE of G_{k+1} on the worst profile (null when not computed). */
  readonly ne: Fraction | null;
  /** Distinct profiles evaluated at this k. */
  readonly checked: number;
  /** The stored worst profile (and counterexample), re-read from JSON and re-evaluated, gave the same exact numbers. */
  readonly reproducible: boolean;
}

export interface CheckResult {
  readonly algorithm: string;
  readonly description?: string;
  readonly rule: Rule;
  readonly runs: number;
  readonly seed: number;
  readonly search: ProfileArbOptions;
  readonly fixtures: string[];
  readonly curve: CurvePoint[];
  readonly meetsTheory: boolean;
  /** Distinct notes (normalisations, the algorithm's own notes) with counts. */
  readonly notes: { text: string; count: number }[];
}

/** Re-read the profile from its JSON and evaluate again: the stored witness must replay exactly. */
async function recheck(alg: AlignmentAlgorithm, e: Evaluation, rule: Rule): Promise<boolean> {
  const again = await evaluate(alg, profileFromJson(profileToJson(e.profile)), e.k, rule, e.source);
  return again.robustness.equals(e.robustness) && again.slack.equals(e.slack);
}

/** Fewer responses, then fewer user types: the smaller witness. */
const size = (p: Profile): number => p.prompts.reduce((s, x) => s + 1000 * x.prompt.responses.length + x.prompt.users.length, 0);

export async function checkAlgorithm(alg: AlignmentAlgorithm, opts: CheckOptions): Promise<CheckResult> {
  const rule = opts.rule ?? 'uniform';
  const runs = opts.runs ?? DEFAULT_RUNS;
  const seed = opts.seed ?? DEFAULT_SEED;
  const search = opts.search ?? DEFAULT_SEARCH;
  const fixtures = opts.fixtures ?? builtinFixtures();
  const noteCounts = new Map<string, number>();
  const note = (e: Evaluation): Evaluation => {
    for (const s of e.notes) noteCounts.set(s, (noteCounts.get(s) ?? 0) + 1);
    return e;
  };
  const nlhfAlg = opts.compareNlhf === false ? null : builtin('nlhf');
  const neAlg = opts.compareNe === false ? null : builtin('multiplayer-ne');
  const curve: CurvePoint[] = [];

  for (const k of opts.ks) {
    const fixed: Evaluation[] = [];
    for (const f of fixtures) fixed.push(note(await evaluate(alg, f.profile, k, rule, f.name)));

    // The search: fast-check over flat profile records, cached by record (shrinking revisits).
    const cache = new Map<string, Evaluation>();
    let failure: unknown = null;
    const evalRecord = async (rec: ProfileRecord): Promise<Evaluation | null> => {
      const key = JSON.stringify(rec);
      const hit = cache.get(key);
      if (hit) return hit;
      if (failure !== null) return null;
      try {
        const e = note(await evaluate(alg, profileFromRecord(rec), k, rule, 'search'));
        cache.set(key, e);
        return e;
      } catch (err) {
        failure = err; // an algorithm error aborts the check (reported after fast-check returns)
        return null;
      }
    };
    const arb = profileRecordArb(search);
    const ran = async (prop: (e: Evaluation) => boolean, params: fc.Parameters<[ProfileRecord]>) => {
      const r = await fc.check(
        fc.asyncProperty(arb, async (rec) => {
          const e = await evalRecord(rec);
          return e === null || prop(e);
        }),
        params,
      );
      if (failure !== null) throw failure;
      return r;
    };

    let counterexample: Evaluation | null = null;
    if (runs > 0) {
      // Property: rob_k(algorithm(P)) ≥ k/(k+1) − slack(P); a failure is shrunk by fast-check.
      const r = await ran(meets, { seed, numRuns: runs });
      if (r.failed && r.counterexample) counterexample = (await evalRecord(r.counterexample[0]))!;
    }
    if (counterexample) counterexample = { ...counterexample, source: `search (seed ${seed}, shrunk)` };
    else {
      const bad = fixed.filter((e) => !meets(e)).sort((a, b) => size(a.profile) - size(b.profile));
      counterexample = bad[0] ?? null;
    }

    // The worst profile: the lowest rob_k seen; if the search found it, shrink toward the smallest
    // profile with rob_k at most that value (replaying it as a fast-check example).
    let worst = fixed.reduce<Evaluation | null>((b, e) => (b === null || e.robustness.lt(b.robustness) ? e : b), null);
    const lowestSearched = (): [string, Evaluation] | null => {
      let best: [string, Evaluation] | null = null;
      for (const [key, e] of cache) if (best === null || e.robustness.lt(best[1].robustness)) best = [key, e];
      return best;
    };
    for (let round = 0; round < 3; round++) {
      const low = lowestSearched();
      if (low === null || (worst !== null && !low[1].robustness.lt(worst.robustness))) break;
      const bar = low[1].robustness;
      const r = await ran((e) => e.robustness.gt(bar), { seed, numRuns: 1, examples: [[JSON.parse(low[0]) as ProfileRecord]] });
      const shrunk = r.failed && r.counterexample ? (await evalRecord(r.counterexample[0]))! : low[1];
      worst = { ...shrunk, source: `search (seed ${seed}, shrunk)` };
      const after = lowestSearched();
      if (after === null || !after[1].robustness.lt(worst.robustness)) break;
    }
    if (worst === null) throw new RangeError('check: no fixtures and no search runs: nothing to check');

    let reproducible = await recheck(alg, worst, rule);
    if (counterexample) reproducible = reproducible && (await recheck(alg, counterexample, rule));
    let nlhfRob: Fraction | null = null;
    if (nlhfAlg) nlhfRob = (await evaluate(nlhfAlg, worst.profile, k, rule, worst.source)).robustness;
    const neRob = neAlg ? (await evaluate(neAlg, worst.profile, k, rule, worst.source)).robustness : null;
    const theory = frac(k, k + 1);
    curve.push({
      k,
      theory,
      robustness: worst.robustness,
      gap: theory.sub(worst.robustness),
      slack: worst.slack,
      meetsTheory: counterexample === null,
      worst,
      counterexample,
      nlhf: nlhfRob,
      ne: neRob,
      checked: fixed.length + cache.size,
      reproducible,
    });
  }
  return {
    algorithm: alg.name,
    description: alg.description,
    rule,
    runs,
    seed,
    search,
    fixtures: fixtures.map((f) => f.name),
    curve,
    meetsTheory: curve.every((c) => c.meetsTheory),
    notes: [...noteCounts].map(([text, count]) => ({ text, count })),
  };
}
