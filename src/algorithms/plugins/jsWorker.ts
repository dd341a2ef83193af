// JS plug-ins (`--algorithm ./x.mjs`) in a worker thread: the module is imported there, so a promise
// that never settles, an endless loop or a crash cannot stop the harness (the runner's timeout
// terminates the thread). The plug-in's console output goes to our stderr, prefixed with its name.
import { Worker } from 'node:worker_threads';
import { compiledModule } from '../../runtime/compiled.js';
import { InputError } from '../../model/errors.js';
import { Hello, logSplitter, PluginRequest, Reply, Transport } from './runner.js';

/** Heap limit of a plug-in's worker thread (MB): past it the worker dies and the call fails. */
export const PLUGIN_HEAP_MB = 1024;

/** The compiled worker entry of a JavaScript plug-in. */
function workerEntry(): string {
  const file = compiledModule('algorithms/plugins/jsWorkerMain.js');
  if (file !== null) return file;
  throw new InputError('plug-ins run in a worker thread from dist/: run `npm run build` first');
}

type FromWorker =
  | { t: 'hello'; name: string; description?: string }
  | { t: 'load-error'; message: string }
  | { t: 'answer'; id: number; value: unknown }
  | { t: 'error'; id: number; message: string };

/** A transport over a worker thread running the module at `url` (a file: URL). */
export function workerTransport(url: string, log: (line: string) => void, heapMb = PLUGIN_HEAP_MB): Transport {
  let worker: Worker | null = null;
  let dead: string | null = null;
  let killed = false;
  let hello: { resolve: (h: Hello) => void; reject: (e: Error) => void } | null = null;
  let pending: { id: number; resolve: (r: Reply) => void; reject: (e: Error) => void } | null = null;

  const die = (why: string) => {
    if (dead !== null) return;
    dead = why;
    hello?.reject(new Error(why));
    pending?.reject(new Error(why));
    hello = pending = null;
  };

  let stopped: Promise<unknown> = Promise.resolve();
  const kill = () => {
    if (worker === null || killed) return;
    killed = true;
    die('stopped');
    stopped = worker.terminate();
  };

  return {
    start() {
      return new Promise<Hello>((resolve, reject) => {
        hello = { resolve, reject };
        const w = new Worker(workerEntry(), { workerData: { url }, stdout: true, stderr: true, resourceLimits: { maxOldGenerationSizeMb: heapMb } });
        worker = w;
        w.unref(); // idle plug-ins do not keep the process alive; a pending call's timer does
        for (const s of [w.stdout, w.stderr]) {
          const lines = logSplitter(log);
          s.setEncoding('utf8');
          s.on('data', (c: string) => lines.push(c));
          s.on('end', () => lines.end());
        }
        w.on('message', (m: FromWorker) => {
          if (m.t === 'hello') {
            hello?.resolve({ name: m.name, ...(m.description !== undefined ? { description: m.description } : {}) });
            hello = null;
          } else if (m.t === 'load-error') die(m.message);
          else if (pending !== null && m.id === pending.id) {
            const p = pending;
            pending = null;
            p.resolve(m.t === 'answer' ? { answer: m.value } : { error: m.message });
          }
        });
        w.on('error', (e: Error & { code?: string }) =>
          die(e.code === 'ERR_WORKER_OUT_OF_MEMORY' ? `crashed: out of memory (the limit is ${heapMb} MB)` : `crashed: ${String(e.message).split('\n')[0]}`),
        );
        w.on('exit', (code) => die(killed ? 'stopped' : `exited (code ${code})`));
      });
    },
    request(req: PluginRequest) {
      if (dead !== null) return Promise.reject(new Error(dead));
      return new Promise<Reply>((resolve, reject) => {
        pending = { id: req.id, resolve, reject };
        worker!.postMessage(req);
      });
    },
    kill,
    async close() {
      if (worker === null) return;
      worker.ref(); // keep the loop alive until the thread has stopped
      kill();
      await stopped;
    },
  };
}
