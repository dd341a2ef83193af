// T4 NLHF does not scale (SPEC §4): for strict rankings and a deterministic policy δ_c,
// rob_k(δ_c^{⊗k}) = min(k/(k+1), min_{y≠c} P_θ[c ≻_θ y]) — constant in k once k/(k+1) exceeds it;
// on the two-camp profile the unique maximal lottery is δ_a.
import fc from 'fast-check';
import { frac, ONE, ZERO, minOf } from '../exact/rational.js';
import { makePolicy, makeProfile } from '../model/build.js';
import { InputError } from '../model/errors.js';
import { Profile } from '../model/types.js';
import { robustness } from '../winrate/opponents.js';
import { twoCampPrompt } from '../instances/families.js';
import { deterministicPolicy } from '../instances/policies.js';
import { profileToJson } from '../model/codec.js';
import { isStrict } from '../model/structure.js';
import { condorcetWinner, strictShareMatrix } from '../winrate/pairwise.js';
import { allMaximalLotteriesOfPrompt } from '../equilibria/maximalLottery.js';
import { field, intField, onlyPrompt, profileField, ratList } from './json.js';
import { profileArbFor } from './instances.js';
import { Claim, eqSlack, kk1, minRat, verdict } from './types.js';

export interface T4Instance {
  readonly profile: Profile;
  readonly k: number;
  /** The deterministic policy's response c. */
  readonly c: number;
}

export const T4: Claim<T4Instance> = {
  id: 'T4',
  title: 'NLHF does not scale',
  statement:
    'For strict rankings and a deterministic policy δ_c: rob_k(δ_c^{⊗k}) = min(k/(k+1), min_{y≠c} P_θ[c ≻_θ y]), constant in k; on the two-camp profile (½+δ: a ≻ b, ½−δ: b ≻ a) the unique maximal lottery is δ_a, so rob_k = ½+δ once k/(k+1) ≥ ½+δ.',
  latex: '\\mathrm{rob}_k(\\delta_c^{\\otimes k}) = \\min\\bigl(\\tfrac{k}{k+1}, \\min_{y \\ne c} P_\\theta[c \\succ_\\theta y]\\bigr)',
  rule: 'uniform',
  expect: 'holds',
  defaultRuns: 2000,
  arbitrary: (o = {}) =>
    fc.oneof(
      // the SPEC's two-camp profile, δ = a/(2(a+b)) ∈ (0, ½), c = a
      fc.record({ a: fc.integer({ min: 1, max: 20 }), b: fc.integer({ min: 1, max: 20 }), k: fc.integer({ min: 1, max: 6 }) }).map(({ a, b, k }) => ({
        profile: makeProfile([{ weight: ONE, prompt: twoCampPrompt(frac(a, 2 * (a + b))) }]),
        k,
        c: 0,
      })),
      fc
        .record({
          profile: profileArbFor({ ...o, families: ['strict', 'two-camp', 'condorcet-cycle', 'single-peaked', 'mallows', 'unanimous'] }),
          k: fc.integer({ min: 1, max: 6 }),
          c: fc.nat(4),
        })
        .map(({ profile, k, c }) => ({ profile, k, c: c % profile.prompts[0].prompt.responses.length })),
    ),
  check({ profile, k, c }) {
    const prompt = onlyPrompt(profile, 'T4');
    const n = prompt.responses.length;
    const share = strictShareMatrix(prompt);
    let f = kk1(k);
    for (let y = 0; y < n; y++) if (y !== c) f = minOf(f, share[c][y]);
    const rob = robustness(profile, makePolicy([deterministicPolicy(n, c)]), { k, rule: 'uniform' }).robustness;
    const parts = [eqSlack(rob, f)];
    const cert: Record<string, unknown> = { robustness: rob.toFraction(), formula: f.toFraction() };
    if (condorcetWinner(prompt) === c && n <= 6) {
      // a Condorcet winner c: the unique maximal lottery is δ_c
      const mls = allMaximalLotteriesOfPrompt(prompt);
      const unique = mls.length === 1 && mls[0].every((v, y) => v.equals(y === c ? ONE : ZERO));
      parts.push(unique ? ZERO : ONE.neg());
      cert.maximalLotteries = mls.map(ratList);
    }
    return verdict(minRat(parts), cert);
  },
  toJson: (i) => ({ profile: profileToJson(i.profile), k: i.k, c: i.profile.prompts[0].prompt.responses[i.c] }),
  fromJson(json) {
    const profile = profileField(json);
    const prompt = onlyPrompt(profile, 'T4');
    const cid = field(json, 'c');
    const c = typeof cid === 'string' ? prompt.index.get(cid) : undefined;
    if (c === undefined) throw new InputError('instance.c must be a response id');
    if (!isStrict(prompt)) throw new InputError('T4: rankings must be strict');
    return { profile, k: intField(json, 'k'), c };
  },
};
