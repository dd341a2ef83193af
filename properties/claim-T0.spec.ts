// SPEC §4 T0, thin over src/claims/t0.ts.
import { T0 } from '../src/claims/t0.js';
import { claimProperty } from './_claim.js';

claimProperty(T0, 400);
