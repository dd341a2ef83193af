// SPEC §5 N2 (negative control), thin over src/claims/negative.ts: refuted on a small shrunk profile.
import { N2 } from '../src/claims/negative.js';
import { claimProperty, shrinksSmall } from './_claim.js';

claimProperty(N2, 200);
shrinksSmall(N2, 200);
