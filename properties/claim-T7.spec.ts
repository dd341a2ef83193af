// SPEC §4 T7, thin over src/claims/t7.ts.
import { T7 } from '../src/claims/t7.js';
import { claimProperty } from './_claim.js';

claimProperty(T7, 200);
