// validate() decides with a compiled predicate and names problems with check(): the two must agree on every
// value. Oracle: check() itself (explain), run on values drawn near each declared shape — valid at most
// nodes, with a wrong type, a missing or an unknown key, an empty string or a bad number here and there.
import { test } from '@fast-check/vitest';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { params } from '../../test/helpers/fc.js';
import { InputError } from './errors.js';
import { ANSWER_SHAPE, K_OUTPUT_SHAPE, MIXTURE_SHAPE, MULTI_PROMPT_SHAPE, POLICY_SHAPE, PROMPT_SHAPE } from './codec.js';
import { S, Shape, explain, passes, readExact, validate } from './schema.js';
import { COUNTEREXAMPLE_REPORT_SHAPE, VERIFY_REPORT_SHAPE } from '../report/verify.js';

const junk = fc.oneof(fc.constant(null), fc.constant(''), fc.constant(1.5), fc.constant(-3), fc.constant(2 ** 60), fc.constant('1/0'), fc.constant([]), fc.constant({}), fc.constant(true), fc.constant('x'));

/** A value near `s`: each node is replaced by junk with probability 1/40. */
function near(s: Shape, depth = 0): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 39, arbitrary: fc.constant(null).chain(() => valid(s, depth)) }, { weight: 1, arbitrary: junk });
}

function valid(s: Shape, depth: number): fc.Arbitrary<unknown> {
  const few = { maxLength: depth > 3 ? 1 : 3 };
  switch (s.t) {
    case 'string':
      return s.values ? fc.constantFrom(...s.values, 'other') : fc.oneof({ weight: 19, arbitrary: fc.constantFrom('a', 'b', 'r10') }, { weight: 1, arbitrary: fc.constant('') });
    case 'integer':
      return fc.integer({ min: (s.min ?? -5) - 1, max: 50 });
    case 'exact':
      return fc.oneof({ weight: 8, arbitrary: fc.integer({ min: -3, max: 9 }) }, fc.constantFrom('1/2', '0.55', '3', '-1/3', '2/0', 'abc'), fc.double({ noNaN: false }));
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'json':
      return fc.jsonValue({ maxDepth: 1 });
    case 'array':
      return fc.array(near(s.items, depth + 1), few);
    case 'record':
      return fc.dictionary(fc.constantFrom('a', 'b', 'c'), near(s.values, depth + 1), { maxKeys: 3 });
    case 'object': {
      const entries = Object.entries(s.fields).map(([k, f]) => fc.tuple(fc.constant(k), fc.nat(29), near(f.shape, depth + 1)));
      return fc.tuple(fc.tuple(...entries), fc.option(fc.constantFrom('extra', 'weigth'), { nil: undefined, freq: 2 })).map(([es, extra]) => {
        const o: Record<string, unknown> = {};
        for (const [k, drop, v] of es) if (drop !== 0) o[k] = v; // a key left out one time in thirty
        if (extra !== undefined) o[extra] = 1;
        return o;
      });
    }
    case 'oneOf':
      return fc.oneof(...s.options.map((x) => near(x, depth + 1)));
  }
}

const SHAPES: [string, Shape][] = [
  ['profile', PROMPT_SHAPE],
  ['multi-prompt profile', MULTI_PROMPT_SHAPE],
  ['policy', POLICY_SHAPE],
  ['k-output model', K_OUTPUT_SHAPE],
  ['mixture', MIXTURE_SHAPE],
  ['plug-in answer', ANSWER_SHAPE],
  ['verify report', VERIFY_REPORT_SHAPE],
  ['counterexample report', COUNTEREXAMPLE_REPORT_SHAPE],
];

describe('validate: the compiled predicate agrees with check() (schema.ts)', () => {
  for (const [name, shape] of SHAPES)
    test.prop([near(shape), fc.boolean()], params(150))(`${name}: accepted by the predicate ⇔ no problem named by check()`, (v, floats) => {
      const problem = explain(v, shape, 'f', { floats });
      expect(passes(shape, floats)(v)).toBe(problem === null);
      if (problem === null) expect(() => validate(v, shape, 'f', { floats })).not.toThrow();
      else expect(() => validate(v, shape, 'f', { floats })).toThrow(problem.message);
    });

  it('the drawn values fall on both sides (so each property tests acceptance and rejection)', () => {
    for (const [name, shape] of SHAPES) {
      const vs = fc.sample(near(shape), { numRuns: 300, seed: 1 });
      const accepted = vs.filter((v) => explain(v, shape, 'f') === null).length;
      expect([name, accepted]).toEqual([name, accepted > 15 && accepted < 285 ? accepted : -1]); // the count when it is not
    }
  });

  it('oneOf follows the first option that takes the JSON type, as check() does', () => {
    const shape = S.oneOf([S.exact(), S.string()]);
    expect(passes(shape, false)('abc')).toBe(false);
    expect(explain('abc', shape, 'f')).toBeInstanceOf(InputError);
    expect(passes(shape, false)('1/2')).toBe(true);
  });

  it('a problem is named with its JSON path', () => {
    expect(() => validate({ responses: ['a'], users: [{ weight: 1, ranking: [['a'], 7] }] }, PROMPT_SHAPE, 'p.json')).toThrow(
      'p.json: $.users[0].ranking[1]: expected a tier: an array of response ids, got 7',
    );
    expect(() => validate({ responses: ['a'], users: [{ weight: 1, rankin: [] }] }, PROMPT_SHAPE, 'p.json')).toThrow('unknown key "rankin"');
  });
});

describe('readExact names why a number-shaped string is not read', () => {
  const msg = (v: string): string => {
    try {
      readExact(v, 'f.json', ['w']);
      return 'read';
    } catch (e) {
      return (e as Error).message;
    }
  };
  it('a zero denominator, an exponent of ten digits or more, a decimal past MAX_EXACT_CHARS; otherwise what is expected', () => {
    expect(msg('3/00')).toBe('f.json: $.w: "3/00" has a zero denominator');
    expect(msg('2.5e-1234567890')).toBe('f.json: $.w: "2.5e-1234567890" has an exponent too large to read');
    expect(msg('1e123456789')).toBe('f.json: $.w: "1e123456789" is too large to read exactly (digits plus |exponent| above 100000)');
    expect(msg('1e99999')).toBe('read');
    expect(msg('1e100000')).toBe('f.json: $.w: "1e100000" is too large to read exactly (digits plus |exponent| above 100000)');
    expect(msg('1.5x')).toMatch(/^f\.json: \$\.w: expected an exact number: .*, got "1\.5x"$/);
  });
});
