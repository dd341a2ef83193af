// What a claim's instances covered (verify.json): the range of k, ℓ, responses, user types and prompts, and
// how many instances had weak-order-only, Luce-only and mixed profiles (SPEC §1, §4b).
import { InstanceSize } from './types.js';
import { LARGE_K } from '../instances/sizes.js';

export interface Range {
  readonly min: number;
  readonly max: number;
}

export interface Coverage {
  /** Instances measured (the generated runs before any failure, and replayed corpus examples). */
  readonly instances: number;
  readonly k: Range | null;
  /** How many instances had k ≥ 8. */
  readonly largeK: number;
  readonly ell: Range | null;
  readonly n: Range | null;
  readonly users: Range | null;
  readonly prompts: Range | null;
  /** Instances by user model: every type a weak order, every type a Luce type, both kinds. */
  readonly models: ModelCounts;
}

export interface ModelCounts {
  readonly weakOrders: number;
  readonly luce: number;
  readonly mixed: number;
}

export const NO_MODELS: ModelCounts = { weakOrders: 0, luce: 0, mixed: 0 };

export const EMPTY_COVERAGE: Coverage = { instances: 0, k: null, largeK: 0, ell: null, n: null, users: null, prompts: null, models: NO_MODELS };

function widen(r: Range | null, v: number | undefined): Range | null {
  if (v === undefined) return r;
  if (r === null) return { min: v, max: v };
  return { min: Math.min(r.min, v), max: Math.max(r.max, v) };
}

function join(a: Range | null, b: Range | null): Range | null {
  if (a === null) return b;
  if (b === null) return a;
  return { min: Math.min(a.min, b.min), max: Math.max(a.max, b.max) };
}

/** Coverage with one more instance. */
export function addInstance(c: Coverage, s: InstanceSize): Coverage {
  return {
    instances: c.instances + 1,
    k: widen(c.k, s.k),
    largeK: c.largeK + (s.k !== undefined && s.k >= LARGE_K ? 1 : 0),
    ell: widen(c.ell, s.ell),
    n: widen(c.n, s.n),
    users: widen(c.users, s.users),
    prompts: widen(c.prompts, s.prompts),
    models: {
      weakOrders: c.models.weakOrders + (s.model === 'weak-orders' ? 1 : 0),
      luce: c.models.luce + (s.model === 'luce' ? 1 : 0),
      mixed: c.models.mixed + (s.model === 'mixed' ? 1 : 0),
    },
  };
}

/** Coverage of two shards together. */
export function mergeCoverage(a: Coverage, b: Coverage): Coverage {
  return {
    instances: a.instances + b.instances,
    k: join(a.k, b.k),
    largeK: a.largeK + b.largeK,
    ell: join(a.ell, b.ell),
    n: join(a.n, b.n),
    users: join(a.users, b.users),
    prompts: join(a.prompts, b.prompts),
    models: { weakOrders: a.models.weakOrders + b.models.weakOrders, luce: a.models.luce + b.models.luce, mixed: a.models.mixed + b.models.mixed },
  };
}
