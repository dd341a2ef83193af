// C2 (the normal-form export): the reader of Gambit's payoff format, the payoffs by definition on a known game,
// the judge fed its own evidence and that evidence with one part of the file changed (rejected), instances as JSON.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { frac } from '../exact/rational.js';
import { profileFromJson } from '../model/codec.js';
import { C2, C2Evidence, C2Instance, NfgRead, payoffsByDefinition, readNfg } from './c2.js';
import { SEED } from '../../test/helpers/fc.js';

/** Two camps: 11 × a ≻ b, 9 × b ≻ a (nfg.spec's game). */
const CAMPS = profileFromJson({ responses: ['a', 'b'], users: [{ weight: 11, ranking: [['a'], ['b']] }, { weight: 9, ranking: [['b'], ['a']] }] });

describe('C2: reading .nfg files', () => {
  it('reads the header, the escaped title, the comment and the payoff rows', () => {
    const r = readNfg('NFG 1 R "say \\"hi\\" \\\\ bye" { "Player 1" "Player 2" } { 2 3 }\n"a comment"\n\n1 2\n3 4\n5 6\n7 8\n9 10\n11 -12\n');
    expect(r).toEqual({
      title: 'say "hi" \\ bye',
      players: ['Player 1', 'Player 2'],
      strategies: [2, 3],
      comment: 'a comment',
      rows: [[1n, 2n], [3n, 4n], [5n, 6n], [7n, 8n], [9n, 10n], [11n, -12n]],
    });
    expect(readNfg('NFG 1 R "t" { "A" } { 2 } 1 2').comment).toBeNull();
  });

  it('refuses what is not a whole file in that format', () => {
    const bad: [string, string][] = [
      ['NFG 2 R "t" { "A" } { 1 } 1', 'expected 1 at token 1'],
      ['NFG 1 R t { "A" } { 1 } 1', 'expected a quoted string at token 3'],
      ['NFG 1 R "t { "A" } { 1 } 1', 'expected { at token 4'],
      ['NFG 1 R "t" { "A" } { 1 } "unterminated', 'unterminated string'],
      ['NFG 1 R "t" { "A" } { 2 } 1', 'expected a word at token 11'],
      ['NFG 1 R "t" { "A" } { 1 } 1 2', '1 tokens after the payoffs'],
      ['NFG 1 R "t" { "A" } { 1 } x', 'Cannot convert x to a BigInt'],
    ];
    for (const [text, msg] of bad) expect(() => readNfg(text), text).toThrow(msg);
    // where the file ends early, or a quoted string stands where a word must: still the reader's own message
    const early: [string, string][] = [
      ['NFG "1" R "t" { "A" } { 1 } 1', 'expected 1 at token 1'],
      ['NFG 1 R', 'expected a quoted string at token 3'],
      ['NFG 1 R "t" {', 'expected } at token 5'],
      ['NFG 1 R "t" { "A" } { 1', 'expected } at token 9'],
      ['NFG 1 R "t" { "A" } { 1 }', 'expected a word at token 10'],
    ];
    for (const [text, msg] of early) expect(() => readNfg(text), text).toThrow(new Error(msg));
    expect(readNfg('NFG 1 R "t" { "A" } { 0 }')).toEqual({ title: 't', players: ['A'], strategies: [0], comment: null, rows: [] });
  });

  it('payoffs by definition on two camps, k = 2: (b, a, a) gives 9/20, 11/40, 11/40; every profile sums to 1', () => {
    const p = payoffsByDefinition(CAMPS, 2);
    expect(p).toHaveLength(8);
    expect(p[0].map((v) => v.toFraction())).toEqual(['1/3', '1/3', '1/3']);
    expect(p[1].map((v) => v.toFraction())).toEqual(['9/20', '11/40', '11/40']);
    expect(p[6].map((v) => v.toFraction())).toEqual(['11/20', '9/40', '9/40']); // (a, b, b): player 1 fastest
    for (const row of p) expect(row.reduce((a, b) => a.add(b), frac(0)).toFraction()).toBe('1');
  });
});

describe('C2: the judge rejects a wrong file', () => {
  const inst = (): C2Instance => ({ profile: CAMPS, k: 1 });

  it('on two camps, k = 1: the export holds with scale 40 and four profiles', () => {
    const v = C2.check(inst());
    expect(v.ok).toBe(true);
    expect(v.certificate).toEqual({ profiles: 4, scale: '40' });
    const w = C2.judge(inst(), { ...C2.evidence(inst()), read: { error: 'unterminated string' } });
    expect([w.ok, w.slack.toFraction(), w.certificate]).toEqual([false, '-1', { error: 'unterminated string' }]);
  });

  it('games past the generator: two-digit G, k and strategy counts', () => {
    const two = profileFromJson({ responses: ['a', 'b'], users: [{ weight: 1, ranking: [['a'], ['b']] }] });
    const ten = profileFromJson({ responses: 'abcdefghij'.split(''), users: [{ weight: 1, ranking: [['c'], ['a', 'b']] }, { weight: 2, strengths: Object.fromEntries('abcdefghij'.split('').map((y, t) => [y, t + 1])) }] });
    for (const i of [{ profile: two, k: 10 }, { profile: ten, k: 1 }]) expect(C2.check(i).ok).toBe(true);
  });

  it('a profile of two prompts: the read-back names the claim', () => {
    const pr = { responses: ['a', 'b'], users: [{ weight: 1, ranking: [['a'], ['b']] }] };
    const two = profileFromJson({ prompts: [{ weight: 1, ...pr }, { weight: 1, ...pr }] });
    expect(C2.evidence({ profile: two, k: 1 }).read).toEqual({ error: 'C2: expects a single-prompt profile' });
  });

  it('accepts its evidence and rejects every one-part change of the file', () => {
    let perturbed = 0;
    const cases = fc.sample(C2.arbitrary(), { seed: SEED, numRuns: 25 }).map((i) => ({ i, e: C2.evidence(i) }));
    for (const { i, e } of [{ i: inst(), e: C2.evidence(inst()) }, ...cases]) {
      expect(C2.judge(i, e).ok).toBe(true);
      const r = e.read as NfgRead;
      const put = (q: Partial<NfgRead>): C2Evidence => ({ ...e, read: { ...r, ...q } });
      const N = r.players.length;
      const bad: [string, C2Evidence][] = [
        ['a read error', { ...e, read: { error: 'x' } }],
        ['another title', put({ title: 'G' })],
        ['a player more', put({ players: [...r.players, `Player ${N + 1}`] })],
        ['players misnamed', put({ players: r.players.map((_, j) => `player ${j + 1}`) })],
        ['the last player misnamed', put({ players: r.players.map((p, j) => (j === N - 1 ? `Player ${j + 2}` : p)) })],
        ['a strategy more', put({ strategies: r.strategies.map((c, j) => (j === N - 1 ? c + 1 : c)) })],
        ['a player fewer in the strategies', put({ strategies: r.strategies.slice(1) })],
        ['no comment', put({ comment: null })],
        ['another scale', put({ comment: r.comment!.replace(/times (\d+)$/, (_, d) => `times ${BigInt(d) * 2n}`) })],
        ['scale 0', put({ comment: r.comment!.replace(/times (\d+)$/, 'times 0') })],
        ['another k', put({ comment: r.comment!.replace(/\(k = (\d+)/, (_, d) => `(k = ${Number(d) + 1}`) })],
        ['another G', put({ comment: r.comment!.replace(/^ualign: G_(\d+)/, (_, d) => `ualign: G_${Number(d) + 1}`) })],
        ['another count of strategies', put({ comment: r.comment!.replace(/strategies 1\.\.(\d+)/, (_, d) => `strategies 1..${Number(d) + 1}`) })],
        ['other names', put({ comment: r.comment!.replace(/(strategies 1\.\.\d+) = .*; payoffs/, '$1 = x; payoffs') })],
        ['text before the comment', put({ comment: `x ${r.comment}` })],
        ['text after the scale', put({ comment: `${r.comment} x` })],
        ['a row fewer', put({ rows: r.rows.slice(1) })],
        ['a row more', put({ rows: [...r.rows, r.rows[0]] })],
        ['a payoff off', put({ rows: r.rows.map((row, t) => (t === r.rows.length - 1 ? row.map((v, j) => (j === 0 ? v + 1n : v)) : row)) })],
        ['a payoff missing', put({ rows: r.rows.map((row, t) => (t === 0 ? row.slice(1) : row)) })],
      ];
      // players' order reversed (player 1 slowest): a different file unless every profile is symmetric
      const n = r.strategies[0];
      const reversed = r.rows.map((_, idx) => {
        const s = Array.from({ length: N }, (_, t) => Math.floor(idx / n ** t) % n).reverse();
        return r.rows[s.reduce((a, y, t) => a + y * n ** t, 0)];
      });
      if (reversed.some((row, t) => row.some((v, j) => v !== r.rows[t][j]))) bad.push(['player 1 slowest', put({ rows: reversed })]);
      for (const [name, b] of bad) {
        perturbed++;
        expect(C2.judge(i, b).ok, name).toBe(false);
      }
    }
    expect(perturbed).toBeGreaterThan(400);
  });
});

// the round trip of generated instances (toJson → text → fromJson, same verdict): instances.spec, for every claim
describe('C2: instances as JSON', () => {
  it('refuses a profile of two prompts and a game past its budget', () => {
    const profile = { responses: ['a', 'b', 'c'], users: [{ weight: 1, ranking: [['a'], ['b']] }] };
    expect(C2.fromJson({ profile, k: 7 }).k).toBe(7); // 3^8 = 6561 profiles
    expect(() => C2.fromJson({ profile, k: 8 })).toThrow("C2: G_9 on 3 responses has 3^9 pure profiles, above the claim's 6561");
    expect(() => C2.fromJson({ profile: { prompts: [{ weight: 1, ...profile }, { weight: 1, ...profile }] }, k: 1 })).toThrow('C2: expects a single-prompt profile');
  });
});

describe('C2: what it says of itself', () => {
  it('id, title, rule, expected outcome, runs, statement, comparison', () => {
    expect([C2.id, C2.title, C2.rule, C2.expect, C2.defaultRuns]).toEqual(['C2', 'normal-form export', 'uniform', 'holds', 300]);
    expect(C2.statement).toMatch(/^The \.nfg file export-nfg writes for G_\{k\+1\} .* \(uniform rule; Luce's rule for Luce types\)\.$/);
    expect(C2.compares).toMatch(/^gameToNfg's file read back by a reader of Gambit's payoff format .* \(oracles\.typeScoreOf\)$/);
    expect(C2.latex).toMatch(/^\\mathrm\{payoff\}_i/);
  });
  it('its generator stays within n ≤ 3 and k ≤ 3, and reaches both ends', () => {
    const xs = fc.sample(C2.arbitrary({ maxResponses: 5, maxK: 6 }), { seed: SEED, numRuns: 200 });
    const ns = xs.map((i) => i.profile.prompts[0].prompt.responses.length);
    const ks = xs.map((i) => i.k);
    expect([Math.min(...ns), Math.max(...ns), Math.min(...ks), Math.max(...ks)]).toEqual([1, 3, 1, 3]);
    expect(C2.size(xs[0])).toMatchObject({ k: xs[0].k, prompts: 1 });
  });
});
