import { describe, expect, it, vi } from 'vitest';
import { Fraction, frac, ONE, ZERO, HALF, isZero, minOf, signOf, sumOf } from '../exact/rational.js';
import { loadProfile } from '../model/load.js';
import { profileFromJson } from '../model/codec.js';
import { makePrompt, singlePrompt } from '../model/build.js';
import { singleScores } from '../winrate/opponents.js';
import { main } from '../cli/main.js';
import {
  ORACLE_FROM,
  allMaximalLotteries,
  certificateFromRows,
  maximalLottery,
  maximalLotteryCertificate,
  nlhfLP,
  promptMaximalLottery,
  promptMaximalLotterySync,
} from './maximalLottery.js';
import { marginMatrix, marginRows, pairwiseMatrix } from '../winrate/pairwise.js';
import { test } from '@fast-check/vitest';
import fc from 'fast-check';
import { robustness } from '../winrate/opponents.js';
import { promptExploitability } from '../winrate/exploitability.js';
import { makePolicy } from '../model/build.js';
import { allMaximalLotteriesOfPrompt } from './maximalLottery.js';
import { bestKOutput } from './bestKOutput.js';
import { profileRecordArb, promptFromRecord } from '../instances/arbitraries.js';
import { params } from '../../test/helpers/fc.js';
import { Prompt } from '../model/types.js';
import { prefer } from '../../test/oracles/bruteforce.js';
import { solveLPSync } from '../lp/solve.js';
import { CertificateError, InputError } from '../model/errors.js';

// Pass-through mocks: a test may replace the LP solver's or the margins' answer, to check that a wrong one is
// never returned (every maximal lottery leaves certified).
const hooks = vi.hoisted(() => ({ solve: null as null | ((...a: unknown[]) => unknown), margins: null as null | ((...a: unknown[]) => unknown) }));
vi.mock('../lp/solve.js', async (importOriginal) => {
  const m = await importOriginal<typeof import('../lp/solve.js')>();
  const solve = (...a: Parameters<typeof m.solveLPSync>) => (hooks.solve ? (hooks.solve(...a) as ReturnType<typeof m.solveLPSync>) : m.solveLPSync(...a));
  return { ...m, solveLPSync: solve };
});
vi.mock('../winrate/pairwise.js', async (importOriginal) => {
  const m = await importOriginal<typeof import('../winrate/pairwise.js')>();
  const margins = (p: Prompt) => (hooks.margins ? (hooks.margins(p, m.marginMatrix) as ReturnType<typeof m.marginMatrix>) : m.marginMatrix(p));
  return { ...m, marginMatrix: margins };
});

const fx = (f: string) => loadProfile(`fixtures/profiles/${f}`);

function randomPrompt(n: number, m: number, seed: number) {
  let s = seed;
  const rnd = (k: number) => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s % k;
  };
  const ids = Array.from({ length: n }, (_, i) => `r${i}`);
  const users = Array.from({ length: m }, () => {
    const perm = [...ids];
    for (let i = n - 1; i > 0; i--) {
      const j = rnd(i + 1);
      [perm[i], perm[j]] = [perm[j], perm[i]];
    }
    return { weight: frac(1 + rnd(3)), tiers: perm.map((y) => [y]) };
  });
  return makePrompt(ids, users);
}

describe('maximal lotteries (SPEC §3, T7)', () => {
  it('Condorcet cycle: the uniform lottery, value 1/2', async () => {
    const r = await maximalLottery(fx('condorcet-cycle.json'));
    expect(r.policy.perPrompt[0].map((v) => v.toFraction())).toEqual(['1/3', '1/3', '1/3']);
    expect(r.value.equals(HALF)).toBe(true);
    expect(r.prompts[0].condorcetWinner).toBeNull();
  });

  it('two-camp: the Condorcet winner a is the unique maximal lottery (T4)', async () => {
    const p = fx('two-camp.json');
    const r = await maximalLottery(p);
    expect(r.prompts[0].condorcetWinner).toBe(0);
    expect(r.policy.perPrompt[0].map((v) => v.toFraction())).toEqual(['1', '0']);
    expect(allMaximalLotteries(p)[0].map((pi) => pi.map((v) => v.toFraction()))).toEqual([['1', '0']]);
  });

  it('ties (two voters): every extreme maximal lottery is listed', () => {
    const all = allMaximalLotteries(fx('two-voters-tied.json'))[0];
    expect(all.map((pi) => pi.map((v) => v.toFraction()))).toEqual([
      ['1', '0', '0', '0'],
      ['0', '1', '0', '0'],
    ]);
  });

  it('everything tied: the maximal lotteries are the whole simplex (n vertices)', () => {
    const prompt = makePrompt(['a', 'b', 'c'], [{ weight: ONE, tiers: [['a', 'b', 'c']] }]);
    expect(allMaximalLotteries(singlePrompt(prompt))[0].length).toBe(3);
  });

  it('P(z ≻ y) = 1 − U_1(y; δ_z) under the uniform rule (SPEC §2, k = ℓ = 1)', () => {
    const prompt = randomPrompt(6, 7, 3);
    const P = pairwiseMatrix(prompt);
    for (let z = 0; z < 6; z++) {
      const probs = prompt.responses.map((_, y) => (y === z ? ONE : ZERO));
      const U = singleScores(prompt, { kind: 'product', k: 1, probs }, 'uniform');
      for (let y = 0; y < 6; y++) expect(P[z][y].equals(ONE.sub(U[y]))).toBe(true);
    }
  });

  it('simplex and glpk + certificate both return certified maximal lotteries (n = 30)', async () => {
    for (const seed of [1, 2, 3]) {
      const prompt = randomPrompt(30, 40, seed);
      const { K, B } = marginMatrix(prompt);
      const a = await promptMaximalLottery(prompt, { method: 'simplex' });
      const b = await promptMaximalLottery(prompt, { method: 'glpk' });
      expect(a.method === 'condorcet' || a.method === 'simplex').toBe(true);
      for (const r of [a, b]) {
        expect(maximalLotteryCertificate(K, B, r.probs)).not.toBeNull();
        expect(r.value.equals(HALF)).toBe(true);
      }
    }
  });

  it('double oracle (n > 40): the certified maximal lottery of the whole game, same support as the full LP', async () => {
    for (const seed of [4, 5]) {
      const prompt = randomPrompt(60, 7, seed);
      const { K, B } = marginMatrix(prompt);
      const a = await promptMaximalLottery(prompt);
      const b = await promptMaximalLottery(prompt, { method: 'glpk' });
      expect(maximalLotteryCertificate(K, B, a.probs)).not.toBeNull();
      expect(maximalLotteryCertificate(K, B, b.probs)).not.toBeNull();
      expect(a.value.equals(HALF)).toBe(true);
    }
  });

  it('CLI: ualign nash --json and --all', async () => {
    const out: string[] = [];
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((s) => (out.push(String(s)), true));
    try {
      expect(await main(['nash', '--profile', 'fixtures/profiles/two-voters-tied.json', '--all', '--json'])).toBe(0);
    } finally {
      spy.mockRestore();
    }
    const j = JSON.parse(out.join(''));
    expect(j.value).toBe('1/2');
    expect(j.condorcetWinner).toBeNull();
    expect(j.policies).toEqual([{ a: '1' }, { b: '1' }]);
    expect(j.certificate.minWinRate).toBe('1/2');
  });
});

describe('maximal lotteries (SPEC §3, T7)', () => {
  test.prop([profileRecordArb({ maxResponses: 7, maxUsers: 6 })], params(150))(
    'every returned maximal lottery has min_y P(π ≻ y) = 1/2 exactly (simplex and glpk paths)',
    async (rec) => {
      const prompt = promptFromRecord(rec);
      const { K, B } = marginMatrix(prompt);
      for (const method of ['simplex', 'glpk'] as const) {
        const r = await promptMaximalLottery(prompt, { method });
        const w = maximalLotteryCertificate(K, B, r.probs);
        expect(w).not.toBeNull();
        expect(w!.every((v) => v.gte(HALF))).toBe(true);
        expect(r.value.equals(HALF)).toBe(true);
      }
    },
  );

  test.prop([profileRecordArb({ maxResponses: 5, maxUsers: 4 })], params(120))(
    'k = 1: every extreme maximal lottery is a symmetric NE of G_2 (ε = 0), and V_1 = 1/2 (T7)',
    async (rec) => {
      const prompt = promptFromRecord(rec);
      const all = allMaximalLotteriesOfPrompt(prompt);
      expect(all.length).toBeGreaterThan(0);
      for (const pi of all) expect(isZero(promptExploitability(prompt, pi, 1).epsilon)).toBe(true);
      expect((await bestKOutput(singlePrompt(prompt), 1)).value.equals(HALF)).toBe(true);
    },
  );

  const twoCamp = fc.record({ p: fc.integer({ min: 1, max: 40 }), q: fc.integer({ min: 1, max: 40 }), k: fc.integer({ min: 1, max: 6 }) });
  test.prop([twoCamp], params(60))('T4: two-camp, δ ∈ (0, 1/2): unique maximal lottery δ_a and rob_k(δ_a^{⊗k}) = min(k/(k+1), 1/2 + δ)', async ({ p, q, k }) => {
    // δ = p / (2(p+q)) ∈ (0, 1/2)
    const delta = frac(p, 2 * (p + q));
    const prompt = makePrompt(['a', 'b'], [
      { weight: HALF.add(delta), tiers: [['a'], ['b']] },
      { weight: HALF.sub(delta), tiers: [['b'], ['a']] },
    ]);
    const all = allMaximalLotteriesOfPrompt(prompt);
    expect(all.map((pi) => pi.map((v) => v.toFraction()))).toEqual([['1', '0']]);
    const ml = await promptMaximalLottery(prompt);
    expect(ml.condorcetWinner).toBe(0);
    const rob = robustness(singlePrompt(prompt), makePolicy([ml.probs]), { k });
    // SPEC T4 "in general" form: the copying opponent a caps it at k/(k+1) (so 1/2 at k = 1)
    expect(rob.robustness.equals(minOf(frac(k, k + 1), HALF.add(delta)))).toBe(true);
  });
});

// Who checks the checker: the maximal-lottery certificate (P(π ≻ z) ≥ ½ for every z, SPEC §3) is fed
// perturbed lotteries and must accept exactly those the definition (test/oracles: P by its definition) accepts.
/** By definition: π is a distribution and Σ_y π(y) P(y ≻ z) ≥ ½ for every z. */
function isMaximalLottery(prompt: Prompt, pi: readonly Fraction[]): boolean {
  if (pi.some((v) => signOf(v) < 0) || !sumOf(pi).equals(ONE)) return false;
  return prompt.responses.every((_, z) => sumOf(pi.map((p, y) => p.mul(prefer(prompt, y, z)))).gte(HALF));
}

function perturbed(pi: readonly Fraction[]): [string, Fraction[]][] {
  const n = pi.length;
  const out: [string, Fraction[]][] = [];
  for (const d of [frac(1, 5), frac(1, 1000), ONE])
    for (let y = 0; y < n; y++)
      for (let z = 0; z < n; z++)
        if (y !== z) out.push([`move ${d.toFraction()} from ${y} to ${z}`, pi.map((v, i) => (i === y ? v.sub(d) : i === z ? v.add(d) : v))]);
  out.push(['mass added', pi.map((v, i) => (i === 0 ? v.add(frac(1, 3)) : v))]);
  out.push(['mass removed', pi.map((v, i) => (i === 0 ? v.sub(frac(1, 3)) : v))]);
  out.push(['uniform', pi.map(() => frac(1, n))]);
  return out;
}

describe('maximal-lottery certificate', () => {
  const arb = profileRecordArb({ maxResponses: 4, maxUsers: 4, empty: true });
  test.prop([arb], params(150))('accepts exactly the maximal lotteries among perturbations of one; reports P(π ≻ z) by definition', (rec) => {
    const prompt = promptFromRecord(rec);
    const { K, B } = marginMatrix(prompt);
    const M = marginRows(prompt);
    const ml = promptMaximalLotterySync(prompt);
    const w = maximalLotteryCertificate(K, B, ml.probs)!;
    expect(w).not.toBeNull();
    prompt.responses.forEach((_, z) => expect(w[z].equals(sumOf(ml.probs.map((p, y) => p.mul(prefer(prompt, y, z)))))).toBe(true));
    for (const [name, pi] of perturbed(ml.probs)) {
      const want = isMaximalLottery(prompt, pi);
      expect(maximalLotteryCertificate(K, B, pi) !== null, name).toBe(want);
      expect(certificateFromRows(M.row, M.n, M.B, pi) !== null, name).toBe(want);
    }
  });

  it('Condorcet cycle: the uniform lottery passes, every point mass fails; a negative entry or a sum ≠ 1 fails', () => {
    const prompt = makePrompt(['a', 'b', 'c'], [
      { weight: ONE, tiers: [['a'], ['b'], ['c']] },
      { weight: ONE, tiers: [['b'], ['c'], ['a']] },
      { weight: ONE, tiers: [['c'], ['a'], ['b']] },
    ]);
    const { K, B } = marginMatrix(prompt);
    const third = frac(1, 3);
    expect(maximalLotteryCertificate(K, B, [third, third, third])!.map((v) => v.toFraction())).toEqual(['1/2', '1/2', '1/2']);
    for (let y = 0; y < 3; y++) expect(maximalLotteryCertificate(K, B, [0, 1, 2].map((i) => (i === y ? ONE : ZERO)))).toBeNull();
    expect(maximalLotteryCertificate(K, B, [frac(2, 3), frac(2, 3), frac(-1, 3)])).toBeNull();
    expect(maximalLotteryCertificate(K, B, [third, third, frac(1, 2)])).toBeNull();
    expect(maximalLotteryCertificate(K, B, [ZERO, ZERO, ZERO])).toBeNull();
  });

  it('a Condorcet winner: δ_a passes with P(a ≻ b) = 11/20 reported; δ_b and mixtures fail', () => {
    const prompt = makePrompt(['a', 'b'], [
      { weight: frac(11, 20), tiers: [['a'], ['b']] },
      { weight: frac(9, 20), tiers: [['b'], ['a']] },
    ]);
    const { K, B } = marginMatrix(prompt);
    expect(maximalLotteryCertificate(K, B, [ONE, ZERO])!.map((v) => v.toFraction())).toEqual(['1/2', '11/20']);
    expect(maximalLotteryCertificate(K, B, [ZERO, ONE])).toBeNull();
    expect(maximalLotteryCertificate(K, B, [frac(99, 100), frac(1, 100)])).toBeNull();
  });
});

/** A prompt with margin m of y over z for each listed pair (McGarvey): y > z > others and others reversed > y > z. */
function fromMargins(ids: readonly string[], margins: readonly [string, string, bigint][]): Prompt {
  const users = margins.flatMap(([y, z, m]) => {
    const rest = ids.filter((v) => v !== y && v !== z);
    return [
      { weight: frac(m), tiers: [[y], [z], ...rest.map((r) => [r])] },
      { weight: frac(m), tiers: [...[...rest].reverse().map((r) => [r]), [y], [z]] },
    ];
  });
  return makePrompt(ids, users);
}

describe('all extreme maximal lotteries: exact enumeration', () => {
  it('two vertices equal to 15 decimals are both listed (vertices are told apart exactly)', () => {
    // a ~ b tied; z cuts π_a/π_b ≥ (E+7)/E, w cuts π_a/π_b ≤ (E+8)/E: the maximal lotteries are a segment on {a, b}
    const E = 10n ** 20n;
    const prompt = fromMargins(['a', 'b', 'z', 'w'], [
      ['a', 'z', E],
      ['z', 'b', E + 7n],
      ['w', 'a', E],
      ['b', 'w', E + 8n],
      ['z', 'w', 1n],
    ]);
    const all = allMaximalLotteriesOfPrompt(prompt);
    const want = [7n, 8n].map((k) => [frac(E + k, 2n * E + k), frac(E, 2n * E + k), ZERO, ZERO]);
    // sorted by π(a) descending: (E+8)/(2E+8) > (E+7)/(2E+7)
    expect(all.map((pi) => pi.map((v) => v.toFraction()))).toEqual([want[1], want[0]].map((pi) => pi.map((v) => v.toFraction())));
  });
});

const ids = (n: number) => Array.from({ length: n }, (_, i) => `r${i}`);

/** n responses: a 3-cycle on the last three, each of which beats every other response (ranked r0 > r1 > …). */
function cycleOnTop(n: number): Prompt {
  const all = ids(n);
  const [a, b, c] = all.slice(n - 3);
  const rest = all.slice(0, n - 3).map((y) => [y]);
  return makePrompt(all, [[a, b, c], [b, c, a], [c, a, b]].map((top) => ({ weight: ONE, tiers: [...top.map((y) => [y]), ...rest] })));
}

/** n responses: the last two tie with each other and beat every other response (both are weak Condorcet winners). */
function tiedOnTop(n: number): Prompt {
  const all = ids(n);
  const [c, d] = all.slice(n - 2);
  const rest = all.slice(0, n - 2).map((y) => [y]);
  return makePrompt(all, [[c, d], [d, c]].map((top) => ({ weight: ONE, tiers: [...top.map((y) => [y]), ...rest] })));
}

/** n responses ranked r(n−1) > … > r0 by one voter: r(n−1) is the Condorcet winner. */
function chain(n: number): Prompt {
  return makePrompt(ids(n), [{ weight: ONE, tiers: ids(n).reverse().map((y) => [y]) }]);
}

const third = frac(1, 3);
const uniformOnLast3 = (n: number) => ids(n).map((_, y) => (y >= n - 3 ? third : ZERO));
const same = (a: readonly Fraction[], b: readonly Fraction[]) => a.length === b.length && a.every((v, i) => v.equals(b[i]));

describe('maximal lottery: which solver, and the Condorcet winner', () => {
  it('the NLHF LP leaves v free: on a general matrix game its value may be negative', () => {
    const r = solveLPSync(nlhfLP([[-1n, -2n], [-3n, -1n]]));
    expect(r.status).toBe('optimal');
    if (r.status !== 'optimal') return;
    // max v s.t. −π0 − 3π1 ≥ v, −2π0 − π1 ≥ v, π0 + π1 = 1: π = (2/3, 1/3), v = −5/3
    expect(same(r.x, [frac(2, 3), frac(1, 3), frac(-5, 3)])).toBe(true);
    expect(r.value.equals(frac(-5, 3))).toBe(true);
  });

  it('certificateFromRows reads the rows of the support of π only', () => {
    const prompt = cycleOnTop(6);
    const { K, B } = marginMatrix(prompt);
    const read: number[] = [];
    const w = certificateFromRows((y) => (read.push(y), K[y]), 6, B, uniformOnLast3(6));
    expect(w!.map((v) => v.toFraction())).toEqual(['1', '1', '1', '1/2', '1/2', '1/2']);
    expect(read).toEqual([3, 4, 5]);
  });

  it(`up to ORACLE_FROM = ${ORACLE_FROM} responses one LP on the whole game (glpk past CROSSOVER); above, the double oracle on restricted games`, async () => {
    const at = await promptMaximalLottery(cycleOnTop(ORACLE_FROM));
    expect(at.method).toBe('glpk+certificate'); // the (n+1)×(n+1) LP
    expect(same(at.probs, uniformOnLast3(ORACLE_FROM))).toBe(true);
    const small = await promptMaximalLottery(cycleOnTop(20));
    expect(small.method).toBe('glpk+certificate');
    expect(same(small.probs, uniformOnLast3(20))).toBe(true);
    // above: the 10 best Borda scores hold the support, one 11×11 LP (exact simplex), no response beats it
    const n = ORACLE_FROM + 1;
    for (const r of [await promptMaximalLottery(cycleOnTop(n)), promptMaximalLotterySync(cycleOnTop(n))]) {
      expect(r.method).toBe('simplex');
      expect(r.condorcetWinner).toBeNull();
      expect(same(r.probs, uniformOnLast3(n))).toBe(true);
      expect(r.value.equals(HALF)).toBe(true);
    }
    // a method asked for: the whole game, by that method
    expect((await promptMaximalLottery(cycleOnTop(n), { method: 'glpk' })).method).toBe('glpk+certificate');
  });

  it('oracleAbove and oracleStart force the double oracle on a small prompt, from the best net Borda scores', () => {
    // b, a tie; a beats c, b ties c: δ_a and δ_b are both maximal, a has the best Borda score (2 against 0)
    const prompt = profileFromJson({ responses: ['b', 'a', 'c'], users: [{ weight: 1, ranking: [['a'], ['c'], ['b']] }, { weight: 1, ranking: [['b'], ['a'], ['c']] }] }).prompts[0].prompt;
    const pick = (o: Parameters<typeof promptMaximalLotterySync>[1]) => promptMaximalLotterySync(prompt, o).probs.map((v) => v.toFraction());
    const [da, db] = [['0', '1', '0'], ['1', '0', '0']];
    expect(pick({})).toEqual(db); // the whole game's LP
    expect(pick({ oracleAbove: 2, oracleStart: 1 })).toEqual(da); // n = 3 > 2: the restricted game {a}, nothing beats δ_a
    expect(pick({ oracleAbove: 3, oracleStart: 1 })).toEqual(db); // n = 3, not above
    expect(pick({ oracleAbove: 0 })).toEqual(db); // starts from the 10 best: the whole game
    expect(pick({ oracleAbove: 0, oracleStart: 1, method: 'simplex' })).toEqual(db); // a method asked for: the whole game
    const r = promptMaximalLotterySync(prompt, { oracleAbove: 0, oracleStart: 1 });
    expect([r.method, r.condorcetWinner, r.value.toFraction(), r.winRates.map((v) => v.toFraction())]).toEqual(['simplex', null, '1/2', ['1/2', '1/2', '1']]);
  });

  it('a Condorcet winner is reported as such on both paths; a weak one (a tie) is not', async () => {
    for (const n of [5, ORACLE_FROM + 1]) {
      const r = await promptMaximalLottery(chain(n));
      expect(r.condorcetWinner).toBe(n - 1);
      expect(r.method).toBe('condorcet');
      expect(same(r.probs, ids(n).map((_, y) => (y === n - 1 ? ONE : ZERO)))).toBe(true);
    }
    const n = ORACLE_FROM + 1;
    const r = await promptMaximalLottery(tiedOnTop(n));
    expect(r.condorcetWinner).toBeNull();
    expect(r.method).toBe('simplex');
    const support = r.probs.flatMap((v, y) => (isZero(v) ? [] : [y]));
    expect(support.length === 1 && support[0] >= n - 2).toBe(true); // δ_c or δ_d, both maximal
  });
});

describe('maximal lottery: a wrong answer from below is never returned', () => {
  const run = async (hook: keyof typeof hooks, f: (...a: unknown[]) => unknown, body: () => unknown) => {
    hooks[hook] = f;
    try {
      await body();
    } finally {
      hooks[hook] = null;
    }
  };

  it('an LP that is not optimal, or an optimum that is not a maximal lottery, throws', async () => {
    const infeasible = () => ({ status: 'infeasible', farkas: [], method: 'simplex' });
    for (const n of [5, ORACLE_FROM + 1])
      await run('solve', infeasible, () => expect(() => promptMaximalLotterySync(cycleOnTop(n))).toThrow(new CertificateError('NLHF LP: infeasible')));
    // δ_{r2} in the 3-cycle r2 > r3 > r4 > r2: r4 beats it
    const wrong = () => ({ status: 'optimal', value: ZERO, x: [ZERO, ZERO, ONE, ZERO, ZERO, ZERO], y: [], method: 'simplex' });
    await run('solve', wrong, () => expect(() => promptMaximalLotterySync(cycleOnTop(5))).toThrow(new CertificateError('maximal lottery certificate failed')));
  });

  it('enumeration: an empty polytope, or a vertex failing the certificate, throws', async () => {
    // not a margin matrix (the NLHF polytope of a game with value < 0 is empty)
    await run('margins', () => ({ K: [[-1n, -1n], [-1n, -1n]], B: 1n }), () =>
      expect(() => allMaximalLotteriesOfPrompt(chain(2))).toThrow(new CertificateError('NLHF polytope empty')),
    );
    // the certificate reads other margins than the enumeration did: δ_{r1} fails under −K
    let calls = 0;
    const flip = (p: unknown, real: unknown) => {
      const { K, B } = (real as typeof marginMatrix)(p as Prompt);
      return calls++ === 0 ? { K, B } : { K: K.map((row) => row.map((v) => -v)), B };
    };
    await run('margins', flip, () => expect(() => allMaximalLotteries(singlePrompt(chain(2)))).toThrow('enumerated vertex failed the certificate'));
  });
});

describe('all extreme maximal lotteries: limits and order', () => {
  it('n ≤ maxN responses only', () => {
    expect(() => allMaximalLotteriesOfPrompt(chain(4), { maxN: 3 })).toThrow(new InputError('enumerating all maximal lotteries is limited to n ≤ 3 responses (got 4)'));
    expect(allMaximalLotteriesOfPrompt(chain(4), { maxN: 4 }).length).toBe(1);
  });

  it('maxBases bounds the feasible bases visited (17 here, two vertices δ_r2 and δ_r3)', () => {
    const prompt = makePrompt(ids(4), [
      { weight: ONE, tiers: [['r1', 'r3'], ['r2', 'r0']] },
      { weight: ONE, tiers: [['r2'], ['r3'], ['r1'], ['r0']] },
    ]);
    const want = [['0', '0', '1', '0'], ['0', '0', '0', '1']];
    expect(allMaximalLotteriesOfPrompt(prompt, { maxBases: 17 }).map((pi) => pi.map((v) => v.toFraction()))).toEqual(want);
    expect(() => allMaximalLotteriesOfPrompt(prompt, { maxBases: 16 })).toThrow(new InputError('more than 16 feasible bases: too degenerate to enumerate'));
  });

  it('a Condorcet winner: δ_c, without enumerating bases', () => {
    expect(allMaximalLotteriesOfPrompt(chain(3), { maxBases: 1 }).map((pi) => pi.map((v) => v.toFraction()))).toEqual([['0', '0', '1']]);
  });

  it('sorted lexicographically by (π(y_0), π(y_1), …) descending', () => {
    const prompt = makePrompt(ids(4), [{ weight: ONE, tiers: [ids(4)] }]);
    expect(allMaximalLotteriesOfPrompt(prompt).map((pi) => pi.map((v) => v.toFraction()))).toEqual([
      ['1', '0', '0', '0'],
      ['0', '1', '0', '0'],
      ['0', '0', '1', '0'],
      ['0', '0', '0', '1'],
    ]);
  });
});

describe('glpk.js is loaded on demand', () => {
  it("method 'glpk' loads it up front; the exact simplex on small LPs never does", async () => {
    // fresh modules: glpk.js not loaded yet, whatever ran before in this file
    const fresh = async () => {
      vi.resetModules();
      return { ml: await import('./maximalLottery.js'), glpk: await import('../lp/glpk.js') };
    };
    let m = await fresh();
    await m.ml.promptMaximalLottery(cycleOnTop(5), { method: 'simplex' });
    await m.ml.maximalLottery(singlePrompt(cycleOnTop(5)), { method: 'simplex' });
    await m.ml.maximalLottery(singlePrompt(cycleOnTop(5)));
    expect(m.glpk.glpkIfLoaded()).toBeNull();
    // a Condorcet winner: no LP at all, loaded all the same when asked for
    await m.ml.promptMaximalLottery(chain(3), { method: 'glpk' });
    expect(m.glpk.glpkIfLoaded()).not.toBeNull();
    m = await fresh();
    await m.ml.maximalLottery(singlePrompt(chain(3)), { method: 'glpk' });
    expect(m.glpk.glpkIfLoaded()).not.toBeNull();
  });
});

describe('double oracle: which responses enter the restricted game', () => {
  // winners w0..w29 tie with each other and beat every decoy (by m_i) and every filler; decoys d0..d9 beat the
  // fillers heavily (the 10 best Borda scores), d0 beats the other decoys. Maximal lotteries: Δ(winners).
  function decoys(m: (i: number) => bigint): Prompt {
    const W = Array.from({ length: 30 }, (_, i) => `w${i}`);
    const D = Array.from({ length: 10 }, (_, i) => `d${i}`);
    const F = Array.from({ length: 5 }, (_, i) => `f${i}`);
    const margins: [string, string, bigint][] = [];
    D.slice(1).forEach((d) => margins.push(['d0', d, 1n]));
    W.forEach((w, i) => D.forEach((d) => margins.push([w, d, m(i)])));
    W.forEach((w) => F.forEach((f) => margins.push([w, f, 1n])));
    D.forEach((d) => F.forEach((f) => margins.push([d, f, 300n])));
    return fromMargins([...W, ...D, ...F], margins);
  }
  const supportOf = (probs: readonly Fraction[]) => probs.flatMap((v, y) => (isZero(v) ? [] : [y]));

  it('the 10 most violated first: δ_{d0} is beaten most by w10..w19, so the lottery lives on them', async () => {
    // m_i peaks in the middle (w14: 29, w15: 30, …): not the first, last or least violated ten
    const prompt = decoys((i) => BigInt(2 * Math.min(i, 29 - i) + (i > 14 ? 1 : 0) + 1));
    const { K, B } = marginMatrix(prompt);
    const r = await promptMaximalLottery(prompt);
    expect(maximalLotteryCertificate(K, B, r.probs)).not.toBeNull();
    expect(supportOf(r.probs).every((y) => y >= 10 && y < 20)).toBe(true);
  });

  it('equally violated: the lowest indices first (w0..w9)', async () => {
    const prompt = decoys(() => 5n);
    const r = await promptMaximalLottery(prompt);
    expect(supportOf(r.probs).every((y) => y < 10)).toBe(true);
  });

  it('ties in the Borda order at the 10th place: the lowest indices first', async () => {
    // r0 > r1 > r2 > r0 (by 2) beat everyone else by 29; r3..r11 tie with each other and beat r12..r40 by 41:
    // r0..r11 all have the best Borda score 38·29 = 29·41 − 3·29, and r0..r9 (with the cycle) start
    const ids41 = ids(41);
    const margins: [string, string, bigint][] = [['r0', 'r1', 2n], ['r1', 'r2', 2n], ['r2', 'r0', 2n]];
    ids41.slice(0, 3).forEach((c) => ids41.slice(3).forEach((z) => margins.push([c, z, 29n])));
    ids41.slice(3, 12).forEach((f) => ids41.slice(12).forEach((z) => margins.push([f, z, 41n])));
    const prompt = fromMargins(ids41, margins);
    const r = await promptMaximalLottery(prompt);
    expect(r.method).toBe('simplex'); // one 11×11 LP: no response beats the uniform lottery on the cycle
    expect(same(r.probs, ids41.map((_, y) => (y < 3 ? third : ZERO)))).toBe(true);
  });

  it('the restricted LP sees S in index order: of two tied winners, δ at the lower index (not the better Borda score)', async () => {
    // r20 and r3 tie and beat everyone else (r20 by 3, r3 by 2): both point masses are maximal; one 11×11 LP
    const all = ids(41);
    const margins: [string, string, bigint][] = [];
    all.forEach((y, i) => i !== 20 && i !== 3 && margins.push(['r20', y, 3n], ['r3', y, 2n]));
    const r = await promptMaximalLottery(fromMargins(all, margins));
    expect(r.method).toBe('simplex');
    expect(same(r.probs, all.map((_, y) => (y === 3 ? ONE : ZERO)))).toBe(true); // deterministic: the exact simplex on columns in index order
  });

  it('a response that ties the restricted equilibrium (P = ½) does not enter', async () => {
    // r40 beats r0..r38 by 2, ties r39; r0..r38 beat r39 by 1: δ_{r40} is maximal, r39 (worst Borda) ties it
    const ids41 = ids(41);
    const margins: [string, string, bigint][] = [];
    ids41.slice(0, 39).forEach((y) => margins.push(['r40', y, 2n], [y, 'r39', 1n]));
    const r = await promptMaximalLottery(fromMargins(ids41, margins));
    expect(r.method).toBe('simplex');
    expect(r.condorcetWinner).toBeNull();
    expect(same(r.probs, ids41.map((_, y) => (y === 40 ? ONE : ZERO)))).toBe(true);
  });
});
