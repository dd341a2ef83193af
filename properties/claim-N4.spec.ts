// SPEC §5 N4 (negative control), thin over src/claims/negative.ts: refuted on a small shrunk profile.
import { N4 } from '../src/claims/negative.js';
import { claimProperty, shrinksSmall } from './_claim.js';

claimProperty(N4, 200);
shrinksSmall(N4, 200);
