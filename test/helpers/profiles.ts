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
