// Krawczyk boxes (SPEC §3): an exact symmetric NE inside, or a reason.
import { describe, expect, it } from 'vitest';
import { frac, signOf } from '../exact/rational.js';
import { makePrompt } from '../model/build.js';
import { promptEquilibrium } from './equilibrium.js';
import { krawczykBox } from './krawczyk.js';

describe('krawczykBox', () => {
  it('two-camp k = 3: an irrational equilibrium certified in a tiny box around π', () => {
    const p = makePrompt(['a', 'b'], [
      { weight: frac(11), tiers: [['a'], ['b']] },
      { weight: frac(9), tiers: [['b'], ['a']] },
    ]);
    const e = promptEquilibrium(p, 3);
    expect(signOf(e.epsilon)).toBeGreaterThan(0);
    const box = e.box!;
    expect(box).not.toBeNull();
    expect(box.radius.lt(frac(1n, 10n ** 20n))).toBe(true);
    // U_3(a; π) − 1/4 changes sign across the box in the 1-d coordinate π(b): a zero lies inside
    expect(box.lo[1].lt(box.hi[1])).toBe(true);
  });

  it('reports a reason when the box cannot hold (wrong center)', () => {
    const p = makePrompt(['a', 'b'], [
      { weight: frac(11), tiers: [['a'], ['b']] },
      { weight: frac(9), tiers: [['b'], ['a']] },
    ]);
    const center = [frac(1, 2), frac(1, 2)];
    const r = krawczykBox(p, 3, [0, 1], center);
    expect('reason' in r).toBe(true);
  });

  it('clones make the equilibrium non-isolated: no box, with a reason', () => {
    const p = makePrompt(['a', 'b', 'c'], [
      { weight: frac(1), tiers: [['a', 'b'], ['c']] },
      { weight: frac(1), tiers: [['c'], ['a', 'b']] },
    ]);
    const center = [frac(1, 4), frac(1, 4), frac(1, 2)];
    const r = krawczykBox(p, 2, [0, 1, 2], center);
    expect('reason' in r).toBe(true);
  });
});
