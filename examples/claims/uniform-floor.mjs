// A TRUE conjecture as a plug-in claim, written against ualign's public API only.
//
//   npx ualign verify --claims none --claim examples/claims/uniform-floor.mjs
//
// Inside this repository `import … from 'ualign'` resolves to the package itself (package.json "exports"
// self-reference, after `npm run build`); in a project of your own it is the installed ualign.
//
// The statement. Let u be the uniform policy on each prompt's n responses, k ≥ 1, and every user type a weak order. Then
//
//   rob_k(u^{⊗k}) ≥ Σ_x ρ(x) · (1 − b(n_x, k)),   b(n, k) = n/(k+1) · (1 − ((n−1)/n)^{k+1}),
//
// with equality on a prompt exactly when some response is every user type's unique top choice there.
//
// Why it holds (SPEC §2, uniform rule). For a type θ and a response y with e = |E_θ(y)|/n and
// w = |W_θ(y)|/n, U_k(y; u) = ((e+w)^{k+1} − w^{k+1}) / ((k+1)e), the mean of t^k over [w, w+e]. As
// w + e ≤ 1 and t^k increases, that mean is at most the mean over [1−e, 1], which is at most the mean
// over [1 − 1/n, 1] = b(n, k) (e ≥ 1/n). Both steps are equalities iff y is θ's unique top, strictly
// smaller otherwise (k ≥ 1). So max_y U_k(y; u) = b(n, k) iff one response is every type's unique top.
// (b(n, k) is also E[1/(J+1)] for J ~ Binomial(k, 1/n): the opponent shares the user's pick with the J
// model samples that hit the top.) As k grows with n fixed, the floor 1 − b tends to 1 as 1 − n/(k+1):
// the uniform policy is aligned too, only more slowly than an equilibrium (k/(k+1), SPEC T2).
import {
  ONE,
  frac,
  sumOf,
  defineClaim,
  verdict,
  geq,
  eqSlack,
  holds,
  minRat,
  makePolicy,
  robustness,
  directRobustness,
  profileInstanceArb,
  profileInstanceJson,
  profileInstanceFromJson,
  profileInstanceSize,
  WEAK_ORDER_FAMILIES,
} from 'ualign';

/** b(n, k) by its closed form: n/(k+1) · (1 − ((n−1)/n)^{k+1}). */
function floorClosed(n, k) {
  return frac(n, k + 1).mul(ONE.sub(frac(n - 1, n).pow(k + 1)));
}

/** b(n, k) by the expectation E[1/(J+1)], J ~ Binomial(k, 1/n): Σ_j C(k,j) (n−1)^{k−j} / (n^k (j+1)). */
function floorBinomial(n, k) {
  const terms = [];
  let c = 1n; // C(k, j)
  for (let j = 0; j <= k; j++) {
    terms.push(frac(c * BigInt(n - 1) ** BigInt(k - j), BigInt(n) ** BigInt(k) * BigInt(j + 1)));
    c = (c * BigInt(k - j)) / BigInt(j + 1);
  }
  return sumOf(terms);
}

/** A response that every user type ranks strictly above every other response, or −1. */
function commonUniqueTop(prompt) {
  const n = prompt.responses.length;
  for (let c = 0; c < n; c++)
    if (prompt.users.every((u) => Array.from({ length: n }, (_, y) => y === c || u.rank[c] < u.rank[y]).every(Boolean))) return c;
  return -1;
}

export default defineClaim({
  id: 'uniform-floor',
  title: 'uniform policy floor',
  statement:
    'For every weak-order profile and k ≥ 1, the uniform policy u has rob_k(u^{⊗k}) ≥ Σ_x ρ(x)(1 − b(n_x, k)) with ' +
    'b(n, k) = n/(k+1)·(1 − ((n−1)/n)^{k+1}); equality on a prompt iff one response is every user type’s unique top.',
  latex: '\\mathrm{rob}_k(u^{\\otimes k}) \\ge \\sum_x \\rho(x)\\Bigl(1 - \\tfrac{n_x}{k+1}\\bigl(1 - (\\tfrac{n_x-1}{n_x})^{k+1}\\bigr)\\Bigr)',
  rule: 'uniform',
  expect: 'holds',
  defaultRuns: 400,
  compares:
    'rob_k(u^{⊗k}) by robustness (closed form of U_k) and by directRobustness (direct expectation over tied draws); ' +
    'b(n, k) by its closed form and as E[1/(J+1)] for a binomial J',
  // Weak-order profiles of every family (the floor is about ties and tops; a Luce type can make one response
  // win more than b(n, k)), up to 2 prompts, k up to 32 (or --k-max): the instance is {profile, k}.
  arbitrary: (o = {}) => profileInstanceArb({ ...o, maxPrompts: 2, families: WEAK_ORDER_FAMILIES }),
  evidence({ profile, k }) {
    const u = makePolicy(profile.prompts.map(({ prompt }) => prompt.responses.map(() => frac(1, prompt.responses.length))));
    const closed = robustness(profile, u, { k, rule: 'uniform' });
    const direct = directRobustness(
      profile,
      u.perPrompt.map((probs) => ({ kind: 'product', k, probs })),
      'uniform',
    );
    return {
      robustness: closed.robustness,
      perPrompt: closed.prompts.map((p) => p.robustness),
      direct: direct.robustness,
      floors: profile.prompts.map(({ prompt }) => ({ closed: floorClosed(prompt.responses.length, k), binomial: floorBinomial(prompt.responses.length, k) })),
      tops: profile.prompts.map(({ prompt }) => commonUniqueTop(prompt)),
    };
  },
  judge({ profile }, e) {
    const bound = sumOf(profile.prompts.map(({ weight }, x) => weight.mul(ONE.sub(e.floors[x].closed))));
    const parts = [
      geq(e.robustness, bound), // the claim
      eqSlack(e.robustness, e.direct), // the two computations of rob_k agree
      ...e.floors.map((f) => eqSlack(f.closed, f.binomial)), // the two computations of b agree
      // equality on a prompt iff it has a common unique top; strictly above otherwise
      ...e.perPrompt.map((r, x) => {
        const floor = ONE.sub(e.floors[x].closed);
        return e.tops[x] >= 0 ? eqSlack(r, floor) : holds(r.gt(floor));
      }),
    ];
    return verdict(minRat(parts), {
      robustness: e.robustness.toFraction(),
      bound: bound.toFraction(),
      perPrompt: e.perPrompt.map((r, x) => ({
        robustness: r.toFraction(),
        floor: ONE.sub(e.floors[x].closed).toFraction(),
        commonUniqueTop: e.tops[x] >= 0 ? profile.prompts[x].prompt.responses[e.tops[x]] : null,
      })),
    });
  },
  size: profileInstanceSize,
  toJson: profileInstanceJson,
  fromJson: profileInstanceFromJson,
});
