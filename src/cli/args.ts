import { InputError } from '../model/errors.js';
import { closest, quoteValue } from '../model/schema.js';

/** Parsed command line: --key value pairs, boolean flags and positionals. */
export interface Args {
  readonly opts: Map<string, string>;
  readonly flags: Set<string>;
  readonly positionals: string[];
}

export interface ParseOptions {
  /** Most positional arguments accepted (default: any number). */
  readonly positionals?: number;
}

/**
 * Parse argv against the command's known options (`valued` take a value, `booleans` do not).
 * Unknown options, an option given twice and positionals beyond `o.positionals` are input errors.
 */
export function parseArgs(argv: readonly string[], valued: readonly string[], booleans: readonly string[], cmd: string, o: ParseOptions = {}): Args {
  const opts = new Map<string, string>();
  const flags = new Set<string>();
  const positionals: string[] = [];
  const maxPos = o.positionals ?? Infinity;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith('--') && a.length > 2) {
      const eq = a.indexOf('=');
      const key = eq >= 0 ? a.slice(2, eq) : a.slice(2);
      if (valued.includes(key)) {
        const v = eq >= 0 ? a.slice(eq + 1) : argv[++i];
        if (v === undefined) throw new InputError(`${cmd}: --${key} needs a value`);
        if (opts.has(key)) throw new InputError(`${cmd}: --${key} given twice ("${opts.get(key)}" and "${v}"): give it once`);
        opts.set(key, v);
      } else if (booleans.includes(key) && eq < 0) {
        if (flags.has(key)) throw new InputError(`${cmd}: --${key} given twice: give it once`);
        flags.add(key);
      } else {
        const near = closestOption(key, [...valued, ...booleans]);
        throw new InputError(`${cmd}: unknown option --${key}${near ? ` (did you mean --${near}?)` : ''} (see ualign ${cmd} --help)`);
      }
    } else {
      if (positionals.length >= maxPos)
        throw new InputError(
          `${cmd}: unexpected argument ${JSON.stringify(a.length > 80 ? a.slice(0, 77) + '…' : a)}${maxPos === 0 ? ` (${cmd} takes only --options)` : ''} (see ualign ${cmd} --help)`,
        );
      positionals.push(a);
    }
  }
  return { opts, flags, positionals };
}

function closestOption(key: string, known: readonly string[]): string | null {
  return closest(key, known);
}

export function need(args: Args, key: string, cmd: string): string {
  const v = args.opts.get(key);
  if (v === undefined) throw new InputError(`${cmd}: missing --${key} (see ualign ${cmd} --help)`);
  return v;
}

/** A positive integer option (k, ℓ, runs, …). */
export function intOpt(args: Args, key: string, cmd: string, dflt?: number, min = 1): number {
  const v = args.opts.get(key);
  if (v === undefined) {
    if (dflt === undefined) throw new InputError(`${cmd}: missing --${key} (see ualign ${cmd} --help)`);
    return dflt;
  }
  if (!/^-?\d+$/.test(v.trim())) throw new InputError(`${cmd}: --${key} must be an integer, got ${quoteValue(v)}`);
  const x = Number(v);
  if (!Number.isSafeInteger(x) || x < min) throw new InputError(`${cmd}: --${key} must be an integer ≥ ${min}, got ${quoteValue(v)}`);
  return x;
}

/** "1..6", "3" or "1,2,4" → sorted list of integers ≥ min. */
export function intRange(s: string, key: string, cmd: string, min = 1): number[] {
  const bad = () => new InputError(`${cmd}: --${key} must be N, A..B (at most 10001 values) or a comma list of integers ≥ ${min}, got ${quoteValue(s)}`);
  const out = new Set<number>();
  for (const part of s.split(',')) {
    const m = /^\s*(\d+)\s*(?:\.\.\s*(\d+)\s*)?$/.exec(part);
    if (!m) throw bad();
    const a = Number(m[1]);
    const b = m[2] === undefined ? a : Number(m[2]);
    if (!Number.isSafeInteger(a) || !Number.isSafeInteger(b) || a < min || b < a || b - a > 10000) throw bad();
    for (let x = a; x <= b; x++) out.add(x);
  }
  return [...out].sort((x, y) => x - y);
}
