// T3 optimality (SPEC §4): V_k = max_σ rob_k(σ) ≥ k/(k+1) on every profile; = k/(k+1) on unanimous
// profiles; = k/(k+1) + (k−1)/(2N(k+1)) on impartial culture (N ≥ k responses), rule `uniform`.
import { frac } from '../exact/rational.js';
import { isImpartialCulture, isUnanimous } from '../model/structure.js';
import { bestKOutputSync } from '../equilibria/bestKOutput.js';
import { idsOf, ratList } from './json.js';
import { ProfileInstance, profileInstanceArb, profileInstanceFromJson, profileInstanceJson } from './instances.js';
import { Claim, eqSlack, geq, kk1, minRat, verdict } from './types.js';

export const T3: Claim<ProfileInstance> = {
  id: 'T3',
  title: 'optimality of k/(k+1)',
  statement:
    'V_k = max over k-output models σ of rob_k(σ) satisfies V_k ≥ k/(k+1) on every profile, V_k = k/(k+1) on unanimous profiles, and V_k = k/(k+1) + (k−1)/(2N(k+1)) on impartial culture with N ≥ k responses.',
  latex: 'V_k \\ge \\tfrac{k}{k+1};\\ V_k^{\\mathrm{unan}} = \\tfrac{k}{k+1};\\ V_k^{\\mathrm{IC}_N} = \\tfrac{k}{k+1} + \\tfrac{k-1}{2N(k+1)}',
  rule: 'uniform',
  expect: 'holds',
  defaultRuns: 1000,
  arbitrary: (o = {}) => profileInstanceArb({ ...o, maxResponses: o.maxResponses ?? 4, maxK: 3, maxUsers: 3 }),
  check({ profile, k }) {
    const v = bestKOutputSync(profile, k, 'uniform');
    const parts = [geq(v.value, kk1(k))];
    const cert: Record<string, unknown> = {
      value: v.value.toFraction(),
      bound: kk1(k).toFraction(),
      prompts: v.prompts.map((p, x) => ({
        value: p.value.toFraction(),
        model: p.outcomes.map((o) => ({ responses: idsOf(profile.prompts[x].prompt, o.items), prob: o.prob.toFraction() })),
        opponent: ratList(p.opponent),
      })),
    };
    profile.prompts.forEach(({ prompt }, x) => {
      if (isUnanimous(prompt)) parts.push(eqSlack(v.prompts[x].value, kk1(k)));
      const N = prompt.responses.length;
      // the impartial-culture formula needs k ≤ N (found by this harness: it fails for N = 1, k = 2 and N = 2, k = 3)
      if (k <= N && isImpartialCulture(prompt)) {
        const f = kk1(k).add(frac(k - 1, 2 * N * (k + 1)));
        parts.push(eqSlack(v.prompts[x].value, f));
        cert.impartialCulture = f.toFraction();
      }
    });
    return verdict(minRat(parts), cert);
  },
  toJson: profileInstanceJson,
  fromJson: profileInstanceFromJson,
};
