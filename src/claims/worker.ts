// Worker thread: runs one claim per message and posts its result (see pool.ts).
import { parentPort } from 'node:worker_threads';
import { runTask, WorkerTask } from './pool.js';

parentPort!.on('message', (t: WorkerTask) => {
  try {
    parentPort!.postMessage({ ok: true, result: runTask(t) });
  } catch (e) {
    parentPort!.postMessage({ ok: false, id: t.id, error: e instanceof Error ? e.message : String(e) });
  }
});
