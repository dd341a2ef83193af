// SPEC §4 T6, thin over src/claims/t6.ts.
import { T6 } from '../src/claims/t6.js';
import { claimProperty } from './_claim.js';

claimProperty(T6, 200);
