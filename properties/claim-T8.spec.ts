// SPEC §4 T8, thin over src/claims/t8.ts.
import { T8 } from '../src/claims/t8.js';
import { claimProperty } from './_claim.js';

claimProperty(T8, 300);
