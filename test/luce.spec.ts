// Every command on Luce and mixed profiles (SPEC §4b), end to end through bin/ualign.mjs.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { frac } from '../src/exact/rational.js';
import { luceTwoCampArb } from '../src/instances/luce.js';
import { LuceType } from '../src/model/types.js';
import { SEED } from './helpers/fc.js';

const BIN = join(__dirname, '..', 'bin', 'ualign.mjs');
const dir = mkdtempSync(join(tmpdir(), 'ualign-luce-'));
const file = (name: string, v: unknown) => {
  const p = join(dir, name);
  writeFileSync(p, typeof v === 'string' ? v : JSON.stringify(v));
  return p;
};
const ualign = (...args: string[]) => {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
};
const json = (...args: string[]) => {
  const r = ualign(...args, '--json');
  expect(r.err).toBe('');
  return { code: r.code, j: JSON.parse(r.out) };
};

const TWO = 'fixtures/profiles/luce-two-camp.json';
const SINGLE = 'fixtures/profiles/luce-single.json';
const MIXED = 'fixtures/profiles/mixed-camps.json';
const deltaA = file('da.json', { a: '1' });

describe('Luce profiles through every command', () => {
  it('winrate and exploitability: δ_a on the two camps is 1 − (3/5)/(1+10k) − (2/5)·10/(10+k) (SPEC §4b)', () => {
    for (const k of [1, 2, 32]) {
      const want = frac(1).sub(frac(3, 5).div(frac(1 + 10 * k))).sub(frac(2, 5).mul(frac(10, 10 + k)));
      const rob = k === 1 ? frac(1, 2) : want;
      const w = json('winrate', '--profile', TWO, '--policy', deltaA, '--k', String(k));
      expect(w.j.robustness).toBe(rob.toFraction());
      const e = json('exploitability', '--profile', TWO, '--policy', deltaA, '--k', String(k));
      expect(frac(k, k + 1).sub(rob).toFraction()).toBe(e.j.exploitability);
    }
    const ell = json('winrate', '--profile', MIXED, '--policy', deltaA, '--k', '3', '--ell', '2');
    expect(ell.code).toBe(0);
  });

  it('nash (+ --all), best-k-output, equilibrium (certified, with box), selfplay, export-nfg', () => {
    const n = json('nash', '--profile', TWO, '--all');
    expect(n.j.condorcetWinner).toBe('a');
    expect(n.j.policies).toEqual([{ a: '1' }]);
    const v = json('best-k-output', '--profile', SINGLE, '--k', '3');
    expect(v.j.value).toBe('3/4');
    const e = json('equilibrium', '--profile', MIXED, '--k', '4');
    expect(e.j.targetMet).toBe(true);
    expect(e.j.box).not.toBeNull();
    const s = json('selfplay', '--profile', TWO, '--k', '4', '--T', '40');
    expect(s.j.identity).toBe(true);
    const nfg = ualign('export-nfg', '--profile', TWO, '--k', '2');
    expect(nfg.code).toBe(0);
    // (b, a, a): player 1 gets 3/5·1/21 + 2/5·10/12 = 38/105 (scale 2100)
    expect(nfg.out.trim().split('\n')[4]).toBe('760 670 670');
  });

  it('check: NLHF falls below k/(k+1) on the Luce two camps at every k ≥ 2 (and the NE does not), k up to 32', () => {
    const out = mkdtempSync(join(dir, 'check-'));
    const r = ualign('check', '--algorithm', 'builtin:nlhf', '--k', '1..32', '--profile', TWO, '--no-fixtures', '--runs', '0', '--out', out, '--json');
    expect(r.code).toBe(1);
    const j = JSON.parse(r.out);
    expect(j.curve).toHaveLength(32);
    for (const c of j.curve) {
      expect(c.meetsTheory).toBe(c.k === 1);
      expect(frac(c.k, c.k + 1).sub(c.ne ? readFrac(c.ne) : frac(0)).lte(frac(1n, 10n ** 30n))).toBe(true);
    }
    expect(readFileSync(join(out, 'check-nlhf.svg'), 'utf8')).toContain('multiplayer NE of G_{k+1}');
  });

  it('check: rlhf-bt fits the single Bradley–Terry user exactly and meets k/(k+1) (δ of the strongest is a pure NE)', () => {
    const out = mkdtempSync(join(dir, 'check-'));
    const r = ualign('check', '--algorithm', 'builtin:rlhf-bt', '--k', '1..6', '--profile', SINGLE, '--no-fixtures', '--runs', '0', '--out', out, '--json');
    expect(r.code).toBe(0);
    for (const c of JSON.parse(r.out).curve) expect(c.robustness).toBe(frac(c.k, c.k + 1).toFraction());
  });

  it('strengths whose sums are too many are refused before the work (exit 2, one line naming the budget)', () => {
    const wide = file('wide.json', { responses: ['a', 'b', 'c', 'd'], users: [{ weight: 1, strengths: { a: '1', b: '1000003', c: '2000029', d: '3000073' } }] });
    const pol = file('u4.json', { a: '1/4', b: '1/4', c: '1/4', d: '1/4' });
    const r = ualign('exploitability', '--profile', wide, '--policy', pol, '--k', '300');
    expect(r.code).toBe(2);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toMatch(/the strength sum of k = 300 draws has more than 1000000 distinct strength sums for one user type, above the budget of 1000000 \(raise it with UALIGN_LUCE_SUMS\)/);
    expect(ualign('exploitability', '--profile', wide, '--policy', pol, '--k', '20').code).toBe(0);
  });

  it('bad strengths: exit 2, one line naming the file and the JSON path', () => {
    const bad = file('bad.json', { responses: ['a', 'b'], users: [{ weight: 1, strengths: { a: '2', b: '0' } }] });
    const r = ualign('nash', '--profile', bad);
    expect(r.code).toBe(2);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toContain('bad.json: $.users[0].strengths.b: strength must be positive');
  });
});

function readFrac(s: string) {
  const [p, q] = s.split('/');
  return frac(BigInt(p), BigInt(q ?? '1'));
}

describe('the two-camp generator', () => {
  it('draws a wide M now and then (strength sums past 2^16 values: the sparse power distribution), other strengths 1 or M', () => {
    const ps = fc.sample(luceTwoCampArb(), { seed: SEED, numRuns: 400 });
    const wide = ps.filter((p) => p.users[0].kind === 'luce' && p.users[0].strengths[0].compare(70000) > 0);
    expect(wide.length).toBeGreaterThan(3);
    for (const p of wide) {
      const M = (p.users[0] as LuceType).strengths[0];
      for (const u of p.users) for (const s of (u as LuceType).strengths) expect(s.equals(1) || s.equals(M)).toBe(true);
    }
  });
});
