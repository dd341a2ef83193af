// Built-in algorithms by name (run in this thread), and plug-ins: JS modules (`./path.mjs`, default
// export) in a worker thread, and `cmd:` programs in a child process, both under a per-call timeout.
import { existsSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { InputError } from '../model/errors.js';
import { BuiltinSpec } from './_internals/builtin.js';
import { bestOfN } from './builtins/bestOfN.js';
import { multiplayerNe } from './builtins/multiplayerNe.js';
import { nlhf } from './builtins/nlhf.js';
import { nlhfReg } from './builtins/nlhfReg.js';
import { populationShares } from './builtins/populationShares.js';
import { rlhfBt } from './builtins/rlhfBt.js';
import { selfPlay } from './builtins/selfPlay.js';
import { uniform } from './builtins/uniform.js';
import { shapeProblem } from './plugins/checks.js';
import { splitCommandLine } from './plugins/commandLine.js';
import { workerTransport } from './plugins/jsWorker.js';
import { processTransport } from './plugins/process.js';
import { startPlugin } from './plugins/runner.js';
import { AlignmentAlgorithm, PluginAlgorithm } from './types.js';

export type { BuiltinSpec, ParamSpec } from './_internals/builtin.js';

/** Every built-in, in the order `ualign algorithms` lists them. */
export const BUILTINS: readonly BuiltinSpec[] = [nlhf, nlhfReg, rlhfBt, bestOfN, multiplayerNe, selfPlay, uniform, populationShares];

/** `NAME` or `NAME:key=value,key=value` → a built-in with its parameters. */
export function builtin(spec: string): AlignmentAlgorithm {
  const [name, rest] = spec.split(/:(.*)/s, 2);
  const b = BUILTINS.find((x) => x.name === name);
  if (!b) throw new InputError(`unknown built-in algorithm "${name}" (expected one of ${BUILTINS.map((x) => x.name).join(', ')})`);
  const params: Record<string, number> = {};
  for (const [k, p] of Object.entries(b.params ?? {})) params[k] = p.default;
  if (rest !== undefined && rest !== '') {
    for (const kv of rest.split(',')) {
      const m = /^\s*([A-Za-z_]\w*)\s*=\s*([-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?)\s*$/i.exec(kv);
      const p = m ? b.params?.[m[1]] : undefined;
      if (!m || !p) {
        const known = Object.keys(b.params ?? {});
        throw new InputError(`builtin:${name}: bad parameter "${kv}" (${known.length ? `known: ${known.map((k) => `${k}=NUMBER`).join(', ')}` : 'it takes no parameters'})`);
      }
      const v = Number(m[2]);
      if ((p.integer && !Number.isInteger(v)) || (p.min !== undefined && v < p.min))
        throw new InputError(`builtin:${name}: ${m[1]} must be ${p.integer ? 'an integer ' : 'a number '}≥ ${p.min}, got ${m[2]}`);
      params[m[1]] = v;
    }
  }
  return b.create(params);
}

/** Check a module's default export against the plug-in interface (for algorithms run in this thread). */
export function asAlgorithm(v: unknown, where: string): AlignmentAlgorithm {
  const problem = shapeProblem(v);
  if (problem !== null) throw new InputError(`${where}: ${problem}`);
  return v as AlignmentAlgorithm;
}

/** How plug-ins run: the per-call timeout, the folder paths are resolved from, where their stderr goes. */
export interface PluginOptions {
  /** Per call (and for the start), in ms; default DEFAULT_TIMEOUT_MS (60 s). */
  readonly timeoutMs?: number;
  /** Receives each line the plug-in writes to stderr (or to console, for JS modules); default: our stderr, prefixed "[name] ". */
  readonly log?: (prefix: string, line: string) => void;
  /** Heap limit of a JS plug-in's worker thread in MB (default PLUGIN_HEAP_MB = 1024). */
  readonly heapMb?: number;
}

const defaultLog = (prefix: string, line: string) => process.stderr.write(`[${prefix}] ${line}\n`);

/**
 * Load a plug-in module, resolved relative to `cwd`, in a worker thread (default export
 * { name, description?, align(profile, k, { rule }) }); each call runs under the timeout. Bad modules
 * are an InputError. Call `close()` when done (an idle plug-in does not keep the process alive).
 */
export async function loadPlugin(path: string, cwd = process.cwd(), o: PluginOptions = {}): Promise<PluginAlgorithm> {
  const abs = resolve(cwd, path);
  if (!existsSync(abs)) throw new InputError(`plug-in ${path}: no such file`);
  let name = basename(path);
  const log = o.log ?? defaultLog;
  const alg = await startPlugin(workerTransport(pathToFileURL(abs).href, (line) => log(name, line), o.heapMb), path, o.timeoutMs);
  name = alg.name;
  return alg;
}

/**
 * Start a `cmd:` plug-in: `COMMAND ARGS…` (split by splitCommandLine, no shell) as one process speaking
 * protocol 1 on stdin/stdout (README "Plug-ins over a process boundary"). Call `close()` when done.
 */
export async function startCommandPlugin(commandLine: string, cwd = process.cwd(), o: PluginOptions = {}): Promise<PluginAlgorithm> {
  const argv = splitCommandLine(commandLine);
  return startPlugin(processTransport(argv, { cwd, log: o.log }), `cmd:${commandLine}`, o.timeoutMs);
}

/** `builtin:NAME[:params]` (in this thread), `cmd:COMMAND ARGS…` (a process) or a module path (a worker thread). */
export async function resolveAlgorithm(spec: string, cwd = process.cwd(), o: PluginOptions = {}): Promise<AlignmentAlgorithm | PluginAlgorithm> {
  if (spec.startsWith('builtin:')) return builtin(spec.slice('builtin:'.length));
  if (spec.startsWith('cmd:')) return startCommandPlugin(spec.slice('cmd:'.length), cwd, o);
  return loadPlugin(spec, cwd, o);
}

/** Stop a plug-in started by resolveAlgorithm (nothing to do for a built-in). */
export async function closeAlgorithm(alg: AlignmentAlgorithm): Promise<void> {
  const c = (alg as Partial<PluginAlgorithm>).close;
  if (typeof c === 'function') await c.call(alg);
}
