// `ualign verify` as a library call: select claims, run them (worker pool), build the report.
import { join } from 'node:path';
import { buildVerifyReport, VerifyReport } from '../report/verify.js';
import { loadCorpus } from './corpus.js';
import { runClaims } from './pool.js';
import { selectClaims } from './registry.js';
import { ClaimResult, Shard } from './run.js';

export const DEFAULT_SEED = 20260127;
export const CORPUS_DIR = 'fixtures/counterexamples';

export interface VerifyOptions {
  seed?: number;
  /** Runs per claim (default: each claim's own default suite). */
  runs?: number;
  /** Comma list of claim ids (default: all). */
  claims?: string;
  shard?: Shard;
  /** Corpus folder (default fixtures/counterexamples under cwd); null: no corpus. */
  corpusDir?: string | null;
  workers?: number;
  /** Test only: inject a named U_k fault. */
  fault?: string | null;
  onResult?: (r: ClaimResult, done: number, total: number) => void;
}

export async function verify(o: VerifyOptions = {}): Promise<{ report: VerifyReport; results: ClaimResult[] }> {
  const seed = o.seed ?? DEFAULT_SEED;
  const claims = selectClaims(o.claims);
  const corpus = o.corpusDir === null ? [] : loadCorpus(o.corpusDir ?? join(process.cwd(), CORPUS_DIR));
  const results = await runClaims(
    claims.map((c) => c.id),
    { seed, runs: o.runs, shard: o.shard, corpus, fault: o.fault, workers: o.workers, onResult: o.onResult },
  );
  const shard = o.shard && o.shard.count > 1 ? `${o.shard.index}/${o.shard.count}` : undefined;
  return { report: buildVerifyReport(seed, results, shard), results };
}
