// SPEC §5 N3 (negative control), thin over src/claims/negative.ts: refuted on a small shrunk profile.
import { N3 } from '../src/claims/negative.js';
import { claimProperty, shrinksSmall } from './_claim.js';

claimProperty(N3, 200);
shrinksSmall(N3, 200);
