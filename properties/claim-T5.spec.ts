// SPEC §4 T5, thin over src/claims/t5.ts.
import { T5 } from '../src/claims/t5.js';
import { claimProperty } from './_claim.js';

claimProperty(T5, 250);
