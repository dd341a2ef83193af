// SPEC §4 T1, thin over src/claims/t1.ts.
import { T1 } from '../src/claims/t1.js';
import { claimProperty } from './_claim.js';

claimProperty(T1, 400);
