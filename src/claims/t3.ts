// T3 optimality (SPEC §4): V_k = max_σ rob_k(σ) ≥ k/(k+1) on every profile; = k/(k+1) on unanimous
// prompts; = k/(k+1) + (k−1)/(2N(k+1)) on impartial culture (N ≥ k responses), rule `uniform`.
// Compares: V_k from `bestKOutputSync` (column generation with branch-and-bound pricing, what
// `ualign best-k-output` prints) against its certificate evaluated by definition — the model σ's guarantee
// min_y WR(σ, y) and the opponent mixture q's bound max_S Σ_y q(y) WR(S, y) over ALL k-multisets S (LP
// duality: both equal V_k iff it is optimal) — and, on small cases, the LP over all k-multisets solved by the
// exact simplex; V_k again with the pricing search forced (every column found by branch and bound with the
// submodular bounds, no enumeration); and, where glpk.js is loaded (verify loads it), V_k again by bestKOutput with
// every LP solved by glpk.js and certified exactly (lp/certificate.ts) — the paths `ualign best-k-output` takes on
// large prompts.
// On Luce and mixed profiles (SPEC §4b): the columns WR(S, y) = s(S)/(s(S) + s(y)) of the Luce types and the
// submodular pricing of bestKOutput against the same certificate with Luce's rule applied by definition (strengths as
// given); "unanimous" is read as a single type: one shared strict ranking, or Luce types with equal strengths up to
// scale (the opponent plays the strongest response y*, and s(S) ≤ k·s(y*), so V_k = k/(k+1)).
import { Fraction, frac, sumOf } from '../exact/rational.js';
import { isImpartialCulture, isUnanimous } from '../model/structure.js';
import { bestKOutputSync } from '../equilibria/bestKOutput.js';
import { glpkIfLoaded } from '../lp/glpk.js';
import { DEFAULT_K_MAX_LP } from '../instances/sizes.js';
import { idsOf, ratList } from './json.js';
import { multisetCountOf, vkByFullLP, vkCertificateByDefinition } from './oracles.js';
import { ProfileInstance, profileInstanceArb, profileInstanceFromJson, profileInstanceJson, profileInstanceSize } from './instances.js';
import { defineClaim, eqSlack, geq, holds, kk1, minRat, verdict } from './types.js';

/** Largest C(n+k−1, k)·n·m for the certificate's opponent side by definition, and C(n+k−1, k) for the full LP. */
const CERT_WORK = 20000;
const FULL_LP_COLUMNS = 60;

export interface T3Evidence {
  readonly value: Fraction;
  /** V_k with every LP by glpk.js + the exact certificate (null when glpk.js is not loaded in this thread). */
  readonly glpkValue: Fraction | null;
  /** Master LPs of that run that glpk.js answered with a valid certificate (the others fell back to the exact simplex). */
  readonly glpkLPs: number;
  /** V_k with the pricing search for every column (enumerateUpTo 0), and the nodes that search visited. */
  readonly pricedValue: Fraction;
  readonly pricingNodes: number;
  readonly prompts: readonly {
    readonly value: Fraction;
    readonly model: readonly { readonly items: readonly number[]; readonly prob: Fraction }[];
    readonly opponent: readonly Fraction[];
    /** By definition: min_y WR(σ, y) and max_S Σ_y q(y) WR(S, y) (null past CERT_WORK). */
    readonly modelValue: Fraction;
    readonly opponentValue: Fraction | null;
    readonly qIsDistribution: boolean;
    /** The LP over all k-multisets by the exact simplex (null past FULL_LP_COLUMNS). */
    readonly fullLP: Fraction | null;
  }[];
}

function viaGlpk(profile: ProfileInstance['profile'], k: number): { glpkValue: Fraction | null; glpkLPs: number } {
  if (glpkIfLoaded() === null) return { glpkValue: null, glpkLPs: 0 };
  const r = bestKOutputSync(profile, k, 'uniform', { method: 'glpk' });
  return { glpkValue: r.value, glpkLPs: r.prompts.reduce((s, p) => s + p.stats.glpkLPs, 0) };
}

function viaPricing(profile: ProfileInstance['profile'], k: number): { pricedValue: Fraction; pricingNodes: number } {
  const r = bestKOutputSync(profile, k, 'uniform', { enumerateUpTo: 0 });
  return { pricedValue: r.value, pricingNodes: r.prompts.reduce((s, p) => s + p.stats.pricingNodes, 0) };
}

export const T3 = defineClaim<ProfileInstance, T3Evidence>({
  id: 'T3',
  title: 'optimality of k/(k+1)',
  statement:
    'V_k = max over k-output models σ of rob_k(σ) satisfies V_k ≥ k/(k+1) on every profile (weak-order, Luce or mixed types), V_k = k/(k+1) on unanimous prompts (a single type: one shared strict ranking, or one Luce type, V_k = k/(k+1) since s(S) ≤ k·max s), and V_k = k/(k+1) + (k−1)/(2N(k+1)) on impartial culture with N ≥ k responses.',
  latex: 'V_k \\ge \\tfrac{k}{k+1};\\ V_k^{\\mathrm{unan}} = \\tfrac{k}{k+1};\\ V_k^{\\mathrm{IC}_N} = \\tfrac{k}{k+1} + \\tfrac{k-1}{2N(k+1)}',
  rule: 'uniform',
  expect: 'holds',
  compares: "V_k by column generation (bestKOutput) and its primal/dual certificate evaluated by definition (the rules, Luce's rule) over all k-multisets; the full LP by the exact simplex on small cases; V_k again with the pricing search forced; V_k again with every LP by glpk.js, certified exactly (where glpk.js is loaded, as in verify)",
  defaultRuns: 300,
  arbitrary: (o = {}) => profileInstanceArb({ ...o, maxResponses: o.maxResponses ?? 4, maxK: o.maxK ?? DEFAULT_K_MAX_LP, maxUsers: 3, maxPrompts: 2 }),
  evidence({ profile, k }) {
    const v = bestKOutputSync(profile, k, 'uniform');
    return {
      value: v.value,
      ...viaGlpk(profile, k),
      ...viaPricing(profile, k),
      prompts: v.prompts.map((p, x) => {
        const prompt = profile.prompts[x].prompt;
        const n = prompt.responses.length;
        const count = multisetCountOf(n, k);
        const cert = vkCertificateByDefinition(prompt, k, 'uniform', p.outcomes, p.opponent, count * n * prompt.users.length <= CERT_WORK);
        return {
          value: p.value,
          model: p.outcomes,
          opponent: p.opponent,
          ...cert,
          fullLP: count <= FULL_LP_COLUMNS ? vkByFullLP(prompt, k, 'uniform') : null,
        };
      }),
    };
  },
  judge({ profile, k }, e) {
    const parts = [geq(e.value, kk1(k)), eqSlack(e.value, sumOf(e.prompts.map((p, x) => p.value.mul(profile.prompts[x].weight)))), eqSlack(e.pricedValue, e.value)];
    // not in the certificate: the report is the same whether or not glpk.js was loaded
    if (e.glpkValue !== null) parts.push(eqSlack(e.glpkValue, e.value));
    const cert: Record<string, unknown> = { value: e.value.toFraction(), pricedValue: e.pricedValue.toFraction(), bound: kk1(k).toFraction() };
    const ic: string[] = [];
    e.prompts.forEach((p, x) => {
      const prompt = profile.prompts[x].prompt;
      parts.push(eqSlack(p.modelValue, p.value), holds(p.qIsDistribution));
      if (p.opponentValue !== null) parts.push(eqSlack(p.opponentValue, p.value));
      if (p.fullLP !== null) parts.push(eqSlack(p.fullLP, p.value));
      if (isUnanimous(prompt)) parts.push(eqSlack(p.value, kk1(k)));
      const N = prompt.responses.length;
      // the impartial-culture formula needs k ≤ N (found by this harness: it fails for N = 1, k = 2 and N = 2, k = 3)
      if (k <= N && isImpartialCulture(prompt)) {
        const f = kk1(k).add(frac(k - 1, 2 * N * (k + 1)));
        parts.push(eqSlack(p.value, f));
        ic.push(f.toFraction());
      }
    });
    cert.prompts = e.prompts.map((p, x) => ({
      value: p.value.toFraction(),
      model: p.model.map((o) => ({ responses: idsOf(profile.prompts[x].prompt, o.items), prob: o.prob.toFraction() })),
      opponent: ratList(p.opponent),
      modelGuarantee: p.modelValue.toFraction(),
      opponentBound: p.opponentValue === null ? null : p.opponentValue.toFraction(),
      fullLP: p.fullLP === null ? null : p.fullLP.toFraction(),
    }));
    if (ic.length > 0) cert.impartialCulture = ic.length === 1 ? ic[0] : ic;
    return verdict(minRat(parts), cert);
  },
  size: profileInstanceSize,
  toJson: profileInstanceJson,
  fromJson: profileInstanceFromJson,
});
