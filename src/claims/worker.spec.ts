// The claim worker's message loop (worker.ts), run in this thread on a stand-in parentPort: one answer per
// request (a claim's result, a module's description, a re-check, or the failure as failureOf sends it),
// preceded by the ticks the main thread's watchdog counts on — {loaded: true} once the module is loaded,
// then one tick per finished check of a plug-in claim.
import fc from 'fast-check';
import { EventEmitter } from 'node:events';
import { parentPort } from 'node:worker_threads';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { claimDir, writeClaim } from '../../test/helpers/claims.js';
import { claimInfo } from './contract.js';
import { FromWorker, failureOf, ToWorker, WorkerTask } from './host.js';
import { ClaimModuleRef, claimModuleRef, importClaim, pluginClaim, recheck } from './plugins.js';
import { runAnyTask, runTask } from './pool.js';
import { claimById } from './registry.js';
import { ClaimResult } from './run.js';
import { Claim } from './types.js';
import { loadGlpk } from '../lp/glpk.js';
// the worker's message loop, on the stand-in parentPort below (vi.mock is hoisted above the imports); imported
// with the file, so that its module-level code is a static mutant run against every test here
import './worker.js';
import { thrownBy } from '../../test/helpers/refusal.js';

vi.mock('node:worker_threads', async (importOriginal) => {
  const { EventEmitter: Emitter } = await import('node:events');
  const port = Object.assign(new Emitter(), {
    sent: [] as unknown[],
    postMessage(m: unknown) {
      port.sent.push(m);
    },
  });
  return { ...(await importOriginal<typeof import('node:worker_threads')>()), parentPort: port };
});

const port = parentPort as unknown as EventEmitter & { sent: FromWorker[] };
const realSetTimeout = globalThis.setTimeout;

/**
 * Send one request; the messages posted until its answer (the first that is not a tick), or all after 0.5 s.
 * No request here waits for I/O (built-in claims, and a module this thread already imported), so the answer
 * follows within a few turns of the event loop; the bound only ends the wait for an answer that never comes.
 */
async function ask(m: ToWorker): Promise<FromWorker[]> {
  port.sent.length = 0;
  port.emit('message', m);
  for (let waited = 0; waited < 500 && !port.sent.some((x) => x.t !== 'tick'); waited += 5) await new Promise((r) => realSetTimeout(r, 5));
  return port.sent.map(untimed);
}

/** A message without its wall time (a result's ms): everything else is a function of the request. */
const untimed = (m: FromWorker): FromWorker => {
  if (m.t !== 'result') return m;
  const { ms: _ms, ...result } = m.result;
  return { t: 'result', result: result as ClaimResult };
};

let ref: ClaimModuleRef;
let claim: Claim;
let stored: Record<string, unknown>;

beforeAll(async () => {
  await loadGlpk(); // runAnyTask loads it before a claim: loaded here, the answers stay within a few turns
  ref = claimModuleRef(writeClaim(claimDir(), 'worker-tiny'));
  // imported here first: the worker's own import of it (same thread, same cache) then settles at once
  claim = await importClaim(ref);
  stored = claim.toJson(fc.sample(claim.arbitrary({ maxK: 3 }), { seed: 7, numRuns: 1 })[0]);
});

const builtin: WorkerTask = { id: 'T1', seed: 11, runs: 3, corpus: [], fault: null };

describe('the worker answers every message', () => {
  it('listens for "message" on the parent port', () => {
    expect(port.listenerCount('message')).toBe(1);
  });

  it('a built-in claim task: its result, no tick', async () => {
    expect(await ask(builtin)).toEqual([untimed({ t: 'result', result: runTask(builtin) })]);
  });

  it('a failing task: the failure as failureOf sends it (an unknown claim id is bad input)', async () => {
    const bad: WorkerTask = { ...builtin, id: 'NOPE' };
    const err = thrownBy(() => claimById('NOPE'));
    const got = await ask(bad);
    expect(got).toEqual([{ t: 'failed', ...failureOf('NOPE', err) }]);
    expect(got[0]).toMatchObject({ kind: 'input', error: expect.stringMatching(/^unknown claim "NOPE"/) });
  });

  it('a plug-in claim task: a tick after the import and after every check, then the result', async () => {
    const task: WorkerTask = { id: 'tiny', seed: 11, runs: 3, corpus: [], fault: null, module: ref };
    const expected: FromWorker[] = [];
    const result = await runAnyTask(task, () => expected.push({ t: 'tick' }));
    expected.push(untimed({ t: 'result', result }));
    expect(expected).toHaveLength(5); // the tick after the import, one per check of the 3 runs, the result
    expect(await ask(task)).toEqual(expected);
  });

  it('probe: {loaded: true} once loaded, a tick per check of the first instance, then the description', async () => {
    const got = await ask({ kind: 'probe', module: ref, seed: 11, timeoutMs: 1000 });
    expect(got[0]).toEqual({ t: 'tick', loaded: true });
    expect(got.at(-1)).toEqual({ t: 'info', info: claimInfo(claim) });
    expect(got.length).toBeGreaterThan(2);
    expect(got.slice(1, -1).every((x) => JSON.stringify(x) === '{"t":"tick"}')).toBe(true);
  });

  it('describe: the description alone', async () => {
    expect(await ask({ kind: 'describe', module: ref, timeoutMs: 1000 })).toEqual([{ t: 'info', info: claimInfo(claim) }]);
  });

  it('recheck: {loaded: true}, the tick of its one check, then the strict re-check and the description', async () => {
    const g = await pluginClaim(ref, { id: 'tiny' });
    expect(await ask({ kind: 'recheck', module: ref, id: 'tiny', instance: stored, timeoutMs: 1000, fault: null })).toEqual([
      { t: 'tick', loaded: true },
      { t: 'tick' },
      { t: 'recheck', recheck: recheck(g, stored, true), info: claimInfo(claim) },
    ]);
  });

  it('recheck of a claim whose id changed: the failure names the module, not the id', async () => {
    expect(await ask({ kind: 'recheck', module: ref, id: 'other', instance: stored, timeoutMs: 1000, fault: null })).toEqual([
      {
        t: 'failed',
        id: ref.path,
        kind: 'module',
        module: ref.path,
        problem: 'its claim\'s id is now "tiny", not "other"',
        error: `claim module ${ref.path}: its claim's id is now "tiny", not "other"`,
      },
    ]);
  });

  it('recheck of an instance the claim cannot read: read strictly (the claim is named)', async () => {
    const got = await ask({ kind: 'recheck', module: ref, id: 'tiny', instance: { k: 1 }, timeoutMs: 1000, fault: null });
    expect(got.slice(0, 1)).toEqual([{ t: 'tick', loaded: true }]);
    expect(got.slice(1)).toEqual([{ t: 'failed', id: ref.path, kind: 'read', error: expect.stringMatching(/^claim tiny cannot read it: ./) }]);
  });
});
