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
});
