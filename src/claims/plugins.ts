// Plug-in claims (`ualign verify --claim ./x.mjs`): an ES module whose default export follows the
// Claim contract (types.ts). This module does the work in the thread it runs in: import (under the time
// limit, cached per thread), the contract's checks (contract.ts), the first-instance probe and the
// re-check of a stored instance. host.ts runs the same in worker threads, where a claim can be stopped.
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { InputError } from '../model/errors.js';
import { DEFAULT_SEED } from '../instances/seed.js';
import { ClaimInfo, ClaimModuleError, checkClaimBehaviour, claimInfo, claimShapeProblem, guardClaim, GuardOptions } from './contract.js';
import { claimSeed } from './run.js';
import { Claim } from './types.js';

/** Default time limit of a plug-in claim (ms): for importing its module, and per instance (`--claim-timeout`). */
export const DEFAULT_CLAIM_TIMEOUT_MS = 60_000;

/** A claim module: its path as given (recorded in reports) and its file URL (resolved from the current folder). */
export interface ClaimModuleRef {
  readonly path: string;
  readonly url: string;
}

/** A plug-in claim that passed the checks: where it is and what it says. */
export interface LoadedClaimModule extends ClaimModuleRef {
  readonly info: ClaimInfo;
}

/** The module at `path`, resolved from `cwd`; a missing file is a ClaimModuleError. */
export function claimModuleRef(path: string, cwd = process.cwd()): ClaimModuleRef {
  if (path.trim() === '') throw new InputError('--claim needs the path of a claim module');
  const abs = resolve(cwd, path);
  if (!existsSync(abs)) throw new ClaimModuleError(path, `no such file (resolved from ${cwd})`);
  if (!statSync(abs).isFile()) throw new ClaimModuleError(path, 'not a file');
  return { path, url: pathToFileURL(abs).href };
}

const firstLine = (e: unknown): string => String(e instanceof Error ? e.message : e).split('\n')[0];

/** `p`, or `late()` after `ms` (the promise is abandoned: only a worker thread can stop the work itself). */
function within<T>(p: Promise<T>, ms: number, late: () => Error): Promise<T> {
  return new Promise<T>((res, rej) => {
    const t = setTimeout(() => rej(late()), ms);
    p.then(
      (v) => (clearTimeout(t), res(v)),
      (e: unknown) => (clearTimeout(t), rej(e)),
    );
  });
}

export const importTimeoutProblem = (ms: number) => `did not finish loading within ${ms / 1000} s (--claim-timeout)`;

const imported = new Map<string, Promise<Claim>>();

/**
 * Import the module (once per thread) and check the shape of its default export. `timeoutMs`: the limit
 * for the import in this thread; none in a worker thread, where the watchdog of host.ts / pool.ts stops it.
 */
export function importClaim(ref: ClaimModuleRef, timeoutMs?: number): Promise<Claim> {
  let p = imported.get(ref.url);
  if (p === undefined) {
    p = (async () => {
      let mod: { default?: unknown };
      try {
        const loading = import(ref.url) as Promise<{ default?: unknown }>;
        mod = (timeoutMs === undefined ? await loading : await within(loading, timeoutMs, () => new ClaimModuleError(ref.path, importTimeoutProblem(timeoutMs)))) ?? {};
      } catch (e) {
        if (e instanceof ClaimModuleError) throw e;
        throw new ClaimModuleError(ref.path, `cannot load (${firstLine(e)})`);
      }
      const problem = claimShapeProblem(mod.default);
      if (problem !== null) throw new ClaimModuleError(ref.path, problem);
      return mod.default as Claim;
    })();
    imported.set(ref.url, p);
  }
  return p;
}

/** The module's claim, checked on every call (guardClaim); `id`, when given, must be its id. `timeoutMs` as for importClaim and guardClaim. */
export async function pluginClaim(ref: ClaimModuleRef, o: GuardOptions & { readonly id?: string } = {}): Promise<Claim> {
  const c = await importClaim(ref, o.timeoutMs);
  if (o.id !== undefined && c.id !== o.id) throw new ClaimModuleError(ref.path, `its claim's id is now "${c.id}", not "${o.id}"`);
  return guardClaim(c, ref.path, o);
}

/** Load and check a claim module in this thread: shape, then behaviour on the first instance drawn with hash(seed:id). */
export async function probeClaimModule(
  ref: ClaimModuleRef,
  o: GuardOptions & { readonly seed: number; readonly maxK?: number; readonly onLoaded?: () => void },
): Promise<ClaimInfo> {
  const g = await pluginClaim(ref, o);
  o.onLoaded?.();
  checkClaimBehaviour(g, ref.path, { seed: claimSeed(o.seed, g.id), maxK: o.maxK });
  return claimInfo(g);
}

/**
 * Check a claim object against the contract (shape, and behaviour on its first instance): what
 * `ualign verify --claim` does to a module's default export. Returns the claim with every call checked
 * (guardClaim); throws a ClaimModuleError naming `module` and the first problem.
 */
export function validateClaim(claim: unknown, o: { module?: string; seed?: number; maxK?: number } = {}): Claim {
  const module = o.module ?? '(claim object)';
  const problem = claimShapeProblem(claim);
  if (problem !== null) throw new ClaimModuleError(module, problem);
  const g = guardClaim(claim as Claim, module);
  checkClaimBehaviour(g, module, { seed: claimSeed(o.seed ?? DEFAULT_SEED, g.id), maxK: o.maxK });
  return g;
}

/** A stored instance re-checked by its claim: the verdict, and the instance as the claim writes it back. */
export interface Recheck {
  readonly ok: boolean;
  readonly slack: string;
  readonly certificate: Record<string, unknown>;
  readonly instance: Record<string, unknown>;
}

/** The claim's reading of a stored instance failed (replay locates it in the file). */
export class InstanceReadError extends InputError {
  constructor(message: string) {
    super(message);
    this.name = 'InstanceReadError';
  }
}

/** fromJson, check and toJson of one stored instance (what `ualign replay` recomputes). */
export function recheck(claim: Claim, json: Record<string, unknown>, strict = false): Recheck {
  let inst: unknown;
  try {
    inst = claim.fromJson(json);
  } catch (e) {
    if (e instanceof InputError || strict) throw new InstanceReadError(strict ? `claim ${claim.id} cannot read it: ${firstLine(e)}` : (e as Error).message);
    throw e;
  }
  const v = claim.check(inst);
  return {
    ok: v.ok,
    slack: v.slack.toFraction(),
    certificate: JSON.parse(JSON.stringify(v.certificate)) as Record<string, unknown>,
    instance: claim.toJson(inst),
  };
}
