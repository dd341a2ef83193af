// SPEC §4b N6 (negative control: T4's ceiling fails for Luce two camps), thin over src/claims/negative.ts: refuted
// by the generator alone on the two-response, two-type profile.
import { N6 } from '../src/claims/negative.js';
import { claimProperty, shrinksSmall } from './_claim.js';

claimProperty(N6, 200);
shrinksSmall(N6, 200, 2, 2);
