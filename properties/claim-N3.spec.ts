// SPEC §5 N3 (negative control), thin over src/claims/negative.ts: refuted on a small shrunk profile.
import { expect, it } from 'vitest';
import { N3 } from '../src/claims/negative.js';
import { runClaim } from '../src/claims/run.js';
import { SEED } from '../src/__test-helpers__/fc.js';
import { claimProperty, sizeOf } from './_claim.js';

claimProperty(N3, 200);

it('N3: the generator alone finds a counterexample and shrinks it to a small profile', () => {
  const r = runClaim(N3, { seed: SEED, runs: 200 });
  expect(r.outcome).toBe('refuted');
  const { n, m } = sizeOf(r.counterexample!);
  expect(n).toBeLessThanOrEqual(3);
  expect(m).toBeLessThanOrEqual(2);
});
