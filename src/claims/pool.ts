// Runs claims in parallel on worker threads (the compiled dist/claims/worker.js). Each claim's result
// depends only on (seed, claim id, shard, runs): results are sorted by claim order, so the output is
// the same whatever the pool size. Plug-in claims travel as their module (host.ts): each worker imports
// it; a worker silent for longer than a plug-in claim's time limit is stopped.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { loadGlpk } from '../lp/glpk.js';
import { claimById } from './registry.js';
import { ClaimResult, RunOptions, runClaim } from './run.js';
import { DEFAULT_CLAIM_TIMEOUT_MS, LoadedClaimModule, pluginClaim } from './plugins.js';
import { crashError, errorOf, FromWorker, timeoutError, WorkerTask, workerFile } from './host.js';

export { workerFile, type WorkerTask } from './host.js';

export interface PoolOptions extends RunOptions {
  /** Worker threads; 0 = in this thread. Default: available cores (capped by the number of claims). */
  readonly workers?: number;
  readonly onResult?: (r: ClaimResult, done: number, total: number) => void;
  /** Plug-in claims (loadClaimModules), run when their id is among the ids. */
  readonly plugins?: readonly LoadedClaimModule[];
  /** A plug-in claim's time limit per instance (ms; default DEFAULT_CLAIM_TIMEOUT_MS). */
  readonly claimTimeoutMs?: number;
}

function task(id: string, o: PoolOptions): WorkerTask {
  const plugin = o.plugins?.find((p) => p.info.id === id);
  return {
    id,
    seed: o.seed,
    runs: o.runs,
    shard: o.shard,
    corpus: (o.corpus ?? []).filter((c) => c.claim === id),
    fault: o.fault ?? null,
    ...(o.maxK === undefined ? {} : { maxK: o.maxK }),
    ...(plugin ? { module: { path: plugin.path, url: plugin.url }, timeoutMs: o.claimTimeoutMs ?? DEFAULT_CLAIM_TIMEOUT_MS } : {}),
  };
}

const runOptions = (t: WorkerTask): RunOptions => ({
  seed: t.seed,
  runs: t.runs,
  shard: t.shard,
  corpus: t.corpus,
  fault: t.fault,
  maxK: t.maxK,
  ...(t.module ? { module: t.module.path } : {}),
});

/** A built-in claim's task, in this thread. */
export function runTask(t: WorkerTask): ClaimResult {
  if (t.module) throw new Error(`claim ${t.id}: a plug-in claim's task runs through runAnyTask`);
  return runClaim(claimById(t.id), runOptions(t));
}

/**
 * Any task in this thread: a plug-in claim is imported here (once per thread) and held to its contract.
 * `tick`: in a worker thread, posted after the import and after every check — the pool's watchdog then
 * keeps the time limit; without it the limit is kept here (after the fact: a check cannot be stopped).
 */
export async function runAnyTask(t: WorkerTask, tick?: () => void): Promise<ClaimResult> {
  await loadGlpk(); // T3 cross-checks V_k through glpk.js when it is loaded (once per thread)
  if (!t.module) return runTask(t);
  const claim = await pluginClaim(t.module, { id: t.id, ...(tick ? { onCheck: tick } : { timeoutMs: t.timeoutMs }) });
  tick?.();
  return runClaim(claim, runOptions(t));
}

/**
 * Run claims (built-in ids in any case, as claimById reads them; plug-in ids as their modules give them), each
 * once: the results are in the order of `ids`, under each claim's own id.
 */
export async function runClaims(given: readonly string[], o: PoolOptions): Promise<ClaimResult[]> {
  const ids = [...new Set(given.map((id) => (o.plugins?.some((p) => p.info.id === id) ? id : claimById(id).id)))];
  const file = workerFile();
  const size = Math.min(o.workers ?? availableParallelism(), ids.length);
  const results = new Map<string, ClaimResult>();
  let done = 0;
  const record = (r: ClaimResult) => {
    results.set(r.id, r);
    o.onResult?.(r, ++done, ids.length);
  };
  if (size <= 0 || file === null) {
    for (const id of ids) record(await runAnyTask(task(id, o)));
  } else {
    // Longest claims first helps balance; the order does not change any result.
    const queue = [...ids];
    await new Promise<void>((resolve, reject) => {
      const workers: Worker[] = [];
      let failed = false;
      let running = size;
      const fail = (e: Error) => {
        if (failed) return;
        failed = true;
        for (const w of workers) void w.terminate();
        reject(e);
      };
      for (let i = 0; i < size; i++) {
        const w = new Worker(file);
        workers.push(w);
        let current: WorkerTask | null = null;
        let timer: NodeJS.Timeout | undefined;
        // Only a plug-in claim's task is watched: a built-in claim has no time limit.
        const arm = () => {
          clearTimeout(timer);
          const t = current;
          if (t?.module) timer = setTimeout(() => fail(timeoutError(t.module!.path, t.id, t.timeoutMs!)), t.timeoutMs);
        };
        const next = () => {
          current = null;
          clearTimeout(timer);
          if (failed) return;
          const id = queue.shift();
          if (id === undefined) {
            void w.terminate().then(() => {
              if (--running === 0) resolve();
            });
            return;
          }
          current = task(id, o);
          arm();
          w.postMessage(current);
        };
        w.on('message', (m: FromWorker) => {
          if (failed) return;
          if (m.t === 'tick') arm();
          else if (m.t === 'result') {
            record(m.result);
            next();
          } else if (m.t === 'failed') fail(errorOf(m));
          else fail(new Error(`claim ${current?.id}: unexpected answer from its worker`));
        });
        const died = (why: string) => {
          const t = current;
          if (failed || t === null) return;
          fail(t.module ? crashError(t.module.path, t.id, why) : new Error(`claim ${t.id}: the worker thread ${why}`));
        };
        w.on('error', (e: Error) => {
          clearTimeout(timer);
          if (current === null) fail(e);
          else died(`crashed: ${e.message.split('\n')[0]}`);
        });
        w.on('exit', (code) => died(`exited (code ${code})`));
        next();
      }
    });
  }
  return ids.map((id) => results.get(id)!);
}
