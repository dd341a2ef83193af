// SPEC §5 N4 (negative control), thin over src/claims/negative.ts: refuted on a small shrunk profile.
import { expect, it } from 'vitest';
import { N4 } from '../src/claims/negative.js';
import { runClaim } from '../src/claims/run.js';
import { SEED } from '../src/__test-helpers__/fc.js';
import { claimProperty, sizeOf } from './_claim.js';

claimProperty(N4, 200);

it('N4: the generator alone finds a counterexample and shrinks it to a small profile', () => {
  const r = runClaim(N4, { seed: SEED, runs: 200 });
  expect(r.outcome).toBe('refuted');
  const { n, m } = sizeOf(r.counterexample!);
  expect(n).toBeLessThanOrEqual(3);
  expect(m).toBeLessThanOrEqual(2);
});
