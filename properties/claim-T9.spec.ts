// T9 (certified boxes, SPEC §3 with T0 and T7), thin over src/claims/t9.ts.
import { T9 } from '../src/claims/t9.js';
import { claimProperty } from './_claim.js';

claimProperty(T9, 150);
