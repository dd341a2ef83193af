// C3 (the exact arithmetic), thin over src/claims/c3.ts.
import { C3 } from '../src/claims/c3.js';
import { claimProperty } from './_claim.js';

claimProperty(C3, 300);
