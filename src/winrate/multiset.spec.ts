// Multiset search and enumeration (multiset.ts): searchMultisets against the maximum over every multiset and its
// documented tie-break, onLeaf / threshold / anyAbove / submodular; bestTiers, multisetCount, allMultisets and
// mixtureOutcomes by definition (SPEC §1, §2, §4b).
import { test } from '@fast-check/vitest';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Fraction, frac, ONE, ZERO } from '../exact/rational.js';
import { makePrompt } from '../model/build.js';
import { Prompt, RankingType, UserType } from '../model/types.js';
import { allMultisets, bestTiers, mixtureOutcomes, multisetCount, searchMultisets, SearchOptions } from './multiset.js';
import { policyFromWeights, policyWeightsArb, profileRecordArb, promptFromRecord } from '../instances/arbitraries.js';
import { lucePromptFromRecord, luceRecordArb } from '../instances/luce.js';
import { multisetsOf } from '../claims/oracles.js';
import { tuples } from '../../test/oracles/bruteforce.js';
import { params } from '../../test/helpers/fc.js';

type F = (ui: number, t: number, c: number) => bigint;

/** Best tier of T for one ranking type and its copies there, by definition (min rank, then a count). */
function tierOf(u: RankingType, T: readonly number[]): { b: number; c: number } {
  const b = Math.min(...T.map((y) => u.rank[y]));
  return { b, c: T.filter((y) => u.rank[y] === b).length };
}

/** Σ_θ f(θ, t_θ(T), c_θ(T)); a Luce type's state is its strength sum (SPEC §4b). */
function valueByDefinition(users: readonly UserType[], f: F, T: readonly number[]): bigint {
  let s = 0n;
  users.forEach((u, ui) => {
    if (u.kind === 'luce') s += f(ui, T.reduce((a, y) => a + u.ints[y], 0), T.length);
    else {
      const { b, c } = tierOf(u, T);
      s += f(ui, b, c);
    }
  });
  return s;
}

/**
 * The documented result of searchMultisets: the maximum over every multiset; on ties, the incumbent found first —
 * the greedy start (candidates by single value, best first, then by index), else the first optimum of the
 * depth-first enumeration over that order.
 */
function expectedSearch(users: readonly UserType[], n: number, size: number, f: F): { items: number[]; value: bigint } {
  const val = (T: readonly number[]) => valueByDefinition(users, f, T);
  const single = Array.from({ length: n }, (_, y) => val([y]));
  const order = [...Array(n).keys()].sort((x, y) => (single[x] === single[y] ? x - y : single[y] > single[x] ? 1 : -1));
  const greedy: number[] = [];
  for (let s = 0; s < size; s++) {
    let arg = -1;
    let best = -1n;
    for (const y of order) {
      const v = val([...greedy, y]);
      if (arg < 0 || v > best) [arg, best] = [y, v];
    }
    greedy.push(arg);
  }
  let max = -1n;
  for (const T of multisetsOf(n, size)) if (val(T) > max) max = val(T);
  const sorted = (T: number[]) => [...T].sort((a, b) => a - b);
  if (val(greedy) === max) return { items: sorted(greedy), value: max };
  // positions in `order`, non-decreasing, in lexicographic order: the depth-first order
  const first = multisetsOf(n, size).find((P) => val(P.map((i) => order[i])) === max)!;
  return { items: sorted(first.map((i) => order[i])), value: max };
}

/** f(θ, t, c) rejecting states a ranking type cannot be in (tiers 0..numTiers−1, copies 1..size). */
function strict(users: readonly UserType[], size: number, g: F): F {
  return (ui, t, c) => {
    const u = users[ui];
    if (u.kind === 'ranking' && (!Number.isInteger(t) || t < 0 || t >= u.numTiers || c < 1 || c > size)) throw new Error(`f called on (${ui}, ${t}, ${c})`);
    return g(ui, t, c);
  };
}

/**
 * A monotone f ≥ 0 from nonnegative increments: adding an item never lowers the value (f(t, c) ≤ f(t, c + 1) and
 * f(t + 1, c) ≤ f(t, 1): a better tier beats any number of copies of a worse one), as the search requires.
 * `huge` adds 2^80 to one type's values (all of them, or only its largest, f(0, size)) so that the doubles of the
 * bounds must be scaled (the exact comparison decides by the low bits).
 */
function monotoneF(users: readonly UserType[], size: number, incs: number[], huge: 'none' | 'all' | 'full', hugeType: number): F {
  const H = 1n << 80n;
  const tabs = users.map((u, ui) => {
    const T = u.kind === 'ranking' ? u.numTiers : 1;
    const inc = (t: number, c: number) => BigInt(incs[(ui * 31 + t * 5 + c) % incs.length]);
    const tab: bigint[][] = [];
    for (let t = T - 1; t >= 0; t--) {
      let v = t + 1 < T ? tab[0][size - 1] : 0n;
      const row: bigint[] = [];
      for (let c = 1; c <= size; c++) row.push((v += inc(t, c)));
      tab.unshift(row);
    }
    return tab;
  });
  const hT = hugeType % users.length;
  return strict(users, size, (ui, t, c) => {
    let v = tabs[ui][t][c - 1];
    if (ui === hT && (huge === 'all' || (huge === 'full' && t === 0 && c === size))) v += H;
    return v;
  });
}

/**
 * A monotone submodular f (as T3's pricing): f(t, c) = a·(L·Q_worse(t) + τ(c)·Q(t)), τ increasing and concave,
 * τ(0) = 0, τ ≤ L, Q ≥ 0 per tier.
 */
function submodularF(users: readonly UserType[], size: number, mass: number[], steps: number[], a: number[]): F {
  const L = 32n;
  const inc = [...steps.slice(0, size)].sort((x, y) => y - x);
  const tau = [0n];
  for (let c = 1; c <= size; c++) tau.push(tau[c - 1] + BigInt(inc[c - 1] ?? 0));
  return strict(users, size, (ui, t, c) => {
    const u = users[ui] as RankingType;
    const q = (tt: number) => BigInt(mass[(ui * 13 + tt * 5) % mass.length]);
    let worse = 0n;
    for (let tt = t + 1; tt < u.numTiers; tt++) worse += q(tt);
    return BigInt(a[ui % a.length]) * (L * worse + tau[c] * q(t));
  });
}

/** A profile (up to 6 responses) and the parameters of submodularF, for multisets of minSize..maxSize responses. */
const submodularCaseArb = (maxUsers: number, minSize: number, maxSize: number) =>
  fc.record({
    profile: profileRecordArb({ maxResponses: 6, maxUsers }),
    size: fc.integer({ min: minSize, max: maxSize }),
    mass: fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 10 }),
    steps: fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 5, maxLength: 5 }),
    a: fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 3, maxLength: 3 }),
  });

const rankArb = fc.record({
  profile: profileRecordArb({ maxResponses: 6, maxUsers: 3, empty: true }),
  size: fc.integer({ min: 1, max: 4 }),
  incs: fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 1, maxLength: 12 }),
  huge: fc.constantFrom('none', 'all', 'full') as fc.Arbitrary<'none' | 'all' | 'full'>,
  hugeType: fc.nat(2),
});

describe('searchMultisets = the maximum over every multiset (ranking types)', () => {
  test.prop([rankArb], params(250))('best value and items, with the documented tie-break; nodes > 0', ({ profile, size, incs, huge, hugeType }) => {
    const prompt = promptFromRecord(profile);
    const f = monotoneF(prompt.users, size, incs, huge, hugeType);
    const r = searchMultisets(prompt.users, profile.n, size, f);
    const want = expectedSearch(prompt.users, profile.n, size, f);
    expect(r.value === want.value).toBe(true);
    expect(r.items).toEqual(want.items);
    expect(r.nodes > 0).toBe(true);
  });

  test.prop([rankArb], params(150))('prune: false: onLeaf sees every multiset once with its value; same result', ({ profile, size, incs, huge, hugeType }) => {
    const prompt = promptFromRecord(profile);
    const f = monotoneF(prompt.users, size, incs, huge, hugeType);
    const seen = new Map<string, bigint>();
    const r = searchMultisets(prompt.users, profile.n, size, f, {
      prune: false,
      onLeaf: (T, v) => {
        const key = [...T].sort((a, b) => a - b).join(',');
        expect(seen.has(key)).toBe(false);
        seen.set(key, v);
      },
    });
    const all = multisetsOf(profile.n, size);
    expect(seen.size).toBe(all.length);
    for (const T of all) expect(seen.get(T.join(',')) === valueByDefinition(prompt.users, f, T)).toBe(true);
    const want = expectedSearch(prompt.users, profile.n, size, f);
    expect(r.value === want.value).toBe(true);
    expect(r.items).toEqual(want.items);
    expect(r.nodes > all.length).toBe(true);
  });

  const subArb = submodularCaseArb(3, 1, 5);
  test.prop([subArb], params(300))('submodular: true on a monotone submodular f (T3 pricing form): the same optimum', ({ profile, size, mass, steps, a }) => {
    const prompt = promptFromRecord(profile);
    const f = submodularF(prompt.users, size, mass, steps, a);
    const want = expectedSearch(prompt.users, profile.n, size, f);
    for (const opts of [{ submodular: true }, {}] as SearchOptions[]) {
      const r = searchMultisets(prompt.users, profile.n, size, f, opts);
      expect(r.value === want.value).toBe(true);
      expect(r.items).toEqual(want.items);
    }
  });

  const thrArb = fc.record({ base: rankArb, cut: fc.integer({ min: -2, max: 12 }), anyAbove: fc.boolean(), submodular: fc.boolean() });
  test.prop([thrArb], params(250))('threshold: a multiset above it iff one exists (the best one without anyAbove), else items []', ({ base, cut, anyAbove, submodular }) => {
    const { profile, size, incs } = base;
    const prompt = promptFromRecord(profile);
    const f = monotoneF(prompt.users, size, incs, 'none', 0);
    const want = expectedSearch(prompt.users, profile.n, size, f);
    const threshold = want.value - BigInt(cut);
    // submodular only where it holds: a single type with one copy counting (f(t, c) = f(t, 1))
    const g: F = submodular ? (ui, t) => (ui === 0 ? f(0, t, 1) : 0n) : f;
    const wantG = submodular ? expectedSearch(prompt.users, profile.n, size, g) : want;
    const thr = wantG.value - BigInt(cut);
    const r = searchMultisets(prompt.users, profile.n, size, g, { threshold: submodular ? thr : threshold, anyAbove, submodular });
    const t0 = submodular ? thr : threshold;
    if (wantG.value > t0) {
      expect(r.items.length).toBe(size);
      expect(r.value === valueByDefinition(prompt.users, g, r.items)).toBe(true);
      expect(r.value > t0).toBe(true);
      if (!anyAbove) {
        expect(r.value === wantG.value).toBe(true);
        expect(r.items).toEqual(wantG.items);
      }
    } else {
      expect(r.items).toEqual([]);
      expect(r.value === t0).toBe(true);
    }
  });

  it('prune is on by default: a dominant response is found without visiting every multiset', () => {
    const ids = ['a', 'b', 'c', 'd', 'e'];
    const p = makePrompt(ids, [{ weight: ONE, tiers: ids.map((y) => [y]) }]);
    const f = strict(p.users, 3, (_, t, c) => BigInt((5 - t) * 10 + c));
    const leaves: string[] = [];
    const r = searchMultisets(p.users, 5, 3, f, { onLeaf: (T) => leaves.push(T.join(',')) });
    expect(r.items).toEqual([0, 0, 0]);
    expect(r.value).toBe(53n);
    const full = searchMultisets(p.users, 5, 3, f, { prune: false });
    expect(full.items).toEqual([0, 0, 0]);
    expect(leaves.length < multisetsOf(5, 3).length).toBe(true);
    expect(r.nodes < full.nodes).toBe(true);
  });

  it('ties: a tie between responses of equal single value goes to the lower index, then to the greedy start', () => {
    // one type, a and c tied on top, b below: {a, a} and {c, c} and {a, c} all score the same
    const p = makePrompt(['a', 'b', 'c'], [{ weight: ONE, tiers: [['a', 'c'], ['b']] }]);
    const f = strict(p.users, 2, (_, t) => BigInt(10 - t));
    expect(searchMultisets(p.users, 3, 2, f).items).toEqual([0, 0]);
    // c alone is the best single response, but {a, b} is the best pair (two types)
    const q = makePrompt(['a', 'b', 'c'], [
      { weight: ONE, tiers: [['a'], ['c'], ['b']] },
      { weight: ONE, tiers: [['b'], ['c'], ['a']] },
    ]);
    const g = strict(q.users, 2, (_, t) => [10n, 7n, 0n][t]);
    const r = searchMultisets(q.users, 3, 2, g);
    expect(r.value).toBe(20n);
    expect(r.items).toEqual([0, 1]);
  });
});

describe('searchMultisets where the greedy start is not optimal (submodular bound)', () => {
  it('m specialists and one compromise: the m specialists (10·m) beat the greedy start through the compromise', () => {
    for (let m = 2; m <= 4; m++) {
      const ids = Array.from({ length: m + 1 }, (_, y) => String.fromCharCode(97 + y));
      // type j ranks response j first, the compromise m second, the rest unlisted; f(t) = 10, 7, 0 is a max of weights (submodular)
      const p = makePrompt(ids, Array.from({ length: m }, (_, j) => ({ weight: ONE, tiers: [[ids[j]], [ids[m]]] })));
      const f = strict(p.users, m, (_, t) => [10n, 7n, 0n][t]);
      for (const opts of [{}, { submodular: true }, { submodular: true, threshold: 7n * BigInt(m) + 2n }] as SearchOptions[]) {
        const r = searchMultisets(p.users, m + 1, m, f, opts);
        expect(r.value).toBe(10n * BigInt(m));
        expect(r.items).toEqual([...Array(m).keys()]);
      }
    }
  });
});

describe('searchMultisets: pruning never loses the optimum (threshold = max − 1, the tightest incumbent)', () => {
  const subArb = submodularCaseArb(5, 2, 4);
  test.prop([subArb], params(200))('submodular: true on a monotone submodular f: the maximum over every multiset, the documented tie-break', ({ profile, size, mass, steps, a }) => {
    const prompt = promptFromRecord(profile);
    const f = submodularF(prompt.users, size, mass, steps, a);
    const want = expectedSearch(prompt.users, profile.n, size, f);
    for (const threshold of [want.value - 1n, want.value - 2n]) {
      const r = searchMultisets(prompt.users, profile.n, size, f, { submodular: true, threshold });
      expect(r.value === want.value).toBe(true);
      expect(r.items).toEqual(want.items);
    }
  });

  /**
   * Two responses r0, r1 and m types: type 0 ranks r0 ≻ r1 and scores B + a, B + a − 1; types 1..m−1 rank r1 ≻ r0
   * and score B + full with all ℓ copies of r1, else B. Every multiset holding r0 is worth m·B + a; {r1^ℓ} is worth
   * (m − 1)·full − 1 more. With B near 2^52 the bounds' doubles must be scaled to stay exact.
   */
  function trap(m: number, size: number, B: bigint, a: bigint, full: bigint): { users: readonly UserType[]; f: F } {
    const p = makePrompt(['r0', 'r1'], Array.from({ length: m }, (_, ui) => ({ weight: ONE, tiers: ui === 0 ? [['r0'], ['r1']] : [['r1'], ['r0']] })));
    return { users: p.users, f: strict(p.users, size, (ui, t, c) => (ui === 0 ? B + a - BigInt(t) : t === 0 && c === size ? B + full : B)) };
  }

  it('values near 2^53 (sums above it round): the bound of {r1^ℓ} stays above max − 1', () => {
    for (const [m, size, B, a, full] of [
      [3, 15, (1n << 52n) - 4n, 0n, 1n],
      [5, 2, (1n << 51n) - 4n, 2n, 1n],
      [3, 2, 0n, 2n, 1n << 80n],
    ] as [number, number, bigint, bigint, bigint][]) {
      const { users, f } = trap(m, size, B, a, full);
      let max = -1n;
      let arg: number[] = [];
      for (const T of multisetsOf(2, size)) if (valueByDefinition(users, f, T) > max) [max, arg] = [valueByDefinition(users, f, T), T];
      expect(arg).toEqual(Array(size).fill(1));
      for (const opts of [{ threshold: max - 1n }, { threshold: max - 1n, submodular: false }] as SearchOptions[]) {
        const r = searchMultisets(users, 2, size, f, opts);
        expect(r.value === max).toBe(true);
        expect(r.items).toEqual(arg);
      }
    }
  });

  it('a type whose best remaining tier is its fourth (tier 3 = ℓ + 1): its bound term is f(3, ·), not 0', () => {
    // A: p ≻ r1 ≻ r2 ≻ q (q unlisted); B: q ≻ the rest. {q, q} = f_A(3, 2) + f_B(0, 2) = 1 + 20 is the unique optimum
    const p = makePrompt(['p', 'r1', 'r2', 'q'], [
      { weight: ONE, tiers: [['p'], ['r1'], ['r2']] },
      { weight: ONE, tiers: [['q']] },
    ]);
    const f = strict(p.users, 2, (ui, t, c) => (ui === 0 ? [10n, 2n, 2n, 1n][t] : t === 0 ? [0n, 1n, 20n][c] : 0n));
    let max = -1n;
    for (const T of multisetsOf(4, 2)) if (valueByDefinition(p.users, f, T) > max) max = valueByDefinition(p.users, f, T);
    expect(max).toBe(21n);
    for (const opts of [{ threshold: 20n }, {}] as SearchOptions[]) {
      const r = searchMultisets(p.users, 4, 2, f, opts);
      expect(r.value).toBe(21n);
      expect(r.items).toEqual([3, 3]);
    }
  });

  it('a type whose node tier b is a multiple of ℓ + 1 and above every remaining candidate: its bound term is f(b, c)', () => {
    // A ranks u ≻ p1 ≻ … ≻ p5 ≻ x ≻ z (x at tier 6 = 2(ℓ + 1)) and values every state 10; B: u first (6); D: x, z
    // tied first, two copies worth 20; E: z (1); F: x (1); G: the p's (2). Greedy and swaps stop at {u, p1} (18); at
    // the node {x} (after the leaf {x, x} = 31) the branch of z must keep A's 10 in its bound (32 > 31): {x, z} = 32
    const ids = ['u', 'p1', 'p2', 'p3', 'p4', 'p5', 'x', 'z'];
    const p = makePrompt(ids, [
      { weight: ONE, tiers: ids.map((y) => [y]) },
      { weight: ONE, tiers: [['u']] },
      { weight: ONE, tiers: [['x', 'z']] },
      { weight: ONE, tiers: [['z']] },
      { weight: ONE, tiers: [['x']] },
      { weight: ONE, tiers: [['p1', 'p2', 'p3', 'p4', 'p5']] },
    ]);
    const top = [0n, 6n, 0n, 1n, 1n, 2n];
    const f = strict(p.users, 2, (ui, t, c) => (ui === 0 ? 10n : t > 0 ? 0n : ui === 2 ? [0n, 0n, 20n][c] : top[ui]));
    expect(expectedSearch(p.users, 8, 2, f)).toEqual({ items: [6, 7], value: 32n });
    for (const opts of [{}, { threshold: 31n }] as SearchOptions[]) {
      const r = searchMultisets(p.users, 8, 2, f, opts);
      expect(r.value).toBe(32n);
      expect(r.items).toEqual([6, 7]);
    }
  });

  /**
   * The submodular bound's increments of a candidate y ranked above the node's tier by type A (t < b_A): Δ_2 − Δ_1
   * subtracts Δ_1's lower bound, read at y's own tier t. x is A's top and w its last tier, w is B's top (with the
   * p's), y is A's tier 1 or 4 (= ℓ + 1) and tied with w for C; at the node {w} the optimum {w, y, y} (235) needs
   * y's second copy (worth 60), more than w's (40): Δ_1 read at a better tier than y's (f_A(0, ·) = 100) drops the
   * bound to 215, below max − 1.
   */
  it('submodular bound: Δ_1 of a candidate above the node’s tier is read at the candidate’s tier (t = 1 and t = ℓ + 1)', () => {
    const A = (yTier: number) => {
      const tiers: string[][] = [['x'], ...['p1', 'p2', 'p3'].slice(0, yTier - 1).map((r) => [r]), ['y'], ['w']];
      const tab = [[100n, 100n, 100n], ...tiers.slice(1, yTier).map(() => [80n, 80n, 80n]), [50n, 70n, 75n], [10n, 10n, 10n]];
      return { tiers, tab };
    };
    for (const yTier of [1, 4]) {
      const a = A(yTier);
      const others = ['p1', 'p2', 'p3'].slice(0, yTier - 1);
      const ids = [...others, 'x', 'w', 'y'];
      const p = makePrompt(ids, [
        { weight: ONE, tiers: a.tiers },
        { weight: ONE, tiers: [['w', ...others], ['y'], ['x']] },
        { weight: ONE, tiers: [['w', 'y'], ['x', ...others]] },
      ]);
      const tab = [a.tab, [[45n, 45n, 45n], [0n, 0n, 0n], [0n, 0n, 0n]], [[40n, 80n, 120n], [0n, 0n, 0n]]];
      const f = strict(p.users, 3, (ui, t, c) => tab[ui][t][c - 1]);
      const [w, y] = [ids.indexOf('w'), ids.indexOf('y')];
      const want = expectedSearch(p.users, ids.length, 3, f);
      expect(want).toEqual({ value: 235n, items: [w, y, y] });
      for (const opts of [{ submodular: true, threshold: 234n }, { submodular: true }, {}] as SearchOptions[]) expect(searchMultisets(p.users, ids.length, 3, f, opts)).toMatchObject(want);
    }
  });

  it('submodular: true on instances where greedy misses the optimum: f = S·(a monotone submodular table), S up to 2^50', () => {
    // tiers of response indices per type; tab[θ][t][c − 1] of the T3 pricing form (τ concave in c, a better tier worth more)
    const cases: { n: number; size: number; S: bigint; tiers: number[][][]; tab: number[][][] }[] = [
      {
        n: 3,
        size: 3,
        S: 1n,
        tiers: [[[1, 0], [2]], [[2], [1], [0]], [[0], [1], [2]], [[0], [1]], [[0], [1]]],
        tab: [
          [[176, 188, 188], [20, 35, 35]],
          [[840, 870, 870], [660, 675, 675], [80, 140, 140]],
          [[192, 192, 192], [80, 92, 92], [8, 14, 14]],
          [[224, 224, 224], [56, 74, 74], [4, 7, 7]],
          [[356, 359, 359], [184, 202, 202], [20, 35, 35]],
        ],
      },
      {
        n: 6,
        size: 4,
        S: 1n,
        tiers: [[[0, 1, 4], [5], [3, 2]], [[4], [1]], [[2], [5, 1], [3], [0]], [[0], [5, 1], [4], [3]]],
        tab: [
          [[1200, 1236, 1272, 1296], [816, 852, 888, 912], [96, 168, 240, 288]],
          [[448, 496, 544, 576], [48, 84, 120, 144], [0, 0, 0, 0]],
          [[1480, 1510, 1540, 1560], [1160, 1190, 1220, 1240], [1120, 1120, 1120, 1120], [280, 370, 460, 520], [20, 35, 50, 60]],
          [[1392, 1428, 1464, 1488], [1008, 1044, 1080, 1104], [456, 510, 564, 600], [300, 309, 318, 324], [36, 63, 90, 108]],
        ],
      },
      {
        n: 6,
        size: 4,
        S: (1n << 49n) + 2n,
        tiers: [[[0], [1, 5], [2], [3], [4]], [[4], [5], [2]]],
        tab: [
          [[527, 533, 533, 533], [458, 462, 462, 462], [340, 348, 348, 348], [185, 195, 195, 195], [25, 35, 35, 35]],
          [[985, 995, 995, 995], [825, 835, 835, 835], [665, 675, 675, 675], [100, 140, 140, 140]],
        ],
      },
      {
        n: 6,
        size: 4,
        S: (1n << 46n) + 3n,
        tiers: [[], [[3], [0, 1], [5, 4], [2]], [[4, 1, 2, 3], [5]], [[5]]],
        tab: [
          [[72, 144, 204, 264]],
          [[1168, 1312, 1432, 1552], [1024, 1024, 1024, 1024], [816, 864, 904, 944], [144, 288, 408, 528]],
          [[860, 920, 970, 1020], [150, 300, 425, 550], [0, 0, 0, 0]],
          [[324, 360, 390, 420], [54, 108, 153, 198]],
        ],
      },
      {
        // from a random search over tables of this form: Δ_1's lower bound of a candidate in a type's current tier
        // (t = b) must be read at c + 1 copies of tier b; read anywhere better, the optimum is pruned at max − 1
        n: 5,
        size: 4,
        S: 1n,
        tiers: [[[2], [0, 1, 3, 4]], [[2, 4], [0, 1, 3]], [[3, 4], [0, 1], [2]], [[1], [0], [2, 3], [4]], [[0], [1, 2, 3], [4]]],
        tab: [
          [[92, 112, 114, 115], [15, 38, 61, 82]],
          [[55, 85, 106, 116], [4, 24, 38, 43]],
          [[136, 163, 178, 190], [83, 101, 105, 109], [17, 46, 73, 77]],
          [[169, 199, 226, 251], [111, 140, 149, 153], [34, 64, 93, 102], [1, 16, 29, 30]],
          [[190, 210, 212, 213], [113, 136, 159, 180], [17, 47, 74, 98]],
        ],
      },
      {
        // the same search, five copies: Δ_1's lower bound at t = b read with copies taken away instead of added
        n: 3,
        size: 5,
        S: 1n,
        tiers: [[[0], [1, 2]], [[2], [0], [1]], [[1]]],
        tab: [
          [[102, 128, 150, 171, 177], [22, 50, 76, 95, 102]],
          [[145, 165, 184, 198, 202], [85, 106, 113, 117, 119], [13, 38, 47, 52, 56]],
          [[85, 113, 137, 161, 172], [8, 37, 51, 55, 57]],
        ],
      },
      {
        // seven tiers, values near 2^58: the node's own term (cur⁺) must be read at its tier b with c copies, also when
        // b is a multiple of ℓ + 1 (a read at b/(ℓ+1) lands on a zero-copy slot)
        n: 7,
        size: 2,
        S: (1n << 50n) - 3n,
        tiers: [[[5], [6], [0], [4], [3], [2], [1]], [[1], [6], [3], [4], [5], [2], [0]]],
        tab: [
          [[217, 246], [178, 192], [145, 175], [102, 132], [70, 96], [56, 63], [26, 53]],
          [[265, 271], [208, 237], [155, 185], [107, 133], [63, 91], [31, 61], [15, 24]],
        ],
      },
    ];
    for (const { n, size, S, tiers, tab } of cases) {
      const ids = Array.from({ length: n }, (_, y) => String.fromCharCode(97 + y));
      const p = makePrompt(ids, tiers.map((ts) => ({ weight: ONE, tiers: ts.map((t) => t.map((y) => ids[y])) })));
      const f = strict(p.users, size, (ui, t, c) => S * BigInt(tab[ui][t][c - 1]));
      const want = expectedSearch(p.users, n, size, f);
      for (const opts of [{ submodular: true }, { submodular: true, threshold: want.value - 1n }] as SearchOptions[]) {
        const r = searchMultisets(p.users, n, size, f, opts);
        expect(r.value === want.value).toBe(true);
        expect(r.items).toEqual(want.items);
      }
    }
  });

  it('submodular: false (as when absent) never applies the submodular bound: a convex f where two copies of c win', () => {
    // A, B, C rank a, b, c first; f_A = f_B = 10 on top, f_C(0, 1) = 1, f_C(0, 2) = 100: {c, c} = 100 > {a, b} = 20
    const p = makePrompt(['a', 'b', 'c'], [
      { weight: ONE, tiers: [['a']] },
      { weight: ONE, tiers: [['b']] },
      { weight: ONE, tiers: [['c']] },
    ]);
    const f = strict(p.users, 2, (ui, t, c) => (t > 0 ? 0n : ui < 2 ? 10n : [0n, 1n, 100n][c]));
    let max = -1n;
    for (const T of multisetsOf(3, 2)) if (valueByDefinition(p.users, f, T) > max) max = valueByDefinition(p.users, f, T);
    expect(max).toBe(100n);
    for (const opts of [{ submodular: false }, {}, { submodular: false, threshold: 99n }] as SearchOptions[]) {
      const r = searchMultisets(p.users, 3, 2, f, opts);
      expect(r.value).toBe(100n);
      expect(r.items).toEqual([2, 2]);
    }
  });
});

describe('searchMultisets with Luce types (the general path)', () => {
  const luceArb = fc.record({
    profile: luceRecordArb({ maxResponses: 5, maxUsers: 3, kinds: 'mixed' }),
    size: fc.integer({ min: 1, max: 4 }),
    incs: fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 1, maxLength: 8 }),
  });
  test.prop([luceArb], params(150))('best value = the maximum over every multiset; onLeaf sees each once', ({ profile, size, incs }) => {
    const prompt = lucePromptFromRecord(profile);
    const rank = monotoneF(prompt.users, size, incs, 'none', 0);
    // a Luce type scores a concave increasing function of its strength sum: 12·s/(s + 3) scaled to integers
    const f: F = (ui, t, c) => (prompt.users[ui].kind === 'luce' ? (BigInt(ui + 1) * 1000n * BigInt(t)) / BigInt(t + 3) : rank(ui, t, c));
    const want = expectedSearch(prompt.users, profile.n, size, f);
    const r = searchMultisets(prompt.users, profile.n, size, f, {});
    expect(r.value === want.value).toBe(true);
    expect(valueByDefinition(prompt.users, f, r.items) === want.value).toBe(true);
    let leaves = 0;
    searchMultisets(prompt.users, profile.n, size, f, { prune: false, onLeaf: () => leaves++ });
    expect(BigInt(leaves)).toBe(multisetCount(profile.n, size));
  });
});

describe('bestTiers by definition', () => {
  const arb = fc.record({ profile: profileRecordArb({ maxResponses: 6, maxUsers: 4, empty: true }), T: fc.array(fc.nat(5), { minLength: 1, maxLength: 5 }) });
  test.prop([arb], params(300))('best tier and its copies per type; ties and unlisted responses included', ({ profile, T }) => {
    const prompt = promptFromRecord(profile);
    const items = T.map((y) => y % profile.n);
    const { b, c } = bestTiers(prompt.users, items);
    prompt.users.forEach((u, ui) => {
      const want = tierOf(u as RankingType, items);
      expect([b[ui], c[ui]]).toEqual([want.b, want.c]);
    });
  });

  it('rejects Luce types', () => {
    const p: Prompt = makePrompt(['a', 'b'], [
      { weight: ONE, tiers: [['a']] },
      { weight: ONE, strengths: [ONE, frac(2)] },
    ]);
    expect(() => bestTiers(p.users, [0])).toThrow(RangeError);
    expect(() => bestTiers(p.users, [0])).toThrow('bestTiers: ranking types only (typeStates handles Luce types)');
    expect(() => bestTiers([p.users[1]], [])).toThrow(RangeError);
    expect(bestTiers([p.users[0]], [1]).b[0]).toBe(1);
  });
});

describe('multisetCount and allMultisets', () => {
  const binom = (a: number, b: number): bigint => {
    let num = 1n;
    let den = 1n;
    for (let i = 0; i < b; i++) {
      num *= BigInt(a - i);
      den *= BigInt(i + 1);
    }
    return num / den;
  };

  it('multisetCount(n, k) = C(n + k − 1, k), small and large', () => {
    for (let n = 1; n <= 8; n++) for (let k = 0; k <= 6; k++) expect(multisetCount(n, k)).toBe(BigInt(multisetsOf(n, k).length));
    for (const [n, k] of [
      [100, 50],
      [400, 8],
      [7, 60],
      [2, 1],
    ])
      expect(multisetCount(n, k)).toBe(binom(n + k - 1, k));
  });

  it('allMultisets(n, k): every sorted k-multiset once, in lexicographic order', () => {
    for (let n = 1; n <= 6; n++)
      for (let k = 0; k <= 5; k++) {
        const got = allMultisets(n, k);
        expect(got).toEqual(multisetsOf(n, k));
        expect(BigInt(got.length)).toBe(binom(n + k - 1, k));
      }
  });
});

describe('mixtureOutcomes = the expansion of Σ_t w_t π_t^{⊗k} (SPEC §1, T5)', () => {
  const arb = fc.record({
    n: fc.integer({ min: 1, max: 5 }),
    k: fc.integer({ min: 1, max: 4 }),
    parts: fc.array(fc.record({ w: fc.integer({ min: 1, max: 4 }), policy: policyWeightsArb(5, 3) }), { minLength: 1, maxLength: 3 }),
  });
  test.prop([arb], params(150))('every ordered draw summed into its multiset; no zero outcome; total 1', ({ n, k, parts }) => {
    const total = parts.reduce((a, p) => a + p.w, 0);
    const mix = parts.map((p) => ({ weight: frac(p.w, total), probs: policyFromWeights(p.policy, n) }));
    const want = new Map<string, Fraction>();
    for (const draw of tuples(n, k)) {
      let p = ZERO;
      for (const part of mix) p = p.add(draw.reduce((q, y) => q.mul(part.probs[y]), part.weight));
      const key = [...draw].sort((a, b) => a - b).join(',');
      want.set(key, (want.get(key) ?? ZERO).add(p));
    }
    const got = mixtureOutcomes(mix, n, k);
    const nonzero = [...want].filter(([, p]) => !p.equals(ZERO));
    expect(got.map((o) => o.items.join(','))).toEqual(nonzero.map(([key]) => key).sort());
    for (const o of got) expect(o.prob.equals(want.get(o.items.join(','))!)).toBe(true);
    expect(got.reduce((a, o) => a.add(o.prob), ZERO).equals(ONE)).toBe(true);
  });
});
