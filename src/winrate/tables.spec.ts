// Opponent score tables (SPEC §2): the direct expectation over tied draws against products (every rule), the
// outcomes table and the mixture table — against hand values, the closed forms of product.ts and the brute force.
import { test } from '@fast-check/vitest';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Fraction, frac, ONE, ZERO, HALF } from '../exact/rational.js';
import { makePrompt } from '../model/build.js';
import { productScores } from './product.js';
import { RULES, Rule } from './rules.js';
import { scoreOf, scoreTable } from './tables.js';
import { PromptModel } from './promptModel.js';
import { outcomesArb, policyFromWeights, policyWeightsArb, profileRecordArb, promptFromRecord } from '../instances/arbitraries.js';
import { bruteScore, productOutcomes, tuples } from '../../test/oracles/bruteforce.js';
import { opponentCaseArb, params } from '../../test/helpers/fc.js';
import { lucePromptFromRecord, luceRecordArb } from '../instances/luce.js';
import { multisetsOf } from '../claims/oracles.js';

const score = (prompt: ReturnType<typeof makePrompt>, model: PromptModel, T: number[], rule: Rule): Fraction => {
  const t = scoreTable(prompt, model, T.length, rule);
  return frac(scoreOf(prompt, t, T), t.den);
};

// unanimous a ≻ b, π = (1/2, 1/2), k = 2: the model draws aa, ab, bb with 1/4, 1/2, 1/4
const ab = makePrompt(['a', 'b'], [{ weight: ONE, tiers: [['a'], ['b']] }]);
const half: PromptModel = { kind: 'product', k: 2, probs: [HALF, HALF] };

describe('score tables: hand values', () => {
  it('single opponents: a scores 7/12, 1/4, 5/8 and b scores 1/12, 0, 1/8 under uniform, model-wins-ties, pairwise', () => {
    const want: Record<Rule, [string, string]> = { uniform: ['7/12', '1/12'], 'model-wins-ties': ['1/4', '0'], pairwise: ['5/8', '1/8'] };
    for (const rule of RULES) expect([score(ab, half, [0], rule), score(ab, half, [1], rule)].map((v) => v.toFraction())).toEqual(want[rule]);
  });

  it('two outputs: {a, a} scores 17/24 under uniform (1/4·1 + 1/2·2/3 + 1/4·1/2), {a, b} as a alone; pairwise and model-wins-ties ignore copies', () => {
    expect(score(ab, half, [0, 0], 'uniform').toFraction()).toBe('17/24');
    expect(score(ab, half, [0, 1], 'uniform').toFraction()).toBe('7/12');
    expect(score(ab, half, [1, 1], 'uniform').toFraction()).toBe('1/8'); // bb (1/4) with 2 of 4 positions
    expect(score(ab, half, [0, 0], 'pairwise').toFraction()).toBe('5/8');
    expect(score(ab, half, [0, 0], 'model-wins-ties').toFraction()).toBe('1/4');
    expect(score(ab, half, [0, 0, 0], 'uniform').toFraction()).toBe(frac(1, 4).add(frac(1, 2).mul(frac(3, 4))).add(frac(1, 4).mul(frac(3, 5))).toFraction());
  });

  it('a tie class holding all the mass, and a response the model never plays', () => {
    const tied = makePrompt(['a', 'b', 'c'], [{ weight: ONE, tiers: [['a', 'b'], ['c']] }]);
    const m: PromptModel = { kind: 'product', k: 3, probs: [HALF, HALF, ZERO] };
    expect(score(tied, m, [0], 'uniform').toFraction()).toBe('1/4'); // every draw ties: 1 of 4 positions
    expect(score(tied, m, [2], 'uniform').toFraction()).toBe('0');
    expect(score(tied, m, [0], 'pairwise').toFraction()).toBe('1/2');
    expect(score(tied, m, [0], 'model-wins-ties').toFraction()).toBe('0');
    const point: PromptModel = { kind: 'product', k: 2, probs: [ZERO, ZERO, ONE] };
    expect(score(tied, point, [0], 'model-wins-ties').toFraction()).toBe('1');
  });

  it('weights: two types, 1/1000 and 7 (the second lists nothing)', () => {
    const p = makePrompt(['a', 'b'], [
      { weight: frac(1, 1000), tiers: [['a'], ['b']] },
      { weight: frac(7), tiers: [] },
    ]);
    const m: PromptModel = { kind: 'product', k: 1, probs: [ZERO, ONE] };
    // type 1 (weight 1/7001): a beats b; type 2: a tie, opponent share 1/2
    expect(score(p, m, [0], 'uniform').toFraction()).toBe(frac(1, 7001).add(frac(7000, 7001).mul(HALF)).toFraction());
  });

  it('mixtures are the weighted sum of their products; outcomes tables read explicit models', () => {
    const mix: PromptModel = { kind: 'mixture', k: 2, parts: [{ weight: frac(1, 3), probs: [HALF, HALF] }, { weight: frac(2, 3), probs: [ONE, ZERO] }] };
    const point: PromptModel = { kind: 'product', k: 2, probs: [ONE, ZERO] };
    for (const rule of RULES)
      for (const T of [[0], [1], [0, 0], [0, 1]]) {
        const want = frac(1, 3).mul(score(ab, half, T, rule)).add(frac(2, 3).mul(score(ab, point, T, rule)));
        expect(score(ab, mix, T, rule).equals(want)).toBe(true);
      }
    const outs: PromptModel = { kind: 'outcomes', k: 2, outcomes: [{ items: [0, 1], prob: ONE }] };
    expect(score(ab, outs, [0], 'uniform').toFraction()).toBe('1/2');
    expect(score(ab, outs, [0, 0], 'uniform').toFraction()).toBe('2/3');
    expect(score(ab, outs, [1], 'pairwise').toFraction()).toBe('0');
  });
});

describe('score tables against the closed forms and the brute force', () => {
  const arb = fc.record({
    profile: profileRecordArb({ maxResponses: 5, maxUsers: 4, empty: true }),
    policy: policyWeightsArb(5, 4),
    k: fc.integer({ min: 1, max: 12 }),
    rule: fc.constantFrom(...RULES),
  });
  test.prop([arb], params(300))('ℓ = 1 against π^{⊗k}: the direct expectation = the closed form', ({ profile, policy, k, rule }) => {
    const prompt = promptFromRecord(profile);
    const probs = policyFromWeights(policy, profile.n);
    const closed = productScores(prompt, probs, k, rule);
    const t = scoreTable(prompt, { kind: 'product', k, probs }, 1, rule);
    prompt.responses.forEach((_, y) => expect(frac(scoreOf(prompt, t, [y]), t.den).equals(closed[y])).toBe(true));
  });

  // searchMultisets' precondition on the tables it searches: one copy in a better tier is worth at least any
  // number of copies in a worse one, f(t', 1) ≥ f(t, c) for t' < t (its plain bound relies on it)
  const deep = opponentCaseArb(profileRecordArb({ maxResponses: 5, maxUsers: 4 }), { maxN: 5, maxWeight: 4, maxK: 5, ell: [2, 5] });
  test.prop([deep], params(300))('ℓ-opponent tables: f(t′, 1) ≥ f(t, c) for every better tier t′ < t and c ≤ ℓ', ({ profile, policy, k, ell, rule }) => {
    const prompt = promptFromRecord(profile);
    const t = scoreTable(prompt, { kind: 'product', k, probs: policyFromWeights(policy, profile.n) }, ell, rule);
    prompt.users.forEach((u, ui) => {
      if (u.kind !== 'ranking') return;
      for (let better = 0; better < u.numTiers; better++)
        for (let worse = better + 1; worse < u.numTiers; worse++)
          for (let c = 1; c <= ell; c++) expect(t.tab[ui][worse * ell + c - 1] <= t.tab[ui][better * ell]).toBe(true);
    });
  });

  const small = opponentCaseArb(profileRecordArb({ maxResponses: 3, maxUsers: 3, empty: true }), { maxN: 3, maxWeight: 3, maxK: 3, ell: [1, 3] });
  test.prop([small], params(150))('every ℓ-multiset against π^{⊗k} = the brute force', ({ profile, policy, k, ell, rule }) => {
    const prompt = promptFromRecord(profile);
    const probs = policyFromWeights(policy, profile.n);
    const outs = productOutcomes(probs, k);
    const t = scoreTable(prompt, { kind: 'product', k, probs }, ell, rule);
    for (const T of tuples(profile.n, ell)) expect(frac(scoreOf(prompt, t, T), t.den).equals(bruteScore(prompt, outs, T, rule))).toBe(true);
  });

  const outArb = fc.record({ profile: profileRecordArb({ maxResponses: 3, maxUsers: 3 }), ell: fc.integer({ min: 1, max: 3 }), rule: fc.constantFrom(...RULES), outs: outcomesArb(3, 2) });
  test.prop([outArb], params(150))('every ℓ-multiset against an explicit k-output model = the brute force', ({ profile, ell, rule, outs }) => {
    const prompt = promptFromRecord(profile);
    const o = outs.map((x) => ({ items: x.items.map((y) => y % profile.n).sort((a, b) => a - b), prob: x.prob }));
    const t = scoreTable(prompt, { kind: 'outcomes', k: 2, outcomes: o }, ell, rule);
    for (const T of tuples(profile.n, ell)) expect(frac(scoreOf(prompt, t, T), t.den).equals(bruteScore(prompt, o, T, rule))).toBe(true);
  });

  test.prop([arb], params(150))('f(t, c) grows with more copies and with a better tier (what the branch and bound needs)', ({ profile, policy, k, rule }) => {
    const prompt = promptFromRecord(profile);
    const ell = 3;
    const t = scoreTable(prompt, { kind: 'product', k, probs: policyFromWeights(policy, profile.n) }, ell, rule);
    prompt.users.forEach((u, ui) => {
      if (u.kind !== 'ranking') return;
      for (let tier = 0; tier < u.numTiers; tier++)
        for (let c = 1; c <= ell; c++) {
          const v = t.tab[ui][tier * ell + c - 1];
          expect(v >= 0n).toBe(true);
          if (c < ell) expect(t.tab[ui][tier * ell + c] >= v).toBe(true);
          if (tier + 1 < u.numTiers) expect(v >= t.tab[ui][(tier + 1) * ell + c - 1]).toBe(true);
        }
    });
  });
});

describe('score tables of ranking-only prompts: the layout tab[θ][t·ℓ + c − 1]', () => {
  it('no Luce rows (sums absent, so scoreOf reads tab) and numTiers·ℓ entries per type, for products, outcomes and mixtures', () => {
    const p = makePrompt(['a', 'b', 'c'], [
      { weight: ONE, tiers: [['a'], ['b']] },
      { weight: frac(2), tiers: [['c', 'a']] },
    ]);
    const models: PromptModel[] = [
      { kind: 'product', k: 2, probs: [HALF, HALF, ZERO] },
      { kind: 'outcomes', k: 2, outcomes: [{ items: [0, 2], prob: HALF }, { items: [1, 1], prob: HALF }] },
      { kind: 'mixture', k: 2, parts: [{ weight: HALF, probs: [HALF, HALF, ZERO] }, { weight: HALF, probs: [ZERO, ZERO, ONE] }] },
    ];
    for (const model of models)
      for (const ell of [1, 2, 3]) {
        const t = scoreTable(p, model, ell, 'uniform');
        expect(t.sums).toBeUndefined();
        // type 1: a, b, then c unlisted (3 tiers); type 2: {c, a}, then b unlisted (2 tiers)
        expect(t.tab.map((r) => r.length)).toEqual([3 * ell, 2 * ell]);
      }
  });
});

describe('score tables with Luce types (SPEC §4b)', () => {
  const arb = fc.record({ profile: luceRecordArb({ maxResponses: 3, maxUsers: 3, kinds: 'mixed' }), policy: policyWeightsArb(3, 3), k: fc.integer({ min: 1, max: 2 }), ell: fc.integer({ min: 1, max: 3 }) });
  test.prop([arb], params(60))('a Luce row holds exactly the strength sums of 1..ℓ items; a ranking row has numTiers·ℓ entries', ({ profile, policy, k, ell }) => {
    const prompt = lucePromptFromRecord(profile);
    const t = scoreTable(prompt, { kind: 'product', k, probs: policyFromWeights(policy, profile.n) }, ell, 'uniform');
    prompt.users.forEach((u, ui) => {
      if (u.kind === 'luce') {
        const want = new Set<number>();
        for (let size = 1; size <= ell; size++) for (const T of multisetsOf(profile.n, size)) want.add(T.reduce((a, y) => a + u.ints[y], 0));
        expect([...t.sums![ui]!.keys()].sort((a, b) => a - b)).toEqual([...want].sort((a, b) => a - b));
      } else expect(t.tab[ui].length).toBe(u.numTiers * ell);
    });
  });
});
