// SPEC §4 T8's limit (negative control N5), thin over src/claims/negative.ts: refuted on a small shrunk profile.
import { N5 } from '../src/claims/negative.js';
import { claimProperty, shrinksSmall } from './_claim.js';

claimProperty(N5, 200);
shrinksSmall(N5, 200, 1, 1);
