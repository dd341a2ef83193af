import { describe, expect, it, vi } from 'vitest';
import { Fraction, frac, ONE, ZERO, HALF } from '../exact/rational.js';
import { loadProfile } from '../model/load.js';
import { makePrompt, singlePrompt } from '../model/build.js';
import { simplexSolve } from '../lp/simplex.js';
import { LP } from '../lp/types.js';
import { opponentScore } from '../winrate/opponents.js';
import { Rule, RULES } from '../winrate/rules.js';
import { main } from '../cli/main.js';
import { bestKOutput, bestKOutputSync } from './bestKOutput.js';
import { multisetCount } from '../winrate/multiset.js';
import { Prompt } from '../model/types.js';
import { test } from '@fast-check/vitest';
import fc from 'fast-check';
import { lehmerToPermutation, profileRecordArb, promptFromRecord } from '../instances/arbitraries.js';
import { params } from '../../test/helpers/fc.js';

const fx = (f: string) => loadProfile(`fixtures/profiles/${f}`);

function multisets(n: number, k: number, start = 0): number[][] {
  if (k === 0) return [[]];
  const out: number[][] = [];
  for (let y = start; y < n; y++) for (const rest of multisets(n, k - 1, y)) out.push([y, ...rest]);
  return out;
}

/** The full LP over every k-multiset, by the exact simplex (reference for small cases). */
function fullLP(prompt: Prompt, k: number, rule: Rule): Fraction {
  const n = prompt.responses.length;
  const cols = multisets(n, k);
  const wr = cols.map((S) => prompt.responses.map((_, y) => ONE.sub(opponentScore(prompt, { kind: 'outcomes', k, outcomes: [{ items: S, prob: ONE }] }, [y], rule))));
  const C = cols.length;
  const lp: LP = {
    numVars: C + 1,
    maximize: true,
    objective: [...cols.map(() => ZERO), ONE],
    rows: [
      ...prompt.responses.map((_, y) => ({ idx: [...cols.keys(), C], val: [...wr.map((w) => w[y]), ONE.neg()], sense: '>=' as const, rhs: ZERO })),
      { idx: [...cols.keys()], val: cols.map(() => ONE), sense: '=' as const, rhs: ONE },
    ],
    free: [...cols.map(() => false), true],
  };
  const r = simplexSolve(lp);
  if (r.status !== 'optimal') throw new Error('full LP');
  return r.value;
}

describe('best k-output model V_k (SPEC T3)', () => {
  it('impartial culture N = 4, k = 2: V_2 = 17/24 (SPEC §6)', async () => {
    const r = await bestKOutput(fx('impartial-culture-4.json'), 2);
    expect(r.value.toFraction()).toBe('17/24');
  });

  it('unanimous a ≻ b ≻ c: V_k = k/(k+1) (uniform), 1/2 (pairwise), 1 (model-wins-ties)', async () => {
    const p = fx('unanimous-3.json');
    for (let k = 1; k <= 4; k++) {
      expect((await bestKOutput(p, k)).value.equals(frac(k, k + 1))).toBe(true);
      expect((await bestKOutput(p, k, 'pairwise')).value.equals(HALF)).toBe(true);
      expect((await bestKOutput(p, k, 'model-wins-ties')).value.equals(ONE)).toBe(true);
    }
  });

  it('k = 1: V_1 = 1/2 (T7)', async () => {
    expect((await bestKOutput(fx('condorcet-cycle.json'), 1)).value.equals(HALF)).toBe(true);
    expect((await bestKOutput(fx('two-voters-tied.json'), 1)).value.equals(HALF)).toBe(true);
  });

  it('column generation = the full LP; branch-and-bound pricing = enumeration', async () => {
    let s = 11;
    const rnd = (k: number) => {
      s = (s * 1103515245 + 12345) % 2147483648;
      return s % k;
    };
    for (let t = 0; t < 6; t++) {
      const n = 3 + rnd(2);
      const ids = ['a', 'b', 'c', 'd'].slice(0, n);
      const users = Array.from({ length: 2 + rnd(3) }, () => {
        const key = ids.map(() => rnd(3));
        const tiers = [0, 1, 2].map((v) => ids.filter((_, i) => key[i] === v)).filter((x) => x.length > 0);
        return { weight: frac(1 + rnd(3)), tiers };
      });
      const prompt = makePrompt(ids, users);
      const k = 1 + rnd(3);
      const rule = RULES[rnd(3)];
      const ref = fullLP(prompt, k, rule);
      const a = await bestKOutput(singlePrompt(prompt), k, rule);
      const b = await bestKOutput(singlePrompt(prompt), k, rule, { enumerateUpTo: 0 });
      expect(a.value.equals(ref)).toBe(true);
      expect(b.value.equals(ref)).toBe(true);
    }
  });

  it('multiset counts C(n+k−1, k)', () => {
    expect(multisetCount(12, 5)).toBe(4368n);
    expect(multisetCount(30, 4)).toBe(40920n); // C(33, 4)
  });

  it('CLI: ualign best-k-output --json', async () => {
    const out: string[] = [];
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((s) => (out.push(String(s)), true));
    try {
      expect(await main(['best-k-output', '--profile', 'fixtures/profiles/unanimous-3.json', '--k', '2', '--json'])).toBe(0);
    } finally {
      spy.mockRestore();
    }
    const j = JSON.parse(out.join(''));
    expect(j.value).toBe('2/3');
    expect(j.model).toEqual({ kind: 'k-output', outcomes: [{ responses: ['a', 'a'], prob: '1' }] });
  });
});

const ids = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];

describe('best k-output model V_k (SPEC T3)', () => {
  const arb = fc.record({ rec: profileRecordArb({ maxResponses: 4, maxUsers: 4 }), k: fc.integer({ min: 1, max: 3 }) });
  test.prop([arb], params(80))('V_k ≥ k/(k+1) on every profile (uniform)', async ({ rec, k }) => {
    const r = await bestKOutput(singlePrompt(promptFromRecord(rec)), k);
    expect(r.value.gte(frac(k, k + 1))).toBe(true);
  });

  const unanimous = fc.record({
    n: fc.integer({ min: 1, max: 5 }),
    code: fc.tuple(...[4, 3, 2, 1, 0].map((d) => fc.integer({ min: 0, max: d }))),
    weights: fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 3 }),
    k: fc.integer({ min: 1, max: 4 }),
  });
  test.prop([unanimous], params(60))('V_k = k/(k+1) on every unanimous profile (uniform)', async ({ n, code, weights, k }) => {
    const perm = lehmerToPermutation(code, n).map((y) => [ids[y]]);
    const prompt = makePrompt(ids.slice(0, n), weights.map((w) => ({ weight: frac(w), tiers: perm })));
    expect((await bestKOutput(singlePrompt(prompt), k)).value.equals(frac(k, k + 1))).toBe(true);
  });

  it('SPEC §6: impartial culture N = 4, k = 2: V_2 = 17/24; unanimous a ≻ b ≻ c: V_k = k/(k+1)', async () => {
    expect((await bestKOutput(loadProfile('fixtures/profiles/impartial-culture-4.json'), 2)).value.toFraction()).toBe('17/24');
    for (let k = 1; k <= 5; k++) expect((await bestKOutput(loadProfile('fixtures/profiles/unanimous-3.json'), k)).value.equals(frac(k, k + 1))).toBe(true);
  });
});

describe('pricing by branch and bound (submodular bound, scaled exact bounds, local search first) = enumeration', () => {
  const arb = fc.record({ rec: profileRecordArb({ maxResponses: 5, maxUsers: 4 }), k: fc.integer({ min: 1, max: 4 }), rule: fc.constantFrom(...RULES) });
  test.prop([arb], params(60))('V_k, every rule', ({ rec, k, rule }) => {
    const pr = singlePrompt(promptFromRecord(rec));
    const a = bestKOutputSync(pr, k, rule, { enumerateUpTo: 0 });
    const b = bestKOutputSync(pr, k, rule, { enumerateUpTo: 1_000_000 });
    expect(a.value.equals(b.value)).toBe(true);
  });
});
