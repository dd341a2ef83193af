// The input layer in isolation: exact decimal text, the JSON reader, the schema validator and the
// codec's shapes (profiles, policies, k-output models, mixtures, plug-in answers).
import { test } from '@fast-check/vitest';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { frac, parseDecimal, parseExactText, parseRational } from '../src/exact/rational.js';
import { modelFromJson, profileFromJson } from '../src/model/codec.js';
import { InputError } from '../src/model/errors.js';
import { parseJson, readJsonText } from '../src/model/json.js';
import { S, closest, jsonPath, quoteValue, validate } from '../src/model/schema.js';
import { parseAlignOutput } from '../src/algorithms/result.js';
import { DEFAULT_BUDGET, equilibriumEstimate } from '../src/cli/budget.js';
import { params } from './helpers/fc.js';

describe('exact decimal text', () => {
  it('reads decimals exactly and refuses what is not one', () => {
    const cases: [string, string][] = [
      ['0.55', '11/20'],
      ['1e-3', '1/1000'],
      ['-2.5E+2', '-250'],
      ['+7', '7'],
      ['0.1', '1/10'],
      ['123456789012345678901234567890.5', '246913578024691357802469135781/2'],
      ['1e400', '1' + '0'.repeat(400)],
      [' 3.0 ', '3'],
    ];
    for (const [s, v] of cases) expect(parseDecimal(s)?.toFraction(), s).toBe(v);
    for (const s of ['.5', '1.', '0x10', 'Infinity', 'NaN', '1e', '1/2', '1,5', '--1', '1e999999999999', '']) expect(parseDecimal(s), s).toBeNull();
    expect(parseExactText('6/4')?.toFraction()).toBe('3/2');
    expect(parseExactText('6.4')?.toFraction()).toBe('32/5');
    expect(parseRational('0.5')).toBeNull(); // p/q only
    expect(parseDecimal('1'.repeat(100_001))).toBeNull(); // longer than MAX_EXACT_CHARS
  });
});

describe('the JSON reader', () => {
  it('gives the same values as JSON.parse on good text (escapes, unicode, nesting, BOM)', () => {
    const text = '\ufeff{"a": [1, -2, 0, true, false, null, "x\\n\\"y\\u00e9\\ud83d\\ude00"], "b": {"c": {}}, "d": [], "e": 9007199254740991, "f": 1.0, "g": 2e3}';
    expect(parseJson(text, 'f')).toEqual(JSON.parse(text.slice(1)));
  });

  it('keeps "__proto__" an ordinary (unknown) key', () => {
    const v = parseJson('{"__proto__": {"polluted": 1}}', 'f') as Record<string, unknown>;
    expect(Object.keys(v)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(() => validate(v, S.object({ a: S.optional(S.string()) }), 'f')).toThrow(/unknown key "__proto__"/);
  });

  it('refuses with one located line', () => {
    const bad: [string, RegExp][] = [
      ['{"a": 0.1}', /^f: \$\.a: the number 0\.1 is not a safe integer/],
      ['["\\"", 0.5, "\\""]', /^f: \$\[1\]: the number 0\.5 is not a safe integer/],
      ['[1, 2, 1e400]', /^f: \$\[2\]: the number 1e400 /],
      ['{"a": -9007199254740992}', /-9007199254740992 is not a safe integer/],
      ['{"a": 1, "a": 2}', /^f: \$\.a: duplicate key$/],
      ['{"a": 1, "\\u0061": 2}', /^f: \$\.a: duplicate key$/],
      ['{"a": "x\ty"}', /control character/],
      ['{"a": "\\x"}', /bad escape/],
      ['{"a": 1} x', /unexpected text after the JSON value/],
      ['{"a": tru}', /malformed JSON at line 1, column 7/],
      ['"' + 'y'.repeat(20) + '"', /a string longer than 10 characters/],
      ['[[[[1]]]]', /^f: \$\[0\]\[0\]\[0\]: nested deeper than 3 levels/],
    ];
    for (const [t, re] of bad) expect(() => parseJson(t, 'f', { maxDepth: 3, maxString: 10 }), t).toThrow(re);
    expect(() => parseJson('{"a": 0.1}', 'f')).toThrow(InputError);
  });

  // JSON-like text with what the fast path must hand to the reader: escapes (in keys too), control
  // characters, duplicate keys (after the 16th too), unsafe and non-integer numbers, deep nesting, long strings
  const piece = fc.constantFrom('a', 'b', 'é', '\\"', '\\\\', '\\u0061', '\\n', '\t', '\\', '😀', '1.5', ' ');
  const str = fc.array(piece, { maxLength: 6 }).map((xs) => `"${xs.join('')}"`);
  const num = fc.oneof(fc.integer(), fc.constantFrom('9007199254740991', '-9007199254740992', '1234567890123456', '0.5', '1e3', '-0', '2E+1', '007'));
  const text = fc.letrec<{ v: string }>((tie) => ({
    v: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      num.map(String),
      str,
      fc.constantFrom('true', 'false', 'null', 'tru', '[', ''),
      fc.array(tie('v'), { maxLength: 4 }).map((xs) => `[${xs.join(', ')}]`),
      fc.array(fc.tuple(fc.oneof(str, fc.constantFrom('"k1"', '"k2"')), tie('v')), { maxLength: 20 }).map((es) => `{${es.map(([k, v]) => `${k}: ${v}`).join(',')}}`),
    ),
  })).v;
  test.prop([text, fc.integer({ min: 1, max: 6 }), fc.integer({ min: 0, max: 8 })], params(400))(
    'the fast path gives what the reader gives: the same value or the same one line',
    (t, maxDepth, maxString) => {
      const run = (f: () => unknown): { v: unknown } | { e: string } => {
        try {
          return { v: f() };
        } catch (e) {
          expect(e).toBeInstanceOf(InputError);
          return { e: (e as Error).message };
        }
      };
      expect(run(() => parseJson(t, 'f', { maxDepth, maxString }))).toEqual(run(() => readJsonText(t, 'f', { maxDepth, maxString })));
    },
  );

  it('reports progress on large text', () => {
    const seen: number[] = [];
    parseJson(JSON.stringify({ a: 'x'.repeat(100) }), 'f', { onProgress: (d, t) => seen.push(d / t) });
    expect(seen.at(-1)).toBe(1);
  });
});

describe('the schema validator', () => {
  const shape = S.object({ weight: S.exact(), ranking: S.array(S.string()), note: S.optional(S.string()) }, 'a user');
  it('names the key, its path and the closest known key', () => {
    expect(() => validate({ weigth: 1, ranking: [] }, shape, 'f', { base: ['users', 3] })).toThrow('f: $.users[3]: unknown key "weigth" (did you mean "weight"?)');
    expect(() => validate({ ranking: [] }, shape, 'f')).toThrow('f: $: missing key "weight" (a user)');
    expect(() => validate({ weight: 1, ranking: ['a', 2] }, shape, 'f')).toThrow('f: $.ranking[1]: expected a string, got 2');
    expect(() => validate({ weight: 0.5, ranking: [] }, shape, 'f')).toThrow(/the number 0\.5 is not a safe integer; write it as a string/);
    expect(() => validate({ weight: 0.5, ranking: [] }, shape, 'f', { floats: true })).not.toThrow();
    expect(() => validate({ weight: NaN, ranking: [] }, shape, 'f', { floats: true })).toThrow('f: $.weight: is NaN');
  });
  it('quotes at most about 80 characters of a value', () => {
    const q = quoteValue('z'.repeat(5_000_000));
    expect(q.length).toBeLessThan(100);
    expect(q).toMatch(/…" \(5000000 characters\)$/);
    expect(quoteValue({ a: 1, b: 2 })).toBe('an object with keys "a", "b"');
    expect(jsonPath(['users', 0, 'a b'])).toBe('$.users[0]["a b"]');
  });
  it('suggests only close names', () => {
    expect(closest('weigth', ['weight', 'ranking'])).toBe('weight');
    expect(closest('Weight', ['weight'])).toBe('weight');
    expect(closest('c', ['a', 'b'])).toBeNull();
    expect(closest('colour', ['weight', 'ranking'])).toBeNull();
  });
});

describe('the codec', () => {
  const prof = profileFromJson({ responses: ['a', 'b'], users: [{ weight: '0.55', ranking: [['a'], ['b']] }, { weight: '0.45', ranking: [['b'], ['a']] }] });
  it('reads decimal weights exactly', () => {
    expect(prof.prompts[0].prompt.users[0].weight.equals(frac(11, 20))).toBe(true);
  });
  it('policies, k-output models and mixtures are told apart by "kind"; a response named "kind" stays a response', () => {
    expect(modelFromJson({ a: '0.65', b: '0.35' }, prof).kind).toBe('policy');
    expect(modelFromJson({ kind: 'k-output', k: 2, outcomes: [{ responses: ['a', 'b'], prob: 1 }] }, prof).kind).toBe('k-output');
    expect(() => modelFromJson({ kind: 'k-output', k: 3, outcomes: [{ responses: ['a', 'b'], prob: 1 }] }, prof)).toThrow('policy: $.outcomes[0].responses: has 2 responses, "k" is 3');
    expect(modelFromJson({ kind: 'mixture', k: 2, parts: [{ weight: 1, policy: { a: 1 } }] }, prof).kind).toBe('mixture');
    const withKind = profileFromJson({ responses: ['kind', 'b'], users: [{ weight: 1, ranking: [['kind']] }] });
    expect(modelFromJson({ kind: '1/2', b: '1/2' }, withKind).kind).toBe('policy');
    expect(() => modelFromJson({ kind: 'mixtures', parts: [] }, prof)).toThrow(/unknown model kind "mixtures" \(did you mean "mixture"\?\)/);
    expect(() => modelFromJson({ a: 1, c: 0 }, prof)).toThrow('policy: $.c: unknown response "c"');
  });
  it('plug-in answers: the long form is a declared shape too', () => {
    const prompt = prof.prompts[0].prompt;
    expect(parseAlignOutput({ model: { a: 0.5, b: 0.5 }, slack: 0.25, note: 'n' }, prompt, 1, 'alg').slack.toFraction()).toBe('1/4');
    expect(() => parseAlignOutput({ model: { a: 1 }, slak: '1/2' }, prompt, 1, 'alg')).toThrow('alg: $: unknown key "slak" (did you mean "slack"?)');
    expect(() => parseAlignOutput({ model: { a: 1 }, note: 3 }, prompt, 1, 'alg')).toThrow('alg: $.note: expected a string, got 3');
  });
});

describe('size estimates (src/cli/budget.ts)', () => {
  const strict = (n: number, m: number) => ({ n, m, tiers: n, wBits: Math.ceil(Math.log2(9 * m)), luce: false });
  it('equilibrium: the large-k cases of the bench fit the default budget; k = 10^9 does not', () => {
    for (const [n, m, k] of [[20, 200, 128], [50, 1000, 16], [50, 1000, 32]]) {
      const e = equilibriumEstimate([strict(n, m)], k, 100);
      expect(e.work, `n=${n} m=${m} k=${k}`).toBeLessThanOrEqual(DEFAULT_BUDGET.maxWork);
      expect(e.bits, `n=${n} m=${m} k=${k}`).toBeLessThanOrEqual(DEFAULT_BUDGET.maxBits);
    }
    expect(equilibriumEstimate([strict(20, 200)], 1e9, 100).bits).toBeGreaterThan(DEFAULT_BUDGET.maxBits);
  });
  it('equilibrium: Luce types pay O(k) quadrature nodes per round, weak orders a closed form', () => {
    const w = equilibriumEstimate([strict(20, 100)], 64, 100).work;
    const l = equilibriumEstimate([{ ...strict(20, 100), luce: true }], 64, 100).work;
    expect(l).toBeGreaterThan(w * 10);
  });
});
