// Worker thread of parallel.ts: the exact score sums of one share of the iterates.
import { parentPort, workerData } from 'node:worker_threads';
import { frac } from '../exact/rational.js';
import { profileFromJson } from '../model/codec.js';
import type { SumsTask } from './parallel.js';
import { scoreSums } from './scoreSums.js';

const task = workerData as SumsTask;
const prompt = profileFromJson(task.prompt, 'score sums worker').prompts[0].prompt;
parentPort?.postMessage(scoreSums(prompt, task.iterates.map((pi) => pi.map(([n, d]) => frac(n, d))), task.k));
