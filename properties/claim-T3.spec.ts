// SPEC §4 T3, thin over src/claims/t3.ts.
import { T3 } from '../src/claims/t3.js';
import { claimProperty } from './_claim.js';

claimProperty(T3, 120);
