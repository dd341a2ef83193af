// The main-thread side of claim worker threads (host.ts): failures rebuilt across the thread boundary,
// the one-line errors of a stopped or dead worker, callWorker's watchdog (the first answer that is not a
// tick; a silent worker stopped with late(loaded); a crash or exit named), and loadClaimModules' checks
// (given twice, ids of built-ins and of each other, ignoring case). The worker side is replaced by a
// small scripted worker (what it posts is read from the "module" file, a JSON list of steps), reached
// through a mocked compiledModule; the real dist/claims/worker.js and the in-thread fallback are checked too.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { claimDir, ROOT, writeClaim } from '../../test/helpers/claims.js';
import { InputError } from '../model/errors.js';
import { ClaimModuleError } from './contract.js';
import {
  callWorker,
  crashError,
  describeClaimModule,
  errorOf,
  failureOf,
  FromWorker,
  loadClaimModules,
  ProbeRequest,
  recheckInWorker,
  RecheckRequest,
  timeoutError,
  workerFile,
} from './host.js';
import { claimModuleRef, importTimeoutProblem, InstanceReadError } from './plugins.js';

// compiledModule as built (undefined), as not built (null), or a scripted worker (its path).
const compiled = vi.hoisted(() => ({ file: undefined as string | null | undefined }));
vi.mock('../runtime/compiled.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../runtime/compiled.js')>();
  return { compiledModule: (p: string) => (compiled.file === undefined ? real.compiledModule(p) : compiled.file) };
});
afterEach(() => {
  compiled.file = undefined;
});

// A worker that does the steps listed in its request's module file: post a message, {"exit": n}, or
// "throw". A worker nobody stops exits by itself (code 9) after FALLBACK_MS, so that a watchdog or
// listener that is missing shows as a wrong outcome, not as a hang.
const FALLBACK_MS = 4000;
const SCRIPTED = `import { parentPort } from 'node:worker_threads';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
setTimeout(() => process.exit(9), ${FALLBACK_MS});
parentPort.on('message', (msg) => {
  for (const step of JSON.parse(readFileSync(fileURLToPath(msg.module.url), 'utf8'))) {
    if (step === 'throw') throw new Error('boom\\nsecond line');
    if (step.exit !== undefined) process.exit(step.exit);
    parentPort.postMessage(step);
  }
});
`;

let dir = '';
let scripted = '';
const PLANS: Record<string, unknown[]> = {
  'alpha.json': [{ t: 'tick' }, { t: 'info', info: { id: 'alpha' } }],
  'beta.json': [{ t: 'info', info: { id: 'beta' } }],
  'Mine.json': [{ t: 'info', info: { id: 'Mine' } }],
  'mINE.json': [{ t: 'info', info: { id: 'mINE' } }],
  't1.json': [{ t: 'info', info: { id: 't1' } }],
  'silent.json': [],
  'tick.json': [{ t: 'tick' }],
  'loaded.json': [{ t: 'tick', loaded: true }],
  'throw.json': ['throw'],
  'exit.json': [{ exit: 3 }],
  'result.json': [{ t: 'result', result: {} }],
  'info.json': [{ t: 'info', info: { id: 'mine' } }],
};
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ualign-host-'));
  scripted = join(dir, 'scripted-worker.mjs');
  writeFileSync(scripted, SCRIPTED);
  for (const [name, plan] of Object.entries(PLANS)) writeFileSync(join(dir, name), JSON.stringify(plan));
});

const ref = (name: string) => claimModuleRef(name, dir);
const probeOf = (name: string, timeoutMs: number): ProbeRequest => ({ kind: 'probe', module: ref(name), seed: 1, timeoutMs });
const recheckOf = (name: string, timeoutMs: number): RecheckRequest => ({ kind: 'recheck', module: ref(name), id: 'mine', instance: {}, timeoutMs, fault: null });
const late = (loaded: boolean) => new Error(`late, loaded=${loaded}`);
const immediate = () => new Promise<void>((r) => setImmediate(r));

type Outcome = 'pending' | { readonly answer: FromWorker } | { readonly error: unknown };

/**
 * callWorker's outcome once its worker thread has exited (stopped by callWorker, or by itself): the worker
 * threads it started, and whether its promise settled by then, how.
 */
async function call(msg: ProbeRequest | RecheckRequest, timeoutMs?: number): Promise<{ workers: number; outcome: Outcome }> {
  const started: Worker[] = [];
  const seen = (w: Worker) => started.push(w);
  process.on('worker', seen);
  let outcome: Outcome = 'pending';
  void callWorker(scripted, timeoutMs === undefined ? msg : { ...msg, timeoutMs }, late).then(
    (answer) => (outcome = { answer }),
    (error: unknown) => (outcome = { error }),
  );
  await immediate();
  process.off('worker', seen);
  if (started.length === 1 && started[0].threadId !== -1) await new Promise((r) => started[0].once('exit', r));
  await immediate();
  return { workers: started.length, outcome };
}

/** The ClaimModuleError of an outcome, as [module, problem]. */
const moduleError = (o: Outcome): [string, string] => {
  expect(o).not.toBe('pending');
  const e = (o as { error: unknown }).error;
  expect(e).toBeInstanceOf(ClaimModuleError);
  return [(e as ClaimModuleError).module, (e as ClaimModuleError).problem];
};

describe('failures across the thread boundary (failureOf, errorOf)', () => {
  it('keeps the kind of each failure, and errorOf rebuilds it', () => {
    const cme = new ClaimModuleError('m.mjs', 'bad');
    expect(failureOf('X', cme)).toEqual({ id: 'X', error: 'claim module m.mjs: bad', kind: 'module', module: 'm.mjs', problem: 'bad' });
    expect(failureOf('X', new InstanceReadError('unreadable'))).toEqual({ id: 'X', error: 'unreadable', kind: 'read' });
    expect(failureOf('X', new InputError('bad input'))).toEqual({ id: 'X', error: 'bad input', kind: 'input' });
    expect(failureOf('X', new Error('bug'))).toEqual({ id: 'X', error: 'bug', kind: 'internal' });
    expect(failureOf('X', 'thrown text')).toEqual({ id: 'X', error: 'thrown text', kind: 'internal' });

    const m = errorOf(failureOf('X', cme));
    expect(m).toBeInstanceOf(ClaimModuleError);
    expect([(m as ClaimModuleError).module, (m as ClaimModuleError).problem, m.message]).toEqual(['m.mjs', 'bad', 'claim module m.mjs: bad']);
    const r = errorOf(failureOf('X', new InstanceReadError('unreadable')));
    expect([r instanceof InstanceReadError, r.name, r.message]).toEqual([true, 'InstanceReadError', 'unreadable']);
    const i = errorOf(failureOf('X', new InputError('bad input')));
    expect([i instanceof InputError, i instanceof InstanceReadError, i.name, i.message]).toEqual([true, false, 'InputError', 'bad input']);
    const b = errorOf(failureOf('X', new Error('bug')));
    expect([b instanceof InputError, b.message]).toEqual([false, 'claim X: bug']);
  });
});

describe('the one-line errors of a plug-in claim stopped or dead', () => {
  it('timeoutError: loading (no id) or an instance of claim <id>, in seconds', () => {
    const load = timeoutError('m.mjs', null, 1500);
    expect([load.module, load.problem]).toEqual(['m.mjs', `${importTimeoutProblem(1500)}; it was stopped`]);
    expect(load.problem).toBe('did not finish loading within 1.5 s (--claim-timeout); it was stopped');
    const inst = timeoutError('m.mjs', 'mine', 2500);
    expect([inst.module, inst.problem]).toEqual(['m.mjs', 'claim mine: no instance finished within 2.5 s (generating and checking it; --claim-timeout); the claim was stopped']);
  });

  it('crashError: an exit hints at process.exit, a crash does not; the claim id when known', () => {
    expect(crashError('m.mjs', null, 'exited (code 3)').message).toBe('claim module m.mjs: its worker thread exited (code 3) (does the claim call process.exit?)');
    expect(crashError('m.mjs', 'mine', 'crashed: boom').message).toBe('claim module m.mjs: claim mine: its worker thread crashed: boom');
    expect(crashError('m.mjs', null, 'crashed: exited').problem).toBe('its worker thread crashed: exited');
  });

  it('workerFile: the compiled worker in dist/', () => {
    expect(workerFile()).toBe(join(ROOT, 'dist', 'claims', 'worker.js'));
  });
});

describe('callWorker: one request, one fresh worker thread under a watchdog', () => {
  it('resolves with the first answer that is not a tick, and stops the worker', async () => {
    const { workers, outcome } = await call(probeOf('alpha.json', 5000));
    expect(workers).toBe(1);
    expect(outcome).toEqual({ answer: { t: 'info', info: { id: 'alpha' } } });
  });

  it('stops a silent worker with late(false); a tick does not mean loaded, a loaded tick does', async () => {
    expect(await call(probeOf('silent.json', 300))).toEqual({ workers: 1, outcome: { error: late(false) } });
    expect((await call(probeOf('tick.json', 800))).outcome).toEqual({ error: late(false) });
    expect((await call(probeOf('loaded.json', 1500))).outcome).toEqual({ error: late(true) });
  });

  it('names a crash (first line of the error) and an exit (with the hint), with the claim id of a re-check', async () => {
    expect(moduleError((await call(probeOf('throw.json', 5000))).outcome)).toEqual(['throw.json', 'its worker thread crashed: boom']);
    expect(moduleError((await call(recheckOf('exit.json', 5000))).outcome)).toEqual([
      'exit.json',
      'claim mine: its worker thread exited (code 3) (does the claim call process.exit?)',
    ]);
  });
});

describe('the calls of host.ts on a worker (probe, describe, re-check)', () => {
  it('a probe or re-check that loaded and then fell silent, or a silent load, is stopped with its own line', async () => {
    compiled.file = scripted;
    await expect(loadClaimModules(['loaded.json'], { cwd: dir, timeoutMs: 1500 })).rejects.toThrow(
      new ClaimModuleError('loaded.json', 'its first instance did not finish within 1.5 s (generating and checking it; --claim-timeout); it was stopped'),
    );
    await expect(loadClaimModules(['silent.json'], { cwd: dir, timeoutMs: 300 })).rejects.toThrow(
      new ClaimModuleError('silent.json', 'did not finish loading within 0.3 s (--claim-timeout); it was stopped'),
    );
    await expect(recheckInWorker(ref('loaded.json'), 'mine', {}, 1500)).rejects.toThrow(
      new ClaimModuleError('loaded.json', 'claim mine: the re-check did not finish within 1.5 s (--claim-timeout); it was stopped'),
    );
  });

  it('an answer of the wrong kind is an internal error naming the module', async () => {
    compiled.file = scripted;
    const wrong = (path: string) => `claim module ${path}: unexpected answer from its worker`;
    await expect(loadClaimModules(['result.json'], { cwd: dir })).rejects.toThrow(new Error(wrong('result.json')));
    await expect(describeClaimModule(ref('result.json'))).rejects.toThrow(new Error(wrong('result.json')));
    await expect(recheckInWorker(ref('info.json'), 'mine', {})).rejects.toThrow(new Error(wrong('info.json')));
  });
});

describe('loadClaimModules: paths and ids', () => {
  it('returns each module with its description, in the order given', async () => {
    compiled.file = scripted;
    const loaded = await loadClaimModules(['alpha.json', 'beta.json', 'Mine.json'], { cwd: dir });
    expect(loaded).toEqual([
      { ...ref('alpha.json'), info: { id: 'alpha' } },
      { ...ref('beta.json'), info: { id: 'beta' } },
      { ...ref('Mine.json'), info: { id: 'Mine' } },
    ]);
  });

  it('a module given twice (same file, same or other path) is named before anything is loaded', async () => {
    compiled.file = scripted;
    await expect(loadClaimModules(['alpha.json', 'beta.json', './alpha.json'], { cwd: dir })).rejects.toThrow(new ClaimModuleError('./alpha.json', 'given twice (also as alpha.json)'));
    await expect(loadClaimModules(['beta.json', 'alpha.json', 'alpha.json'], { cwd: dir })).rejects.toThrow(new ClaimModuleError('alpha.json', 'given twice'));
  });

  it("a claim's id may not be a built-in's or another module's, ignoring case", async () => {
    compiled.file = scripted;
    await expect(loadClaimModules(['alpha.json', 't1.json'], { cwd: dir })).rejects.toThrow(
      new ClaimModuleError('t1.json', 'its claim\'s id "t1" is the id of the built-in claim T1 (ids ignore case): choose another'),
    );
    await expect(loadClaimModules(['Mine.json', 'beta.json', 'mINE.json'], { cwd: dir })).rejects.toThrow(
      new ClaimModuleError('mINE.json', 'its claim\'s id "mINE" is also the id of the claim in Mine.json (ids ignore case): choose another'),
    );
  });
});

describe('the real claim worker, and this thread when it is not built', () => {
  let tiny = '';
  let claims = '';
  beforeAll(() => {
    claims = claimDir();
    tiny = writeClaim(claims, 'tiny');
  });

  it('dist/claims/worker.js probes a correct claim module', async () => {
    const [m] = await loadClaimModules(['tiny.mjs'], { cwd: claims, timeoutMs: 20_000 });
    expect([m.path, m.url, m.info.id, m.info.expect]).toEqual(['tiny.mjs', claimModuleRef(tiny).url, 'tiny', 'holds']);
  });

  it('without the worker, a re-check holds the claim to its id and reads the instance strictly', async () => {
    compiled.file = null;
    await expect(recheckInWorker(claimModuleRef('tiny.mjs', claims), 'other', {}, 20_000)).rejects.toThrow(
      new ClaimModuleError('tiny.mjs', 'its claim\'s id is now "tiny", not "other"'),
    );
    const e = await recheckInWorker(claimModuleRef('tiny.mjs', claims), 'tiny', {}, 20_000).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(InstanceReadError);
    expect((e as Error).message).toBe('claim tiny cannot read it: instance: missing "profile"');
  });
});
