// SPEC §5 N1 (negative control), thin over src/claims/negative.ts: refuted on a small shrunk profile.
import { N1 } from '../src/claims/negative.js';
import { claimProperty, shrinksSmall } from './_claim.js';

claimProperty(N1, 200);
shrinksSmall(N1, 200);
