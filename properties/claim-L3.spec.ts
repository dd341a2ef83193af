// SPEC §4b L3 (deterministic policies on weak-order, Luce and mixed profiles), thin over src/claims/luce.ts.
import { L3 } from '../src/claims/luce.js';
import { claimProperty } from './_claim.js';

claimProperty(L3, 200);
