// Every kind of bad input the CLI handles: one line on stderr (file, JSON path, problem), nothing on
// stdout, no stack trace, and the exit code of the README's table (docs: "Bad input").
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, Run, inProcess, subprocess } from './helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'ualign-bad-'));
const file = (name: string, text: string): string => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
const ualign = (args: string[], env: Record<string, string> = {}): Run => subprocess(args, env, dir);

const TC = join(ROOT, 'fixtures/profiles/two-camp.json');
const NE = join(ROOT, 'fixtures/profiles/two-camp-ne-k2.policy.json');
const FOUR = join(ROOT, 'fixtures/profiles/four-camps.json');
const J = (v: unknown) => JSON.stringify(v);
const prof = (users: unknown[], responses: unknown = ['a', 'b']) => J({ responses, users });
const u = (weight: unknown, ranking: unknown = [['a'], ['b']]) => ({ weight, ranking });
const K = '1000000000';

/** [kind of bad input, arguments (files made on the fly), what the one line must say, exit code] */
export const BAD_INPUTS: [string, () => string[], RegExp, number][] = [
  // ---- JSON text ----
  ['malformed JSON', () => ['nash', '--profile', file('m.json', '{"responses": ["a",')], /m\.json: malformed JSON at line 1, column \d+: unexpected end of file/, 2],
  ['empty file', () => ['nash', '--profile', file('e.json', '')], /e\.json: malformed JSON.*empty/, 2],
  ['trailing comma', () => ['nash', '--profile', file('tc.json', '{"responses": ["a"], "users": [],}')], /malformed JSON.*expected a key/, 2],
  ['number with a leading zero', () => ['nash', '--profile', file('lz.json', prof([{ weight: 1, ranking: [['a']] }]).replace('"weight":1', '"weight":01'))], /leading zero/, 2],
  ['duplicate key', () => ['nash', '--profile', file('dk.json', '{"responses":["a"],"users":[{"weight":1,"weight":2,"ranking":[["a"]]}]}')], /\$\.users\[0\]\.weight: duplicate key/, 2],
  ['nesting deeper than 64 levels (100,000)', () => ['nash', '--profile', file('deep.json', '['.repeat(100000) + ']'.repeat(100000))], /nested deeper than 64 levels/, 2],
  ['a 5 MB string', () => ['nash', '--profile', file('big.json', prof([u('x'.repeat(5_000_000))]))], /\$\.users\[0\]\.weight: a string longer than 1000000 characters/, 2],
  ['a float JSON number', () => ['nash', '--profile', file('f.json', prof([u(0.5)]))], /\$\.users\[0\]\.weight: the number 0\.5 is not a safe integer.*"0\.5"/, 2],
  ['1e400', () => ['nash', '--profile', file('e400.json', prof([u(1)]).replace('"weight":1', '"weight":1e400'))], /the number 1e400 is not a safe integer.*write it as a string.*"1e400"/, 2],
  ['12345678901234567890123 as a JSON number', () => ['nash', '--profile', file('big-int.json', prof([u(1)]).replace('"weight":1', '"weight":12345678901234567890123'))], /the number 12345678901234567890123 is not a safe integer.*"12345678901234567890123"/, 2],
  ['9007199254740993 (2^53 + 1)', () => ['nash', '--profile', file('2p53.json', prof([u(1)]).replace('"weight":1', '"weight":9007199254740993'))], /the number 9007199254740993 is not/, 2],
  // ---- profile shape ----
  ['misspelled key "weigth"', () => ['nash', '--profile', file('weigth.json', J({ responses: ['a', 'b'], users: [{ weigth: '1/10', ranking: [['a'], ['b']] }, { weight: '9/10', ranking: [['b'], ['a']] }] }))], /\$\.users\[0\]: unknown key "weigth" \(did you mean "weight"\?\)/, 2],
  ['missing weight', () => ['nash', '--profile', file('nw.json', J({ responses: ['a'], users: [{ ranking: [['a']] }] }))], /\$\.users\[0\]: missing key "weight"/, 2],
  ['unknown top-level key', () => ['nash', '--profile', file('tl.json', J({ responses: ['a'], users: [u(1, [['a']])], comment: 'x' }))], /\$: unknown key "comment"/, 2],
  ['"prompt" for "prompts"', () => ['nash', '--profile', file('pr.json', J({ prompt: [] }))], /unknown key "prompt" \(did you mean "prompts"\?\)/, 2],
  ['a profile that is an array', () => ['nash', '--profile', file('arr.json', '[1, 2]')], /\$: expected a profile \{"responses", "users"\}, got an array of 2 items/, 2],
  ['ranking not an array', () => ['nash', '--profile', file('rk.json', prof([u(1, 'a')]))], /\$\.users\[0\]\.ranking: expected an array of tiers/, 2],
  ['unknown response in a ranking', () => ['nash', '--profile', file('ur.json', prof([u(1, [['a'], ['c']])]))], /\$\.users\[0\]\.ranking\[1\]: unknown response "c"/, 2],
  ['duplicate response in a ranking', () => ['nash', '--profile', file('dr.json', prof([u(1, [['a'], ['a']])]))], /duplicate response "a" in the ranking/, 2],
  ['duplicate response id', () => ['nash', '--profile', file('did.json', prof([u(1, [['a']])], ['a', 'a']))], /\$\.responses\[1\]: duplicate response "a" in responses/, 2],
  ['empty response id', () => ['nash', '--profile', file('eid.json', prof([u(1, [['a']])], ['a', '']))], /\$\.responses\[1\]: must be a non-empty string/, 2],
  ['empty tier', () => ['nash', '--profile', file('et.json', prof([u(1, [['a'], []])]))], /\$\.users\[0\]\.ranking\[1\]: an empty tier/, 2],
  ['zero weight', () => ['nash', '--profile', file('zw.json', prof([u(0)]))], /\$\.users\[0\]\.weight: a weight must be positive, got 0/, 2],
  ['negative weight', () => ['nash', '--profile', file('negw.json', prof([u('-1/2')]))], /a weight must be positive/, 2],
  ['"NaN" weight', () => ['nash', '--profile', file('nan.json', prof([u('NaN')]))], /expected an exact number.*got "NaN"/, 2],
  ['zero denominator', () => ['nash', '--profile', file('zd.json', prof([u('1/0')]))], /"1\/0" has a zero denominator/, 2],
  ['no responses', () => ['nash', '--profile', file('nr.json', J({ responses: [], users: [] }))], /\$\.responses: no responses/, 2],
  ['no users', () => ['nash', '--profile', file('nu.json', J({ responses: ['a'], users: [] }))], /\$\.users: no users/, 2],
  ['no prompts', () => ['nash', '--profile', file('np.json', J({ prompts: [] }))], /\$\.prompts: no prompts/, 2],
  ['PrefLib: alternative out of range', () => ['nash', '--profile', file('x.soi', '# NUMBER ALTERNATIVES: 2\n1: 1,3\n')], /x\.soi: vote 1 \(line 2\): alternative 3 is not in 1\.\.2/, 2],
  ['missing file', () => ['nash', '--profile', join(dir, 'nope.json')], /nope\.json: cannot read file \(ENOENT\)/, 2],
  ['a folder as the profile', () => ['nash', '--profile', dir], /cannot read file \(EISDIR\)/, 2],
  // ---- policies and models ----
  ['probabilities not summing to 1', () => ['winrate', '--profile', TC, '--policy', file('p1.json', J({ a: '1/2', b: '1/3' })), '--k', '2'], /p1\.json: \$: probabilities sum to 5\/6, not exactly 1/, 2],
  ['negative probability', () => ['winrate', '--profile', TC, '--policy', file('p2.json', J({ a: '3/2', b: '-1/2' })), '--k', '2'], /\$\.b: a probability must not be negative/, 2],
  ['unknown response in a policy', () => ['winrate', '--profile', TC, '--policy', file('p3.json', J({ z: 1 })), '--k', '2'], /\$\.z: unknown response "z"/, 2],
  ['unknown model kind (a mixture spelled differently)', () => ['winrate', '--profile', TC, '--policy', file('p4.json', J({ kind: 'mixture-of-products', parts: [{ weight: 1, policy: { a: 1 } }] })), '--k', '2'], /\$\.kind: unknown model kind "mixture-of-products" \(did you mean "mixture"\?\)/, 2],
  ['unknown key in a mixture', () => ['winrate', '--profile', TC, '--policy', file('p5.json', J({ kind: 'mixture', parts: [{ wieght: 1, policy: { a: 1 } }] })), '--k', '2'], /\$\.parts\[0\]: unknown key "wieght" \(did you mean "weight"\?\)/, 2],
  ['k-output outcomes of different sizes', () => ['winrate', '--profile', TC, '--policy', file('p6.json', J({ kind: 'k-output', outcomes: [{ responses: ['a'], prob: '1/2' }, { responses: ['a', 'b'], prob: '1/2' }] }))], /\$\.outcomes\[1\]\.responses: has 2 responses, the first outcome has 1/, 2],
  ['--k against a k-output model', () => ['winrate', '--profile', TC, '--policy', file('p7.json', J({ kind: 'k-output', outcomes: [{ responses: ['a'], prob: 1 }] })), '--k', '2'], /--k 2 but the k-output model has k = 1/, 2],
  ['a mixture where a policy is needed', () => ['exploitability', '--profile', TC, '--policy', file('p8.json', J({ kind: 'mixture', parts: [{ weight: 1, policy: { a: 1 } }] })), '--k', '2'], /expected a policy \{response id: probability\}, got a mixture model/, 2],
  ['one policy for a two-prompt profile', () => ['winrate', '--profile', file('mp.json', J({ prompts: [JSON.parse(prof([u(1)])), JSON.parse(prof([u(1)]))] })), '--policy', NE, '--k', '2'], /the profile has 2 prompts; give \{"prompts": \[\.\.\.\]\}/, 2],
  // ---- options ----
  ['unknown option', () => ['winrate', '--profile', TC, '--policy', NE, '--kk', '2'], /unknown option --kk \(did you mean --k\?\)/, 2],
  ['repeated option', () => ['winrate', '--profile', TC, '--policy', NE, '--k', '2', '--k', '3'], /--k given twice \("2" and "3"\)/, 2],
  ['stray positional argument', () => ['winrate', '--profile', TC, '--policy', NE, '--k', '2', 'extra'], /unexpected argument "extra"/, 2],
  ['k < 1', () => ['winrate', '--profile', TC, '--policy', NE, '--k', '0'], /--k must be an integer ≥ 1, got "0"/, 2],
  ['non-integer k', () => ['winrate', '--profile', TC, '--policy', NE, '--k', '1.5'], /--k must be an integer, got "1\.5"/, 2],
  ['missing required option', () => ['winrate', '--profile', TC, '--policy', NE], /missing --k/, 2],
  ['unknown rule', () => ['winrate', '--profile', TC, '--policy', NE, '--k', '2', '--rule', 'best'], /unknown rule "best"/, 2],
  ['unknown command', () => ['nashh'], /unknown command "nashh"/, 2],
  ['bad --target', () => ['equilibrium', '--profile', TC, '--k', '2', '--target', '-1'], /--target must be a positive/, 2],
  ['--target too small to read', () => ['equilibrium', '--profile', TC, '--k', '2', '--target', '1e-100000'], /--target "1e-100000": the exponent is too large to read exactly/, 2],
  ['selfplay --eta too large for floats', () => ['selfplay', '--profile', TC, '--k', '2', '--T', '10', '--eta', '1e308'], /--eta must be a positive number at most 1000000, got "1e308"/, 2],
  ['selfplay --bits past 1000', () => ['selfplay', '--profile', TC, '--k', '2', '--T', '10', '--bits', '100000'], /--bits must be at most 1000/, 2],
  ['selfplay --jobs past 256', () => ['selfplay', '--profile', TC, '--k', '2', '--T', '10', '--jobs', '257'], /--jobs must be at most 256, got 257/, 2],
  ['selfplay --jobs negative', () => ['selfplay', '--profile', TC, '--k', '2', '--T', '10', '--jobs', '-1'], /--jobs must be an integer ≥ 0, got "-1"/, 2],
  ['bad --shard', () => ['verify', '--shard', '3/2'], /--shard needs 1 ≤ i ≤ n/, 2],
  ['unknown claim', () => ['verify', '--claims', 'T99'], /unknown claim "T99"/, 2],
  ['unknown UALIGN_FAULT', () => ['verify', '--claims', 'T0', '--runs', '1'], /UALIGN_FAULT=nope is not a known fault/, 2],
  ['nash --all past 10 responses', () => ['nash', '--all', '--profile', file('n11.json', prof([u(1, [['a']])], 'abcdefghijk'.split('')))], /--all .* n ≤ 10 responses; prompt 0 has 11/, 2],
  // ---- sizes past the budget ----
  ['winrate --k 10^9', () => ['winrate', '--profile', TC, '--policy', NE, '--k', K], /--k 1000000000 is too big: exact win rates of about .* bits, above --max-bits/, 2],
  ['winrate --ell 10^9', () => ['winrate', '--profile', TC, '--policy', NE, '--k', '2', '--ell', K], /--ell 1000000000 is too big/, 2],
  ['exploitability --k 10^9', () => ['exploitability', '--profile', TC, '--policy', NE, '--k', K], /--k 1000000000 is too big: exact U_k values/, 2],
  ['best-k-output --k 10^9', () => ['best-k-output', '--profile', TC, '--k', K], /--k 1000000000 is too big/, 2],
  ['equilibrium --k 10^9', () => ['equilibrium', '--profile', TC, '--k', K], /--k 1000000000 is too big/, 2],
  ['selfplay --k 10^9', () => ['selfplay', '--profile', TC, '--k', K, '--T', '10'], /--k 1000000000 is too big/, 2],
  ['selfplay --T 10^12', () => ['selfplay', '--profile', TC, '--k', '2', '--T', '1000000000000'], /--T 1000000000000 is too big: about .* steps.*above --max-work/, 2],
  ['export-nfg --k 10^9', () => ['export-nfg', '--profile', TC, '--k', K], /--k 1000000000 is too big: G_1000000001 has n\^\(k\+1\) = 2\^1000000001/, 2],
  ['export-nfg --k 10^9 on one response', () => ['export-nfg', '--profile', file('one.json', prof([u(1, [['a']])], ['a'])), '--k', K], /--k 1000000000 is too big: exact payoffs/, 2],
  ['check --k 10^9', () => ['check', '--algorithm', 'builtin:nlhf', '--k', K, '--out', join(dir, 'chk')], /--k 1000000000 is too big/, 2],
  ['check --k 1..10^9 (a range)', () => ['check', '--algorithm', 'builtin:nlhf', '--k', `1..${K}`], /--k must be N, A\.\.B \(at most 10001 values\)/, 2],
  ['check --runs 10^6', () => ['check', '--algorithm', 'builtin:nlhf', '--k', '1', '--runs', '1000000', '--out', join(dir, 'chk')], /--runs 1000000 is too big: about .* steps \(algorithm calls/, 2],
  ['check: a built-in asked for too much', () => ['check', '--algorithm', 'builtin:self-play:T=1000000000', '--k', '1', '--runs', '3', '--out', join(dir, 'chk')], /--algorithm builtin:self-play:T=1000000000 is too big/, 2],
  ['verify --runs 10^9', () => ['verify', '--runs', K, '--out', join(dir, 'vfy')], /verify: --runs 1000000000 is too big: about .* steps \(generated instances/, 2],
  ['verify --k-max 10^9', () => ['verify', '--k-max', K, '--out', join(dir, 'vfy')], /verify: --k-max 1000000000 is too big: exact U_k values at the largest k drawn of about .* bits/, 2],
  ['a budget below the work', () => ['winrate', '--profile', FOUR, '--policy', file('u4.json', J({ a: '1/4', b: '1/4', c: '1/4', d: '1/4' })), '--k', '50', '--max-bits', '10'], /--k 50 is too big.*above --max-bits 10/, 2],
  // ---- output paths ----
  ['--out naming an existing file (check)', () => ['check', '--algorithm', 'builtin:uniform', '--k', '1', '--runs', '0', '--out', file('taken', 'x')], /--out .*taken is an existing file, not a folder/, 2],
  ['--out naming an existing file (verify)', () => ['verify', '--claims', 'T0', '--runs', '1', '--out', file('taken2', 'x')], /--out .*taken2 is an existing file, not a folder/, 2],
  ['--out below a file', () => ['verify', '--claims', 'T0', '--runs', '1', '--out', join(file('taken3', 'x'), 'sub')], /taken3 is a file, not a folder/, 2],
  ['export-nfg --out naming a folder', () => ['export-nfg', '--profile', TC, '--k', '1', '--out', dir], /is an existing folder, not a file/, 2],
  // ---- reports read back ----
  ['replay: not a report', () => ['replay', file('nr1.json', J({ claim: 'N2' }))], /nr1\.json: \$: missing key "expect"/, 2],
  ['replay: unknown key in a report', () => ['replay', file('nr2.json', J({ claim: 'N2', expect: 'refuted', counterexample: { profile: JSON.parse(prof([u(1)])), k: 3 }, verdikt: null }))], /\$: unknown key "verdikt" \(did you mean "verdict"\?\)/, 2],
  ['replay: unknown claim', () => ['replay', file('nr3.json', J({ claim: 'T99', expect: 'holds', counterexample: { profile: JSON.parse(prof([u(1)])), k: 3 } }))], /\$\.claim: unknown claim "T99"/, 2],
  ['replay: a tampered k of 10^9', () => ['replay', file('nr4.json', J({ claim: 'N3', expect: 'refuted', counterexample: { profile: JSON.parse(prof([u(1)])), k: 1e9 } }))], /\$\.counterexample\.k = 1000000000 is too big/, 2],
  ['replay: two files', () => ['replay', 'a.json', 'b.json'], /unexpected argument "b\.json"/, 2],
];

const envOf = (kind: string): Record<string, string> => (kind === 'unknown UALIGN_FAULT' ? { UALIGN_FAULT: 'nope' } : {});

const expectOneLine = (r: Run, re: RegExp, code: number) => {
  expect(r.err).toMatch(re);
  expect(r.code).toBe(code);
  expect(r.out).toBe('');
  const lines = r.err.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0].length).toBeLessThan(400);
  expect(lines[0]).toMatch(/^ualign[ :]/);
  expect(r.err).not.toMatch(/\n\s+at /);
};

describe('bad input: one line, exit code as documented, no stack trace', () => {
  // in this process (the command's own code); a sample below runs the real executable
  for (const [kind, args, re, code] of BAD_INPUTS) it(kind, async () => expectOneLine(await inProcess(args(), envOf(kind), dir), re, code));

  it('the executable gives the same line and exit code (one case of each group)', () => {
    const sample = ['malformed JSON', 'nesting deeper than 64 levels (100,000)', '1e400', 'misspelled key "weigth"', 'unknown model kind (a mixture spelled differently)', 'repeated option', 'unknown command', 'equilibrium --k 10^9', '--out naming an existing file (check)', 'replay: a tampered k of 10^9'];
    for (const kind of sample) {
      const [, args, re, code] = BAD_INPUTS.find((b) => b[0] === kind)!;
      expectOneLine(ualign(args(), envOf(kind)), re, code);
    }
  });

  it('the list covers at least 30 kinds', () => expect(BAD_INPUTS.length).toBeGreaterThanOrEqual(30));
});

describe('good input that used to be refused or mis-read', () => {
  it('exact decimal strings are read exactly: "0.55" = 11/20, "1e-3" = 1/1000', () => {
    const p = file('dec.json', prof([u('0.55'), u('0.45', [['b'], ['a']])]));
    const r = ualign(['winrate', '--profile', p, '--policy', file('decp.json', J({ a: '0.65', b: '3.5e-1' })), '--k', '2', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).robustness).toBe('2/3'); // the two-camp NE for k = 2, written as decimals
    const w = ualign(['nash', '--profile', file('dec2.json', prof([u('1e-3'), u('-2.5E+2', [['b'], ['a']])])), '--json']);
    expect(w.err).toMatch(/a weight must be positive, got "-2\.5E\+2" = -250/); // "-2.5E+2" read exactly as −250
  });

  it('"weigth" never passes: a 1/10 vs 9/10 profile is not read as a Condorcet win for a', () => {
    const r = ualign(['nash', '--profile', file('weigth2.json', J({ responses: ['a', 'b'], users: [{ weigth: '1/10', ranking: [['a'], ['b']] }, { weight: '9/10', ranking: [['b'], ['a']] }] }))]);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
  });

  it('k = 2000 still works where the math is cheap (winrate, exploitability)', () => {
    const w = ualign(['winrate', '--profile', TC, '--policy', NE, '--k', '2000', '--json']);
    expect(w.code).toBe(0);
    const e = ualign(['exploitability', '--profile', TC, '--policy', NE, '--k', '2000', '--json']);
    expect(e.code).toBe(0);
    // T2: rob = k/(k+1) − ε, both exact
    const eps = JSON.parse(e.out).exploitability as string;
    expect(JSON.parse(e.out).robustness).toBe(JSON.parse(w.out).robustness);
    expect(eps).toMatch(/^\d+\/\d+$/);
  });
});
