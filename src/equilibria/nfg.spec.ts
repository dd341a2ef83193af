// Gambit .nfg export of G_{k+1} (SPEC §3).
import { describe, expect, it } from 'vitest';
import { frac } from '../exact/rational.js';
import { makePrompt } from '../model/build.js';
import { InputError } from '../model/errors.js';
import { gameToNfg, normalFormSize } from './nfg.js';

const p = makePrompt(['a', 'b'], [
  { weight: frac(11), tiers: [['a'], ['b']] },
  { weight: frac(9), tiers: [['b'], ['a']] },
]);

describe('export-nfg', () => {
  it('two-camp G_3: header, player 1 fastest, constant sum', () => {
    const text = gameToNfg(p, 2);
    const lines = text.trim().split('\n');
    expect(lines[0]).toBe('NFG 1 R "ualign alignment game G_3" { "Player 1" "Player 2" "Player 3" } { 2 2 2 }');
    const rows = lines.slice(3).map((l) => l.split(' ').map(Number));
    expect(rows.length).toBe(8);
    // (a,a,a): 1/3 each; (b,a,a): player 1 gets 9/20, the others 11/40 (scale 120)
    expect(rows[0]).toEqual([40, 40, 40]);
    expect(rows[1]).toEqual([54, 33, 33]);
    for (const r of rows) expect(r.reduce((x, y) => x + y, 0)).toBe(120); // constant-sum game (SPEC §3)
  });
  it('refuses games above the profile limit', () => {
    expect(normalFormSize(20, 8)).toBe(20n ** 9n);
    expect(() => gameToNfg(p, 5, { maxProfiles: 10 })).toThrow(InputError);
  });
  it('the whole file: quoted title, comment line (strategies, scale), blank line, one row per profile, final newline', () => {
    const q = makePrompt(['a', 'b'], [
      { weight: frac(11), tiers: [['a'], ['b']] },
      { weight: frac(9), tiers: [['b'], ['a']] },
    ]);
    expect(gameToNfg(q, 1, { title: 'say "hi" \\ bye' })).toBe(
      [
        'NFG 1 R "say \\"hi\\" \\\\ bye" { "Player 1" "Player 2" } { 2 2 }',
        '"ualign: G_2 (k = 1, rule uniform); strategies 1..2 = a, b; payoffs are exact payoffs times 40"',
        '',
        '20 20',
        '18 22',
        '22 18',
        '20 20',
        '',
      ].join('\n'),
    );
  });
  it('k must be an integer ≥ 1 (InputError)', () => {
    const q = makePrompt(['a', 'b'], [{ weight: frac(1), tiers: [['a'], ['b']] }]);
    for (const k of [0, -1, 1.5]) {
      expect(() => gameToNfg(q, k)).toThrow(InputError);
      expect(() => gameToNfg(q, k)).toThrow(new InputError(`k must be an integer ≥ 1, got ${k}`));
    }
  });
  it('the profile limit is inclusive: n^(k+1) = maxProfiles is written, one more is refused (InputError)', () => {
    const q = makePrompt(['a', 'b'], [{ weight: frac(1), tiers: [['a'], ['b']] }]);
    expect(gameToNfg(q, 1, { maxProfiles: 4 }).trim().split('\n').length).toBe(7);
    expect(() => gameToNfg(q, 1, { maxProfiles: 3 })).toThrow(new InputError('export-nfg: G_2 has 4 pure profiles (n^(k+1)), above the limit 3'));
  });
});
