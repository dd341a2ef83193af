// The claim engine (run.ts) on small hand-made claims over one integer x: the seed of a claim and shard,
// the corpus share and its consistency, the smallest slack and the coverage (generated runs up to the first
// failure, and the final counterexample), the re-check from JSON, the breach of a plug-in claim's contract,
// the fault option, and what a result records.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { frac } from '../exact/rational.js';
import { activeFault, setFault } from '../winrate/faults.js';
import { ClaimModuleError } from './contract.js';
import { InputError } from '../model/errors.js';
import { CorpusEntry, claimSeed, hashSeed, runClaim, shardRuns } from './run.js';
import { Claim, Expect, Verdict, verdict } from './types.js';
import { thrownBy } from '../../test/helpers/refusal.js';

/** A literal seed: the assertions that check a test can tell the mutants apart depend on it. */
const S = 20260101;

interface Spec {
  readonly id?: string;
  readonly expect?: Expect;
  /** The verdict of x (ok ⇔ slack ≥ 0). */
  readonly check: (x: number) => Verdict;
  readonly arbitrary?: Claim<number>['arbitrary'];
  readonly toJson?: (x: number) => Record<string, unknown>;
  readonly fromJson?: (j: unknown) => number;
}

/** A claim over x ∈ 0..1000 whose every check is logged (in order) in `checked`. */
function claimOf(s: Spec): Claim<number> & { checked: number[] } {
  const checked: number[] = [];
  const check = (x: number) => {
    checked.push(x);
    return s.check(x);
  };
  return {
    checked,
    id: s.id ?? 'X',
    title: 'a test claim',
    statement: 'x is small',
    latex: 'x \\le 0',
    rule: 'any',
    expect: s.expect ?? 'holds',
    defaultRuns: 7,
    compares: 'x with itself',
    arbitrary: s.arbitrary ?? (() => fc.integer({ min: 0, max: 1000 })),
    evidence: (x: number) => x,
    judge: (x: number) => s.check(x),
    check,
    size: (x: number) => ({ k: x, n: 1, users: 1, prompts: 1 }),
    toJson: s.toJson ?? ((x: number) => ({ x })),
    fromJson: s.fromJson ?? ((j: unknown) => (j as { x: number }).x),
  };
}

/** slack = x: every instance holds. */
const always = (x: number) => verdict(frac(x), {});
/** Fails from 500 on: slack x below, −x from 500 (the shrunk counterexample 500 has the largest failing slack). */
const from500 = (x: number) => verdict(frac(x < 500 ? x : -x), {});
const entry = (file: string, claim: string, x: unknown): CorpusEntry => ({ file, claim, counterexample: { x } });
const minOf = (xs: readonly number[]) => Math.min(...xs);

describe('claimSeed and shardRuns (SPEC: a shard i/n with n > 1 hashes "seed:id:i/n", else "seed:id")', () => {
  it('derives the seed of a claim, and of a shard of a sharded run only', () => {
    expect(hashSeed('')).toBe(0x811c9dc5 | 0);
    expect(claimSeed(7, 'T1')).toBe(hashSeed('7:T1'));
    // 1/1 is a full run: the same seed as no shard.
    expect(claimSeed(7, 'T1', { index: 1, count: 1 })).toBe(hashSeed('7:T1'));
    expect(claimSeed(7, 'T1', { index: 2, count: 3 })).toBe(hashSeed('7:T1:2/3'));
    expect(new Set([hashSeed(''), hashSeed('7:T1'), hashSeed('7:T1:2/3')]).size).toBe(3);
  });

  it('splits N runs as ⌊N/n⌋ plus one for the first N mod n shards', () => {
    expect(shardRuns(10)).toBe(10);
    expect(shardRuns(10, { index: 1, count: 1 })).toBe(10);
    expect([1, 2, 3].map((index) => shardRuns(10, { index, count: 3 }))).toEqual([4, 3, 3]);
    // a shard outside 1 ≤ i ≤ n (integers) is refused, not run with a wrong count (0/1 would give N + 1 runs)
    for (const [index, count] of [[0, 1], [2, 1], [1, 0], [4, 3], [1.5, 3], [1, 2.5], [-1, -1]])
      expect(() => shardRuns(10, { index, count })).toThrow(new InputError(`shard ${index}/${count} is not i/n with 1 ≤ i ≤ n`));
    expect(shardRuns(10, { index: 3, count: 3 })).toBe(3);
  });

  it('runs a claim with the seed of its shard', () => {
    const c = claimOf({ check: always });
    expect(runClaim(c, { seed: 7, runs: 3 }).seed).toBe(hashSeed('7:X'));
    expect(runClaim(c, { seed: 7, runs: 3, shard: { index: 2, count: 3 } }).seed).toBe(hashSeed('7:X:2/3'));
  });
});

describe('the result records a plug-in module only when given one', () => {
  it('a built-in run has no module, statement or latex; a plug-in run has all three', () => {
    const c = claimOf({ check: always });
    const keys = ['id', 'title', 'rule', 'expect', 'seed', 'outcome', 'ok', 'runs', 'minSlack', 'path', 'counterexample', 'verdict', 'shrinks', 'corpus', 'error', 'coverage', 'ms'];
    expect(Object.keys(runClaim(c, { seed: S, runs: 3 })).sort()).toEqual([...keys].sort());
    const p = runClaim(c, { seed: S, runs: 3, module: 'm.mjs' });
    expect(Object.keys(p).sort()).toEqual([...keys, 'module', 'statement', 'latex'].sort());
    expect([p.module, p.statement, p.latex]).toEqual(['m.mjs', 'x is small', 'x \\le 0']);
  });

  it('ms is the call’s own wall time: between 0 and the time the caller measured around it', () => {
    for (const check of [always, from500]) {
      const before = performance.now();
      const r = runClaim(claimOf({ check, expect: 'refuted' }), { seed: S, runs: 20 });
      const after = performance.now();
      expect(r.ms).toBeGreaterThanOrEqual(0);
      expect(r.ms).toBeLessThanOrEqual(after - before);
    }
  });
});

describe('the fault option (test only) is set for the run and restored after it', () => {
  it('restores the fault that was active before', () => {
    try {
      setFault(null);
      const seen: (string | null)[] = [];
      const c = claimOf({ check: (x) => (seen.push(activeFault()), always(x)) });
      runClaim(c, { seed: S, runs: 2, fault: 'uk-off-by-one' });
      expect(seen).toEqual(['uk-off-by-one', 'uk-off-by-one']);
      expect(activeFault()).toBe(null);
    } finally {
      setFault(null);
    }
  });

  it('without the option, leaves the fault state alone (a fault the claim itself sets stays set)', () => {
    try {
      setFault(null);
      const c = claimOf({ check: (x) => (setFault('uk-tie-share'), always(x)) });
      runClaim(c, { seed: S, runs: 2 });
      expect(activeFault()).toBe('uk-tie-share');
    } finally {
      setFault(null);
    }
  });
});

describe('the corpus: this claim’s entries, replayed by shard 1 only, counted consistent as stored', () => {
  const corpus = [entry('a.json', 'X', 3), entry('b.json', 'Y', 4), entry('c.json', 'X', 5)];

  it('replays only the entries of this claim, in every run that holds shard 1', () => {
    const c = claimOf({ check: always });
    expect(runClaim(c, { seed: S, runs: 4, corpus }).corpus).toEqual({ replayed: 2, consistent: 2 });
    expect(runClaim(c, { seed: S, runs: 4, corpus, shard: { index: 1, count: 2 } }).corpus).toEqual({ replayed: 2, consistent: 2 });
    expect(runClaim(c, { seed: S, runs: 4, corpus, shard: { index: 2, count: 2 } }).corpus).toEqual({ replayed: 0, consistent: 0 });
    // Corpus entries are replayed before the generated runs (and, for a positive claim, again as fast-check examples).
    expect(c.checked.slice(0, 4)).toEqual([3, 5, 3, 5]);
  });

  it('a positive claim: an entry is consistent when it holds; ok needs all of them', () => {
    const r = runClaim(claimOf({ check: always }), { seed: S, runs: 4, corpus });
    expect([r.outcome, r.ok, r.error]).toEqual(['holds', true, null]);
  });

  it('a negative control: an entry is consistent when it is still refuted', () => {
    const c = claimOf({ expect: 'refuted', check: from500 });
    const good = runClaim(c, { seed: S, runs: 50, corpus: [entry('a.json', 'X', 700)] });
    expect([good.outcome, good.ok, good.corpus]).toEqual(['refuted', true, { replayed: 1, consistent: 1 }]);
    const stale = runClaim(c, { seed: S, runs: 50, corpus: [entry('a.json', 'X', 7), entry('b.json', 'X', 700)] });
    expect([stale.outcome, stale.ok, stale.error, stale.corpus]).toEqual(['refuted', false, null, { replayed: 2, consistent: 1 }]);
  });

  it('a flaky claim whose corpus replay fails but whose run holds is not ok', () => {
    let calls = 0;
    const c = claimOf({ check: (x) => verdict(frac(calls++ === 0 ? -1 : x), {}) });
    const r = runClaim(c, { seed: S, runs: 4, corpus: [entry('a.json', 'X', 3)] });
    expect([r.outcome, r.ok, r.corpus]).toEqual(['holds', false, { replayed: 1, consistent: 0 }]);
  });

  it('an entry fromJson cannot read is an error naming its file (the first one), not a replayed instance', () => {
    const c = claimOf({
      expect: 'refuted',
      check: from500,
      fromJson: (j) => {
        const x = (j as { x: unknown }).x;
        if (typeof x !== 'number') throw new TypeError(`x is ${String(x)}`);
        return x;
      },
    });
    const r = runClaim(c, { seed: S, runs: 50, corpus: [entry('a.json', 'X', 'p'), entry('b.json', 'X', 'q'), entry('c.json', 'X', 800)] });
    // The generated runs still refute it: the outcome is as expected, but the error makes the result not ok.
    expect([r.outcome, r.ok, r.error, r.corpus]).toEqual(['refuted', false, 'corpus a.json: x is p', { replayed: 1, consistent: 1 }]);
  });

  it('a contract breach while reading an entry is thrown as it is', () => {
    const breach = new ClaimModuleError('m.mjs', 'fromJson broke');
    const c = claimOf({
      check: always,
      fromJson: () => {
        throw breach;
      },
    });
    const thrown = thrownBy(() => runClaim(c, { seed: S, runs: 4, corpus: [entry('a.json', 'X', 1)] }));
    expect(thrown).toBe(breach);
  });
});

describe('runs: generated instances, plus the corpus examples a negative control replays outside fast-check', () => {
  it('a negative control that is never refuted counts its runs and its corpus, and is not ok', () => {
    const c = claimOf({ expect: 'refuted', check: always });
    const r = runClaim(c, { seed: S, runs: 10, corpus: [entry('a.json', 'X', 1), entry('b.json', 'X', 2)] });
    expect([r.outcome, r.ok, r.runs, r.corpus]).toEqual(['holds', false, 12, { replayed: 2, consistent: 0 }]);
    const bare = runClaim(c, { seed: S, runs: 10 });
    expect([bare.outcome, bare.ok, bare.runs, bare.corpus]).toEqual(['holds', false, 10, { replayed: 0, consistent: 0 }]);
  });

  it('a positive claim’s corpus examples run inside fast-check and are counted there once', () => {
    const c = claimOf({ check: always });
    const r = runClaim(c, { seed: S, runs: 10, corpus: [entry('a.json', 'X', 1), entry('b.json', 'X', 2)] });
    expect([r.outcome, r.ok, r.runs]).toEqual(['holds', true, 10]);
    // 2 replays + 10 fast-check runs (the 2 examples among them).
    expect(c.checked.length).toBe(12);
  });
});

describe('maxK reaches the generator only when given', () => {
  it('passes { maxK } or nothing', () => {
    const got: unknown[] = [];
    const c = claimOf({ check: always, arbitrary: (o) => (got.push(o), fc.integer({ min: 0, max: 9 })) });
    runClaim(c, { seed: S, runs: 1 });
    runClaim(c, { seed: S, runs: 1, maxK: 3 });
    expect(got).toStrictEqual([{}, { maxK: 3 }]);
  });
});

describe('minSlack and coverage: the generated runs up to the first failure, and the final counterexample', () => {
  it('a claim that holds: the smallest slack over all runs; every run covered', () => {
    const c = claimOf({ check: always });
    const r = runClaim(c, { seed: S, runs: 30 });
    expect(c.checked.length).toBe(30);
    // The last run is not the smallest one, so "the last slack" would differ.
    expect(c.checked[29]).not.toBe(minOf(c.checked));
    expect(r.minSlack).toBe(String(minOf(c.checked)));
    expect(r.coverage.instances).toBe(30);
    expect(r.coverage.k).toEqual({ min: minOf(c.checked), max: Math.max(...c.checked) });
  });

  it('a refuted claim: coverage stops at the first failure; minSlack is that failure’s slack when it is the smallest', () => {
    const c = claimOf({ expect: 'refuted', check: from500 });
    const r = runClaim(c, { seed: S, runs: 100 });
    const first = c.checked.findIndex((x) => x >= 500);
    const upTo = c.checked.slice(0, first + 1);
    expect(first).toBeGreaterThanOrEqual(0);
    expect(c.checked.length).toBeGreaterThan(first + 2); // fast-check shrank after the failure
    expect([r.outcome, r.ok, r.counterexample]).toEqual(['refuted', true, { x: 500 }]);
    expect(c.checked[first]).toBeGreaterThan(500);
    // The first failure −x₀ is below the shrunk counterexample's −500.
    expect(r.minSlack).toBe(String(-c.checked[first]));
    expect(r.verdict).toEqual({ slack: '-500', certificate: {} });
    expect(r.coverage.instances).toBe(first + 1);
    expect(r.coverage.k).toEqual({ min: minOf(upTo), max: Math.max(...upTo) });
  });

  it('a refuted claim: minSlack is the final counterexample’s slack when that is the smallest', () => {
    // Failing slack −(1001 − x): the shrunk 500 has −501, below the first failure's.
    const c = claimOf({ expect: 'refuted', check: (x) => verdict(frac(x < 500 ? x : x - 1001), {}) });
    const r = runClaim(c, { seed: S, runs: 100 });
    const first = c.checked.find((x) => x >= 500)!;
    expect(first).toBeGreaterThan(500);
    expect([r.outcome, r.counterexample, r.minSlack]).toEqual(['refuted', { x: 500 }, '-501']);
  });

  it('the instances fast-check tries while shrinking do not count', () => {
    // A stored counterexample 1000 of a positive claim fails first; shrinking passes through failing x
    // with slack −x (e.g. 500), but the minimum is over 1000 (slack −1) and the shrunk 50 (slack −1).
    const check = (x: number) => verdict(frac(x < 50 ? x : x === 50 || x === 1000 ? -1 : -x), {});
    const c = claimOf({ check });
    const r = runClaim(c, { seed: S, runs: 20, corpus: [entry('a.json', 'X', 1000)] });
    expect(c.checked.some((x) => x > 50 && x < 1000)).toBe(true);
    expect([r.outcome, r.ok, r.counterexample, r.minSlack, r.coverage.instances]).toEqual(['refuted', false, { x: 50 }, '-1', 1]);
  });

  it('a check that always throws: the result is an error with no slack at all', () => {
    const c = claimOf({
      expect: 'refuted',
      check: () => {
        throw new Error('boom');
      },
    });
    const r = runClaim(c, { seed: S, runs: 5 });
    expect([r.outcome, r.ok, r.minSlack, r.verdict, r.error]).toEqual(['error', false, null, null, 're-check failed: boom']);
  });
});

describe('the re-check of the shrunk counterexample from its JSON', () => {
  // toJson forgets x: the JSON reads back as 0, which holds.
  const lossy = () => claimOf({ expect: 'refuted', check: from500, toJson: () => ({ x: 0 }) });

  it('a built-in claim whose JSON does not reproduce the counterexample is an error', () => {
    const r = runClaim(lossy(), { seed: S, runs: 50 });
    expect([r.outcome, r.ok, r.error, r.verdict]).toEqual(['error', false, 're-check from JSON does not reproduce the counterexample', { slack: '0', certificate: {} }]);
  });

  it('a plug-in claim whose JSON does not reproduce the counterexample breaks the contract', () => {
    expect(() => runClaim(lossy(), { seed: S, runs: 50, module: 'm.mjs' })).toThrow(
      new ClaimModuleError('m.mjs', 'claim X: its counterexample read back from its own JSON is no counterexample (slack 0): toJson or fromJson loses part of the instance'),
    );
  });

  const unreadable = (e: Error) =>
    claimOf({
      expect: 'refuted',
      check: from500,
      toJson: () => {
        throw e;
      },
    });

  it('a built-in claim whose re-check throws is an error with the whole message', () => {
    const r = runClaim(unreadable(new Error('no json\nat line 2')), { seed: S, runs: 50 });
    expect([r.outcome, r.ok, r.error, r.counterexample, r.verdict]).toEqual(['error', false, 're-check failed: no json\nat line 2', null, null]);
  });

  it('a plug-in claim whose re-check throws breaks the contract (first line of the message)', () => {
    const thrown = thrownBy(() => runClaim(unreadable(new Error('no json\nat line 2')), { seed: S, runs: 50, module: 'm.mjs' }));
    expect(thrown).toBeInstanceOf(ClaimModuleError);
    expect((thrown as Error).message).toBe("claim module m.mjs: claim X: fromJson cannot read its counterexample's JSON: no json");
  });

  it('a contract breach during the re-check is thrown as it is', () => {
    const breach = new ClaimModuleError('m.mjs', 'toJson broke');
    const thrown = thrownBy(() => runClaim(unreadable(breach), { seed: S, runs: 50 }));
    expect(thrown).toBe(breach);
  });
});

describe('a plug-in claim: generator errors and contract breaches are ClaimModuleErrors', () => {
  it('a generator that throws names the claim and the first line of the error', () => {
    const c = claimOf({
      check: always,
      arbitrary: () =>
        fc.integer().map(() => {
          throw new Error('gen broke\nat line 2');
        }),
    });
    const thrown = thrownBy(() => runClaim(c, { seed: S, runs: 3, module: 'm.mjs' }));
    expect(thrown).toBeInstanceOf(ClaimModuleError);
    expect((thrown as Error).message).toBe('claim module m.mjs: claim X: its generator threw: gen broke');
  });

  it('the first breach is thrown; after it nothing is checked, and its shrinks pass at once', () => {
    // SPEC (run.ts): a breach fails the instance once, then every shrink passes at once. So the run stops
    // at the breaching instance (no more generated instances), fast-check walks that instance's shrink
    // candidates once (each passes: none is shrunk further), and the breach itself is thrown.
    const breach = new ClaimModuleError('m.mjs', 'the first verdict is wrong');
    const drawn: number[] = [];
    const arb = fc.integer({ min: 0, max: 1000 });
    const c = claimOf({
      // Only the first check breaks the contract: a later one (the re-check from JSON) would pass.
      check: (x) => {
        if (c.checked.length === 1) throw breach;
        return from500(x);
      },
      arbitrary: () => arb.map((x) => (drawn.push(x), x)),
    });
    const thrown = thrownBy(() => runClaim(c, { seed: S, runs: 20, module: 'm.mjs' }));
    expect(thrown).toBe(breach);
    expect(c.checked).toEqual([drawn[0]]);
    const candidates = [...arb.shrink(drawn[0], undefined)].map((v) => v.value);
    expect(candidates.length).toBeGreaterThan(1);
    expect(drawn.slice(1)).toEqual(candidates);
  });
});
