// Who checks the checker of claim modules: the contract's checks (contract.ts) accept a claim that keeps
// it — every built-in claim, over its first instances and counterexamples — and reject each wrong answer
// fed to them: a verdict, size or JSON form that breaks the contract is a ClaimModuleError.
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { Fraction, frac, ZERO } from '../exact/rational.js';
import { checkClaimBehaviour, ClaimModuleError, CLAIM_FIELDS, claimShapeProblem, guardClaim, GuardOptions, jsonDifference, jsonProblem } from './contract.js';
import { profileFromJson, profileToJson } from '../model/codec.js';
import { validateClaim } from './plugins.js';
import { CLAIMS } from './registry.js';
import { runClaim } from './run.js';
import { T1 } from './t1.js';
import { ArbOptions, Claim, defineClaim, geq, kk1, verdict } from './types.js';
import { PolicyInstance } from './instances.js';
import { SEED } from '../../test/helpers/fc.js';
import { thrownBy } from '../../test/helpers/refusal.js';

/** T1 with one function replaced: the smallest way to feed the guard a wrong answer. */
const withT1 = (over: Partial<Claim<PolicyInstance>>): Claim<PolicyInstance> => ({ ...T1, ...over });
const first = (c: Claim<PolicyInstance>) => fc.sample(c.arbitrary({ maxK: 3 }), { seed: SEED, numRuns: 1 })[0];
const breach = (c: Claim<PolicyInstance>, call: (g: Claim<PolicyInstance>, i: PolicyInstance) => unknown): string => {
  const g = guardClaim(c, 'm.mjs');
  try {
    call(g, first(c));
  } catch (e) {
    expect(e).toBeInstanceOf(ClaimModuleError);
    return (e as Error).message;
  }
  return 'accepted';
};

describe('guardClaim: every answer of a claim is checked', () => {
  it('accepts what a claim keeping the contract returns', () => {
    expect(breach(T1, (g, i) => [g.check(i), g.judge(i, g.evidence(i)), g.size(i), g.toJson(i)])).toBe('accepted');
  });

  const ok = verdict(ZERO, {});
  const wrong: [string, Partial<Claim<PolicyInstance>>, RegExp][] = [
    ['a number slack', { check: () => ({ ok: true, slack: 0.5 as unknown as Fraction, certificate: {} }) }, /slack that is 0\.5, not a Fraction/],
    ['a string slack', { check: () => ({ ok: true, slack: '1/2' as unknown as Fraction, certificate: {} }) }, /slack that is "1\/2", not a Fraction/],
    ['ok true with a negative slack', { check: () => ({ ok: true, slack: frac(-1, 3), certificate: {} }) }, /ok = true with slack -1\/3: ok must be slack ≥ 0/],
    ['ok false with slack 0', { check: () => ({ ok: false, slack: ZERO, certificate: {} }) }, /ok = false with slack 0/],
    ['ok not a boolean', { check: () => ({ ok: 1 as unknown as boolean, slack: ZERO, certificate: {} }) }, /"ok": 1, not true or false/],
    ['no certificate', { check: () => ({ ok: true, slack: ZERO }) as never }, /not a verdict \{ ok, slack, certificate \}/],
    ['a certificate holding a Fraction', { check: () => verdict(ZERO, { x: frac(1, 2) }) }, /\$\.certificate\.x: a Fraction/],
    ['a certificate holding a float', { check: () => verdict(ZERO, { x: [1, 0.25] }) }, /\$\.certificate\.x\[1\]: the number 0\.25 is not exact/],
    ['a certificate holding a BigInt', { check: () => verdict(ZERO, { x: 3n }) }, /\$\.certificate\.x: a BigInt/],
    ['a certificate holding a Map', { check: () => verdict(ZERO, { x: new Map() }) }, /\$\.certificate\.x: a Map object is not plain JSON/],
    ['a Promise', { check: () => Promise.resolve(ok) as never }, /check returned a Promise/],
    ['a throw', { check: () => { throw new RangeError('no'); } }, /check threw: RangeError: no/],
    ['a judge that throws', { judge: () => { throw new Error('j'); } }, /judge threw: j/],
  ];
  for (const [name, over, re] of wrong)
    it(`rejects ${name}`, () => {
      expect(breach(withT1(over), (g, i) => g.check(i) && g.judge(i, g.evidence(i)))).toMatch(re);
    });

  it('rejects sizes that are not InstanceSize', () => {
    expect(breach(withT1({ size: () => ({ n: 2, users: 1 }) as never }), (g, i) => g.size(i))).toMatch(/"prompts": nothing, not an integer ≥ 1/);
    expect(breach(withT1({ size: () => ({ n: 2, users: 1, prompts: 1, k: 1.5 }) }), (g, i) => g.size(i))).toMatch(/"k": 1\.5/);
    expect(breach(withT1({ size: () => ({ n: 2, users: 1, prompts: 1, m: 1 }) as never }), (g, i) => g.size(i))).toMatch(/unknown field "m"/);
  });

  it('rejects JSON forms that are not plain, lack the profile, or change in a round trip', () => {
    const json = (i: PolicyInstance) => T1.toJson(i);
    expect(breach(withT1({ toJson: (i) => ({ ...json(i), k: frac(i.k) }) }), (g, i) => g.toJson(i))).toMatch(/\$\.k: a Fraction/);
    expect(breach(withT1({ toJson: (i) => ({ k: i.k }) }), (g, i) => g.toJson(i))).toMatch(/without "profile"/);
    expect(breach(withT1({ toJson: (i) => ({ ...json(i), profile: 'x' }) }), (g, i) => g.toJson(i))).toMatch(/"profile" is not a profile/);
    expect(breach(withT1({ fromJson: () => { throw new Error('nope'); } }), (g, i) => g.toJson(i))).toMatch(/fromJson cannot read what toJson wrote: nope/);
    expect(breach(withT1({ fromJson: (j) => ({ ...T1.fromJson(j), k: 9 }) }), (g, i) => g.toJson(i))).toMatch(/round trip changes the instance: .* at \$\.k \(\d+ against 9\)/);
  });

  it('checks time after the fact in this thread: a check over the limit is rejected', () => {
    const slow = withT1({
      check: (i) => {
        const t = performance.now();
        while (performance.now() - t < 30);
        return T1.check(i);
      },
    });
    const g = guardClaim(slow, 'm.mjs', { timeoutMs: 5 });
    expect(() => g.check(first(slow))).toThrow(/a check took \d+\.\d{3} s, over the limit of 0\.005 s per instance \(--claim-timeout\)/);
  });
});

describe('claimShapeProblem', () => {
  it('accepts every built-in claim and names each missing field', () => {
    for (const c of CLAIMS) expect(claimShapeProblem(c)).toBeNull();
    for (const f of CLAIM_FIELDS) {
      const { [f]: _gone, ...rest } = T1;
      expect(claimShapeProblem(rest)).toBe(`the claim has no "${f}"`);
    }
  });
  it('rejects wrong types and unknown fields', () => {
    expect(claimShapeProblem(undefined)).toMatch(/^no default export/);
    expect(claimShapeProblem(() => 1)).toMatch(/default export is a function/);
    expect(claimShapeProblem({ ...T1, title: '' })).toBe('"title" is "", not a non-empty string');
    expect(claimShapeProblem({ ...T1, defaultRuns: 0 })).toBe('"defaultRuns" is 0, not an integer ≥ 1');
    expect(claimShapeProblem({ ...T1, id: 'a b' })).toMatch(/^"id" is "a b": it must be/);
    expect(claimShapeProblem({ ...T1, id: 'x'.repeat(41) })).toMatch(/^"id" is/);
    expect(claimShapeProblem({ ...T1, judg: 1 })).toBe('the claim has an unknown field "judg" (did you mean "judge"?)');
    expect(claimShapeProblem({ ...T1, check: 'f' })).toBe('"check" is "f", not a function');
  });
});

describe('jsonProblem, jsonDifference', () => {
  it('plain JSON with exact numbers passes; the first offending path is named', () => {
    expect(jsonProblem({ a: [1, '1/2', null, true, { b: 'x' }] })).toBeNull();
    expect(jsonProblem({ a: [1, { b: undefined }] })).toBe('$.a[1].b: undefined is not JSON');
    expect(jsonProblem({ a: Number.NaN })).toMatch(/^\$\.a: the number NaN is not exact/);
    expect(jsonProblem({ a: 2 ** 60 })).toMatch(/^\$\.a: the number .* is not exact/);
    const cyc: Record<string, unknown> = {};
    cyc.self = cyc;
    expect(jsonProblem(cyc)).toMatch(/nested more than 64 deep/);
  });
  it('names where two JSON values first differ, key order included', () => {
    expect(jsonDifference({ a: [1, 2] }, { a: [1, 2] })).toBeNull();
    expect(jsonDifference({ a: [1, 2] }, { a: [1, 3] })).toBe('$.a[1] (2 against 3)');
    expect(jsonDifference({ a: 1 }, { a: 1, b: 2 })).toBe('$.b (present in one, missing in the other)');
    expect(jsonDifference({ a: 1, b: 2 }, { b: 2, a: 1 })).toBe('$ (the order of its keys)');
    expect(jsonDifference([1], [1, 2])).toBe('$ (1 against 2 items)');
  });
  it('is null exactly when the JSON texts agree, whatever the key names', () => {
    // keys joined by \u0000 once made these two orders look the same
    expect(jsonDifference({ a: 1, 'a\u0000a': 1 }, { 'a\u0000a': 1, a: 1 })).toBe('$ (the order of its keys)');
    // an inherited name ("toString") is not a key of the other object
    expect(jsonDifference({ toString: 1 }, {})).toBe('$.toString (present in one, missing in the other)');
    expect(jsonDifference({}, { constructor: 1 })).toBe('$.constructor (present in one, missing in the other)');
    // generated pairs: b a copy of a with its keys shuffled (same text or not), or an unrelated value
    const keyed = fc.dictionary(fc.constantFrom('a', 'b', 'a\u0000a', 'toString'), fc.integer({ min: 0, max: 2 }), { maxKeys: 4 });
    const value = fc.oneof(keyed, fc.array(keyed, { maxLength: 2 }), fc.integer({ min: 0, max: 2 }));
    const shuffled = (v: unknown): unknown => (Array.isArray(v) ? v.map(shuffled) : v !== null && typeof v === 'object' ? Object.fromEntries(Object.entries(v).reverse()) : v);
    for (const [a, other, reorder] of fc.sample(fc.tuple(value, value, fc.boolean()), { seed: SEED, numRuns: 300 })) {
      const b = reorder ? shuffled(a) : other;
      expect(jsonDifference(a, b) === null).toBe(JSON.stringify(a) === JSON.stringify(b));
    }
  });
});

describe('validateClaim (shape, then behaviour on the first instance)', () => {
  it('every built-in claim keeps the contract on its first instance', () => {
    for (const c of CLAIMS) expect(() => validateClaim(c, { module: 'builtin' })).not.toThrow();
  });

  it('every built-in claim keeps it over a short run, counterexamples included (run as a plug-in would be)', () => {
    for (const c of CLAIMS) {
      const r = runClaim(guardClaim(c, 'builtin'), { seed: SEED, runs: 12, maxK: 4, module: 'builtin' });
      expect([c.id, r.outcome]).toEqual([c.id, c.expect]);
      expect(r.module).toBe('builtin');
    }
  });

  it('rejects a check that is not judge ∘ evidence, or that changes between two calls', () => {
    const off = { ...T1, check: (i: PolicyInstance) => verdict(geq(kk1(i.k), ZERO), {}) };
    expect(() => validateClaim(off, { module: 'off.mjs' })).toThrow(/^claim module off\.mjs: claim T1: check\(x\) differs from judge\(x, evidence\(x\)\) on the first instance at \$\.slack/);
    let n = 0;
    const moving = defineClaim<PolicyInstance, number>({ ...T1, evidence: () => n++, judge: (_i, e) => verdict(frac(e), {}) });
    expect(() => validateClaim(moving, { module: 'moving.mjs' })).toThrow(/check is not deterministic: two checks of the first instance differ at \$\.slack \(".*" against ".*"\)/);
  });

  it('a breach during a run is thrown, never taken for a refutation', () => {
    const later = withT1({ check: (i) => (i.k >= 2 ? ({ ok: true, slack: frac(-1), certificate: {} }) : T1.check(i)) });
    expect(() => runClaim(guardClaim(later, 'later.mjs'), { seed: SEED, runs: 50, maxK: 4, module: 'later.mjs' })).toThrow(
      /^claim module later\.mjs: claim T1: check returned ok = true with slack -1/,
    );
  });
});

// ---------------------------------------------------------------------------------------------------------
// The contract's exact words and decisions: each message a plug-in author sees (thrown by ualign verify
// --claim) is matched in full, and each check is fed the value on either side of its decision.

/** A one-prompt profile as profileToJson writes it. */
const toyProfile = () => profileToJson(profileFromJson({ responses: ['a', 'b'], users: [{ weight: '1', ranking: [['a'], ['b']] }] }));
interface Toy {
  readonly x: number;
}
/** The smallest claim keeping the contract: one instance {x: 1}, slack x; each test replaces one part. */
const toy = (over: Partial<Claim<Toy, number>> = {}): Claim<Toy, number> => ({
  id: 'Toy',
  title: 'toy',
  statement: 's',
  latex: 'l',
  rule: 'uniform',
  expect: 'holds',
  defaultRuns: 1,
  compares: 'c',
  arbitrary: () => fc.constant({ x: 1 }),
  evidence: (i) => i.x,
  judge: (_i, e) => verdict(frac(e), {}),
  check: (i) => verdict(frac(i.x), {}),
  size: () => ({ n: 2, users: 1, prompts: 1 }),
  toJson: (i) => ({ profile: toyProfile(), x: i.x }),
  fromJson: (j) => ({ x: (j as { x: number }).x }),
  ...over,
});
const guarded = (over: Partial<Claim<Toy, number>> = {}, o: GuardOptions = {}) => guardClaim(toy(over), 'm.mjs', o);
const ONE_X: Toy = { x: 1 };
/** The message of the ClaimModuleError f throws, or 'accepted'. */
const thrown = (f: () => unknown): string => {
  const e = thrownBy(f);
  if (e === undefined) return 'accepted';
  expect(e).toBeInstanceOf(ClaimModuleError);
  return (e as Error).message;
};
const M = 'claim module m.mjs: claim Toy: ';
const NOT_VERDICT = 'not a verdict { ok, slack, certificate } (build it with verdict(slack, certificate))';
const NOT_FRACTION = 'not a Fraction: slacks are exact (frac(p, q), geq, eqSlack, …)';

describe('ClaimModuleError', () => {
  it('is named ClaimModuleError and says "claim module <path>: <problem>"', () => {
    const e = new ClaimModuleError('x.mjs', 'p');
    expect([e.name, e.message, e.module, e.problem, String(e)]).toEqual(['ClaimModuleError', 'claim module x.mjs: p', 'x.mjs', 'p', 'ClaimModuleError: claim module x.mjs: p']);
  });
});

describe('claimShapeProblem: the exact message for each breach', () => {
  const { id: _id, title: _title, ...noIdTitle } = T1;
  it.each<[string, unknown, string | null]>([
    ['every missing field, listed', noIdTitle, 'the claim has no "id", "title"'],
    ['an unknown field like no known one (no suggestion)', { ...T1, zzzzzzzz: 1 }, 'the claim has an unknown field "zzzzzzzz"'],
    ['a Fraction as text', { ...T1, title: frac(1, 2) }, '"title" is the Fraction 1/2, not a non-empty string'],
    ['a Promise as text', { ...T1, title: { then: () => undefined } }, '"title" is a Promise, not a non-empty string'],
    ['null as text', { ...T1, title: null }, '"title" is null, not a non-empty string'],
    ['a number as text', { ...T1, statement: 5 }, '"statement" is 5, not a non-empty string'],
    ['blank text', { ...T1, latex: ' \t' }, '"latex" is " \\t", not a non-empty string'],
    ['a function as text', { ...T1, rule: () => 'x' }, '"rule" is a function, not a non-empty string'],
    ['an unknown expectation', { ...T1, expect: 'maybe' }, '"expect" is "maybe": it must be "holds" or "refuted"'],
    ['defaultRuns 1 (the least allowed)', { ...T1, defaultRuns: 1 }, null],
  ])('%s', (_name, claim, message) => {
    expect(claimShapeProblem(claim)).toBe(message);
  });
});

describe('jsonProblem, jsonDifference: exact places and words', () => {
  /** n arrays around 0: the 0 sits at depth n. */
  const nest = (n: number): unknown => (n === 0 ? 0 : [nest(n - 1)]);
  it('nesting: depth 64 is allowed, 65 is not (a cyclic array is caught)', () => {
    expect(jsonProblem(nest(64))).toBeNull();
    expect(jsonProblem(nest(65))).toBe('$[0][0][0][0][0][0][0][0]…[0][0][0][0] (depth 65): nested more than 64 deep (a cycle?)');
    const cyc: unknown[] = [];
    cyc.push(cyc);
    expect(jsonProblem(cyc)).toMatch(/^\$\[0\].*: nested more than 64 deep \(a cycle\?\)$/);
  });
  it.each<[string, unknown, string | null]>([
    ['a BigInt', { x: 3n }, '$.x: a BigInt (write it as a string)'],
    ['a function', { f: () => 1 }, '$.f: a function is not JSON'],
    ['a symbol', { s: Symbol('q') }, '$.s: a symbol is not JSON'],
    ['a Promise', { p: Promise.resolve(1) }, '$.p: a Promise is not plain JSON'],
    ['an object whose prototype has no constructor', { c: Object.create(Object.create(null) as object) as object }, '$.c: a class object is not plain JSON'],
    ['a Fraction of another copy of fraction.js', { q: { s: 1n, n: 1n, d: 2n, toFraction: () => '1/2' } }, '$.q: a Fraction (write exact values as x.toFraction())'],
    ['a null-prototype object (plain: its fields are checked)', { o: Object.assign(Object.create(null) as object, { a: 1 }) }, null],
    ['a float inside a null-prototype object', { o: Object.assign(Object.create(null) as object, { a: 0.5 }) }, '$.o.a: the number 0.5 is not exact (write exact values as "p/q" strings)'],
  ])('%s', (_name, v, message) => {
    expect(jsonProblem(v)).toBe(message);
  });
  it('a key of the first value missing in the second is named with its full path', () => {
    expect(jsonDifference({ o: { a: 1, b: 2 } }, { o: { a: 1 } })).toBe('$.o.b (present in one, missing in the other)');
  });
});

describe('guardClaim: exact breaches', () => {
  it('accepts the toy claim', () => {
    const g = guarded();
    expect([g.check(ONE_X), g.judge(ONE_X, g.evidence(ONE_X)), g.size(ONE_X), g.toJson(ONE_X)]).toEqual([
      verdict(frac(1), {}),
      verdict(frac(1), {}),
      { n: 2, users: 1, prompts: 1 },
      { profile: toyProfile(), x: 1 },
    ]);
  });

  it('reads a slack of another copy of fraction.js (same fields s, n, d, toFraction) as its value s·n/d', () => {
    const foreign = { s: -1n, n: 3n, d: 4n, toFraction: () => '-3/4' };
    const v = guarded({ check: () => ({ ok: false, slack: foreign as unknown as Fraction, certificate: {} }) }).check(ONE_X);
    expect([v.slack instanceof Fraction, v.slack.toFraction(), v.ok]).toEqual([true, '-3/4', false]);
  });

  it.each<[string, unknown, string]>([
    ['a denominator 0', { s: 1n, n: 1n, d: 0n, toFraction: () => '1/0' }, 'an object with keys "s", "n", "d", "toFraction"'],
    ['no toFraction', { s: 1n, n: 1n, d: 2n }, 'an object with keys "s", "n", "d"'],
    ['null', null, 'null'],
    ['nothing', undefined, 'nothing'],
  ])('rejects a slack that looks like a Fraction but is not: %s', (_name, slack, shown) => {
    expect(thrown(() => guarded({ check: () => ({ ok: true, slack: slack as Fraction, certificate: {} }) }).check(ONE_X))).toBe(`${M}check returned a slack that is ${shown}, ${NOT_FRACTION}`);
  });

  it('answers that are not values', () => {
    expect(thrown(() => guarded({ check: () => Promise.resolve(verdict(ZERO, {})) as never }).check(ONE_X))).toBe(`${M}check returned a Promise: a claim's functions are synchronous`);
    expect(thrown(() => guarded({ check: () => null as never }).check(ONE_X))).toBe(`${M}check returned null, ${NOT_VERDICT}`);
    expect(thrown(() => guarded({ judge: () => null as never }).judge(ONE_X, 1))).toBe(`${M}judge returned null, ${NOT_VERDICT}`);
    expect(thrown(() => guarded({ check: () => ({ ok: true, slack: ZERO, certificate: 5 as never }) }).check(ONE_X))).toBe(`${M}check returned a certificate that is 5, not an object {name: value}`);
    // evidence is free-form: nothing, a number or a function pass through unchanged.
    const f = () => 1;
    expect([guarded({ evidence: () => undefined as never }).evidence(ONE_X), guarded({ evidence: () => 7 }).evidence(ONE_X), guarded({ evidence: () => f as never }).evidence(ONE_X)]).toEqual([undefined, 7, f]);
  });

  it('a ClaimModuleError thrown inside passes unchanged; any other throw is named with the function', () => {
    expect(thrown(() => guarded({ check: () => { throw new ClaimModuleError('x.mjs', 'p'); } }).check(ONE_X))).toBe('claim module x.mjs: p');
    expect(thrown(() => guarded({ size: () => { throw new Error('boom'); } }).size(ONE_X))).toBe(`${M}size threw: boom`);
    expect(thrown(() => guarded({ arbitrary: () => { throw new TypeError('nope'); } }).arbitrary())).toBe(`${M}arbitrary threw: TypeError: nope`);
  });

  it('arbitrary must return a fast-check Arbitrary (an object with generate and shrink)', () => {
    const fn = () => undefined;
    const cases: [unknown, string][] = [
      [null, 'null'],
      [{ shrink: fn }, 'an object with key "shrink"'],
      [{ generate: fn }, 'an object with key "generate"'],
      [Object.assign(() => 0, { generate: fn, shrink: fn }), 'a function'],
    ];
    for (const [a, shown] of cases) expect(thrown(() => guarded({ arbitrary: () => a as never }).arbitrary())).toBe(`${M}arbitrary() returned ${shown}, not a fast-check Arbitrary`);
    const arb = fc.constant(ONE_X);
    expect(guarded({ arbitrary: () => arb }).arbitrary()).toBe(arb);
  });

  it('sizes: k and ell optional, n ≥ 1, model one of the user models', () => {
    const size = (s: unknown) => thrown(() => guarded({ size: () => s as never }).size(ONE_X));
    expect(size({ n: 2, users: 1, prompts: 1 })).toBe('accepted');
    expect(size({ n: 2, users: 1, prompts: 1, k: 1, ell: 1, model: 'luce' })).toBe('accepted');
    expect(size(5)).toBe(`${M}size returned 5, not { n, users, prompts, k?, ell?, model? }`);
    expect(size({ n: 0, users: 1, prompts: 1 })).toBe(`${M}size returned "n": 0, not an integer ≥ 1`);
    expect(size({ n: 2, users: 1, prompts: 1, model: 'bogus' })).toBe(`${M}size returned "model": "bogus", not one of "weak-orders", "luce", "mixed"`);
  });

  it('JSON forms: an object, its "profile" a profile written as profileToJson writes it', () => {
    const json = (j: unknown) => thrown(() => guarded({ toJson: () => j as never }).toJson(ONE_X));
    expect(json(5)).toBe(`${M}toJson returned 5, not an instance object {"profile", …}`);
    expect(json({ profile: 'x', x: 1 })).toBe(`${M}toJson's "profile" is not a profile: InputError: profile: $: expected a profile {"responses", "users"}, got "x"`);
    const reordered = Object.fromEntries(Object.entries(toyProfile() as Record<string, unknown>).reverse());
    expect(profileToJson(profileFromJson(reordered))).toEqual(toyProfile()); // readable, only its key order differs
    expect(json({ profile: reordered, x: 1 })).toBe(`${M}toJson's "profile" is not written as profileToJson writes it (at $.profile (the order of its keys)): write it with profileToJson`);
  });

  it('the time of a check against --claim-timeout: the limit itself is allowed, more is a breach (clock stubbed)', () => {
    const timed = (timeoutMs: number, t0: number, t1: number) => {
      const times = [t0, t1];
      const now = vi.spyOn(performance, 'now').mockImplementation(() => times.shift() ?? t1);
      try {
        return thrown(() => guarded({}, { timeoutMs }).check(ONE_X));
      } finally {
        now.mockRestore();
      }
    };
    expect(timed(500, 1000, 1500)).toBe('accepted');
    expect(timed(400, 1000, 1500)).toBe(`${M}a check took 0.500 s, over the limit of 0.4 s per instance (--claim-timeout)`);
  });
});

describe('checkClaimBehaviour: exact breaches on the first instance', () => {
  const behave = (c: Claim, o: { seed: number; maxK?: number } = { seed: SEED }) => thrown(() => checkClaimBehaviour(c, 'm.mjs', o));

  it('accepts the toy claim', () => {
    expect(behave(guarded())).toBe('accepted');
  });

  it('draws the first instance with the seed, one sample only, and passes maxK only when given', () => {
    const drawn: number[] = [];
    const seen: (ArbOptions | undefined)[] = [];
    const c = guarded({
      arbitrary: (o) => {
        seen.push(o);
        return fc.integer().map((n) => {
          drawn.push(n);
          return ONE_X;
        });
      },
    });
    expect([behave(c, { seed: 42, maxK: 3 }), behave(c, { seed: 42 })]).toEqual(['accepted', 'accepted']);
    const [expected] = fc.sample(fc.integer(), { seed: 42, numRuns: 1 });
    expect(drawn).toEqual([expected, expected]);
    expect(seen).toStrictEqual([{ maxK: 3 }, {}]);
    expect(Object.keys(seen[1] as object)).toEqual([]);
  });

  it('a generator that throws: a breach; a ClaimModuleError from it passes unchanged', () => {
    const gen = (e: Error) => guarded({ arbitrary: () => fc.constant(0).map((): Toy => { throw e; }) });
    expect(behave(gen(new Error('gen')))).toBe(`${M}its generator threw: gen`);
    expect(behave(gen(new ClaimModuleError('inner.mjs', 'p')))).toBe('claim module inner.mjs: p');
  });

  it('check must give the same verdict twice: ok and certificate compared', () => {
    let n = 0;
    // Unguarded: the ok of two answers with the same slack is compared too.
    expect(behave(toy({ check: () => ({ ok: n++ % 2 === 0, slack: ZERO, certificate: {} }) }))).toBe(`${M}check is not deterministic: two checks of the first instance differ at $.ok (true against false)`);
    let m = 0;
    expect(behave(guarded({ check: () => verdict(ZERO, { n: m++ }) }))).toBe(`${M}check is not deterministic: two checks of the first instance differ at $.certificate.n (0 against 1)`);
  });

  it('fromJson failing on what toJson wrote, after the guard\'s own round trip passed', () => {
    let calls = 0;
    const late = guarded({
      fromJson: (j) => {
        if (calls++ > 0) throw new Error('late');
        return { x: (j as { x: number }).x };
      },
    });
    expect(behave(late)).toBe(`${M}fromJson cannot read what toJson wrote: late`);
  });

  it('the instance read back from its JSON must have the same verdict', () => {
    // toJson drops x, fromJson reads x = 0: the JSON round-trips, the verdict does not.
    const lossy = guarded({ toJson: () => ({ profile: toyProfile() }), fromJson: () => ({ x: 0 }) });
    expect(behave(lossy)).toBe(`${M}the first instance read back from its JSON has another verdict (at $.slack ("1" against "0")): toJson or fromJson loses part of the instance`);
  });
});
