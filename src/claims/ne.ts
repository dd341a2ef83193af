// A symmetric (ε-)equilibrium of G_{k+1} for the claims that are stated at one (N1, N4, T6, near-NE policies).
import { Fraction, ONE, ZERO } from '../exact/rational.js';
import { makePolicy } from '../model/build.js';
import { isUnanimous, unanimousTop } from '../model/structure.js';
import { Policy, Profile } from '../model/types.js';
import { exploitability } from '../winrate/exploitability.js';
import { equilibrium } from '../equilibria/equilibrium.js';

export interface NE {
  readonly policy: Policy;
  /** Exact ε(π) ≥ 0; 0 means an exact symmetric NE of G_{k+1}. */
  readonly epsilon: Fraction;
  readonly source: 'unanimous-top' | 'equilibrium';
}

/**
 * A symmetric (ε-)equilibrium of G_{k+1} with exact ε (SPEC §3): on unanimous prompts δ_top, an exact NE;
 * otherwise `equilibrium`. ε is recomputed by `exploitability`.
 */
export function equilibriumOf(profile: Profile, k: number): NE {
  if (profile.prompts.every(({ prompt }) => isUnanimous(prompt))) {
    const policy = makePolicy(profile.prompts.map(({ prompt }) => prompt.responses.map((_, y) => (y === unanimousTop(prompt) ? ONE : ZERO))));
    return { policy, epsilon: exploitability(profile, policy, k).epsilon, source: 'unanimous-top' };
  }
  const r = equilibrium(profile, k, { box: false, maxRounds: 4000 });
  return { policy: r.policy, epsilon: exploitability(profile, r.policy, k).epsilon, source: 'equilibrium' };
}
