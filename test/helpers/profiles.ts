// Profiles that specs share (JSON input shape).

/**
 * Found by search: at k = 14 Hedge stalls past 4000 rounds on this prompt, so support enumeration answers; with
 * the default 20000 rounds Newton answers at another dyadic point of the same equilibrium. Tells the claims'
 * 4000-round budget (ne.ts, t9.ts) from the default.
 */
export const STALLS_AT_4000_K14 = {
  responses: ['a', 'b', 'c', 'd', 'e'],
  users: [
    { weight: '3/4', ranking: [['a', 'c', 'd', 'e'], ['b']] },
    { weight: '1/4', ranking: [['b'], ['a', 'd'], ['c', 'e']] },
  ],
};

/** I1's one-prompt profile: a ranking that lists part of the responses (a tier of one), and a type that lists none. */
export const ONE_PROMPT = { responses: ['a', 'b', 'c'], users: [{ weight: 3, ranking: ['c', ['a']] }, { weight: 1, ranking: [] }] };

/** A strict ranking as tiers of one response each. */
export const tiers = (...ys: string[]): string[][] => ys.map((y) => [y]);
/** m user types of weight 1 with the same ranking. */
export const same = (m: number, ranking: string[][]) => Array.from({ length: m }, () => ({ weight: '1', ranking }));
/** One user type ranking the responses in the order given. */
export const unanimous = (responses: string[]) => ({ responses, users: [{ weight: '1', ranking: tiers(...responses) }] });
/** An exact value (or a missing second opinion) as its "p/q" text. */
export const str = (x: { toFraction(): string } | null): string | null => (x === null ? null : x.toFraction());
