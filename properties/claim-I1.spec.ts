// I1 (exact, strict inputs), thin over src/claims/i1.ts.
import { I1 } from '../src/claims/i1.js';
import { claimProperty } from './_claim.js';

claimProperty(I1, 400);
