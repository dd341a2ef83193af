// The vitest matcher and the exported arbitraries, used as a downstream project would.
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SEED, equilibrium, frac } from '../src/index.js';
import { installUalignMatchers, profileArb } from '../src/testing/index.js';

installUalignMatchers(expect);

const twoCamp = { responses: ['a', 'b'], users: [{ weight: '11/20', ranking: [['a'], ['b']] }, { weight: '9/20', ranking: [['b'], ['a']] }] };

describe('toBeRobustlyAligned', () => {
  it('passes for the symmetric NE of G_3 on the two-camp profile (SPEC §6) and fails for NLHF’s δ_a (T4)', () => {
    expect({ a: '13/20', b: '7/20' }).toBeRobustlyAligned(twoCamp, { k: 2 });
    expect({ a: '1' }).not.toBeRobustlyAligned(twoCamp, { k: 2 });
    expect({ a: '1' }).toBeRobustlyAligned(twoCamp, { k: 2, atLeast: '11/20' });
    expect({ a: '1' }).toBeRobustlyAligned(twoCamp, { k: 1 }); // k = 1: δ_a is the maximal lottery (T7)
  });

  it('its failure message gives the exact robustness, k/(k+1) and the worst opponent', () => {
    let msg = '';
    try {
      expect({ a: '1' }).toBeRobustlyAligned(twoCamp, { k: 3 });
    } catch (e) {
      msg = (e as Error).message;
    }
    expect(msg).toMatch(/rob = 11\/20 ≈ 0\.55/);
    expect(msg).toMatch(/k\/\(k\+1\) = 3\/4/);
    expect(msg).toMatch(/worst opponent b/);
  });

  it('takes k-output models and rules', () => {
    const ko = { kind: 'k-output', outcomes: [{ responses: ['a', 'b'], prob: 1 }] };
    expect(ko).toBeRobustlyAligned(twoCamp, { k: 2 });
    expect({ a: '13/20', b: '7/20' }).not.toBeRobustlyAligned(twoCamp, { k: 2, rule: 'pairwise' });
  });

  test.prop([profileArb({ maxResponses: 3, maxUsers: 3 }), fc.integer({ min: 1, max: 3 })], { numRuns: 15, seed: DEFAULT_SEED })(
    'a certified equilibrium is robustly aligned up to its exact ε (T2)',
    (profile, k) => {
      const eq = equilibrium(profile, k, { box: false });
      expect(eq.policy).toBeRobustlyAligned(profile, { k, slack: eq.epsilon });
      expect(eq.epsilon.lt(frac(1, 1000))).toBe(true);
    },
  );
});
