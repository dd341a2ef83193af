// SPEC §4b L1 (exact robustness of NLHF's product on Luce two camps), thin over src/claims/luce.ts.
import { L1 } from '../src/claims/luce.js';
import { claimProperty } from './_claim.js';

claimProperty(L1, 200);
