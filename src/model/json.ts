// The one JSON text reader of every input file. Unlike JSON.parse it sees each number's source text,
// so a number that is not a safe integer is refused as written ("quote it"), never rounded to a
// double first; it refuses nesting deeper than MAX_JSON_DEPTH, strings longer than MAX_JSON_STRING
// and duplicate keys, each as one InputError naming the file and the JSON path. (One file of about 360
// lines on purpose: a single recursive-descent grammar, whose position and path state every rule shares.)
import { parseDecimal } from '../exact/rational.js';
import { InputError } from './errors.js';
import { jsonPath, quoteValue } from './schema.js';

/** Deepest nesting of arrays and objects read (the documented shapes need at most 8). */
export const MAX_JSON_DEPTH = 64;
/** Longest string read, in UTF-16 code units. */
export const MAX_JSON_STRING = 1_000_000;

export interface JsonReadOptions {
  readonly maxDepth?: number;
  readonly maxString?: number;
  /** Called about every 4 MB of text with (characters read, total). */
  readonly onProgress?: (done: number, total: number) => void;
}

const PROGRESS_STEP = 1 << 22;

/** Parse JSON text read from `where` (a file name): plain JS values; numbers are safe integers. */
export function parseJson(text: string, where: string, o: JsonReadOptions = {}): unknown {
  // Fast path: a scan that allocates nothing finds no problem, so the native parser gives the same values.
  if (quickScan(text, o.maxDepth ?? MAX_JSON_DEPTH, o.maxString ?? MAX_JSON_STRING)) {
    try {
      const v = JSON.parse(text) as unknown;
      o.onProgress?.(text.length, text.length);
      return v;
    } catch {
      /* the reader below names the problem */
    }
  }
  return readJsonText(text, where, o);
}

/** The reader alone, without the fast path: what parseJson gives on any text (its tests compare the two). */
export function readJsonText(text: string, where: string, o: JsonReadOptions = {}): unknown {
  return new Reader(text, where, o).read();
}

/**
 * True when every number is a plain integer of at most 15 digits, nesting stays within maxDepth,
 * every string within maxString and no object repeats a key among its first 16 keys (larger
 * objects go to the reader). False sends the text to the reader, which names the problem.
 */
function quickScan(s: string, maxDepth: number, maxString: number): boolean {
  const L = s.length;
  let depth = 0;
  // per open object: how many keys seen and where the first 16 key texts start and end
  const inObj = new Uint8Array(maxDepth + 2);
  const nKeys = new Int32Array(maxDepth + 2);
  const keyAt = new Int32Array((maxDepth + 2) * 32);
  let expectKey = false;
  let p = 0;
  // strings are skipped natively (indexOf); bs: the first backslash after the last place searched (L: none)
  let bs = -1;
  while (p < L) {
    const c = s.charCodeAt(p);
    if (c === 34) {
      const start = p + 1;
      let i = start;
      for (;;) {
        const q = nextIndex(s, '"', i);
        if (q === L) return false;
        if (bs < i) bs = nextIndex(s, '\\', i);
        if (bs > q) {
          p = q;
          break;
        }
        // an escaped key could repeat another key written differently: the reader decides
        if (expectKey) return false;
        i = bs + 2;
        if (i >= L) return false;
      }
      if (p - start > maxString) return false;
      if (expectKey) {
        const k = nKeys[depth]++;
        if (k >= 16) return false;
        const len = p - start;
        for (let j = 0; j < k; j++) {
          const a = keyAt[depth * 32 + 2 * j];
          if (keyAt[depth * 32 + 2 * j + 1] - a === len && s.startsWith(s.slice(start, p), a)) return false;
        }
        keyAt[depth * 32 + 2 * k] = start;
        keyAt[depth * 32 + 2 * k + 1] = p;
        expectKey = false;
      }
      p++;
    } else if (c === 123 || c === 91) {
      if (++depth > maxDepth) return false;
      inObj[depth] = c === 123 ? 1 : 0;
      nKeys[depth] = 0;
      expectKey = c === 123;
      p++;
    } else if (c === 125 || c === 93) {
      depth--;
      expectKey = false;
      p++;
    } else if (c === 44) {
      expectKey = inObj[depth] === 1;
      p++;
    } else if (c === 45 || (c >= 48 && c <= 57)) {
      const start = p;
      if (c === 45) p++;
      while (p < L) {
        const d = s.charCodeAt(p);
        if (d >= 48 && d <= 57) p++;
        else break;
      }
      const d = s.charCodeAt(p);
      if (d === 46 || d === 101 || d === 69 || p - start > 15) return false;
    } else p++;
  }
  return depth === 0;
}

class Reader {
  private pos = 0;
  private readonly path: (string | number)[] = [];
  private readonly maxDepth: number;
  private readonly maxString: number;
  private nextProgress = PROGRESS_STEP;

  constructor(
    private readonly s: string,
    private readonly where: string,
    private readonly o: JsonReadOptions,
  ) {
    this.maxDepth = o.maxDepth ?? MAX_JSON_DEPTH;
    this.maxString = o.maxString ?? MAX_JSON_STRING;
  }

  read(): unknown {
    if (this.s.charCodeAt(0) === 0xfeff) this.pos = 1;
    this.ws();
    if (this.pos >= this.s.length) throw this.malformed('the file is empty');
    const v = this.value(0);
    this.ws();
    if (this.pos < this.s.length) throw this.malformed('unexpected text after the JSON value');
    this.o.onProgress?.(this.s.length, this.s.length);
    return v;
  }

  private fail(problem: string): InputError {
    return new InputError(`${this.where}: ${jsonPath(this.path)}: ${problem}`);
  }

  private malformed(problem: string): InputError {
    let line = 1;
    let col = 1;
    const end = Math.min(this.pos, this.s.length);
    for (let i = 0; i < end; i++) {
      if (this.s.charCodeAt(i) === 10) {
        line++;
        col = 1;
      } else col++;
    }
    return new InputError(`${this.where}: malformed JSON at line ${line}, column ${col}: ${problem}`);
  }

  private ws(): void {
    const s = this.s;
    let p = this.pos;
    for (;;) {
      const c = s.charCodeAt(p);
      if (c === 32 || c === 10 || c === 13 || c === 9) p++;
      else break;
    }
    this.pos = p;
  }

  private unexpected(expected: string): InputError {
    if (this.pos >= this.s.length) return this.malformed(`unexpected end of file, expected ${expected}`);
    return this.malformed(`unexpected ${JSON.stringify(this.s[this.pos])}, expected ${expected}`);
  }

  private value(depth: number): unknown {
    if (this.pos >= this.nextProgress) {
      this.nextProgress = this.pos + PROGRESS_STEP;
      this.o.onProgress?.(this.pos, this.s.length);
    }
    const c = this.s.charCodeAt(this.pos);
    if (c === 34) return this.string();
    if (c === 123 || c === 91) {
      if (depth >= this.maxDepth) throw this.fail(`nested deeper than ${this.maxDepth} levels`);
      return c === 123 ? this.object(depth + 1) : this.array(depth + 1);
    }
    if (c === 45 || (c >= 48 && c <= 57)) return this.number();
    if (this.s.startsWith('true', this.pos)) return this.literal(4, true);
    if (this.s.startsWith('false', this.pos)) return this.literal(5, false);
    if (this.s.startsWith('null', this.pos)) return this.literal(4, null);
    throw this.unexpected('a JSON value');
  }

  private literal(len: number, v: boolean | null): boolean | null {
    this.pos += len;
    return v;
  }

  private object(depth: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    this.pos++;
    this.ws();
    if (this.s.charCodeAt(this.pos) === 125) {
      this.pos++;
      return out;
    }
    for (;;) {
      if (this.s.charCodeAt(this.pos) !== 34) throw this.unexpected('a key in double quotes');
      const key = this.string();
      this.ws();
      if (this.s.charCodeAt(this.pos) !== 58) throw this.unexpected('":" after a key');
      this.pos++;
      this.ws();
      this.path.push(key);
      if (Object.prototype.hasOwnProperty.call(out, key)) throw this.fail('duplicate key');
      const v = this.value(depth);
      this.path.pop();
      if (key === '__proto__') Object.defineProperty(out, key, { value: v, enumerable: true, writable: true, configurable: true });
      else out[key] = v;
      this.ws();
      const c = this.s.charCodeAt(this.pos);
      this.pos++;
      if (c === 125) return out;
      if (c !== 44) {
        this.pos--;
        throw this.unexpected('"," or "}"');
      }
      this.ws();
    }
  }

  private array(depth: number): unknown[] {
    const out: unknown[] = [];
    this.pos++;
    this.ws();
    if (this.s.charCodeAt(this.pos) === 93) {
      this.pos++;
      return out;
    }
    for (;;) {
      this.path.push(out.length);
      out.push(this.value(depth));
      this.path.pop();
      this.ws();
      const c = this.s.charCodeAt(this.pos);
      this.pos++;
      if (c === 93) return out;
      if (c !== 44) {
        this.pos--;
        throw this.unexpected('"," or "]"');
      }
      this.ws();
    }
  }

  private string(): string {
    const s = this.s;
    const start = ++this.pos;
    let p = start;
    let out = '';
    let chunk = start;
    for (;;) {
      if (p >= s.length) {
        this.pos = p;
        throw this.malformed('unterminated string');
      }
      PLAIN.lastIndex = p;
      PLAIN.test(s);
      p = PLAIN.lastIndex;
      const c = s.charCodeAt(p);
      if (c === 34) break;
      if (c < 32) {
        this.pos = p;
        throw this.malformed('control character in a string (write it escaped)');
      }
      if (c !== 92) {
        p++;
        continue;
      }
      out += s.slice(chunk, p);
      const e = s.charCodeAt(p + 1);
      if (e === 117) {
        const hex = s.slice(p + 2, p + 6);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) {
          this.pos = p;
          throw this.malformed('bad \\u escape in a string');
        }
        out += String.fromCharCode(parseInt(hex, 16));
        p += 6;
      } else {
        const m = ESCAPES[e];
        if (m === undefined) {
          this.pos = p;
          throw this.malformed('bad escape in a string');
        }
        out += m;
        p += 2;
      }
      chunk = p;
    }
    out += s.slice(chunk, p);
    this.pos = p + 1;
    if (out.length > this.maxString) throw this.fail(`a string longer than ${this.maxString} characters`);
    return out;
  }

  private number(): number {
    const s = this.s;
    const start = this.pos;
    let p = start;
    if (s.charCodeAt(p) === 45) p++;
    const digits = (): number => {
      const q = p;
      while (p < s.length && s.charCodeAt(p) >= 48 && s.charCodeAt(p) <= 57) p++;
      return p - q;
    };
    const intStart = p;
    const nInt = digits();
    if (nInt === 0) {
      this.pos = p;
      throw this.unexpected('a digit');
    }
    if (nInt > 1 && s.charCodeAt(intStart) === 48) {
      this.pos = intStart;
      throw this.malformed('a number with a leading zero');
    }
    let plain = true;
    if (s.charCodeAt(p) === 46) {
      p++;
      plain = false;
      if (digits() === 0) {
        this.pos = p;
        throw this.unexpected('a digit after "."');
      }
    }
    const e = s.charCodeAt(p);
    if (e === 101 || e === 69) {
      p++;
      plain = false;
      const sg = s.charCodeAt(p);
      if (sg === 43 || sg === 45) p++;
      if (digits() === 0) {
        this.pos = p;
        throw this.unexpected('a digit in the exponent');
      }
    }
    this.pos = p;
    const text = s.slice(start, p);
    if (plain && nInt <= 15) return Number(text);
    // The exact value of the text as written; only a safe integer is kept as a JS number.
    const exact = parseDecimal(text);
    if (exact !== null && exact.d === 1n) {
      const v = Number(text);
      if (Number.isSafeInteger(v) && BigInt(v) === (exact.s < 0n ? -exact.n : exact.n)) return v;
    }
    throw this.fail(
      `the number ${quoteValue(text).slice(1, -1)} is not a safe integer (JSON numbers are doubles); write it as a string to give it exactly: ${quoteValue(text)}`,
    );
  }
}

/** A run of string characters that need no attention (no quote, backslash or control character). */
const PLAIN = /[^"\\\x00-\x1f]*/y;

/** The index of the first `c` at or after `from`, or s.length. */
function nextIndex(s: string, c: string, from: number): number {
  const i = s.indexOf(c, from);
  return i < 0 ? s.length : i;
}

const ESCAPES: Record<number, string> = { 34: '"', 92: '\\', 47: '/', 98: '\b', 102: '\f', 110: '\n', 114: '\r', 116: '\t' };
