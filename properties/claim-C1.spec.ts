// C1 (exact LP certificates), thin over src/claims/c1.ts.
import { beforeAll } from 'vitest';
import { C1 } from '../src/claims/c1.js';
import { loadGlpk } from '../src/lp/glpk.js';
import { claimProperty } from './_claim.js';

// as in verify's threads: the evidence then carries glpk.js's certified answer too
beforeAll(() => loadGlpk());

claimProperty(C1, 400);
