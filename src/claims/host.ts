// Worker threads for claims (the compiled dist/claims/worker.js): the messages they take, and one-shot
// calls under a watchdog. A plug-in claim's worker posts a tick after every check; a worker silent for
// longer than the time limit is terminated, so a module that never settles or a check that never returns
// ends in one line (ClaimModuleError), never a hang.
import { Worker } from 'node:worker_threads';
import { compiledModule } from '../runtime/compiled.js';
import { InputError } from '../model/errors.js';
import { activeFault } from '../winrate/faults.js';
import { DEFAULT_SEED } from '../instances/seed.js';
import { ClaimInfo, ClaimModuleError, claimInfo } from './contract.js';
import { CLAIMS } from './registry.js';
import {
  ClaimModuleRef,
  DEFAULT_CLAIM_TIMEOUT_MS,
  importTimeoutProblem,
  InstanceReadError,
  LoadedClaimModule,
  Recheck,
  claimModuleRef,
  importClaim,
  pluginClaim,
  probeClaimModule,
  recheck,
} from './plugins.js';
import { ClaimResult, CorpusEntry, Shard } from './run.js';

/** Run one claim (built-in by id, or a plug-in from `module`). */
export interface WorkerTask {
  readonly id: string;
  readonly seed: number;
  readonly runs?: number;
  readonly shard?: Shard;
  readonly corpus: readonly CorpusEntry[];
  readonly fault: string | null;
  readonly maxK?: number;
  /** A plug-in claim's module, imported by the worker. */
  readonly module?: ClaimModuleRef;
  /** A plug-in claim's time limit per instance (ms). */
  readonly timeoutMs?: number;
}

/** Load and check a claim module (plugins.ts probeClaimModule). */
export interface ProbeRequest {
  readonly kind: 'probe';
  readonly module: ClaimModuleRef;
  readonly seed: number;
  readonly maxK?: number;
  readonly timeoutMs: number;
}

/** Re-check a stored instance with a plug-in claim (plugins.ts recheck). */
export interface RecheckRequest {
  readonly kind: 'recheck';
  readonly module: ClaimModuleRef;
  readonly id: string;
  readonly instance: Record<string, unknown>;
  readonly timeoutMs: number;
  /** Test only: the U_k fault of the replay (UALIGN_FAULT), injected in the worker too. */
  readonly fault: string | null;
}

/** Import a claim module and check its shape only: its description (replay --claim). */
export interface DescribeRequest {
  readonly kind: 'describe';
  readonly module: ClaimModuleRef;
  readonly timeoutMs: number;
}

export type ToWorker = WorkerTask | ProbeRequest | RecheckRequest | DescribeRequest;

/** A failure as it crosses the thread boundary: InputError kinds are rebuilt on this side. */
export interface WorkerFailure {
  readonly id: string;
  readonly error: string;
  readonly kind: 'internal' | 'input' | 'module' | 'read';
  readonly module?: string;
  readonly problem?: string;
}

export type FromWorker =
  | { readonly t: 'tick'; readonly loaded?: boolean }
  | { readonly t: 'result'; readonly result: ClaimResult }
  | { readonly t: 'info'; readonly info: ClaimInfo }
  | { readonly t: 'recheck'; readonly recheck: Recheck; readonly info: ClaimInfo }
  | ({ readonly t: 'failed' } & WorkerFailure);

export function failureOf(id: string, e: unknown): WorkerFailure {
  const error = e instanceof Error ? e.message : String(e);
  if (e instanceof ClaimModuleError) return { id, error, kind: 'module', module: e.module, problem: e.problem };
  if (e instanceof InstanceReadError) return { id, error, kind: 'read' };
  return { id, error, kind: e instanceof InputError ? 'input' : 'internal' };
}

export function errorOf(f: WorkerFailure): Error {
  switch (f.kind) {
    case 'module':
      return new ClaimModuleError(f.module!, f.problem!);
    case 'read':
      return new InstanceReadError(f.error);
    case 'input':
      return new InputError(f.error);
    default:
      return new Error(`claim ${f.id}: ${f.error}`);
  }
}

/** The compiled claim worker, or null when it is not built. */
export function workerFile(): string | null {
  return compiledModule('claims/worker.js');
}

/** The one line of a plug-in claim stopped by the watchdog. */
export function timeoutError(module: string, id: string | null, ms: number): ClaimModuleError {
  return new ClaimModuleError(
    module,
    id === null ? importTimeoutProblem(ms) + '; it was stopped' : `claim ${id}: no instance finished within ${ms / 1000} s (generating and checking it; --claim-timeout); the claim was stopped`,
  );
}

/** A worker that died under a plug-in claim (`exited (code N)`, `crashed: …`). */
export function crashError(module: string, id: string | null, why: string): ClaimModuleError {
  const hint = why.startsWith('exited') ? ' (does the claim call process.exit?)' : '';
  return new ClaimModuleError(module, `${id === null ? '' : `claim ${id}: `}its worker thread ${why}${hint}`);
}

/**
 * One request in a fresh worker thread: the first answer that is not a tick, within `timeoutMs` of the
 * start or of the last tick; the worker is terminated in every case.
 */
export function callWorker(file: string, msg: ProbeRequest | RecheckRequest | DescribeRequest, late: (loaded: boolean) => Error): Promise<FromWorker> {
  return new Promise<FromWorker>((resolve, reject) => {
    const w = new Worker(file);
    let timer: NodeJS.Timeout | undefined;
    let settled = false;
    let loaded = false;
    const end = (f: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void w.terminate();
      f();
    };
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => end(() => reject(late(loaded))), msg.timeoutMs);
    };
    w.on('message', (m: FromWorker) => {
      if (m.t === 'tick') {
        loaded ||= m.loaded === true;
        arm();
      } else end(() => resolve(m));
    });
    const id = msg.kind === 'recheck' ? msg.id : null;
    w.on('error', (e: Error) => end(() => reject(crashError(msg.module.path, id, `crashed: ${e.message.split('\n')[0]}`))));
    w.on('exit', (code) => end(() => reject(crashError(msg.module.path, id, `exited (code ${code})`))));
    arm();
    w.postMessage(msg);
  });
}

export interface LoadOptions {
  /** Paths are resolved from here (default: the current folder). */
  readonly cwd?: string;
  /** The run's global seed (default DEFAULT_SEED): the first instance probed is drawn with hash(seed:id). */
  readonly seed?: number;
  readonly maxK?: number;
  /** Time limit (ms) for loading, and per instance (default DEFAULT_CLAIM_TIMEOUT_MS). */
  readonly timeoutMs?: number;
  /** Probe in this thread even when the worker is available (a module that hangs can then not be stopped). */
  readonly inThread?: boolean;
}

async function probe(ref: ClaimModuleRef, o: LoadOptions, seed: number, timeoutMs: number): Promise<ClaimInfo> {
  const file = o.inThread ? null : workerFile();
  if (file === null) return probeClaimModule(ref, { seed, maxK: o.maxK, timeoutMs });
  const m = await callWorker(file, { kind: 'probe', module: ref, seed, maxK: o.maxK, timeoutMs }, (loaded) =>
    loaded
      ? new ClaimModuleError(ref.path, `its first instance did not finish within ${timeoutMs / 1000} s (generating and checking it; --claim-timeout); it was stopped`)
      : timeoutError(ref.path, null, timeoutMs),
  );
  if (m.t === 'failed') throw errorOf(m);
  if (m.t !== 'info') throw new Error(`claim module ${ref.path}: unexpected answer from its worker`);
  return m.info;
}

/**
 * Load claim modules for `verify --claim`: each is imported and checked (shape, then behaviour on its
 * first instance) in a worker thread under the time limit; ids must differ from the built-ins' and from
 * each other (ignoring case). The first problem, in the order given, is thrown as one line.
 */
export async function loadClaimModules(paths: readonly string[], o: LoadOptions = {}): Promise<LoadedClaimModule[]> {
  const timeoutMs = o.timeoutMs ?? DEFAULT_CLAIM_TIMEOUT_MS;
  const refs = paths.map((p) => claimModuleRef(p, o.cwd));
  refs.forEach((r, i) => {
    const j = refs.findIndex((x) => x.url === r.url);
    if (j < i) throw new ClaimModuleError(r.path, `given twice${refs[j].path === r.path ? '' : ` (also as ${refs[j].path})`}`);
  });
  const settled = await Promise.allSettled(refs.map((r) => probe(r, o, o.seed ?? DEFAULT_SEED, timeoutMs)));
  const out: LoadedClaimModule[] = [];
  settled.forEach((s, i) => {
    if (s.status === 'rejected') throw s.reason;
    const info = s.value;
    const builtin = CLAIMS.find((c) => c.id.toLowerCase() === info.id.toLowerCase());
    if (builtin) throw new ClaimModuleError(refs[i].path, `its claim's id "${info.id}" is the id of the built-in claim ${builtin.id} (ids ignore case): choose another`);
    const other = out.find((p) => p.info.id.toLowerCase() === info.id.toLowerCase());
    if (other) throw new ClaimModuleError(refs[i].path, `its claim's id "${info.id}" is also the id of the claim in ${other.path} (ids ignore case): choose another`);
    out.push({ ...refs[i], info });
  });
  return out;
}

/** A claim module's description (import and shape only), in a worker thread under the time limit. */
export async function describeClaimModule(ref: ClaimModuleRef, timeoutMs = DEFAULT_CLAIM_TIMEOUT_MS): Promise<ClaimInfo> {
  const file = workerFile();
  if (file === null) return claimInfo(await importClaim(ref, timeoutMs));
  const m = await callWorker(file, { kind: 'describe', module: ref, timeoutMs }, () => timeoutError(ref.path, null, timeoutMs));
  if (m.t === 'failed') throw errorOf(m);
  if (m.t !== 'info') throw new Error(`claim module ${ref.path}: unexpected answer from its worker`);
  return m.info;
}

/** Re-check a stored instance with a plug-in claim, in a worker thread under the time limit (replay); with the claim's description. */
export async function recheckInWorker(
  ref: ClaimModuleRef,
  id: string,
  instance: Record<string, unknown>,
  timeoutMs = DEFAULT_CLAIM_TIMEOUT_MS,
): Promise<{ recheck: Recheck; info: ClaimInfo }> {
  const file = workerFile();
  if (file === null) {
    const c = await pluginClaim(ref, { id, timeoutMs });
    return { recheck: recheck(c, instance, true), info: claimInfo(c) };
  }
  const m = await callWorker(file, { kind: 'recheck', module: ref, id, instance, timeoutMs, fault: activeFault() }, (loaded) =>
    loaded ? new ClaimModuleError(ref.path, `claim ${id}: the re-check did not finish within ${timeoutMs / 1000} s (--claim-timeout); it was stopped`) : timeoutError(ref.path, null, timeoutMs),
  );
  if (m.t === 'failed') throw errorOf(m);
  if (m.t !== 'recheck') throw new Error(`claim module ${ref.path}: unexpected answer from its worker`);
  return { recheck: m.recheck, info: m.info };
}
