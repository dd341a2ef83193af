// Every claim's exact verdict (slack and certificate) on a few small fixed instances, pinned: a change in what
// a claim computes, compares or reports shows here. Re-record deliberately with `npx vitest run -u` and review.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CLAIMS } from './registry.js';
import { SEED } from '../../test/helpers/fc.js';

describe('pinned verdicts', () => {
  for (const c of CLAIMS)
    it(`${c.id}`, () => {
      const out = fc.sample(c.arbitrary({ maxK: 4, maxResponses: 3 }), { seed: SEED, numRuns: 3 }).map((i) => {
        const v = c.check(i);
        return { instance: c.toJson(i), ok: v.ok, slack: v.slack.toFraction(), certificate: v.certificate };
      });
      expect(out).toMatchSnapshot();
    });
});
