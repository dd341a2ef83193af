// A FALSE conjecture as a plug-in claim, written against ualign's public API only: verify refutes it
// with a small shrunk counterexample, stores it, and `ualign replay` re-checks it from the report.
//
//   npx ualign verify --claims none --claim examples/claims/condorcet-mass.mjs        # exit 1: refuted
//   npx ualign replay reports/counterexamples/condorcet-mass.json                     # exit 0: reproduced
//
// Inside this repository `import … from 'ualign'` resolves to the package itself (package.json "exports"
// self-reference, after `npm run build`); in a project of your own it is the installed ualign.
//
// The conjecture: "when a prompt has a Condorcet winner c, always answering c is nearly as robust as an
// equilibrium: rob_k(δ_c^{⊗k}) ≥ k/(k+1) − 1/100". It is false (SPEC T4): k copies of c show the user
// one item, so the opponent that plays c's strongest rival y wins P(y ≻ c) of the time whatever k is —
// rob_k(δ_c^{⊗k}) = min(k/(k+1), min_y P(c ≻ y)) stays at the majority's margin while k/(k+1) → 1.
// Declared `expect: 'holds'`, as a conjecture is: verify's refutation is the news (exit 1). Declare
// `expect: 'refuted'` instead to keep it as a negative control of your own (then a refutation is exit 0).
import {
  CertificateError,
  InputError,
  frac,
  defineClaim,
  verdict,
  geq,
  kk1,
  makePolicy,
  pointMass,
  robustness,
  directRobustness,
  condorcetWinner,
  profileInstanceArb,
  profileInstanceJson,
  profileInstanceFromJson,
  profileInstanceSize,
} from 'ualign';

const MARGIN = frac(1, 100);

/** The profile's only prompt and its Condorcet winner; anything else is not an instance of this claim. */
function winnerOf(profile) {
  if (profile.prompts.length !== 1) throw new InputError('condorcet-mass: expects a single-prompt profile');
  const prompt = profile.prompts[0].prompt;
  const c = condorcetWinner(prompt);
  if (c === null) throw new InputError('condorcet-mass: the profile has no Condorcet winner');
  return { prompt, c };
}

export default defineClaim({
  id: 'condorcet-mass',
  title: 'Condorcet point mass is nearly optimal (false)',
  statement: 'If a single prompt has a Condorcet winner c, then for every k ≥ 1: rob_k(δ_c^{⊗k}) ≥ k/(k+1) − 1/100.',
  latex: '\\mathrm{rob}_k(\\delta_c^{\\otimes k}) \\ge \\tfrac{k}{k+1} - \\tfrac{1}{100}',
  rule: 'uniform',
  expect: 'holds',
  defaultRuns: 200,
  compares: 'rob_k(δ_c^{⊗k}) by robustness (closed form of U_k) and by directRobustness (direct expectation over tied draws)',
  // Two camps (a majority a ≻ b, a minority b ≻ a) and unanimous profiles always have a Condorcet
  // winner; k from 1 to 8 (or --k-max). Shrinking goes to two responses and small weights.
  arbitrary: (o = {}) => profileInstanceArb({ families: ['two-camp', 'unanimous'], maxResponses: o.maxResponses ?? 4, maxK: o.maxK ?? 8 }),
  evidence({ profile, k }) {
    const { prompt, c } = winnerOf(profile);
    const delta = makePolicy([pointMass(prompt, c)]);
    const closed = robustness(profile, delta, { k, rule: 'uniform' });
    const direct = directRobustness(profile, [{ kind: 'product', k, probs: delta.perPrompt[0] }], 'uniform');
    return { winner: prompt.responses[c], robustness: closed.robustness, worst: prompt.responses[closed.prompts[0].worst[0]], direct: direct.robustness };
  },
  judge({ k }, e) {
    // Two computations that disagree are a bug, never a refutation: say so (verify stops with one line).
    if (!e.robustness.equals(e.direct)) throw new CertificateError(`rob_k by the closed form ${e.robustness.toFraction()} ≠ ${e.direct.toFraction()} by the direct expectation`);
    const bound = kk1(k).sub(MARGIN);
    return verdict(geq(e.robustness, bound), {
      winner: e.winner,
      robustness: e.robustness.toFraction(),
      bound: bound.toFraction(),
      worstOpponent: e.worst,
    });
  },
  size: profileInstanceSize,
  toJson: profileInstanceJson,
  fromJson(json) {
    const inst = profileInstanceFromJson(json);
    winnerOf(inst.profile); // refuse instances the statement is not about
    return inst;
  },
});
