// One declared shape per JSON input and one validator for all of them (profiles, policies, k-output
// models, mixtures, plug-in answers, reports). An unknown key is an error naming the key, its JSON
// path and the closest known key; messages name the file (or context), the JSON path and the problem,
// and quote at most about 80 characters of the offending value.
import { Fraction, MAX_EXACT_CHARS, fromDouble, frac, parseExactText } from '../exact/rational.js';
import { InputError } from './errors.js';

export type PathSeg = string | number;

export type Shape =
  | { readonly t: 'string'; readonly nonEmpty?: boolean; readonly values?: readonly string[]; readonly what?: string }
  | { readonly t: 'integer'; readonly min?: number; readonly what?: string }
  | { readonly t: 'exact'; readonly what?: string }
  | { readonly t: 'boolean' }
  | { readonly t: 'null' }
  | { readonly t: 'array'; readonly items: Shape; readonly what?: string }
  | { readonly t: 'object'; readonly fields: Readonly<Record<string, Field>>; readonly what?: string; readonly hints?: readonly string[] }
  | { readonly t: 'record'; readonly values: Shape; readonly what?: string }
  | { readonly t: 'oneOf'; readonly options: readonly Shape[]; readonly what?: string }
  | { readonly t: 'json' };

export interface Field {
  readonly shape: Shape;
  readonly optional?: boolean;
}

/** Shape builders. */
export const S = {
  string: (o: { nonEmpty?: boolean; values?: readonly string[]; what?: string } = {}): Shape => ({ t: 'string', ...o }),
  integer: (min?: number, what?: string): Shape => ({ t: 'integer', min, what }),
  exact: (what?: string): Shape => ({ t: 'exact', what }),
  boolean: (): Shape => ({ t: 'boolean' }),
  null: (): Shape => ({ t: 'null' }),
  array: (items: Shape, what?: string): Shape => ({ t: 'array', items, what }),
  object: (fields: Record<string, Field | Shape>, what?: string, hints?: readonly string[]): Shape => ({
    t: 'object',
    fields: Object.fromEntries(Object.entries(fields).map(([k, f]) => [k, 't' in f ? { shape: f } : f])),
    what,
    hints,
  }),
  record: (values: Shape, what?: string): Shape => ({ t: 'record', values, what }),
  oneOf: (options: readonly Shape[], what?: string): Shape => ({ t: 'oneOf', options, what }),
  nullable: (s: Shape): Shape => ({ t: 'oneOf', options: [s, { t: 'null' }] }),
  json: (): Shape => ({ t: 'json' }),
  optional: (shape: Shape): Field => ({ shape, optional: true }),
};

export interface ValidateOptions {
  /** JS numbers of any finite value are exact numbers too (plug-in answers). */
  readonly floats?: boolean;
  /** Path of the value inside its file (default: the root "$"). */
  readonly base?: readonly PathSeg[];
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** "$", "$.users[0].weight", "$.policy[\"a b\"]". */
export function jsonPath(segs: readonly PathSeg[]): string {
  if (segs.length > 16) return `${jsonPath(segs.slice(0, 8))}…${jsonPath(segs.slice(-4)).slice(1)} (depth ${segs.length})`;
  let s = '$';
  for (const p of segs) s += typeof p === 'number' ? `[${p}]` : /^[A-Za-z_][A-Za-z0-9_-]*$/.test(p) ? `.${p}` : `[${quoteValue(p)}]`;
  return s;
}

/** One error line: where (a file or context), the JSON path (none: null) and the problem. */
export function inputError(where: string, path: readonly PathSeg[] | null, problem: string): InputError {
  return new InputError(path === null ? `${where}: ${problem}` : `${where}: ${jsonPath(path)}: ${problem}`);
}

const QUOTE_MAX = 80;

/** The offending value as the message shows it: at most about 80 characters. */
export function quoteValue(v: unknown): string {
  if (typeof v === 'string') {
    const q = JSON.stringify(v);
    if (q.length <= QUOTE_MAX) return q;
    return `${JSON.stringify(v.slice(0, QUOTE_MAX - 20)).slice(0, -1)}…" (${v.length} characters)`;
  }
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint' || v === null) return String(v);
  if (v === undefined) return 'nothing';
  if (Array.isArray(v)) return `an array of ${v.length} item${v.length === 1 ? '' : 's'}`;
  if (typeof v === 'object') {
    const keys = Object.keys(v as object);
    const list = keys.map((k) => JSON.stringify(k)).join(', ');
    return keys.length === 0 ? 'an empty object' : `an object with key${keys.length === 1 ? '' : 's'} ${list.length <= QUOTE_MAX ? list : list.slice(0, QUOTE_MAX) + '…'}`;
  }
  return `a ${typeof v}`;
}

/** Optimal-string-alignment distance (an adjacent swap counts 1). */
function distance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      const c = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + c);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  return d[a.length][b.length];
}

/** The known name closest to `name` (same letters ignoring case, or at most 2 edits and under half its length), or null. */
export function closest(name: string, known: Iterable<string>): string | null {
  if (name.length > 200) return null;
  let best: string | null = null;
  let bd = Infinity;
  for (const k of known) {
    if (k.toLowerCase() === name.toLowerCase()) return k;
    if (k.length >= 3 && (name.startsWith(k + '-') || name.startsWith(k + '_'))) return k;
    if (Math.abs(k.length - name.length) > 2 || k.length > 200) continue;
    const d = distance(name, k);
    if (d < bd) {
      bd = d;
      best = k;
    }
  }
  return best !== null && bd <= 2 && bd * 2 <= Math.max(name.length, best.length) && bd < Math.min(name.length, best.length) + 1 ? best : null;
}

/** " (did you mean "x"?)" or "". */
export function didYouMean(name: string, known: Iterable<string>): string {
  const c = closest(name, known);
  return c === null ? '' : ` (did you mean ${JSON.stringify(c)}?)`;
}

const EXACT_WHAT = 'an exact number: an integer, or a string "p/q" or decimal such as "0.55"';

function describe(s: Shape): string {
  switch (s.t) {
    case 'string':
      return s.what ?? (s.values ? `one of ${s.values.map((v) => JSON.stringify(v)).join(', ')}` : s.nonEmpty ? 'a non-empty string' : 'a string');
    case 'integer':
      return s.what ?? (s.min === undefined ? 'an integer' : `an integer ≥ ${s.min}`);
    case 'exact':
      return s.what ?? EXACT_WHAT;
    case 'boolean':
      return 'true or false';
    case 'null':
      return 'null';
    case 'array':
      return s.what ?? 'an array';
    case 'object':
    case 'record':
      return s.what ?? 'an object';
    case 'oneOf':
      return s.what ?? s.options.map(describe).join(' or ');
    case 'json':
      return 'a JSON value';
  }
}

function jsonType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

function accepts(s: Shape, type: string): boolean {
  switch (s.t) {
    case 'string':
      return type === 'string';
    case 'integer':
      return type === 'number';
    case 'exact':
      return type === 'number' || type === 'string';
    case 'boolean':
      return type === 'boolean';
    case 'null':
      return type === 'null';
    case 'array':
      return type === 'array';
    case 'object':
    case 'record':
      return type === 'object';
    case 'oneOf':
      return s.options.some((o) => accepts(o, type));
    case 'json':
      return true;
  }
}

/**
 * The exact value of a number field: a safe-integer JS number or an exact number string; with
 * `floats`, any finite JS number (its exact dyadic value). `float` tells which.
 */
export function readExact(v: unknown, where: string, path: readonly PathSeg[] | null, o: ValidateOptions = {}): { value: Fraction; float: boolean } {
  if (typeof v === 'number') {
    if (o.floats) {
      if (Number.isNaN(v)) throw inputError(where, path, 'is NaN');
      if (!Number.isFinite(v)) throw inputError(where, path, `is ${v}`);
      return { value: fromDouble(v), float: !Number.isInteger(v) };
    }
    if (!Number.isSafeInteger(v)) throw inputError(where, path, `the number ${v} is not a safe integer; write it as a string to give it exactly: "${v}"`);
    return { value: frac(v), float: false };
  }
  if (typeof v === 'string') {
    if (v.length > MAX_EXACT_CHARS) throw inputError(where, path, `${quoteValue(v)} is longer than ${MAX_EXACT_CHARS} characters`);
    const r = parseExactText(v);
    if (r === null) {
      // why parseExactText declined a number-shaped string: a zero denominator, or a decimal past MAX_EXACT_CHARS
      const why = /^\s*[+-]?\d+\s*\/\s*0+\s*$/.test(v)
        ? 'has a zero denominator'
        : /^\s*[+-]?\d+(\.\d+)?[eE][+-]?\d{10,}\s*$/.test(v)
          ? 'has an exponent too large to read'
          : /^\s*[+-]?\d+(\.\d+)?([eE][+-]?\d+)?\s*$/.test(v)
            ? `is too large to read exactly (digits plus |exponent| above ${MAX_EXACT_CHARS})`
            : null;
      throw inputError(where, path, why !== null ? `${quoteValue(v)} ${why}` : `expected ${o.floats ? 'a number or an exact number string ("p/q" or a decimal such as "0.55")' : EXACT_WHAT}, got ${quoteValue(v)}`);
    }
    return { value: r, float: false };
  }
  throw inputError(where, path, `expected ${o.floats ? 'a number or an exact number string ("p/q" or a decimal such as "0.55")' : EXACT_WHAT}, got ${quoteValue(v)}`);
}

/**
 * Check `v` against `shape`; the first problem is thrown as one InputError (where: path: problem).
 * A compiled predicate decides first (no paths, no messages: a large profile is a few hundred thousand
 * nodes); only a value it rejects goes through check(), which names the problem.
 */
export function validate(v: unknown, shape: Shape, where: string, o: ValidateOptions = {}): void {
  if (passes(shape, o.floats === true)(v)) return;
  const problem = explain(v, shape, where, o);
  if (problem) throw problem;
  throw new Error(`validate: the predicate and check() disagree on a value for ${describe(shape)}`);
}

/** The first problem of `v` against `shape` as an InputError (null: none), by the checker that names it. */
export function explain(v: unknown, shape: Shape, where: string, o: ValidateOptions = {}): InputError | null {
  try {
    check(v, shape, where, [...(o.base ?? [])], o);
    return null;
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
}

type Pred = (v: unknown) => boolean;
const compiled = [new WeakMap<Shape, Pred>(), new WeakMap<Shape, Pred>()];

/** The predicate of `s`: true exactly when check() accepts (the same rules, in the same order). */
export function passes(s: Shape, floats: boolean): Pred {
  const cache = compiled[floats ? 1 : 0];
  let p = cache.get(s);
  if (!p) cache.set(s, (p = predicate(s, floats)));
  return p;
}

const own = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

function predicate(s: Shape, floats: boolean): Pred {
  switch (s.t) {
    case 'string': {
      const { nonEmpty, values } = s;
      return (v) => typeof v === 'string' && (!nonEmpty || v.length > 0) && (!values || values.includes(v));
    }
    case 'integer': {
      const min = s.min;
      return (v) => typeof v === 'number' && Number.isSafeInteger(v) && (min === undefined || v >= min);
    }
    case 'exact':
      return (v) => {
        try {
          readExact(v, '', null, { floats });
          return true;
        } catch {
          return false;
        }
      };
    case 'boolean':
      return (v) => typeof v === 'boolean';
    case 'null':
      return (v) => v === null;
    case 'json':
      return () => true;
    case 'array': {
      const item = passes(s.items, floats);
      return (v) => {
        if (!Array.isArray(v)) return false;
        for (let i = 0; i < v.length; i++) if (!item(v[i])) return false;
        return true;
      };
    }
    case 'record': {
      const value = passes(s.values, floats);
      return (v) => isObject(v) && Object.values(v).every(value);
    }
    case 'object': {
      const known = s.fields;
      const fields = Object.entries(s.fields).map(([k, f]) => ({ k, optional: f.optional === true, ok: passes(f.shape, floats) }));
      return (v) => {
        if (!isObject(v)) return false;
        for (const k of Object.keys(v)) if (!own(known, k)) return false;
        for (const f of fields) {
          if (!own(v, f.k) || v[f.k] === undefined) {
            if (f.optional) continue;
            return false;
          }
          if (!f.ok(v[f.k])) return false;
        }
        return true;
      };
    }
    case 'oneOf': {
      // the option check() takes for each JSON type, looked up once per type
      const byType = new Map<string, Pred | null>();
      return (v) => {
        const type = jsonType(v);
        let ok = byType.get(type);
        if (ok === undefined) {
          const x = optionFor(s.options, type);
          byType.set(type, (ok = x ? passes(x, floats) : null));
        }
        return ok !== null && ok(v);
      };
    }
  }
}

/** A oneOf takes its first option that accepts the value's JSON type, and only that one. */
function optionFor(options: readonly Shape[], type: string): Shape | undefined {
  return options.find((x) => accepts(x, type));
}

function mismatch(s: Shape, v: unknown, where: string, path: readonly PathSeg[]): InputError {
  return inputError(where, path, `expected ${describe(s)}, got ${quoteValue(v)}`);
}

function check(v: unknown, s: Shape, where: string, path: PathSeg[], o: ValidateOptions): void {
  const type = jsonType(v);
  switch (s.t) {
    case 'string':
      if (type !== 'string') throw mismatch(s, v, where, path);
      if (s.nonEmpty && (v as string).length === 0) throw inputError(where, path, 'must be a non-empty string');
      if (s.values && !s.values.includes(v as string))
        throw inputError(where, path, `expected ${describe(s)}, got ${quoteValue(v)}${didYouMean(v as string, s.values)}`);
      return;
    case 'integer':
      if (type !== 'number') throw mismatch(s, v, where, path);
      if (!Number.isSafeInteger(v)) throw inputError(where, path, `expected ${describe(s)}, got ${quoteValue(v)}`);
      if (s.min !== undefined && (v as number) < s.min) throw inputError(where, path, `expected ${describe(s)}, got ${v}`);
      return;
    case 'exact':
      readExact(v, where, path, o);
      return;
    case 'boolean':
    case 'null':
      if (!accepts(s, type)) throw mismatch(s, v, where, path);
      return;
    case 'json':
      return;
    case 'array': {
      if (type !== 'array') throw mismatch(s, v, where, path);
      const a = v as unknown[];
      for (let i = 0; i < a.length; i++) {
        path.push(i);
        check(a[i], s.items, where, path, o);
        path.pop();
      }
      return;
    }
    case 'record': {
      if (type !== 'object') throw mismatch(s, v, where, path);
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
        path.push(k);
        check(x, s.values, where, path, o);
        path.pop();
      }
      return;
    }
    case 'object': {
      if (type !== 'object') throw mismatch(s, v, where, path);
      const obj = v as Record<string, unknown>;
      const known = Object.keys(s.fields);
      for (const k of Object.keys(obj))
        if (!Object.prototype.hasOwnProperty.call(s.fields, k))
          throw inputError(where, path, `unknown key ${quoteValue(k)}${didYouMean(k, [...known, ...(s.hints ?? [])]) || ` (known keys: ${known.map((x) => JSON.stringify(x)).join(', ')})`}`);
      for (const [k, f] of Object.entries(s.fields)) {
        if (!Object.prototype.hasOwnProperty.call(obj, k) || obj[k] === undefined) {
          if (f.optional) continue;
          throw inputError(where, path, `missing key ${JSON.stringify(k)}${s.what ? ` (${s.what})` : ''}`);
        }
        path.push(k);
        check(obj[k], f.shape, where, path, o);
        path.pop();
      }
      return;
    }
    case 'oneOf': {
      const opt = optionFor(s.options, type);
      if (!opt) throw mismatch(s, v, where, path);
      check(v, opt, where, path, o);
      return;
    }
  }
}
