// SPEC §4 T4, thin over src/claims/t4.ts.
import { T4 } from '../src/claims/t4.js';
import { claimProperty } from './_claim.js';

claimProperty(T4, 400);
