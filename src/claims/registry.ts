// Every claim of SPEC §4–5 and §4b (L1–L4, N6), T9 (certified boxes, SPEC §3), I1 (the input formats),
// C1 (the LP certificates), C2 (the normal-form export) and C3 (the exact arithmetic), in report order.
import { N1, N2, N3, N4, N5, N6 } from './negative.js';
import { L1, L2 } from './luceCamps.js';
import { L3, L4 } from './luce.js';
import { T0 } from './t0.js';
import { T1 } from './t1.js';
import { T2 } from './t2.js';
import { T3 } from './t3.js';
import { T4 } from './t4.js';
import { T5 } from './t5.js';
import { T6 } from './t6.js';
import { T7 } from './t7.js';
import { T8 } from './t8.js';
import { T9 } from './t9.js';
import { I1 } from './i1.js';
import { C1 } from './c1.js';
import { C2 } from './c2.js';
import { C3 } from './c3.js';
import { Claim } from './types.js';
import { InputError } from '../model/errors.js';

export const CLAIMS: readonly Claim[] = [T0, T1, T2, T3, T4, T5, T6, T7, T8, T9, L1, L2, L3, L4, N1, N2, N3, N4, N5, N6, I1, C1, C2, C3];

export function claimById(id: string): Claim {
  const c = CLAIMS.find((x) => x.id.toLowerCase() === id.toLowerCase());
  if (!c) throw new InputError(`unknown claim "${id}" (known: ${CLAIMS.map((x) => x.id).join(', ')})`);
  return c;
}

/** "T0,T3,N1" → claims in registry order; "all" (or nothing) every claim, "none" no claim (plug-in claims only). */
export function selectClaims(ids: string | undefined): Claim[] {
  if (ids === undefined || ids === '' || ids === 'all') return [...CLAIMS];
  if (ids.trim().toLowerCase() === 'none') return [];
  const want = new Set(ids.split(',').map((s) => claimById(s.trim()).id));
  return CLAIMS.filter((c) => want.has(c.id));
}
