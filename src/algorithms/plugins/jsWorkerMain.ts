// Worker thread of a JS plug-in (see jsWorker.ts): imports the module, says hello, then answers one
// request per message. Loads nothing of ualign but checks.ts; every answer is checked to be plain JSON
// data within MAX_ANSWER_BYTES before it is posted.
import { parentPort, workerData } from 'node:worker_threads';
import { answerProblem, shapeProblem } from './checks.js';

type Align = (prompt: unknown, k: number, context: { rule: string }) => unknown;
const port = parentPort!;
const firstLine = (e: unknown): string => String(e instanceof Error ? e.message : e).split('\n')[0];

let mod: { default?: unknown };
try {
  mod = (await import((workerData as { url: string }).url)) as { default?: unknown };
} catch (e) {
  port.postMessage({ t: 'load-error', message: `cannot load (${firstLine(e)})` });
  process.exit(0);
}
const def = mod.default as { name: string; description?: string; align: Align } | undefined;
const problem = def === undefined ? 'no default export (expected { name, align(profile, k) })' : shapeProblem(def);
if (problem !== null) {
  port.postMessage({ t: 'load-error', message: problem });
  process.exit(0);
}
port.postMessage({ t: 'hello', name: def!.name, description: def!.description });

port.on('message', async (req: { id: number; prompt: unknown; k: number; rule: string }) => {
  let value: unknown;
  try {
    value = await def!.align(req.prompt, req.k, { rule: req.rule });
  } catch (e) {
    port.postMessage({ t: 'error', id: req.id, message: `align threw: ${firstLine(e)}` });
    return;
  }
  const bad = answerProblem(value);
  if (bad !== null) port.postMessage({ t: 'error', id: req.id, message: bad });
  else port.postMessage({ t: 'answer', id: req.id, value });
});
