// C2 (the normal-form export), thin over src/claims/c2.ts.
import { C2 } from '../src/claims/c2.js';
import { claimProperty } from './_claim.js';

claimProperty(C2, 300);
