// SPEC §4b L4 (a single Bradley–Terry user: δ_y is a symmetric NE iff s(y) is maximal), thin over src/claims/luce.ts.
import { L4 } from '../src/claims/luce.js';
import { claimProperty } from './_claim.js';

claimProperty(L4, 200);
