// The claim pool (pool.ts). On worker threads: node:worker_threads is replaced by fake workers that the
// tests answer message by message, so what each worker is sent (its claim's task), how the answers come
// back (results in claim order, onResult's counts), and how a failure, a crash, an exit or a plug-in
// claim silent past its time limit ends the run (one error, nothing recorded after it) are pinned without
// threads or clocks. In this thread (workers: 0, runTask, runAnyTask): real claims and plug-in claim modules.
// Nothing here needs dist/ (Stryker leaves it out of most runs): the worker file is a made-up path, and the
// claim modules import the package from src/index.ts.
import { EventEmitter } from 'node:events';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { ClaimModuleError, claimInfo } from './contract.js';
import { EMPTY_COVERAGE } from './coverage.js';
import { ClaimModuleRef, DEFAULT_CLAIM_TIMEOUT_MS, LoadedClaimModule, claimModuleRef, importClaim } from './plugins.js';
import { runAnyTask, runClaims, runTask, WorkerTask } from './pool.js';
import { ClaimResult, CorpusEntry } from './run.js';
import { claimDir, claimSource, type ClaimEdit, ROOT } from '../../test/helpers/claims.js';

/** A fake worker thread: records what it is sent; its answers are emitted by the tests. */
interface FakeWorker extends EventEmitter {
  readonly file: string;
  readonly posted: unknown[];
  terminated: number;
}

const fake = vi.hoisted(() => ({ workers: [] as unknown[], max: 8 }));

vi.mock('node:worker_threads', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:worker_threads')>();
  const { EventEmitter: Emitter } = await import('node:events');
  class Worker extends Emitter {
    readonly posted: unknown[] = [];
    terminated = 0;
    exited = false;
    constructor(readonly file: string) {
      super();
      // a pool that starts workers without end fails here instead of looping
      if (fake.workers.length >= fake.max) throw new Error('fake worker_threads: too many workers');
      fake.workers.push(this);
    }
    postMessage(m: unknown): void {
      this.posted.push(structuredClone(m)); // what the worker thread would receive
    }
    terminate(): Promise<number> {
      this.terminated++;
      return new Promise((res) =>
        setImmediate(() => {
          if (!this.exited) {
            this.exited = true;
            this.emit('exit', 1);
          }
          res(1);
        }),
      );
    }
  }
  return { ...real, Worker };
});

// the compiled worker, built or not: the fake workers never load it
vi.mock('../runtime/compiled.js', () => ({ compiledModule: (srcRelative: string) => `/compiled/${srcRelative}` }));

const workers = () => fake.workers as FakeWorker[];

/** The test template's claim module, importing the package from its sources, written as dir/name.mjs. */
function writeSourceClaim(dir: string, name: string, e: ClaimEdit = {}): void {
  const dist = pathToFileURL(join(ROOT, 'dist', 'index.js')).href;
  writeFileSync(join(dir, `${name}.mjs`), claimSource(e).replace(dist, pathToFileURL(join(ROOT, 'src', 'index.ts')).href));
}

/** A promise's state, readable without awaiting it (a pool that never settles must not hang the test). */
function watch<T>(p: Promise<T>) {
  const s: { state: 'pending' | 'resolved' | 'rejected'; value?: T; error?: unknown } = { state: 'pending' };
  p.then(
    (v) => Object.assign(s, { state: 'resolved', value: v }),
    (e: unknown) => Object.assign(s, { state: 'rejected', error: e }),
  );
  return s;
}

/** Let every pending callback run (the fake workers end with setImmediate; no clock is involved). */
async function flush(): Promise<void> {
  for (let i = 0; i < 10; i++) await new Promise<void>((r) => setImmediate(r));
}

const errorText = (e: unknown) => (e instanceof Error ? `${e.name}: ${e.message}` : String(e));

/** A claim result as a worker would post it (the pool only files it by id). */
const result = (id: string): ClaimResult => ({
  id,
  title: `title of ${id}`,
  rule: 'rule',
  expect: 'holds',
  outcome: 'holds',
  ok: true,
  runs: 3,
  minSlack: '1/2',
  seed: 11,
  path: null,
  counterexample: null,
  verdict: null,
  shrinks: 0,
  corpus: { replayed: 0, consistent: 0 },
  error: null,
  coverage: EMPTY_COVERAGE,
  ms: 0,
});
const answer = (w: FakeWorker, id: string) => w.emit('message', { t: 'result', result: result(id) });

/** A loaded plug-in claim as loadClaimModules returns it (the fake workers never import it). */
const loaded = (id: string): LoadedClaimModule => ({
  path: `./${id}.mjs`,
  url: `file:///claims/${id}.mjs`,
  info: { id, title: id, statement: 's', latex: 'l', rule: 'r', expect: 'holds', defaultRuns: 5, compares: 'c' },
});

beforeEach(() => {
  fake.workers.length = 0;
});
afterEach(() => {
  vi.useRealTimers();
});

describe('runClaims on worker threads: the tasks sent', () => {
  it('sends each claim its task: the run options, its own corpus entries, maxK only when set, a plug-in claim its module and time limit', async () => {
    const corpus: CorpusEntry[] = [
      { file: 'a.json', claim: 'T0', counterexample: { a: 1 } },
      { file: 'b.json', claim: 'tiny', counterexample: { b: 2 } },
      { file: 'c.json', claim: 'T2', counterexample: { c: 3 } },
      { file: 'd.json', claim: 'T0', counterexample: { d: 4 } },
    ];
    const got: [string, number, number][] = [];
    const run = watch(
      runClaims(['T0', 'tiny', 'T2'], {
        workers: 1,
        seed: 7,
        runs: 5,
        corpus,
        plugins: [loaded('other'), loaded('tiny')],
        claimTimeoutMs: 250,
        onResult: (r, done, total) => got.push([r.id, done, total]),
      }),
    );
    expect(workers().length).toBe(1);
    const [w] = workers();
    // one task at a time, the next one after each result
    expect(w.posted).toStrictEqual([{ id: 'T0', seed: 7, runs: 5, shard: undefined, corpus: [corpus[0], corpus[3]], fault: null }]);
    answer(w, 'T0');
    expect(w.posted.length).toBe(2);
    // a plug-in claim's task names its module (the one with its id) and carries the time limit
    expect(w.posted[1]).toStrictEqual({
      id: 'tiny',
      seed: 7,
      runs: 5,
      shard: undefined,
      corpus: [corpus[1]],
      fault: null,
      module: { path: './tiny.mjs', url: 'file:///claims/tiny.mjs' },
      timeoutMs: 250,
    });
    w.emit('message', { t: 'tick', loaded: true }); // a plug-in claim's ticks only feed the watchdog
    w.emit('message', { t: 'tick' });
    expect(w.posted.length).toBe(2);
    answer(w, 'tiny');
    expect(w.posted[2]).toStrictEqual({ id: 'T2', seed: 7, runs: 5, shard: undefined, corpus: [corpus[2]], fault: null });
    answer(w, 'T2');
    await flush();
    expect(run.state).toBe('resolved');
    expect(run.value).toStrictEqual([result('T0'), result('tiny'), result('T2')]);
    expect(got).toStrictEqual([
      ['T0', 1, 3],
      ['tiny', 2, 3],
      ['T2', 3, 3],
    ]);
    expect(w.terminated).toBe(1);
  });

  it('passes maxK, the shard and the fault when set; a plug-in claim gets the default time limit', async () => {
    const run = watch(runClaims(['tiny'], { workers: 2, seed: 1, maxK: 3, shard: { index: 2, count: 3 }, fault: 'uk-off-by-one', plugins: [loaded('tiny')] }));
    // one claim: one worker, however many are allowed
    expect(workers().length).toBe(1);
    const [w] = workers();
    expect(w.posted).toStrictEqual([
      {
        id: 'tiny',
        seed: 1,
        runs: undefined,
        shard: { index: 2, count: 3 },
        corpus: [],
        fault: 'uk-off-by-one',
        maxK: 3,
        module: { path: './tiny.mjs', url: 'file:///claims/tiny.mjs' },
        timeoutMs: DEFAULT_CLAIM_TIMEOUT_MS,
      },
    ]);
    answer(w, 'tiny');
    await flush();
    expect(run.state).toBe('resolved');
  });

  it('starts min(workers, claims) workers of the compiled worker file, and waits for all of them', async () => {
    const got: [string, number, number][] = [];
    const run = watch(runClaims(['T0', 'T2', 'T4'], { workers: 2, seed: 3, runs: 2, onResult: (r, done, total) => got.push([r.id, done, total]) }));
    expect(workers().length).toBe(2);
    const [a, b] = workers();
    expect(a.file).toBe('/compiled/claims/worker.js');
    expect(b.file).toBe(a.file);
    expect(a.posted.map((t) => (t as WorkerTask).id)).toStrictEqual(['T0']);
    expect(b.posted.map((t) => (t as WorkerTask).id)).toStrictEqual(['T2']);
    // b answers first and takes the last claim; when it is done the run still waits for a
    answer(b, 'T2');
    expect(b.posted.map((t) => (t as WorkerTask).id)).toStrictEqual(['T2', 'T4']);
    answer(b, 'T4');
    await flush();
    expect(b.terminated).toBe(1);
    expect(run.state).toBe('pending');
    answer(a, 'T0');
    await flush();
    expect(run.state).toBe('resolved');
    // results in the order of the ids, whatever the order they came in; onResult in arrival order
    expect(run.value).toStrictEqual([result('T0'), result('T2'), result('T4')]);
    expect(got).toStrictEqual([
      ['T2', 1, 3],
      ['T4', 2, 3],
      ['T0', 3, 3],
    ]);
    expect([a.terminated, b.terminated]).toStrictEqual([1, 1]);
  });

  it('no claims: resolves to no results', async () => {
    const run = watch(runClaims([], { workers: 2, seed: 3 }));
    await flush();
    expect(run.state).toBe('resolved');
    expect(run.value).toStrictEqual([]);
  });
});

describe('runClaims on worker threads: how a run fails', () => {
  it("a claim's failure rejects the run with its error; the other workers are stopped and their answers ignored", async () => {
    const got: string[] = [];
    const run = watch(runClaims(['T0', 'T2', 'T4'], { workers: 2, seed: 3, onResult: (r) => got.push(r.id) }));
    const [a, b] = workers();
    a.emit('message', { t: 'failed', id: 'T0', error: 'it broke', kind: 'internal' });
    // b's answer was already on its way (a worker's posted messages still arrive after terminate)
    answer(b, 'T2');
    b.emit('message', { t: 'failed', id: 'T2', error: 'later', kind: 'internal' });
    await flush();
    expect(run.state).toBe('rejected');
    expect(errorText(run.error)).toBe('Error: claim T0: it broke');
    expect(got).toStrictEqual([]);
    expect(b.posted.length).toBe(1);
    expect([a.terminated, b.terminated]).toStrictEqual([1, 1]);
  });

  it("a plug-in claim's failure comes back as its ClaimModuleError", async () => {
    const run = watch(runClaims(['tiny'], { workers: 1, seed: 3, plugins: [loaded('tiny')] }));
    const [w] = workers();
    w.emit('message', { t: 'failed', id: 'tiny', error: 'x', kind: 'module', module: './tiny.mjs', problem: 'claim tiny: check threw: no' });
    await flush();
    expect(run.state).toBe('rejected');
    expect(run.error).toBeInstanceOf(ClaimModuleError);
    expect(errorText(run.error)).toBe('ClaimModuleError: claim module ./tiny.mjs: claim tiny: check threw: no');
  });

  it('an answer that is no tick, result or failure is an error naming the claim', async () => {
    const run = watch(runClaims(['T0'], { workers: 1, seed: 3 }));
    workers()[0].emit('message', { t: 'info', info: {} });
    await flush();
    expect(run.state).toBe('rejected');
    expect(errorText(run.error)).toBe('Error: claim T0: unexpected answer from its worker');
  });

  it('a worker that exits under a built-in claim: "the worker thread exited (code N)"', async () => {
    const run = watch(runClaims(['T0', 'T2'], { workers: 1, seed: 3 }));
    const [w] = workers();
    answer(w, 'T0');
    w.emit('exit', 7);
    await flush();
    expect(run.state).toBe('rejected');
    expect(errorText(run.error)).toBe('Error: claim T2: the worker thread exited (code 7)');
  });

  it('a worker that crashes under a built-in claim: the first line of its error', async () => {
    const run = watch(runClaims(['T0'], { workers: 1, seed: 3 }));
    workers()[0].emit('error', new Error('out of memory\n    at somewhere'));
    await flush();
    expect(run.state).toBe('rejected');
    expect(errorText(run.error)).toBe('Error: claim T0: the worker thread crashed: out of memory');
  });

  it("a worker that exits under a plug-in claim: the module's error, with the process.exit hint", async () => {
    const run = watch(runClaims(['tiny'], { workers: 1, seed: 3, plugins: [loaded('tiny')] }));
    workers()[0].emit('exit', 3);
    await flush();
    expect(run.state).toBe('rejected');
    expect(errorText(run.error)).toBe('ClaimModuleError: claim module ./tiny.mjs: claim tiny: its worker thread exited (code 3) (does the claim call process.exit?)');
  });

  it('an error of a worker with no claim running rejects the run with that error itself', async () => {
    const run = watch(runClaims(['T0'], { workers: 1, seed: 3 }));
    const [w] = workers();
    answer(w, 'T0'); // the last claim is done: the worker is being stopped
    const e = new Error('late trouble');
    w.emit('error', e);
    await flush();
    expect(run.state).toBe('rejected');
    expect(run.error).toBe(e);
  });
});

describe('runClaims on worker threads: the time limit of a plug-in claim', () => {
  it('stops a plug-in claim silent for longer than its limit (each tick restarts the count)', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const run = watch(runClaims(['tiny'], { workers: 1, seed: 3, plugins: [loaded('tiny')], claimTimeoutMs: 500 }));
    const [w] = workers();
    vi.advanceTimersByTime(499);
    w.emit('message', { t: 'tick', loaded: true });
    vi.advanceTimersByTime(499);
    await flush();
    expect(run.state).toBe('pending');
    vi.advanceTimersByTime(1);
    await flush();
    expect(run.state).toBe('rejected');
    expect(errorText(run.error)).toBe(
      'ClaimModuleError: claim module ./tiny.mjs: claim tiny: no instance finished within 0.5 s (generating and checking it; --claim-timeout); the claim was stopped',
    );
    expect(w.terminated).toBe(1);
  });

  it('a built-in claim has no time limit', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const run = watch(runClaims(['T0'], { workers: 1, seed: 3, claimTimeoutMs: 500 }));
    vi.advanceTimersByTime(3_600_000);
    await flush();
    expect(run.state).toBe('pending');
    answer(workers()[0], 'T0');
    await flush();
    expect(run.state).toBe('resolved');
  });
});

describe('in this thread', () => {
  let dir: string;
  let tiny: ClaimModuleRef;
  let slow: ClaimModuleRef;
  beforeAll(async () => {
    dir = claimDir();
    writeSourceClaim(dir, 'tiny');
    // a check that takes 150 ms: over a limit of 50 ms, under the default
    writeSourceClaim(dir, 'slow', {
      PARTS: "id: 'slow',",
      CLAIM: 'check(inst) { const end = Date.now() + 150; while (Date.now() < end); return parts.judge(inst, parts.evidence(inst)); },',
    });
    tiny = claimModuleRef('tiny.mjs', dir);
    slow = claimModuleRef('slow.mjs', dir);
    // imported once here, without a limit: the tests' limits then apply to the checks only
    await importClaim(tiny);
    await importClaim(slow);
  });
  const plugTask = (ref: ClaimModuleRef, id: string, more: Partial<WorkerTask> = {}): WorkerTask => ({ id, seed: 5, runs: 3, corpus: [], fault: null, module: ref, ...more });

  it('workers: 0 runs the claims here, in order, counting them for onResult', async () => {
    const got: [string, number, number][] = [];
    const p = runClaims(['T0', 'T2'], { workers: 0, seed: 9, runs: 3, maxK: 2, onResult: (r, done, total) => got.push([r.id, done, total]) });
    expect(workers().length).toBe(0);
    const rs = await p;
    expect(rs.map((r) => [r.id, r.outcome, r.runs])).toStrictEqual([
      ['T0', 'holds', 3],
      ['T2', 'holds', 3],
    ]);
    expect(got).toStrictEqual([
      ['T0', 1, 2],
      ['T2', 2, 2],
    ]);
  });

  it('a built-in id in any case runs once, under its own id (claimById reads ids in any case)', async () => {
    const totals: number[] = [];
    const rs = await runClaims(['t0', 'T0', 't2'], { workers: 0, seed: 9, runs: 2, maxK: 2, onResult: (_, __, total) => totals.push(total) });
    expect(rs.map((r) => [r.id, r.outcome, r.runs])).toStrictEqual([
      ['T0', 'holds', 2],
      ['T2', 'holds', 2],
    ]);
    expect(totals).toStrictEqual([2, 2]);
    await expect(runClaims(['T99'], { workers: 0, seed: 9 })).rejects.toThrow(/^unknown claim "T99" \(known: T0, /);
    // with plug-ins loaded too: only a plug-in's own id is taken as given
    const plugins = [{ ...tiny, info: claimInfo(await importClaim(tiny)) }];
    const both = await runClaims(['t0', 'tiny'], { workers: 0, seed: 9, runs: 2, maxK: 2, plugins });
    expect(both.map((r) => [r.id, r.module ?? null, r.outcome])).toStrictEqual([
      ['T0', null, 'holds'],
      ['tiny', 'tiny.mjs', 'holds'],
    ]);
  });

  it('workers: 0 runs a plug-in claim here under the time limit --claim-timeout gives', async () => {
    const info = claimInfo(await importClaim(slow));
    const p = runClaims(['slow'], { workers: 0, seed: 9, runs: 1, plugins: [{ ...slow, info }], claimTimeoutMs: 50 });
    expect(workers().length).toBe(0);
    await expect(p).rejects.toThrow(/^claim module slow\.mjs: claim slow: a check took \d+\.\d{3} s, over the limit of 0\.05 s per instance \(--claim-timeout\)$/);
  });

  it("runTask refuses a plug-in claim's task", () => {
    expect(() => runTask(plugTask(tiny, 'tiny'))).toThrow(new Error("claim tiny: a plug-in claim's task runs through runAnyTask"));
  });

  it("runAnyTask runs a plug-in claim: the result names its module, statement and LaTeX", async () => {
    const r = await runAnyTask(plugTask(tiny, 'tiny', { timeoutMs: 60_000 }));
    expect([r.id, r.module, r.outcome, r.ok, r.runs]).toStrictEqual(['tiny', 'tiny.mjs', 'holds', true, 3]);
    expect(r.statement).toBe('rob_k(u^{⊗k}) ≤ k/(k+1) for the uniform policy u.');
    expect(r.latex).toBe('\\mathrm{rob}_k(u^{\\otimes k}) \\le \\tfrac{k}{k+1}');
  });

  it('runAnyTask with a tick: one after the import and one after every check', async () => {
    let ticks = 0;
    const r = await runAnyTask(plugTask(tiny, 'tiny', { runs: 4 }), () => ticks++);
    expect(r.runs).toBe(4);
    expect(ticks).toBe(1 + 4);
  });

  it("runAnyTask holds the module to the task's id", async () => {
    await expect(runAnyTask(plugTask(tiny, 'other', { timeoutMs: 60_000 }))).rejects.toThrow(new ClaimModuleError('tiny.mjs', 'its claim\'s id is now "tiny", not "other"'));
  });

  it("runAnyTask without a tick keeps the task's time limit itself (after the check); with a tick the watchdog keeps it", async () => {
    await expect(runAnyTask(plugTask(slow, 'slow', { runs: 1, timeoutMs: 50 }))).rejects.toThrow(/: claim slow: a check took \d+\.\d{3} s, over the limit of 0\.05 s per instance/);
    let ticks = 0;
    const r = await runAnyTask(plugTask(slow, 'slow', { runs: 1, timeoutMs: 50 }), () => ticks++);
    expect([r.outcome, ticks]).toStrictEqual(['holds', 2]);
  });
});
