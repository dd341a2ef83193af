// Profiles every `ualign check` run evaluates before its random search (SPEC §6 test vectors and T3/T4 shapes).
import { profileFromJson } from '../model/codec.js';
import { Profile } from '../model/types.js';

export interface NamedProfile {
  readonly name: string;
  readonly profile: Profile;
}

const strict = (order: string): string[][] => order.split('').map((c) => [c]);

/** Two-camp δ = 1/20 (T4), unanimous (T3), a Condorcet cycle and impartial culture on three responses. */
export function builtinFixtures(): NamedProfile[] {
  const abc = ['a', 'b', 'c'];
  const perms = ['abc', 'acb', 'bac', 'bca', 'cab', 'cba'];
  return [
    {
      name: 'two-camp δ=1/20',
      profile: profileFromJson({ responses: ['a', 'b'], users: [{ weight: '11/20', ranking: strict('ab') }, { weight: '9/20', ranking: strict('ba') }] }),
    },
    { name: 'unanimous a≻b≻c', profile: profileFromJson({ responses: abc, users: [{ weight: 1, ranking: strict('abc') }] }) },
    {
      name: 'Condorcet cycle',
      profile: profileFromJson({ responses: abc, users: ['abc', 'bca', 'cab'].map((o) => ({ weight: 1, ranking: strict(o) })) }),
    },
    { name: 'impartial culture N=3', profile: profileFromJson({ responses: abc, users: perms.map((o) => ({ weight: 1, ranking: strict(o) })) }) },
  ];
}
