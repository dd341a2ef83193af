// The closed forms of U_k (SPEC §2) against brute-force enumeration of Y^k (test/oracles).
import { test } from '@fast-check/vitest';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Fraction, ONE, ZERO, frac, sumOf } from '../exact/rational.js';
import { fixedPower, productJacobian, productScores, screenBits, uniformScoreBounds } from './product.js';
import { makePrompt } from '../model/build.js';
import { RULES } from './rules.js';
import { setFault } from './faults.js';
import { InputError } from '../model/errors.js';
import { policyFromWeights, policyWeightsArb, profileRecordArb, promptFromRecord } from '../instances/arbitraries.js';
import { bruteScore, prefer, productOutcomes } from '../../test/oracles/bruteforce.js';
import { params } from '../../test/helpers/fc.js';
import { lucePromptFromRecord, luceRecordArb } from '../instances/luce.js';

const MAXN = 5;
const caseArb = fc.record({
  profile: profileRecordArb({ maxResponses: MAXN, maxUsers: 4 }),
  policy: policyWeightsArb(MAXN, 4),
  k: fc.integer({ min: 1, max: 4 }),
});

const eqAll = (a: Fraction[], b: Fraction[]) => a.length === b.length && a.every((x, i) => x.equals(b[i]));

describe('closed forms = brute force (SPEC §2)', () => {
  for (const rule of RULES) {
    test.prop([caseArb], params(2000))(`U_k(y; π) against π^{⊗k}, rule ${rule}`, ({ profile, policy, k }) => {
      const prompt = promptFromRecord(profile);
      const probs = policyFromWeights(policy, profile.n);
      const closed = productScores(prompt, probs, k, rule);
      const outs = productOutcomes(probs, k);
      const brute = prompt.responses.map((_, y) => bruteScore(prompt, outs, [y], rule));
      expect(eqAll(closed, brute)).toBe(true);
    });
  }

  test.prop([fc.record({ profile: profileRecordArb({ maxResponses: 5, maxUsers: 4 }), p: policyWeightsArb(5, 4), q: policyWeightsArb(5, 4) })], params(1000))(
    'k = 1: WR(π, π′) = P(π ≻ π′) under uniform and pairwise',
    ({ profile, p, q }) => {
      const prompt = promptFromRecord(profile);
      const pi = policyFromWeights(p, profile.n);
      const pi2 = policyFromWeights(q, profile.n);
      let P = ZERO;
      for (let y = 0; y < profile.n; y++) for (let z = 0; z < profile.n; z++) P = P.add(pi[y].mul(pi2[z]).mul(prefer(prompt, y, z)));
      for (const rule of ['uniform', 'pairwise'] as const) {
        const U = productScores(prompt, pi, 1, rule);
        const wr = ONE.sub(sumOf(U.map((u, z) => u.mul(pi2[z]))));
        expect(wr.equals(P)).toBe(true);
      }
    },
  );
});

describe('exact Jacobian of U_k (uniform) = k·E over k−1 draws (brute force)', () => {
  // ∂/∂π_z Σ_{S∈Y^k} Π π(S_i) f(S, y) = k · Σ_{S'∈Y^{k−1}} Π π(S'_i) f(S' ∪ {z}, y)  (f symmetric in S)
  const jacArb = fc.record({
    profile: profileRecordArb({ maxResponses: 4, maxUsers: 3 }),
    policy: policyWeightsArb(4, 4),
    k: fc.integer({ min: 1, max: 4 }),
  });
  test.prop([jacArb], params(300))('every entry, ties and unlisted responses included', ({ profile, policy, k }) => {
    const prompt = promptFromRecord(profile);
    const probs = policyFromWeights(policy, profile.n);
    const all = prompt.responses.map((_, y) => y);
    const { num, den } = productJacobian(prompt, probs, k, all, all);
    const rest = productOutcomes(probs, k - 1);
    for (const y of all)
      for (const z of all) {
        const outs = rest.map((o) => ({ items: [...o.items, z], prob: o.prob }));
        const brute = bruteScore(prompt, outs, [y], 'uniform').mul(k);
        expect(frac(num[y][z], den).equals(brute)).toBe(true);
      }
  });
});

describe('fault injection: each fault is the wrong U_k it names (faults.ts), against the closed form per type in Fractions', () => {
  // oracle: U_θ(y) from the tier masses e = π(tie class), w = π(strictly worse), per SPEC §2, in Fractions
  const perType = (prompt: ReturnType<typeof promptFromRecord>, probs: Fraction[], k: number, rule: (typeof RULES)[number], tieWorse: boolean) =>
    prompt.responses.map((_, y) =>
      sumOf(
        prompt.users.map((u) => {
          if (u.kind !== 'ranking') return ZERO;
          const e = sumOf(probs.filter((_, z) => u.rank[z] === u.rank[y]));
          let w = sumOf(probs.filter((_, z) => u.rank[z] > u.rank[y]));
          if (tieWorse) w = w.add(e); // the tie class counted inside W
          const a = e.add(w);
          const v =
            rule === 'model-wins-ties'
              ? w.pow(k)
              : rule === 'pairwise'
                ? a.pow(k).add(w.pow(k)).div(2)
                : e.equals(ZERO)
                  ? w.pow(k)
                  : a.pow(k + 1).sub(w.pow(k + 1)).div(e.mul(k + 1));
          return v.mul(u.weight);
        }),
      ),
    );
  const arb = fc.record({ profile: profileRecordArb({ maxResponses: 4, maxUsers: 3 }), policy: policyWeightsArb(4, 4), k: fc.integer({ min: 1, max: 4 }), rule: fc.constantFrom(...RULES) });
  test.prop([arb], params(120))('no fault = the closed form; uk-off-by-one = U_{k+1}; uk-tie-worse = E inside W; uk-tie-share = (k+1)/k·U', ({ profile, policy, k, rule }) => {
    const prompt = promptFromRecord(profile);
    const probs = policyFromWeights(policy, profile.n);
    const run = (fault: string | null) => {
      const prev = setFault(fault);
      try {
        return productScores(prompt, probs, k, rule);
      } finally {
        setFault(prev);
      }
    };
    expect(eqAll(run(null), perType(prompt, probs, k, rule, false))).toBe(true);
    expect(eqAll(run('uk-off-by-one'), perType(prompt, probs, k + 1, rule, false))).toBe(true);
    expect(eqAll(run('uk-tie-worse'), perType(prompt, probs, k, rule, true))).toBe(true);
    const share = perType(prompt, probs, k, rule, false).map((v) => (rule === 'uniform' ? v.mul(k + 1).div(k) : v));
    expect(eqAll(run('uk-tie-share'), share)).toBe(true);
  });
});

describe('fault uk-off-by-one on Luce types: U_k is evaluated with k + 1 draws (SPEC §4b)', () => {
  test.prop([fc.record({ profile: luceRecordArb({ maxResponses: 3, maxUsers: 3, maxDen: 2, kinds: 'mixed' }), policy: policyWeightsArb(3, 4), k: fc.integer({ min: 1, max: 3 }), rule: fc.constantFrom(...RULES) })], params(150))(
    'the faulted U_k = brute force over π^{⊗(k+1)}',
    ({ profile, policy, k, rule }) => {
      const prompt = lucePromptFromRecord(profile);
      const probs = policyFromWeights(policy, profile.n);
      const prev = setFault('uk-off-by-one');
      let got: Fraction[];
      try {
        got = productScores(prompt, probs, k, rule);
      } finally {
        setFault(prev);
      }
      const outs = productOutcomes(probs, k + 1);
      expect(eqAll(got, prompt.responses.map((_, y) => bruteScore(prompt, outs, [y], rule)))).toBe(true);
    },
  );

  it('one Luce type, s = (1, 2), π = (1/2, 1/2), k = 1: the faulted U_1(a) is U_2(a) = 31/120', () => {
    // U_2(a) = E over two draws of s_a/(s_a + X_2) = 1/4·(1/3 + 2·1/4 + 1/5) = 31/120 (U_1(a) = 1/2·(1/2 + 1/3) = 5/12)
    const prompt = makePrompt(['a', 'b'], [{ weight: ONE, strengths: [frac(1), frac(2)] }]);
    const prev = setFault('uk-off-by-one');
    try {
      expect(productScores(prompt, [frac(1, 2), frac(1, 2)], 1)[0].equals(frac(31, 120))).toBe(true);
    } finally {
      setFault(prev);
    }
  });
});

describe('exact Jacobian on a block of rows × cols, Luce and mixed profiles (brute force)', () => {
  // ∂U_k(y)/∂π_z = k·E_{S′∼π^{⊗(k−1)}}[score of y against S′ ∪ {z}], for the requested rows y and cols z only
  const blockArb = fc.record({
    profile: luceRecordArb({ maxResponses: 4, maxUsers: 3, maxDen: 2, kinds: 'mixed' }),
    policy: policyWeightsArb(4, 4),
    k: fc.integer({ min: 1, max: 4 }),
    rows: fc.array(fc.nat(3), { minLength: 1, maxLength: 3 }),
    cols: fc.array(fc.nat(3), { minLength: 1, maxLength: 3 }),
  });
  test.prop([blockArb], params(200))('every requested entry', ({ profile, policy, k, rows: r0, cols: c0 }) => {
    const prompt = lucePromptFromRecord(profile);
    const probs = policyFromWeights(policy, profile.n);
    const rows = r0.map((y) => y % profile.n);
    const cols = c0.map((z) => z % profile.n);
    const { num, den } = productJacobian(prompt, probs, k, rows, cols);
    const rest = productOutcomes(probs, k - 1);
    rows.forEach((y, i) =>
      cols.forEach((z, j) => {
        const outs = rest.map((o) => ({ items: [...o.items, z], prob: o.prob }));
        expect(frac(num[i][j], den).equals(bruteScore(prompt, outs, [y], 'uniform').mul(k))).toBe(true);
      }),
    );
  });

  it('one Luce type s = (1, 2), k = 1: ∂U_1(a)/∂π(b) = s_a/(s_a + s_b) = 1/3', () => {
    const prompt = makePrompt(['a', 'b'], [{ weight: ONE, strengths: [frac(1), frac(2)] }]);
    const { num, den } = productJacobian(prompt, [frac(1, 2), frac(1, 2)], 1, [0], [1]);
    expect(frac(num[0][0], den).equals(frac(1, 3))).toBe(true);
  });
});

describe('fixed-point bounds: tracked error and its 2^30 limit', () => {
  // fixedPower: a squaring turns err into 2·err + 2, a product by x adds err₀ + 2; over the binary digits of e
  // this is (err₀ + 2)·e − 2 (e = 1: err₀ itself). Null exactly when it passes 2^30.
  it('the error of x^e is (err + 2)·e − 2', () => {
    const F = 80;
    const v = (1n << 79n) + 12345n;
    for (const err of [0, 1, 3])
      for (let e = 1; e <= 300; e++) expect(fixedPower(v, err, e, F)![1]).toBe((err + 2) * e - 2);
  });

  it('null exactly past an error of 2^30: e = 2^29 + 1 (err 0) and e = (2^30 + 2)/3 (err 1) are the last', () => {
    const F = 125;
    const v = 1n << 124n;
    expect(fixedPower(v, 0, 2 ** 29 + 1, F)![1]).toBe(2 ** 30);
    expect(fixedPower(v, 0, 2 ** 29 + 2, F)).toBeNull();
    expect(fixedPower(v, 1, 357913942, F)![1]).toBe(2 ** 30);
    expect(fixedPower(v, 1, 357913943, F)).toBeNull();
  });

  it('uniformScoreBounds: masses exact in fixed point enter with error 0, others with error 1', () => {
    const prompt = makePrompt(['a', 'b'], [{ weight: ONE, tiers: [['a'], ['b']] }]);
    // π = (1, 0): every set mass (0 or 1) is exact, so the bounds exist up to k + 1 = 2^29 + 1
    expect(uniformScoreBounds(prompt, [ONE, frac(0)], 2 ** 29)).not.toBeNull();
    // π = (1/2, 1/2): dyadic masses over D = 2, exact as well
    expect(uniformScoreBounds(prompt, [frac(1, 2), frac(1, 2)], 2 ** 29)).not.toBeNull();
    // π = (1/3, 2/3): the mass 2/3 of {b} is not a dyadic, error 1: the last k + 1 is (2^30 + 2)/3
    expect(uniformScoreBounds(prompt, [frac(1, 3), frac(2, 3)], 357913941)).not.toBeNull();
    expect(uniformScoreBounds(prompt, [frac(1, 3), frac(2, 3)], 357913942)).toBeNull();
  });

  it('screenBits(D, k) = 64 + bitlength(D) + 2·bitlength(k + 1)', () => {
    expect(screenBits(1n, 1)).toBe(64 + 1 + 2 * 2);
    expect(screenBits(3n, 2)).toBe(64 + 2 + 2 * 2);
    expect(screenBits(1000n, 7)).toBe(64 + 10 + 2 * 4);
    expect(screenBits(2n ** 40n, 1000)).toBe(64 + 41 + 2 * 10);
  });
});

describe('k outside SPEC’s domain (k ≥ 1) is refused, not evaluated', () => {
  it('productScores for k = 0, −1, 1.5: InputError naming k; k = 1 evaluates', () => {
    const p = makePrompt(['a', 'b'], [{ weight: ONE, tiers: [['a'], ['b']] }]);
    const half = [frac(1, 2), frac(1, 2)];
    for (const rule of RULES) {
      for (const k of [0, -1, 1.5]) {
        expect(() => productScores(p, half, k, rule)).toThrow(InputError);
        expect(() => productScores(p, half, k, rule)).toThrow(`k must be an integer ≥ 1, got ${k}`);
      }
      expect(productScores(p, half, 1, rule)).toHaveLength(2);
    }
  });
});
