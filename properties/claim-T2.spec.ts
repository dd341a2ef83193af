// SPEC §4 T2, thin over src/claims/t2.ts.
import { T2 } from '../src/claims/t2.js';
import { claimProperty } from './_claim.js';

claimProperty(T2, 200);
