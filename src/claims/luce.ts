// Claims specific to Luce users beyond the two camps (SPEC §4b): L3, L4 (rule `uniform` for weak-order types).
//
// Deterministic policies on any profile (L3): the model shows k copies of c; an opponent y ≠ c wins a weak-order
// type outright if y ≻ c, with 1/(k+1) if y ~ c, and a Luce type with s(y)/(s(y) + k·s(c)); y = c scores 1/(k+1).
// A single Luce type (L4): U_k(z; δ_y) = s(z)/(s(z) + k·s(y)) ≤ 1/(k+1) for every z iff s(y) = max s.
import fc from 'fast-check';
import { Fraction, frac, ONE, ZERO, maxOf, minOf, sumOf } from '../exact/rational.js';
import { makePolicy, makeProfile } from '../model/build.js';
import { profileToJson } from '../model/codec.js';
import { InputError } from '../model/errors.js';
import { Profile, Prompt } from '../model/types.js';
import { hasLuce, isUnanimous } from '../model/structure.js';
import { robustness } from '../winrate/opponents.js';
import { exploitability } from '../winrate/exploitability.js';
import { deterministicPolicy } from '../instances/policies.js';
import { DEFAULT_K_MAX, kArb } from '../instances/sizes.js';
import { intField, profileField, ratList } from './json.js';
import { directRobustness, directScores } from './oracles.js';
import { DeterministicInstance, deterministicInstanceFromJson, deterministicInstanceJson, profileArbFor } from './instances.js';
import { defineClaim, eqSlack, holds, kk1, minRat, profileSize, verdict } from './types.js';

// ---- L3 ----

export type L3Instance = DeterministicInstance;

export interface L3Evidence {
  /** rob_k(δ_c^{⊗k}) by `robustness` and by the direct expectation / convolution. */
  readonly robustness: Fraction;
  readonly robustnessDirect: Fraction;
  /** Per prompt: min_{y≠c} of the L3 sum by definition (1 when n = 1). */
  readonly minTerms: readonly Fraction[];
}

/** L3's min over y ≠ c of Σ_ranking w(1[c ≻ y] + k/(k+1)·1[c ~ y]) + Σ_Luce w·k s(c)/(k s(c) + s(y)), by definition. */
export function deterministicTerm(prompt: Prompt, c: number, k: number): Fraction {
  let m = ONE;
  const K = frac(k);
  for (let y = 0; y < prompt.responses.length; y++) {
    if (y === c) continue;
    const v = sumOf(
      prompt.users.map((u) => {
        if (u.kind === 'luce') return u.weight.mul(K.mul(u.strengths[c]).div(K.mul(u.strengths[c]).add(u.strengths[y])));
        return u.rank[c] < u.rank[y] ? u.weight : u.rank[c] === u.rank[y] ? u.weight.mul(kk1(k)) : ZERO;
      }),
    );
    m = minOf(m, v);
  }
  return m;
}

export const L3 = defineClaim<L3Instance, L3Evidence>({
  id: 'L3',
  title: 'deterministic policies with Luce users',
  statement:
    'For every profile with weak-order, Luce or mixed types and a deterministic policy δ_c (c per prompt): rob_k(δ_c^{⊗k}) = Σ_x ρ(x) min(k/(k+1), min_{y≠c} [Σ_{θ weak order} w_θ(1[c ≻_θ y] + k/(k+1)·1[c ~_θ y]) + Σ_{θ Luce} w_θ·k s_θ(c)/(k s_θ(c) + s_θ(y))]) under uniform — nondecreasing in k, T4’s constant min(k/(k+1), min_y P_θ[c ≻_θ y]) for strict rankings.',
  latex:
    '\\mathrm{rob}_k(\\delta_c^{\\otimes k}) = \\min\\Bigl(\\tfrac{k}{k+1}, \\min_{y \\ne c} \\sum_{\\theta} w_\\theta \\bigl(\\mathbb 1[c \\succ_\\theta y] + \\tfrac{k}{k+1}\\mathbb 1[c \\sim_\\theta y]\\bigr) + \\sum_{\\theta\\,\\mathrm{Luce}} w_\\theta \\tfrac{k s_\\theta(c)}{k s_\\theta(c) + s_\\theta(y)}\\Bigr)',
  rule: 'uniform (weak orders), Luce',
  expect: 'holds',
  compares: 'rob_k by robustness (closed form; Luce types: the power recurrence) and by the direct expectation (tables.ts; Luce types: convolution), against the formula evaluated by definition',
  defaultRuns: 400,
  arbitrary: (o = {}) =>
    fc
      .record({
        profile: profileArbFor({ ...o, maxResponses: o.maxResponses ?? 5, maxPrompts: 2 }),
        k: kArb(o.maxK ?? DEFAULT_K_MAX),
        c: fc.array(fc.nat(5), { minLength: 2, maxLength: 2 }),
      })
      .map(({ profile, k, c }) => ({ profile, k, c: profile.prompts.map(({ prompt }, x) => c[x] % prompt.responses.length) })),
  evidence({ profile, k, c }) {
    const policy = makePolicy(profile.prompts.map(({ prompt }, x) => deterministicPolicy(prompt.responses.length, c[x])));
    return {
      robustness: robustness(profile, policy, { k, rule: 'uniform' }).robustness,
      robustnessDirect: directRobustness(
        profile,
        policy.perPrompt.map((probs) => ({ kind: 'product' as const, k, probs })),
        'uniform',
      ).robustness,
      minTerms: profile.prompts.map(({ prompt }, x) => deterministicTerm(prompt, c[x], k)),
    };
  },
  judge({ profile, k }, e) {
    const formula = sumOf(e.minTerms.map((m, x) => minOf(kk1(k), m).mul(profile.prompts[x].weight)));
    return verdict(minRat([eqSlack(e.robustness, formula), eqSlack(e.robustnessDirect, e.robustness)]), {
      robustness: e.robustness.toFraction(),
      formula: formula.toFraction(),
    });
  },
  size: ({ profile, k }) => profileSize(profile, k),
  toJson: deterministicInstanceJson,
  fromJson: deterministicInstanceFromJson,
});

// ---- L4 ----

export interface L4Instance {
  readonly profile: Profile;
  readonly k: number;
}

export interface L4Evidence {
  /** Per prompt and response y: ε(δ_y) by `exploitability` and max_z U_k(z; δ_y) − 1/(k+1) by convolution. */
  readonly prompts: readonly { readonly epsilon: readonly Fraction[]; readonly epsilonDirect: readonly Fraction[] }[];
}

export const L4 = defineClaim<L4Instance, L4Evidence>({
  id: 'L4',
  title: 'a Bradley–Terry user: the strongest response is a pure NE',
  statement:
    'On a prompt with a single Luce type (one strength vector s, Bradley–Terry for two items), for every k ≥ 1: δ_y is a symmetric NE of G_{k+1} (ε(δ_y) = 0) iff s(y) = max_z s(z); otherwise ε(δ_y) = max_z s(z)/(s(z) + k·s(y)) − 1/(k+1) > 0. Per prompt.',
  latex: '\\varepsilon(\\delta_y) = \\max_z \\tfrac{s(z)}{s(z) + k\\,s(y)} - \\tfrac{1}{k+1} = 0 \\iff s(y) = \\max_z s(z)',
  rule: 'Luce',
  expect: 'holds',
  compares: 'ε(δ_y) by exploitability (the power recurrence of luce.ts) and by the strength sums by convolution, against the formula and the argmax of the strengths',
  defaultRuns: 300,
  arbitrary: (o = {}) =>
    fc.record({
      profile: profileArbFor({ ...o, families: ['luce-single'], maxResponses: o.maxResponses ?? 5, maxPrompts: 2 }),
      k: kArb(o.maxK ?? DEFAULT_K_MAX),
    }),
  evidence: ({ profile, k }) => ({
    prompts: profile.prompts.map(({ prompt }) => {
      const one = makeProfile([{ weight: ONE, prompt }]);
      const n = prompt.responses.length;
      const epsilon: Fraction[] = [];
      const epsilonDirect: Fraction[] = [];
      for (let y = 0; y < n; y++) {
        const probs = deterministicPolicy(n, y);
        epsilon.push(exploitability(one, makePolicy([probs]), k).epsilon);
        epsilonDirect.push(directScores(prompt, { kind: 'product', k, probs }, 'uniform').reduce((a, b) => maxOf(a, b)).sub(frac(1, k + 1)));
      }
      return { epsilon, epsilonDirect };
    }),
  }),
  judge({ profile, k }, e) {
    const parts: Fraction[] = [];
    const strongest: string[][] = [];
    e.prompts.forEach((p, x) => {
      const prompt = profile.prompts[x].prompt;
      const s = luceStrengths(prompt);
      const top = s.reduce((a, b) => maxOf(a, b));
      strongest.push(prompt.responses.filter((_, y) => s[y].equals(top)));
      s.forEach((sy, y) => {
        const formula = s.map((sz) => sz.div(sz.add(frac(k).mul(sy)))).reduce((a, b) => maxOf(a, b)).sub(frac(1, k + 1));
        parts.push(eqSlack(p.epsilon[y], p.epsilonDirect[y]), eqSlack(p.epsilon[y], formula), holds(p.epsilon[y].equals(ZERO) === sy.equals(top)));
      });
    });
    const one = e.prompts.length === 1;
    return verdict(minRat(parts), {
      strongest: one ? strongest[0] : strongest,
      epsilon: one ? ratList(e.prompts[0].epsilon) : e.prompts.map((p) => ratList(p.epsilon)),
    });
  },
  size: ({ profile, k }) => profileSize(profile, k),
  toJson: (i) => ({ profile: profileToJson(i.profile), k: i.k }),
  fromJson(json) {
    const profile = profileField(json);
    profile.prompts.forEach(({ prompt }) => {
      if (!hasLuce(prompt) || !isUnanimous(prompt)) throw new InputError('L4: each prompt must have a single Luce type (Luce types with equal strengths up to scale)');
    });
    return { profile, k: intField(json, 'k') };
  },
});

/** The strengths of a prompt's (first) Luce type, as given. */
function luceStrengths(prompt: Prompt): readonly Fraction[] {
  const u = prompt.users[0];
  if (u.kind !== 'luce') throw new InputError('L4: each prompt must have a single Luce type');
  return u.strengths;
}
