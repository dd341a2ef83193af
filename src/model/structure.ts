// Structural tests of a prompt's profile (SPEC §1, §4b, T3): unanimity, impartial culture, clone classes.
import { Fraction, ZERO } from '../exact/rational.js';
import { Prompt } from './types.js';

/** Does the prompt have a Luce type (SPEC §4b)? */
export function hasLuce(prompt: Prompt): boolean {
  return prompt.users.some((u) => u.kind === 'luce');
}

/**
 * Unanimous (SPEC T3), read as "a single type": every user type has the same strict ranking, or every user
 * type is a Luce type with the same strengths up to scale. A mix of the two kinds is never unanimous.
 */
export function isUnanimous(prompt: Prompt): boolean {
  const u0 = prompt.users[0];
  if (u0.kind === 'luce') return prompt.users.every((u) => u.kind === 'luce' && u.ints.every((v, i) => v === u0.ints[i]));
  const r0 = u0.rank;
  const n = prompt.responses.length;
  if (new Set(Array.from(r0)).size !== n) return false;
  return prompt.users.every((u) => u.kind === 'ranking' && u.rank.every((v, i) => v === r0[i]));
}

/** The top response of a unanimous prompt (for Luce types: the first of the strongest). */
export function unanimousTop(prompt: Prompt): number {
  const u0 = prompt.users[0];
  if (u0.kind === 'luce') return u0.ints.indexOf(Math.max(...u0.ints));
  return u0.rank.indexOf(0);
}

/** Impartial culture: all N! strict rankings, each with the same total weight (SPEC T3); never with Luce types. */
export function isImpartialCulture(prompt: Prompt): boolean {
  const n = prompt.responses.length;
  const byRanking = new Map<string, Fraction>();
  for (const u of prompt.users) {
    if (u.kind !== 'ranking' || new Set(Array.from(u.rank)).size !== n) return false;
    const key = Array.from(u.rank).join(',');
    byRanking.set(key, (byRanking.get(key) ?? ZERO).add(u.weight));
  }
  let fact = 1;
  for (let i = 2; i <= n; i++) fact *= i;
  if (byRanking.size !== fact) return false;
  const w = [...byRanking.values()];
  return w.every((v) => v.equals(w[0]));
}

/** Σ over the user types of their tiers (a Luce type counts n): the size of one U_k evaluation, for work estimates. */
export function tierCount(prompt: Prompt): number {
  return prompt.users.reduce((a, u) => a + (u.kind === 'ranking' ? u.numTiers : prompt.responses.length), 0);
}

/** Every user type ranks strictly (no ties, nothing unlisted); false when a type is a Luce type. */
export function isStrict(prompt: Prompt): boolean {
  return prompt.users.every((u) => u.kind === 'ranking' && new Set(Array.from(u.rank)).size === prompt.responses.length);
}

/**
 * Clone classes: responses tied in every ranking type and of equal strength in every Luce type.
 * U_k(·; π) depends only on each class's total mass (SPEC §2: e and w are unions of whole classes;
 * §4b: the strength sum of k draws depends only on the mass of each strength value).
 */
export function cloneClasses(prompt: Prompt): number[][] {
  const byKey = new Map<string, number[]>();
  prompt.responses.forEach((_, y) => {
    const key = prompt.users.map((u) => (u.kind === 'ranking' ? u.rank[y] : `s${u.ints[y]}`)).join(',');
    if (!byKey.has(key)) byKey.set(key, []);
    byKey.get(key)!.push(y);
  });
  return [...byKey.values()];
}
