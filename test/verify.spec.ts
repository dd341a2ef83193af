// `ualign verify` fails on a deliberately broken U_k with a shrunk, replayable counterexample;
// same seed → same bytes whatever the worker count; shards merge into one report.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { verify } from '../src/report/verify.js';
import { claimById } from '../src/claims/registry.js';
import { setFault } from '../src/winrate/faults.js';
import { mergeReports } from '../src/report/verify.js';
import { InputError } from '../src/model/errors.js';
import { frac } from '../src/exact/rational.js';
import { makePrompt, singlePrompt } from '../src/model/build.js';
import { selfPlay } from '../src/equilibria/dynamics.js';
import { thrownBy } from './helpers/refusal.js';

const BIN = join(__dirname, '..', 'bin', 'ualign.mjs');
const ualign = (args: string[], env: Record<string, string> = {}) => {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, ...env } });
  return { code: r.status, out: r.stdout, err: r.stderr };
};
const tmp = () => mkdtempSync(join(tmpdir(), 'ualign-verify-'));

describe('fault injection', () => {
  it('an off-by-one in U_k makes verify fail with a shrunk counterexample that replays exactly', async () => {
    const { report } = await verify({ claims: 'T0,T2,N3', runs: 100, workers: 0, corpusDir: null, fault: 'uk-off-by-one' });
    expect(report.ok).toBe(false);
    const t0 = report.claims.find((c) => c.id === 'T0')!;
    expect(t0.outcome).toBe('refuted');
    expect(t0.ok).toBe(false);
    expect(t0.path).not.toBeNull();
    const p = t0.counterexample!.profile as { responses: string[]; users: unknown[] };
    expect(p.responses.length).toBe(1); // shrunk all the way: one response, one user type
    expect(p.users.length).toBe(1);
    const T0 = claimById('T0');
    setFault('uk-off-by-one');
    try {
      const v = T0.check(T0.fromJson(t0.counterexample));
      expect(v.ok).toBe(false);
      expect(v.slack.toFraction()).toBe(t0.verdict!.slack);
    } finally {
      setFault(null);
    }
    expect(T0.check(T0.fromJson(t0.counterexample)).ok).toBe(true); // the core is right
  });

  it('CLI: UALIGN_FAULT makes `ualign verify` exit 1; `ualign replay` reproduces it only with the fault', () => {
    const out = tmp();
    const r = ualign(['verify', '--claims', 'T0,N4', '--runs', '50', '--jobs', '0', '--out', out, '--no-corpus'], { UALIGN_FAULT: 'uk-off-by-one' });
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/T0\s+holds\s+refuted/);
    const rep = JSON.parse(readFileSync(join(out, 'verify.json'), 'utf8'));
    expect(rep.ok).toBe(false);
    expect(readFileSync(join(out, 'counterexamples', 'T0.md'), 'utf8')).toMatch(/A positive claim failed/);
    const cx = join(out, 'counterexamples', 'T0.json');
    expect(ualign(['replay', cx], { UALIGN_FAULT: 'uk-off-by-one' }).code).toBe(0);
    const clean = ualign(['replay', cx]);
    expect(clean.code).toBe(1);
    expect(clean.out).toMatch(/NOT a counterexample/);
  });
});

describe('faults in the closed form of U_k and in the Luce kernel are caught by claims that compare it with an independent computation', () => {
  for (const fault of ['uk-tie-worse', 'uk-tie-share', 'luce-sum-short'])
    it(`${fault}: T2, T5 and T6 are refuted with counterexamples that replay only under the fault`, async () => {
      const { report } = await verify({ claims: 'T2,T5,T6', runs: 60, workers: 0, corpusDir: null, fault });
      expect(report.ok).toBe(false);
      for (const id of ['T2', 'T5', 'T6']) {
        const c = report.claims.find((x) => x.id === id)!;
        expect(c.outcome).toBe('refuted');
        const claim = claimById(id);
        const inst = claim.fromJson(JSON.parse(JSON.stringify(c.counterexample)));
        setFault(fault);
        try {
          expect(claim.check(inst).ok).toBe(false);
        } finally {
          setFault(null);
        }
        expect(claim.check(inst).ok).toBe(true);
      }
    });
});

describe('selfPlay().identity compares two independent computations', () => {
  it('it fails under uk-tie-worse and uk-tie-share (Reg_T from the closed form, rob_k(σ_T) from the mixture table)', () => {
    const prompt = makePrompt(['a', 'b', 'c'], [
      { weight: frac(3), tiers: [['a'], ['b', 'c']] },
      { weight: frac(2), tiers: [['c'], ['a']] },
    ]);
    expect(selfPlay(singlePrompt(prompt), 2, { T: 5 }).identity).toBe(true);
    for (const fault of ['uk-tie-worse', 'uk-tie-share']) {
      setFault(fault);
      try {
        expect(selfPlay(singlePrompt(prompt), 2, { T: 5 }).identity).toBe(false);
      } finally {
        setFault(null);
      }
    }
  });
});

describe('coverage and --k-max', () => {
  it('verify.json records per claim the ranges of k, ℓ, n, user types and prompts its instances covered', async () => {
    const { report } = await verify({ claims: 'T0,T6,T7', runs: 80, workers: 0, corpusDir: null });
    const t6 = report.claims.find((c) => c.id === 'T6')!;
    expect(t6.coverage.instances).toBe(80);
    expect(t6.coverage.k!.min).toBe(1);
    expect(t6.coverage.k!.max).toBeGreaterThanOrEqual(8);
    expect(t6.coverage.largeK).toBeGreaterThanOrEqual(8);
    expect(t6.coverage.ell!.max).toBeGreaterThan(2);
    expect(t6.coverage.prompts!.max).toBe(2);
    const t7 = report.claims.find((c) => c.id === 'T7')!;
    expect(t7.coverage.k).toEqual({ min: 1, max: 1 });
    const t0 = report.claims.find((c) => c.id === 'T0')!;
    expect(t0.coverage.ell).toBeNull();
    expect(t0.coverage.n!.max).toBeGreaterThanOrEqual(4);
  });

  it('--k-max bounds (and raises) the k drawn', () => {
    const out = tmp();
    const r = ualign(['verify', '--claims', 'T0,T8', '--runs', '60', '--jobs', '0', '--k-max', '3', '--out', out, '--no-corpus']);
    expect(r.code).toBe(0);
    const rep = JSON.parse(readFileSync(join(out, 'verify.json'), 'utf8'));
    for (const c of rep.claims) expect(c.coverage.k.max).toBeLessThanOrEqual(3);
    const hi = tmp();
    expect(ualign(['verify', '--claims', 'T0', '--runs', '80', '--jobs', '0', '--k-max', '64', '--out', hi, '--no-corpus']).code).toBe(0);
    expect(JSON.parse(readFileSync(join(hi, 'verify.json'), 'utf8')).claims[0].coverage.k.max).toBeGreaterThan(32);
    expect(ualign(['verify', '--k-max', '0']).code).toBe(2);
  });

  it('merged shards add up their coverage', async () => {
    const s1 = await verify({ runs: 20, workers: 0, shard: { index: 1, count: 2 }, claims: 'T8', corpusDir: null });
    const s2 = await verify({ runs: 20, workers: 0, shard: { index: 2, count: 2 }, claims: 'T8', corpusDir: null });
    const m = mergeReports([s1.report, s2.report]);
    const c = m.claims[0].coverage;
    expect(c.instances).toBe(20);
    expect(c.k!.max).toBe(Math.max(s1.report.claims[0].coverage.k!.max, s2.report.claims[0].coverage.k!.max));
  });
});

describe('determinism and shards', () => {
  it('same seed, same bytes, whatever the number of workers', () => {
    const a = tmp();
    const b = tmp();
    const ra = ualign(['verify', '--runs', '30', '--jobs', '0', '--out', a]);
    const rb = ualign(['verify', '--runs', '30', '--jobs', '2', '--out', b]);
    expect(ra.code).toBe(0);
    expect(ra.out).toBe(rb.out);
    for (const f of ['verify.json', 'verify.md', 'counterexamples/N1.json'])
      expect(readFileSync(join(a, f), 'utf8')).toBe(readFileSync(join(b, f), 'utf8'));
  });

  it('shards split the runs deterministically and merge into one report', async () => {
    const s1 = await verify({ runs: 41, workers: 0, shard: { index: 1, count: 2 }, claims: 'T0,T4,N2' });
    const s2 = await verify({ runs: 41, workers: 0, shard: { index: 2, count: 2 }, claims: 'T0,T4,N2' });
    expect(s1.report.shard).toBe('1/2');
    const m = mergeReports([s1.report, s2.report]);
    expect(m.ok).toBe(true);
    const t0 = m.claims.find((c) => c.id === 'T0')!;
    expect(t0.runs).toBe(41);
    expect(m.claims.find((c) => c.id === 'N2')!.outcome).toBe('refuted');
    expect(m.merged).toEqual(['1/2', '2/2']);
    // shards that do not belong together are bad input (exit 2), not an internal error: InputError, not RangeError
    const err = thrownBy(() => mergeReports([s1.report, s1.report], ['a.json', 'b.json']));
    expect(err).toBeInstanceOf(InputError);
    expect((err as Error).message).toBe('merge-reports: a.json and b.json both hold shard 1/2');
  });
});
