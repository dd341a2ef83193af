import { describe, expect, it, vi } from 'vitest';
import { Fraction, frac, ONE, ZERO, HALF, sumOf } from '../exact/rational.js';
import { loadProfile } from '../model/load.js';
import { makePrompt, makeProfile, singlePrompt } from '../model/build.js';
import { CertificateError } from '../model/errors.js';
import { simplexSolve } from '../lp/simplex.js';
import { solveLPSync } from '../lp/solve.js';
import { loadGlpk } from '../lp/glpk.js';
import { LP, LPResult } from '../lp/types.js';
import { opponentScore } from '../winrate/opponents.js';
import { Rule, RULES } from '../winrate/rules.js';
import { main } from '../cli/main.js';
import { bestKOutput, bestKOutputSync, BestKOutputResult } from './bestKOutput.js';
import { multisetCount } from '../winrate/multiset.js';
import { Prompt } from '../model/types.js';
import { test } from '@fast-check/vitest';
import fc from 'fast-check';
import { lehmerToPermutation, profileRecordArb, promptFromRecord } from '../instances/arbitraries.js';
import { params } from '../../test/helpers/fc.js';
import { InputError } from '../model/errors.js';

const fx = (f: string) => loadProfile(`fixtures/profiles/${f}`);

// The master LP solver and the glpk.js loader, observed (and, in the certificate tests, made to misbehave):
// both call through to the real functions unless a test says otherwise.
vi.mock('../lp/solve.js', async (importOriginal) => {
  const m = await importOriginal<typeof import('../lp/solve.js')>();
  return { ...m, solveLPSync: vi.fn(m.solveLPSync) };
});
vi.mock('../lp/glpk.js', async (importOriginal) => {
  const m = await importOriginal<typeof import('../lp/glpk.js')>();
  return { ...m, loadGlpk: vi.fn(m.loadGlpk) };
});

/** f() with every master LP answer passed through `tamper` (an LP solver that misbehaves). */
function withTamperedLP<T>(tamper: (r: LPResult) => LPResult, f: () => T): T {
  const real = vi.mocked(solveLPSync).getMockImplementation()!;
  vi.mocked(solveLPSync).mockImplementation((lp, o) => tamper(real(lp, o)));
  try {
    return f();
  } finally {
    vi.mocked(solveLPSync).mockImplementation(real);
  }
}

/** One prompt's answer as plain text: value, σ (items: prob), the opponent q and the diagnostics. */
function summary(r: BestKOutputResult) {
  const p = r.prompts[0];
  return {
    value: r.value.toFraction(),
    outcomes: p.outcomes.map((o) => `${o.items.join(',')}: ${o.prob.toFraction()}`),
    opponent: p.opponent.map((q) => q.toFraction()),
    stats: p.stats,
  };
}

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

describe('best k-output: results, options and diagnostics', () => {
  it('k must be an integer ≥ 1 (InputError, the one check of U_k’s domain)', () => {
    const p = fx('unanimous-3.json');
    for (const k of [0, -1, 1.5]) {
      expect(() => bestKOutputSync(p, k)).toThrow(InputError);
      expect(() => bestKOutputSync(p, k)).toThrow(new InputError(`k must be an integer ≥ 1, got ${k}`));
    }
  });

  it('impartial culture N = 4: σ, the opponent q and the search diagnostics (fixed)', () => {
    // σ: items ascending, outcomes in order, zero-probability columns left out; q: one weight per response.
    // The diagnostics (columns, master LPs, pricing nodes, multisets C(n+k−1, k)) pin the column generation
    // and the pricing search: enumeration adds up to 10 best columns a round, branch and bound one.
    const p = fx('impartial-culture-4.json');
    expect(summary(bestKOutputSync(p, 3, 'pairwise'))).toEqual({
      value: '13/16',
      outcomes: ['0,1,2: 1/4', '0,1,3: 1/4', '0,2,3: 1/4', '1,2,3: 1/4'],
      opponent: ['1/4', '1/4', '1/4', '1/4'],
      stats: { columns: 14, iterations: 2, glpkLPs: 0, pricingNodes: 110, multisets: 20n },
    });
    expect(summary(bestKOutputSync(p, 2, 'pairwise'))).toEqual({
      value: '17/24',
      outcomes: ['0,1: 1/2', '2,3: 1/2'],
      opponent: ['1/4', '1/4', '1/4', '1/4'],
      stats: { columns: 10, iterations: 2, glpkLPs: 0, pricingNodes: 50, multisets: 10n },
    });
    expect(summary(bestKOutputSync(p, 2, 'uniform', { enumerateUpTo: 0 }))).toEqual({
      value: '17/24',
      outcomes: ['0,3: 1/2', '1,2: 1/2'],
      opponent: ['1/4', '1/4', '1/4', '1/4'],
      stats: { columns: 9, iterations: 6, glpkLPs: 0, pricingNodes: 13, multisets: 10n },
    });
  });

  it('four camps, k = 2: σ with items ascending and outcomes in order, q, value 8/11', () => {
    expect(summary(bestKOutputSync(fx('four-camps.json'), 2))).toMatchObject({
      value: '8/11',
      outcomes: ['0,1: 4/11', '0,2: 5/11', '1,2: 2/11'],
      opponent: ['3/11', '3/11', '5/11', '0'],
    });
  });

  it('enumerateUpTo is inclusive: C(n+k−1, k) ≤ enumerateUpTo enumerates, one less prices by branch and bound', () => {
    const p = fx('impartial-culture-4.json'); // k = 2: 10 multisets
    const stats = (e?: number) => bestKOutputSync(p, 2, 'uniform', { enumerateUpTo: e }).prompts[0].stats;
    expect(stats(10)).toEqual(stats(undefined));
    expect(stats(9)).toEqual(stats(0));
    expect(stats(10)).not.toEqual(stats(9));
  });

  it('columns are told apart by their items: [1, 111] is not [11, 11] (112 responses)', async () => {
    const ids = Array.from({ length: 112 }, (_, i) => `r${i}`);
    const p = singlePrompt(
      makePrompt(ids, [
        { weight: ONE, tiers: [['r1'], ['r111']] },
        { weight: ONE, tiers: [['r111'], ['r1']] },
      ]),
    );
    // showing both camps' favourites wins 3/4 against every response (a tie in one camp, a win in the other)
    for (const e of [undefined, 0]) expect(summary(await bestKOutput(p, 2, 'uniform', { enumerateUpTo: e }))).toMatchObject({ value: '3/4', outcomes: ['1,111: 1'] });
  });

  it('the method option reaches every master LP', () => {
    vi.mocked(solveLPSync).mockClear();
    bestKOutputSync(fx('four-camps.json'), 2, 'uniform', { method: 'simplex' });
    const opts = vi.mocked(solveLPSync).mock.calls.map((c) => c[1]);
    expect(opts.length).toBeGreaterThan(0);
    for (const o of opts) expect(o).toEqual({ method: 'simplex' });
  });

  it('bestKOutput loads glpk.js when a master LP may use it: method glpk, or auto with n + 1 ≥ CROSSOVER (12) on some prompt', async () => {
    const prompt = (n: number) => makePrompt(Array.from({ length: n }, (_, i) => `r${i}`), [{ weight: ONE, tiers: [['r0']] }]);
    const loads = async (p: ReturnType<typeof singlePrompt>, method?: 'auto' | 'simplex' | 'glpk') => {
      vi.mocked(loadGlpk).mockClear();
      await bestKOutput(p, 1, 'uniform', { method });
      return vi.mocked(loadGlpk).mock.calls.length;
    };
    expect(await loads(singlePrompt(prompt(10)))).toBe(0);
    expect(await loads(singlePrompt(prompt(11)))).toBe(1);
    expect(await loads(singlePrompt(prompt(11)), 'auto')).toBe(1);
    expect(await loads(singlePrompt(prompt(11)), 'simplex')).toBe(0);
    expect(await loads(singlePrompt(prompt(3)), 'glpk')).toBe(1);
    // the largest prompt decides
    expect(await loads(makeProfile([{ weight: ONE, prompt: prompt(3) }, { weight: ONE, prompt: prompt(11) }]))).toBe(1);
  });

  it('stats.glpkLPs counts the master LPs glpk.js answered with a valid certificate (T3 relies on it)', async () => {
    const p = fx('four-camps.json');
    const viaGlpk = await bestKOutput(p, 2, 'uniform', { method: 'glpk' });
    const viaSimplex = bestKOutputSync(p, 2, 'uniform', { method: 'simplex' });
    expect(viaGlpk.value.equals(viaSimplex.value)).toBe(true);
    // a small, well-scaled LP: glpk.js's float answer is certified every time
    for (const q of viaGlpk.prompts) expect(q.stats.glpkLPs).toBe(q.stats.iterations);
    for (const q of viaSimplex.prompts) expect(q.stats.glpkLPs).toBe(0);
  });
});

describe('best k-output certificate: a master LP solver that misbehaves is caught (CertificateError)', () => {
  it('a master LP without an optimum', () => {
    const tamper = (r: LPResult): LPResult => ({ status: 'infeasible', farkas: [], method: r.method });
    expect(() => withTamperedLP(tamper, () => bestKOutputSync(fx('four-camps.json'), 2))).toThrow(new CertificateError('master LP: infeasible'));
  });

  it('a value V that σ does not reach: min_y WR(σ, y) ≠ V', () => {
    const tamper = (r: LPResult): LPResult => (r.status === 'optimal' ? { ...r, value: r.value.add(frac(1, 100)) } : r);
    for (const e of [undefined, 0])
      expect(() => withTamperedLP(tamper, () => bestKOutputSync(fx('four-camps.json'), 2, 'uniform', { enumerateUpTo: e }))).toThrow(
        new CertificateError('best k-output certificate failed'),
      );
  });

  it('an opponent q whose best k-multiset is not worth V (enumeration: max_S Σ_y q(y) WR(S, y) = V)', () => {
    // duals halved: q sums to 1/2, so no column prices out and the enumerated maximum is below V
    const tamper = (r: LPResult): LPResult => (r.status === 'optimal' ? { ...r, y: r.y.map((v) => v.div(2)) } : r);
    expect(() => withTamperedLP(tamper, () => bestKOutputSync(fx('four-camps.json'), 2))).toThrow(new CertificateError('best k-output certificate failed'));
  });

  it('a column priced out by q that the master already holds', () => {
    // q: all its mass on c, last for the one user type; every multiset without c beats V, [a, a] among them
    const n = 3;
    const tamper = (r: LPResult): LPResult => {
      if (r.status !== 'optimal') return r;
      const total = sumOf(r.y.slice(0, n));
      return { ...r, y: r.y.map((v, i) => (i === 2 ? total : i < n ? ZERO : v)) };
    };
    const onProgress = ({ iterations }: { iterations: number }) => {
      if (iterations > 20) throw new Error('column generation does not stop');
    };
    for (const e of [undefined, 0])
      expect(() => withTamperedLP(tamper, () => bestKOutputSync(fx('unanimous-3.json'), 2, 'uniform', { enumerateUpTo: e, onProgress }))).toThrow(
        new CertificateError('column generation: a priced-out column is already in the master'),
      );
  });
});

