// Who checks the checker of claim modules: the contract's checks (contract.ts) accept a claim that keeps
// it — every built-in claim, over its first instances and counterexamples — and reject each wrong answer
// fed to them: a verdict, size or JSON form that breaks the contract is a ClaimModuleError.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Fraction, frac, ZERO } from '../exact/rational.js';
import { ClaimModuleError, CLAIM_FIELDS, claimShapeProblem, guardClaim, jsonDifference, jsonProblem } from './contract.js';
import { validateClaim } from './plugins.js';
import { CLAIMS } from './registry.js';
import { runClaim } from './run.js';
import { T1 } from './t1.js';
import { Claim, defineClaim, geq, kk1, verdict } from './types.js';
import { PolicyInstance } from './instances.js';
import { SEED } from '../../test/helpers/fc.js';

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
