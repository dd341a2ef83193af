// SPEC §4b L2 (NLHF's gap on Luce two camps: formula, threshold, Θ(M/k) bounds), thin over src/claims/luce.ts.
import { L2 } from '../src/claims/luce.js';
import { claimProperty } from './_claim.js';

claimProperty(L2, 200);
