// `ualign verify` alone, in-process: every claim of the default suite (its defaultRuns, the default seed,
// the stored corpus), one test per claim so that Stryker's per-test coverage re-runs only the claims that
// reach a mutant. Not part of `npm test` (no .spec.ts): run by `npm run mutation:verify` (stryker/verify.vitest.config.mjs).
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadGlpk } from '../../src/lp/glpk.js';
import { loadCorpus } from '../../src/claims/corpus.js';
import { CLAIMS } from '../../src/claims/registry.js';
import { runClaim } from '../../src/claims/run.js';
import { DEFAULT_SEED } from '../../src/instances/seed.js';
import { CORPUS_DIR } from '../../src/report/verify.js';

const corpus = loadCorpus(join(__dirname, '..', '..', CORPUS_DIR));

describe('ualign verify (default suite, in-process)', () => {
  beforeAll(() => loadGlpk()); // as the pool's threads do (T3's glpk.js cross-check)
  for (const claim of CLAIMS)
    it(`${claim.id} ${claim.title}`, () => {
      const r = runClaim(claim, { seed: DEFAULT_SEED, corpus });
      expect(r.error).toBeNull();
      expect(r.ok).toBe(true);
    });
});
