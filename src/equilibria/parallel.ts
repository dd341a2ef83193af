// Exact score sums split over threads: this thread takes the first share of the iterates and each of
// jobs − 1 worker threads (the compiled sumsWorker.js) one more; the shares are added exactly (addSums), so
// the result is the same for every number of threads.
import { Worker } from 'node:worker_threads';
import { compiledModule } from '../runtime/compiled.js';
import { Fraction, numer } from '../exact/rational.js';
import { promptToJson } from '../model/build.js';
import { tierCount } from '../model/structure.js';
import { Prompt } from '../model/types.js';
import { ScoreSums, addSums, scoreSums } from './scoreSums.js';

/**
 * Least T·k·Σ(tiers) worth splitting: a worker's start (a thread loading the model and kernel modules, about
 * 50 ms here) costs more than it saves below about a quarter of a second of sums.
 */
export const PARALLEL_MIN_WORK = 10_000_000;

/** What a worker gets: the prompt as documented JSON, its share of the iterates as [numerator, denominator]. */
export interface SumsTask {
  readonly prompt: unknown;
  readonly iterates: (readonly [bigint, bigint])[][];
  readonly k: number;
}


/** scoreSums(prompt, iterates, k), on up to `jobs` threads when the work is large enough to gain from it. */
export async function parallelScoreSums(prompt: Prompt, iterates: readonly (readonly Fraction[])[], k: number, jobs: number, minWork = PARALLEL_MIN_WORK): Promise<ScoreSums> {
  const T = iterates.length;
  const J = Math.min(Math.floor(jobs), T);
  const file = J > 1 && T * k * tierCount(prompt) >= minWork ? compiledModule('equilibria/sumsWorker.js') : null;
  if (file === null) return scoreSums(prompt, iterates, k);
  const share = (j: number) => iterates.slice(Math.floor((j * T) / J), Math.floor(((j + 1) * T) / J));
  const json = promptToJson(prompt);
  const pending = Array.from({ length: J - 1 }, (_, j) =>
    runWorker(file, { prompt: json, iterates: share(j + 1).map((pi) => pi.map((f): [bigint, bigint] => [numer(f), f.d])), k }),
  );
  let sum = scoreSums(prompt, share(0), k);
  for (const p of pending) sum = addSums(sum, await p);
  return sum;
}

function runWorker(file: string, task: SumsTask): Promise<ScoreSums> {
  return new Promise((resolve, reject) => {
    const w = new Worker(file, { workerData: task });
    let answered = false;
    w.once('message', (m: ScoreSums) => {
      answered = true;
      resolve(m);
    });
    w.once('error', reject);
    w.once('exit', (code) => {
      if (!answered) reject(new Error(`score sums: a worker thread exited (code ${code}) without an answer`));
    });
  });
}
