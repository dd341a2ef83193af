// Runs claims in parallel on worker threads (the compiled dist/claims/worker.js). Each claim's result
// depends only on (seed, claim id, shard, runs): results are sorted by claim order, so the output is
// the same whatever the pool size.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { claimById } from './registry.js';
import { ClaimResult, CorpusEntry, RunOptions, runClaim, Shard } from './run.js';

export interface PoolOptions extends RunOptions {
  /** Worker threads; 0 = in this thread. Default: available cores (capped by the number of claims). */
  readonly workers?: number;
  readonly onResult?: (r: ClaimResult, done: number, total: number) => void;
}

export interface WorkerTask {
  readonly id: string;
  readonly seed: number;
  readonly runs?: number;
  readonly shard?: Shard;
  readonly corpus: readonly CorpusEntry[];
  readonly fault: string | null;
  readonly maxK?: number;
}

/** The compiled worker next to this module, or (under a TS runner) in dist/. */
export function workerFile(): string | null {
  const here = new URL('./worker.js', import.meta.url);
  const p = fileURLToPath(here);
  if (existsSync(p) && !import.meta.url.endsWith('.ts')) return p;
  const dist = fileURLToPath(new URL('../../dist/claims/worker.js', import.meta.url));
  return existsSync(dist) ? dist : null;
}

function task(id: string, o: PoolOptions): WorkerTask {
  return { id, seed: o.seed, runs: o.runs, shard: o.shard, corpus: (o.corpus ?? []).filter((c) => c.claim === id), fault: o.fault ?? null, ...(o.maxK === undefined ? {} : { maxK: o.maxK }) };
}

export function runTask(t: WorkerTask): ClaimResult {
  return runClaim(claimById(t.id), { seed: t.seed, runs: t.runs, shard: t.shard, corpus: t.corpus, fault: t.fault, maxK: t.maxK });
}

export async function runClaims(ids: readonly string[], o: PoolOptions): Promise<ClaimResult[]> {
  const file = workerFile();
  const size = Math.min(o.workers ?? availableParallelism(), ids.length);
  const results = new Map<string, ClaimResult>();
  let done = 0;
  const record = (r: ClaimResult) => {
    results.set(r.id, r);
    o.onResult?.(r, ++done, ids.length);
  };
  if (size <= 0 || file === null) {
    for (const id of ids) record(runTask(task(id, o)));
  } else {
    // Longest claims first helps balance; the order does not change any result.
    const queue = [...ids];
    await Promise.all(
      Array.from({ length: size }, () =>
        new Promise<void>((resolve, reject) => {
          const w = new Worker(file);
          const next = () => {
            const id = queue.shift();
            if (id === undefined) {
              void w.terminate().then(() => resolve());
              return;
            }
            w.postMessage(task(id, o));
          };
          w.on('message', (m: { ok: true; result: ClaimResult } | { ok: false; id: string; error: string }) => {
            if (m.ok) record(m.result);
            else {
              reject(new Error(`claim ${m.id}: ${m.error}`));
              void w.terminate();
              return;
            }
            next();
          });
          w.on('error', reject);
          next();
        }),
      ),
    );
  }
  return ids.map((id) => results.get(id)!);
}
