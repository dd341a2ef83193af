// Bad input gets one line naming the file and the problem, exit code 2, no stack trace.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const BIN = join(__dirname, '..', 'bin', 'ualign.mjs');
const dir = mkdtempSync(join(tmpdir(), 'ualign-input-'));
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
export const ualign = (...args: string[]) => {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

const good = file('good.json', JSON.stringify({ responses: ['a', 'b', 'c'], users: [{ weight: '11/20', ranking: [['a'], ['b', 'c']] }, { weight: 3, ranking: [['b'], ['a']] }] }));
const goodPolicy = file('pol.json', JSON.stringify({ a: '13/20', b: '7/20' }));

const profileCases: [string, string, RegExp][] = [
  ['malformed.json', '{"responses": ["a", "b"],', /malformed JSON/],
  ['unknown.json', JSON.stringify({ responses: ['a', 'b'], users: [{ weight: 1, ranking: [['a'], ['z']] }] }), /unknown response "z"/],
  ['dup-ranking.json', JSON.stringify({ responses: ['a', 'b'], users: [{ weight: 1, ranking: [['a'], ['a']] }] }), /duplicate response "a"/],
  ['dup-responses.json', JSON.stringify({ responses: ['a', 'a'], users: [{ weight: 1, ranking: [['a']] }] }), /duplicate response "a" in responses/],
  ['zero-weight.json', JSON.stringify({ responses: ['a'], users: [{ weight: 0, ranking: [['a']] }] }), /weight must be positive/],
  ['neg-weight.json', JSON.stringify({ responses: ['a'], users: [{ weight: '-1/2', ranking: [['a']] }] }), /weight must be positive/],
  ['nan-weight.json', JSON.stringify({ responses: ['a'], users: [{ weight: 'NaN', ranking: [['a']] }] }), /\$\.users\[0\]\.weight: expected an exact number.*got "NaN"/],
  ['bad-decimal-weight.json', JSON.stringify({ responses: ['a'], users: [{ weight: '.5', ranking: [['a']] }] }), /expected an exact number.*got "\.5"/],
  ['float-num-weight.json', JSON.stringify({ responses: ['a'], users: [{ weight: 0.5, ranking: [['a']] }] }), /the number 0\.5 is not a safe integer.*"0\.5"/],
  ['empty.json', JSON.stringify({ responses: [], users: [] }), /no responses/],
  ['no-users.json', JSON.stringify({ responses: ['a'], users: [] }), /no users/],
  ['no-prompts.json', JSON.stringify({ prompts: [] }), /no prompts/],
];

describe('bad profiles', () => {
  for (const [name, text, re] of profileCases) {
    it(name, () => {
      const p = file(name, text);
      const r = ualign('winrate', '--profile', p, '--policy', goodPolicy, '--k', '2');
      expect(r.code).toBe(2);
      expect(r.out).toBe('');
      const lines = r.err.trimEnd().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(p);
      expect(lines[0]).toMatch(re);
      expect(r.err).not.toMatch(/\n\s+at /);
    });
  }
});

describe('bad policies and options', () => {
  const cases: [string, string[], RegExp][] = [
    ['sum ≠ 1', ['--policy', file('p1.json', JSON.stringify({ a: '1/2', b: '1/3' })), '--k', '2'], /sum to 5\/6, not exactly 1/],
    ['negative', ['--policy', file('p2.json', JSON.stringify({ a: '3/2', b: '-1/2' })), '--k', '2'], /negative/],
    ['unknown id', ['--policy', file('p3.json', JSON.stringify({ z: 1 })), '--k', '2'], /unknown response "z"/],
    ['float prob', ['--policy', file('p4.json', JSON.stringify({ a: 0.5, b: 0.5 })), '--k', '2'], /\$\.a: the number 0\.5 is not a safe integer/],
    ['k < 1', ['--policy', goodPolicy, '--k', '0'], /--k must be an integer ≥ 1/],
    ['non-integer k', ['--policy', goodPolicy, '--k', '1.5'], /--k must be an integer/],
    ['missing k', ['--policy', goodPolicy], /missing --k/],
    ['bad rule', ['--policy', goodPolicy, '--k', '2', '--rule', 'best'], /unknown rule "best"/],
    ['missing file', ['--policy', join(dir, 'nope.json'), '--k', '2'], /cannot read file/],
    ['unknown option', ['--policy', goodPolicy, '--k', '2', '--kk', '3'], /unknown option --kk/],
  ];
  for (const [name, args, re] of cases) {
    it(name, () => {
      const r = ualign('winrate', '--profile', good, ...args);
      expect(r.code).toBe(2);
      const lines = r.err.trimEnd().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(re);
    });
  }
});

describe('good input', () => {
  it('winrate --json gives the exact documented shape', () => {
    const r = ualign('winrate', '--profile', good, '--policy', goodPolicy, '--k', '2', '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(Object.keys(j)).toEqual(expect.arrayContaining(['k', 'ell', 'rule', 'robustness', 'worstOpponent', 'perOpponent']));
    expect(j.k).toBe(2);
    expect(j.ell).toBe(1);
    expect(j.rule).toBe('uniform');
    for (const v of Object.values(j.perOpponent)) expect(v).toMatch(/^-?\d+(\/\d+)?$/);
  });
  it('PrefLib files load (counts as weights, {a,b} ties)', () => {
    const p = file(
      'e.toi',
      ['# FILE NAME: e.toi', '# DATA TYPE: toi', '# NUMBER ALTERNATIVES: 3', '# ALTERNATIVE NAME 1: a', '# ALTERNATIVE NAME 2: b', '# ALTERNATIVE NAME 3: c', '11: 1,{2,3}', '9: 2,1'].join('\n'),
    );
    const r = ualign('winrate', '--profile', p, '--policy', file('da.json', '{"a": 1}'), '--k', '1', '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    // δ_a against b wins with P(a ≻ b) = 11/20
    expect(j.perOpponent.b).toBe('11/20');
  });
  it('exploitability of the two-camp NE for k = 2 is 0 (SPEC §6)', () => {
    const tc = file('tc.json', JSON.stringify({ responses: ['a', 'b'], users: [{ weight: '11/20', ranking: [['a'], ['b']] }, { weight: '9/20', ranking: [['b'], ['a']] }] }));
    const r = ualign('exploitability', '--profile', tc, '--policy', goodPolicy, '--k', '2', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).exploitability).toBe('0');
    expect(JSON.parse(r.out).robustness).toBe('2/3');
  });
  it('a mixture that states its k needs no --k, and a different --k is refused', () => {
    const tc = file('tc2.json', JSON.stringify({ responses: ['a', 'b'], users: [{ weight: '11/20', ranking: [['a'], ['b']] }, { weight: '9/20', ranking: [['b'], ['a']] }] }));
    const mix = file('mix.json', JSON.stringify({ kind: 'mixture', k: 2, parts: [{ weight: '1/2', policy: { a: '13/20', b: '7/20' } }, { weight: '1/2', policy: { a: '13/20', b: '7/20' } }] }));
    const r = ualign('winrate', '--profile', tc, '--policy', mix, '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).robustness).toBe('2/3');
    const bad = ualign('winrate', '--profile', tc, '--policy', mix, '--k', '3');
    expect(bad.code).toBe(2);
    expect(bad.err.trim()).toBe('ualign winrate: --k 3 but the mixture has k = 2');
  });
  it('--help on every command', () => {
    const top = ualign('--help');
    expect(top.code).toBe(0);
    const names = [...top.out.matchAll(/^ {2}(\S+) {2,}/gm)].map((m) => m[1]);
    expect(names.length).toBeGreaterThan(1);
    for (const n of names) {
      const h = ualign(n, '--help');
      expect(h.code).toBe(0);
      expect(h.out).toContain(`ualign ${n}`);
    }
  });
});
