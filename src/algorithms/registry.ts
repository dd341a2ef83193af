// Built-in algorithms by name, and loading of plug-in modules (`./path.mjs`, default export).
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
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
import { AlignmentAlgorithm } from './types.js';

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

/** Check a module's default export against the plug-in interface. */
export function asAlgorithm(v: unknown, where: string): AlignmentAlgorithm {
  const o = v as Partial<AlignmentAlgorithm> | null;
  if (typeof o !== 'object' || o === null) throw new InputError(`${where}: the default export must be { name, align(profile, k) }`);
  if (typeof o.name !== 'string' || o.name === '') throw new InputError(`${where}: the default export needs a non-empty string "name"`);
  if (typeof o.align !== 'function') throw new InputError(`${where}: the default export needs a function "align(profile, k)"`);
  if (o.description !== undefined && typeof o.description !== 'string') throw new InputError(`${where}: "description" must be a string`);
  return o as AlignmentAlgorithm;
}

/** Load a plug-in module, resolved relative to `cwd`, by dynamic import; bad modules are an InputError. */
export async function loadPlugin(path: string, cwd = process.cwd()): Promise<AlignmentAlgorithm> {
  const abs = resolve(cwd, path);
  if (!existsSync(abs)) throw new InputError(`plug-in ${path}: no such file`);
  let mod: { default?: unknown };
  try {
    mod = (await import(pathToFileURL(abs).href)) as { default?: unknown };
  } catch (e) {
    throw new InputError(`plug-in ${path}: cannot load (${String((e as Error).message ?? e).split('\n')[0]})`);
  }
  if (mod.default === undefined) throw new InputError(`plug-in ${path}: no default export (expected { name, align(profile, k) })`);
  return asAlgorithm(mod.default, `plug-in ${path}`);
}

/** `builtin:NAME[:params]` or a module path. */
export async function resolveAlgorithm(spec: string, cwd = process.cwd()): Promise<AlignmentAlgorithm> {
  if (spec.startsWith('builtin:')) return builtin(spec.slice('builtin:'.length));
  return loadPlugin(spec, cwd);
}
