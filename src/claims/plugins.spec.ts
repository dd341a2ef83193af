// Plug-in claim modules in this thread (plugins.ts): the path of `--claim` resolved from the given folder,
// the import (cached per thread, under its time limit, every failure one ClaimModuleError line), the id a
// task names, a claim object checked by validateClaim, and the re-check of a stored instance (replay).
import fc from 'fast-check';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { InputError } from '../model/errors.js';
import { claimDir, writeClaim } from '../../test/helpers/claims.js';
import { SEED } from '../../test/helpers/fc.js';
import { ClaimModuleError, claimInfo } from './contract.js';
import { ClaimModuleRef, InstanceReadError, claimModuleRef, importClaim, pluginClaim, recheck, validateClaim } from './plugins.js';
import { T1 } from './t1.js';
import { Claim } from './types.js';
import { thrownBy } from '../../test/helpers/refusal.js';

/** Real timers, captured before any test fakes them: the polls below wait in real time. */
const realSetTimeout = globalThis.setTimeout;
const sleep = (ms: number) => new Promise<void>((r) => realSetTimeout(r, ms));

type Outcome = { ok: unknown } | { error: string; kind: string } | 'pending';

/** How `p` settled, polled in real time for at most `boundMs` (only a promise that never settles uses the bound). */
async function outcome(p: Promise<unknown>, boundMs = 2000): Promise<Outcome> {
  let o: Outcome = 'pending';
  p.then(
    (v) => (o = { ok: v }),
    (e: unknown) => (o = { error: e instanceof Error ? e.message : String(e), kind: e instanceof Error ? e.constructor.name : typeof e }),
  );
  for (let waited = 0; o === 'pending' && waited < boundMs; waited += 5) await sleep(5);
  return o;
}

/** A module written verbatim, with a name no other test imports (importClaim caches per URL). */
let modules = 0;
function rawModule(text: string): { dir: string; path: string; ref: ClaimModuleRef } {
  const dir = claimDir();
  const path = join(dir, `raw-${++modules}.mjs`);
  writeFileSync(path, text);
  return { dir, path, ref: { path, url: pathToFileURL(path).href } };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('claimModuleRef: the path of --claim, resolved from cwd', () => {
  it('an empty or blank path is an InputError asking for the path', () => {
    for (const p of ['', '   ']) {
      const err = thrownBy(() => claimModuleRef(p, claimDir()));
      // exactly InputError (not a ClaimModuleError about the folder the blank path resolves to)
      expect(err).toBeInstanceOf(InputError);
      expect(err).not.toBeInstanceOf(ClaimModuleError);
      expect((err as Error).message).toBe('--claim needs the path of a claim module');
    }
  });

  it('a missing file names the path as given and the folder it was resolved from; a folder is not a file', () => {
    const dir = claimDir();
    mkdirSync(join(dir, 'sub'));
    expect(() => claimModuleRef('./nope.mjs', dir)).toThrow(new ClaimModuleError('./nope.mjs', `no such file (resolved from ${dir})`));
    expect(() => claimModuleRef('./nope.mjs', dir)).toThrow(`claim module ./nope.mjs: no such file (resolved from ${dir})`);
    expect(() => claimModuleRef('sub', dir)).toThrow('claim module sub: not a file');
  });

  it('an existing file: the path as given and the file URL of the resolved path', () => {
    const dir = claimDir();
    writeFileSync(join(dir, 'c.mjs'), 'export default 1;\n');
    expect(claimModuleRef('./c.mjs', dir)).toEqual({ path: './c.mjs', url: pathToFileURL(join(dir, 'c.mjs')).href });
    expect(claimModuleRef(join(dir, 'c.mjs'), '/')).toEqual({ path: join(dir, 'c.mjs'), url: pathToFileURL(join(dir, 'c.mjs')).href });
  });
});

describe('importClaim: the import, once per thread, under its time limit', () => {
  it('a module that throws while loading: "cannot load" with the first line of its error', async () => {
    const m = rawModule("throw new Error('boom at load\\nsecond line');\n");
    expect(await outcome(importClaim(m.ref))).toEqual({ error: `claim module ${m.path}: cannot load (boom at load)`, kind: 'ClaimModuleError' });
  });

  it('under a time limit, a failed import is reported when it fails, not when the limit runs out', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const m = rawModule("throw new Error('early\\nmore');\n");
    // the fake limit never runs out: the answer can only come from the import itself
    expect(await outcome(importClaim(m.ref, 60_000))).toEqual({ error: `claim module ${m.path}: cannot load (early)`, kind: 'ClaimModuleError' });
    expect(vi.getTimerCount()).toBe(0); // the limit's timer is cleared
  });

  it('under a time limit, a loaded module is checked as soon as it loads (its default export, not {})', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const m = rawModule('export default 42;\n');
    expect(await outcome(importClaim(m.ref, 60_000))).toEqual({
      error: `claim module ${m.path}: the default export is 42, not a claim object { id, title, statement, … }`,
      kind: 'ClaimModuleError',
    });
    expect(vi.getTimerCount()).toBe(0);
  });

  it('a module that never finishes loading: after the limit, one line naming it in seconds; later calls get the same answer', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const m = rawModule('await new Promise(() => {});\nexport default 1;\n');
    const p = importClaim(m.ref, 1500);
    p.catch(() => {});
    await vi.advanceTimersByTimeAsync(1500);
    const late = { error: `claim module ${m.path}: did not finish loading within 1.5 s (--claim-timeout)`, kind: 'ClaimModuleError' };
    // the limit ran out: the rejection follows at once (no I/O left to wait for)
    expect(await outcome(p, 200)).toEqual(late);
    // cached per thread: the same promise, already rejected, whatever limit the next call gives
    const again = importClaim(m.ref);
    expect(again).toBe(p);
    expect(await outcome(again, 50)).toEqual(late);
  });

  it('a claim module keeping the contract: its claim, the same object on every import', async () => {
    const dir = claimDir();
    const ref = claimModuleRef(writeClaim(dir, 'good'));
    const c = await importClaim(ref);
    expect(claimInfo(c)).toMatchObject({ id: 'tiny', title: 'uniform cap', rule: 'uniform', expect: 'holds', defaultRuns: 30 });
    expect(await importClaim(ref, 60_000)).toBe(c);
  });
});

describe('pluginClaim: the id a task names must be the claim\'s id', () => {
  it('no id or the same id: the guarded claim; another id: one line with both ids', async () => {
    const dir = claimDir();
    const path = writeClaim(dir, 'named');
    const ref = claimModuleRef(path);
    expect((await pluginClaim(ref)).id).toBe('tiny');
    expect((await pluginClaim(ref, {})).id).toBe('tiny');
    expect((await pluginClaim(ref, { id: 'tiny' })).id).toBe('tiny');
    expect(await outcome(pluginClaim(ref, { id: 'Tiny2' }))).toEqual({
      error: `claim module ${path}: its claim's id is now "tiny", not "Tiny2"`,
      kind: 'ClaimModuleError',
    });
  });
});

describe('validateClaim: a claim object checked as verify --claim checks a default export', () => {
  it('names "(claim object)" when no module is given, the module when it is', () => {
    expect(() => validateClaim(42)).toThrow(new ClaimModuleError('(claim object)', 'the default export is 42, not a claim object { id, title, statement, … }'));
    expect(() => validateClaim(42)).toThrow('claim module (claim object): the default export is 42');
    expect(() => validateClaim(42, { module: 'm.mjs' })).toThrow('claim module m.mjs: the default export is 42');
    expect(validateClaim(T1).id).toBe('T1');
  });
});

describe('recheck: a stored instance read, checked and written back by its claim', () => {
  const inst = () => fc.sample(T1.arbitrary({ maxK: 3 }), { seed: SEED, numRuns: 1 })[0];
  const stored = () => T1.toJson(inst());
  const reading = (fromJson: () => never) => ({ ...T1, fromJson }) as Claim;
  const thrown = (f: () => unknown): unknown => {
    try {
      f();
    } catch (e) {
      return e;
    }
    return 'no throw';
  };

  it('reads the instance with fromJson: the verdict of check and the instance as toJson writes it', () => {
    const v = T1.check(inst());
    const r = recheck(T1 as Claim, stored());
    expect(r).toEqual({ ok: v.ok, slack: v.slack.toFraction(), certificate: JSON.parse(JSON.stringify(v.certificate)), instance: stored() });
    expect(recheck(T1 as Claim, stored(), true)).toEqual(r);
  });

  it('not strict (built-in claims): an InputError of fromJson becomes an InstanceReadError with its message; other errors pass through', () => {
    const input = thrown(() => recheck(reading(() => { throw new InputError('$.k: not an integer\nsecond'); }), stored()));
    expect(input).toBeInstanceOf(InstanceReadError);
    expect((input as Error).name).toBe('InstanceReadError');
    expect((input as Error).message).toBe('$.k: not an integer\nsecond');
    const bug = new RangeError('a bug');
    // the default is not strict: the claim's own error, the very object
    expect(thrown(() => recheck(reading(() => { throw bug; }), stored()))).toBe(bug);
    expect(thrown(() => recheck(reading(() => { throw bug; }), stored(), false))).toBe(bug);
  });

  it('strict (plug-in claims): every error of fromJson is an InstanceReadError naming the claim and the first line', () => {
    for (const e of [new RangeError('a bug\nat line 2'), new InputError('a bug\nat line 2')]) {
      const err = thrown(() => recheck(reading(() => { throw e; }), stored(), true));
      expect(err).toBeInstanceOf(InstanceReadError);
      expect((err as Error).name).toBe('InstanceReadError');
      expect((err as Error).message).toBe('claim T1 cannot read it: a bug');
    }
  });
});
