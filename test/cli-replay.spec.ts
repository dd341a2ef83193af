// `ualign replay` recomputes the whole stored verdict: a changed k, rule, expectation, slack or any
// certificate value is "NOT reproduced" (exit 1) and the first differing JSON path is named.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { firstDifference } from '../src/report/replay.js';

const ROOT = join(__dirname, '..');
const BIN = join(ROOT, 'bin', 'ualign.mjs');
const dir = mkdtempSync(join(tmpdir(), 'ualign-replay-'));
const ualign = (...args: string[]) => {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', cwd: ROOT });
  return { code: r.status, out: r.stdout, err: r.stderr };
};
const corpus = (id: string) => JSON.parse(readFileSync(join(ROOT, 'fixtures/counterexamples', `${id}-1.json`), 'utf8')) as Record<string, any>;
const tampered = (name: string, id: string, edit: (r: Record<string, any>) => void): string => {
  const r = corpus(id);
  edit(r);
  const p = join(dir, name);
  writeFileSync(p, JSON.stringify(r, null, 2));
  return p;
};

describe('replay', () => {
  it('the stored corpus reproduces exactly', () => {
    for (const id of ['N1', 'N2', 'N3', 'N4']) {
      const r = ualign('replay', join(ROOT, 'fixtures/counterexamples', `${id}-1.json`));
      expect(r.out).toMatch(/: reproduced\n$/);
      expect(r.code).toBe(0);
    }
  });

  const cases: [string, string, (r: Record<string, any>) => void, RegExp][] = [
    ['k changed in N2 (its claim fixes k = 3)', 'N2', (r) => (r.counterexample.k = 4), /NOT reproduced: \$\.counterexample\.k: stored 4, recomputed 3/],
    ['k changed in N3', 'N3', (r) => (r.counterexample.k = 2), /NOT reproduced: \$\.verdict\.certificate\.value: stored "1\/2", recomputed "2\/3"/],
    ['a certificate value changed', 'N1', (r) => (r.verdict.certificate.epsilon = '1/3'), /NOT reproduced: \$\.verdict\.certificate\.epsilon: stored "1\/3", recomputed "0"/],
    ['a certificate entry removed', 'N2', (r) => delete r.verdict.certificate.bound, /NOT reproduced: \$\.verdict\.certificate\.bound: stored nothing/],
    ['a certificate entry added', 'N4', (r) => (r.verdict.certificate.extra = '1'), /NOT reproduced: \$\.verdict\.certificate\.extra: stored "1", recomputed nothing/],
    ['the slack changed', 'N3', (r) => (r.verdict.slack = '-1/50'), /NOT reproduced: \$\.verdict\.slack: stored "-1\/50", recomputed "-1\/100"/],
    ['the expectation changed', 'N3', (r) => (r.expect = 'holds'), /NOT reproduced: \$\.expect: stored "holds", recomputed "refuted"/],
    ['a key the claim does not read', 'N1', (r) => (r.counterexample.ell = 2), /NOT reproduced: \$\.counterexample\.ell: stored 2, recomputed nothing/],
    [
      'an instance that is no counterexample',
      'N2',
      (r) => (r.counterexample.profile = { responses: ['a'], users: [{ weight: '1', ranking: [['a']] }] }),
      /N2 \(negative control\): NOT a counterexample any more, slack 1\/100 \(stored -11\/150\): NOT reproduced: \$\.verdict\.slack: stored "-11\/150", recomputed "1\/100"/,
    ],
  ];
  for (const [name, id, edit, re] of cases)
    it(name, () => {
      const r = ualign('replay', tampered(`${name.replace(/\W+/g, '-')}.json`, id, edit));
      expect(r.out).toMatch(re);
      expect(r.code).toBe(1);
      expect(r.err).toBe('');
    });

  it('a verify.json: a changed rule or k of one claim is named by its path; --json gives the difference', () => {
    const report = {
      ok: true,
      seed: 1,
      claims: ['N2', 'N3'].map((id) => {
        const c = corpus(id);
        return { id, title: c.title, rule: 'uniform', expect: 'refuted', outcome: 'refuted', ok: true, runs: 1, minSlack: c.verdict.slack, seed: c.seed, path: c.path, counterexample: c.counterexample, verdict: c.verdict, shrinks: 0, corpus: { replayed: 0, consistent: 0 }, error: null, coverage: { instances: 0, k: null, largeK: 0, ell: null, n: null, users: null, prompts: null, models: { weakOrders: 0, luce: 0, mixed: 0 } } };
      }),
    };
    const p = join(dir, 'verify.json');
    writeFileSync(p, JSON.stringify(report));
    expect(ualign('replay', p).code).toBe(0);
    report.claims[1].rule = 'pairwise';
    writeFileSync(p, JSON.stringify(report));
    const r = ualign('replay', p, '--json');
    expect(r.code).toBe(1);
    const j = JSON.parse(r.out);
    expect(j.ok).toBe(false);
    expect(j.replays[0].reproduced).toBe(true);
    expect(j.replays[1].difference).toEqual({ path: '$.claims[1].rule', stored: '"pairwise"', recomputed: '"uniform"' });
  });

  it('firstDifference compares exact numbers by value and names the first differing path', () => {
    expect(firstDifference({ a: '2/4', b: [1, '3'] }, { a: '1/2', b: [1, 3] }, [])).toBeNull();
    expect(firstDifference({ a: { b: ['x', 'y'] } }, { a: { b: ['x', 'z'] } }, [])).toEqual({ path: '$.a.b[1]', stored: '"y"', recomputed: '"z"' });
    expect(firstDifference([1, 2], [1, 2, 3], ['r'])?.path).toBe('$.r');
    expect(firstDifference({ a: 1 }, { a: 1, b: 2 }, [])).toEqual({ path: '$.b', stored: 'nothing', recomputed: '2' });
  });
});
