// Structural tests of a prompt's profile (SPEC §1, T3): unanimity, impartial culture, clone classes.
import { Fraction, ZERO } from '../exact/rational.js';
import { Prompt } from './types.js';

/** Unanimous: every user type has the same strict ranking (SPEC T3). */
export function isUnanimous(prompt: Prompt): boolean {
  const r0 = prompt.users[0].rank;
  const n = prompt.responses.length;
  if (new Set(Array.from(r0)).size !== n) return false;
  return prompt.users.every((u) => u.rank.every((v, i) => v === r0[i]));
}

/** The top response of a unanimous prompt. */
export function unanimousTop(prompt: Prompt): number {
  return prompt.users[0].rank.indexOf(0);
}

/** Impartial culture: all N! strict rankings, each with the same total weight (SPEC T3). */
export function isImpartialCulture(prompt: Prompt): boolean {
  const n = prompt.responses.length;
  const byRanking = new Map<string, Fraction>();
  for (const u of prompt.users) {
    if (new Set(Array.from(u.rank)).size !== n) return false;
    const key = Array.from(u.rank).join(',');
    byRanking.set(key, (byRanking.get(key) ?? ZERO).add(u.weight));
  }
  let fact = 1;
  for (let i = 2; i <= n; i++) fact *= i;
  if (byRanking.size !== fact) return false;
  const w = [...byRanking.values()];
  return w.every((v) => v.equals(w[0]));
}

/** Every user type ranks strictly (no ties, nothing unlisted). */
export function isStrict(prompt: Prompt): boolean {
  return prompt.users.every((u) => new Set(Array.from(u.rank)).size === prompt.responses.length);
}

/**
 * Clone classes: responses tied in every user type's order. U_k(·; π) depends only on each class's
 * total mass (SPEC §2: e and w are unions of whole classes).
 */
export function cloneClasses(prompt: Prompt): number[][] {
  const byKey = new Map<string, number[]>();
  prompt.responses.forEach((_, y) => {
    const key = prompt.users.map((u) => u.rank[y]).join(',');
    if (!byKey.has(key)) byKey.set(key, []);
    byKey.get(key)!.push(y);
  });
  return [...byKey.values()];
}
