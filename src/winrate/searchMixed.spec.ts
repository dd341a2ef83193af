// searchMixed (the branch and bound over multisets for prompts with Luce types, SPEC §4b) and the first incumbent
// of both searches, against oracles written here: a multiset's per-type states and value computed from scratch,
// the maximum over every multiset by enumeration (multisetsOf), and the documented search replayed on whole
// multisets (greedy start, single swaps, candidates by single value, the plain and the submodular bound) for the
// items, the values, the leaves visited and the node counts.
import { test } from '@fast-check/vitest';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { frac, ONE } from '../exact/rational.js';
import { makePrompt } from '../model/build.js';
import { Prompt, UserType } from '../model/types.js';
import type { SearchOptions } from './multiset.js';
import { incumbent, searchMixed, typeStates } from './searchMixed.js';
import { multisetsOf } from '../claims/oracles.js';
import { profileRecordArb, promptFromRecord } from '../instances/arbitraries.js';
import { lucePromptFromRecord, luceRecordArb, mixedFamilyArb } from '../instances/luce.js';
import { params } from '../../test/helpers/fc.js';

type Objective = (ui: number, a: number, c: number) => bigint;

/** typeStates' "no item yet" for a ranking type. */
const NONE = 0x7fffffff;
/** What the objectives below return for a type with no item (c = 0): never read, the empty state counts 0. */
const UNREAD = -1_000_003n;

const range = (from: number, to: number): number[] => Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i);
const desc = (x: bigint, y: bigint): number => (x > y ? -1 : x < y ? 1 : 0);
const sorted = (T: readonly number[]): number[] => [...T].sort((x, y) => x - y);

// ---- oracles, by definition ----

/** Oracle: each type's state of T — a ranking type's best tier and the copies of T in it (NONE, 0 if T is empty), a Luce type's strength sum s_θ(T) and |T|. */
function statesOracle(users: readonly UserType[], T: readonly number[]): { a: number[]; c: number[] } {
  const a: number[] = [];
  const c: number[] = [];
  for (const u of users) {
    if (u.kind === 'luce') {
      a.push(T.reduce((s, y) => s + u.ints[y], 0));
      c.push(T.length);
      continue;
    }
    const best = T.length === 0 ? NONE : Math.min(...T.map((y) => u.rank[y]));
    a.push(best);
    c.push(T.filter((y) => u.rank[y] === best).length);
  }
  return { a, c };
}

/** Oracle: value(T) = Σ_θ f(θ, a_θ(T), c_θ(T)); the empty multiset is worth 0. */
function valueOracle(users: readonly UserType[], f: Objective, T: readonly number[]): bigint {
  if (T.length === 0) return 0n;
  const { a, c } = statesOracle(users, T);
  let s = 0n;
  users.forEach((_, ui) => (s += f(ui, a[ui], c[ui])));
  return s;
}

type Start = { best: bigint; items: number[] } | { found: { items: number[]; value: bigint; nodes: number } };

/**
 * Oracle: the documented first incumbent. Greedy: `size` rounds, each adding the first candidate in `order` of
 * largest value. With anyAbove and a threshold: single swaps (positions in turn, candidates in order, the first
 * that raises the value; each swap tried is a node) until the value is above the threshold or no swap raises it.
 * At or below the threshold the threshold itself is the incumbent, with no items.
 */
function incumbentOracle(order: readonly number[], size: number, value: (T: readonly number[]) => bigint, opts: SearchOptions): Start {
  let items: number[] = [];
  for (let s = 0; s < size; s++) {
    const vals = order.map((y) => value([...items, y]));
    const top = vals.reduce((m, v) => (v > m ? v : m));
    items = [...items, order[vals.indexOf(top)]];
  }
  let best = value(items);
  const t = opts.threshold;
  if (opts.anyAbove === true && t !== undefined) {
    let nodes = 0;
    const improve = (): boolean => {
      for (let pos = 0; pos < size; pos++)
        for (const y of order) {
          if (y === items[pos]) continue;
          const T = items.map((x, p) => (p === pos ? y : x));
          nodes++;
          const v = value(T);
          if (v > best) {
            best = v;
            items = T;
            return true;
          }
        }
      return false;
    };
    while (best <= t && improve());
    if (best > t) return { found: { items: sorted(items), value: best, nodes } };
  }
  if (t !== undefined && best <= t) return { best: t, items: [] };
  return { best, items };
}

interface Leaf {
  items: number[];
  value: bigint;
}

/**
 * Oracle: the documented branch and bound replayed on whole multisets. Candidates by single value, best first
 * (ties by index); a node T with r free slots tries the candidates order[i..] in turn, each try a node, and stops
 * at the first i whose bound is at most the incumbent: the plain bound (each ranking type its best remaining tier
 * with all r slots, or its current state when that tier is worse; each Luce type a + r·(largest remaining
 * strength)), or with `submodular` value(T) plus the r largest positive increments value(T + j·y) −
 * value(T + (j−1)·y), j ≤ r, of the r remaining candidates with the largest first gain. Leaves replace the
 * incumbent only when strictly better.
 */
function searchOracle(users: readonly UserType[], n: number, size: number, f: Objective, opts: SearchOptions): { items: number[]; value: bigint; nodes: number; leaves: Leaf[] } {
  const value = (T: readonly number[]): bigint => valueOracle(users, f, T);
  const single = range(0, n).map((y) => value([y]));
  const order = range(0, n).sort((x, y) => desc(single[x], single[y]) || x - y);
  const leaves: Leaf[] = [];
  const start = incumbentOracle(order, size, value, opts);
  if ('found' in start) return { ...start.found, leaves };
  let best = start.best;
  let bestItems = start.items;
  let nodes = 1;
  const plainBound = (T: readonly number[], r: number, i: number): bigint => {
    const rest = order.slice(i);
    const st = statesOracle(users, T);
    let s = 0n;
    users.forEach((u, ui) => {
      if (u.kind === 'luce') {
        s += f(ui, st.a[ui] + r * Math.max(...rest.map((y) => u.ints[y])), st.c[ui] + r);
        return;
      }
      const t = Math.min(...rest.map((y) => u.rank[y]));
      if (t < st.a[ui]) s += f(ui, t, r);
      else if (t === st.a[ui]) s += f(ui, t, st.c[ui] + r);
      else s += f(ui, st.a[ui], st.c[ui]);
    });
    return s;
  };
  const subBound = (T: readonly number[], r: number, i: number): bigint => {
    const base = value(T);
    const gain = (y: number, j: number): bigint => value([...T, ...new Array<number>(j).fill(y)]) - base;
    const first = new Map(range(i, n).map((p) => [p, gain(order[p], 1)]));
    const top = range(i, n)
      .sort((p, q) => desc(first.get(p)!, first.get(q)!) || p - q)
      .slice(0, r);
    const incs = top.flatMap((p) => range(1, r + 1).map((j) => gain(order[p], j) - gain(order[p], j - 1)));
    return incs
      .sort(desc)
      .slice(0, r)
      .reduce((s, v) => (v > 0n ? s + v : s), base);
  };
  const prune = opts.prune !== false;
  const visit = (T: number[], from: number): void => {
    const r = size - T.length;
    if (r === 0) {
      nodes++;
      const v = value(T);
      leaves.push({ items: T, value: v });
      if (v > best) {
        best = v;
        bestItems = T;
      }
      return;
    }
    for (let i = from; i < n; i++) {
      nodes++;
      if (prune && (plainBound(T, r, i) <= best || (opts.submodular === true && subBound(T, r, i) <= best))) break;
      visit([...T, order[i]], i);
    }
  };
  visit([], 0);
  return { items: sorted(bestItems), value: best, nodes, leaves };
}

/** C(n + k − 1, k), the number of k-multisets of n items. */
function multisetCountOracle(n: number, k: number): number {
  let r = 1;
  for (let i = 1; i <= k; i++) r = (r * (n - 1 + i)) / i;
  return Math.round(r);
}

// ---- objectives ----

/**
 * A monotone objective the plain bound applies to, neither concave nor greedy-friendly: a ranking type
 * (numTiers − tier)·1000 + g(copies), g nondecreasing below 1000; a Luce type a nondecreasing step function of the
 * strength sum, plus |T|.
 */
function plainObjective(users: readonly UserType[], steps: readonly (readonly number[])[], g: readonly number[]): Objective {
  const cum = steps.map((st) => st.reduce<bigint[]>((acc, v) => [...acc, acc[acc.length - 1] + BigInt(v * v)], [0n]));
  const copies = g.reduce<number[]>((acc, v) => [...acc, acc[acc.length - 1] + v], [0]);
  return (ui, a, c) => {
    if (c === 0) return UNREAD;
    const u = users[ui];
    if (u.kind === 'luce') {
      const row = cum[ui % cum.length];
      return row[Math.min(a, row.length - 1)] * 8n + BigInt(c);
    }
    return BigInt((u.numTiers - a) * 1000 + copies[Math.min(c, copies.length - 1)]);
  };
}

/**
 * A monotone DR-submodular objective (the `submodular` contract): a Luce type w·min(a, cap) + 5·min(c, 2), concave in
 * the strength sum and in |T|; a ranking type the uniform rule's win against weights q (T3's pricing),
 * 60·(Q_worse(t) + c/(c + 1)·Q_tier(t)).
 */
function submodularObjective(users: readonly UserType[], caps: readonly number[], ws: readonly number[], q: readonly number[]): Objective {
  return (ui, a, c) => {
    if (c === 0) return UNREAD;
    const u = users[ui];
    if (u.kind === 'luce') return BigInt(ws[ui % ws.length] * Math.min(a, caps[ui % caps.length]) + 5 * Math.min(c, 2));
    let v = 0n;
    u.rank.forEach((t, y) => (v += BigInt(q[y % q.length]) * (t > a ? 60n : t === a ? BigInt((60 * c) / (c + 1)) : 0n)));
    return v;
  };
}

// ---- instances ----

const promptArb: fc.Arbitrary<Prompt> = fc.oneof(
  luceRecordArb({ maxResponses: 5, maxUsers: 3, maxStrength: 7, kinds: 'mixed' }).map(lucePromptFromRecord),
  luceRecordArb({ maxResponses: 5, maxUsers: 2, maxStrength: 5, kinds: 'luce' }).map(lucePromptFromRecord),
  mixedFamilyArb({ maxResponses: 5, maxUsers: 4 }),
  profileRecordArb({ maxResponses: 5, maxUsers: 3 }).map((r) => promptFromRecord(r)),
);

const plainArb = fc.record({
  prompt: promptArb,
  steps: fc.array(fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 30, maxLength: 30 }), { minLength: 1, maxLength: 3 }),
  g: fc.array(fc.integer({ min: 0, max: 200 }), { minLength: 4, maxLength: 4 }),
  size: fc.integer({ min: 0, max: 4 }),
});

const submodularArb = fc.record({
  prompt: promptArb,
  caps: fc.array(fc.integer({ min: 1, max: 25 }), { minLength: 4, maxLength: 4 }),
  ws: fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 4, maxLength: 4 }),
  q: fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 5, maxLength: 5 }),
  size: fc.integer({ min: 0, max: 4 }),
});

/** Options: pruning (default, on, off) and a threshold at, just below or just above one of the multisets' values. */
const optionsArb = fc.record({
  prune: fc.constantFrom(undefined, true, false),
  threshold: fc.option(fc.record({ pick: fc.nat(), delta: fc.integer({ min: -1, max: 1 }) }), { nil: undefined }),
  anyAbove: fc.constantFrom(undefined, true, false),
});

function thresholdOf(values: readonly bigint[], sel: { pick: number; delta: number } | undefined): bigint | undefined {
  if (sel === undefined) return undefined;
  const distinct = [...new Set(values)].sort(desc);
  return distinct[sel.pick % distinct.length] + BigInt(sel.delta);
}

/** searchMixed against the replayed search (items, value, nodes, leaves) and against enumeration (the contract). */
function checkSearch(prompt: Prompt, size: number, f: Objective, o: SearchOptions & { pick?: { pick: number; delta: number } }): void {
  const users = prompt.users;
  const n = prompt.responses.length;
  const all = multisetsOf(n, size).map((T) => valueOracle(users, f, T));
  const max = all.reduce((m, v) => (v > m ? v : m));
  const threshold = thresholdOf(all, o.pick);
  const opts: SearchOptions = { prune: o.prune, threshold, anyAbove: o.anyAbove, submodular: o.submodular };
  const leaves: Leaf[] = [];
  const got = searchMixed(users, n, size, f, { ...opts, onLeaf: (T, value) => leaves.push({ items: [...T], value }) });
  const ref = searchOracle(users, n, size, f, opts);
  expect(got).toEqual({ items: ref.items, value: ref.value, nodes: ref.nodes });
  expect(leaves).toEqual(ref.leaves);
  // the contract, by enumeration
  expect(got.items).toEqual(sorted(got.items));
  if (threshold === undefined || max > threshold) {
    expect(got.items.length).toBe(size);
    expect(valueOracle(users, f, got.items)).toBe(got.value);
    if (o.anyAbove === true && threshold !== undefined) expect(got.value > threshold).toBe(true);
    else expect(got.value).toBe(max);
  } else {
    expect(got.items).toEqual([]);
    expect(got.value).toBe(threshold);
  }
}

describe('typeStates: best tier and copies, or strength sum and count (SPEC §4b)', () => {
  const arb = fc.record({ prompt: promptArb, T: fc.array(fc.nat(), { maxLength: 6 }) });
  test.prop([arb], params(400))('every type, against the states by definition', ({ prompt, T }) => {
    const items = T.map((y) => y % prompt.responses.length);
    const st = typeStates(prompt.users, items);
    const want = statesOracle(prompt.users, items);
    expect(Array.from(st.a)).toEqual(want.a);
    expect(Array.from(st.c)).toEqual(want.c);
  });

  it('hand case: tiers {a}, {b, c} and strengths 1, 2, 3', () => {
    const p = makePrompt(['a', 'b', 'c'], [
      { weight: ONE, tiers: [['a'], ['b', 'c']] },
      { weight: ONE, strengths: [frac(1), frac(2), frac(3)] },
    ]);
    const st = (T: number[]) => {
      const s = typeStates(p.users, T);
      return Array.from(s.a, (a, ui) => [a, s.c[ui]]);
    };
    expect(st([])).toEqual([[NONE, 0], [0, 0]]);
    expect(st([1, 2, 1])).toEqual([[1, 3], [7, 3]]);
    expect(st([1, 0, 2, 0])).toEqual([[0, 2], [7, 4]]);
    expect(st([2])).toEqual([[1, 1], [3, 1]]);
  });
});

describe('incumbent: greedy, then single swaps with anyAbove (SPEC §4b search start)', () => {
  const arb = fc.record({
    inst: plainArb,
    keys: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 5, maxLength: 5 }),
    opts: optionsArb,
    shift: fc.constantFrom(0n, 2000n, 10_000n),
  });
  test.prop([arb], params(400))('the documented greedy + local search, and its contract', ({ inst, keys, opts, shift }) => {
    const { prompt, steps, g, size } = inst;
    const n = prompt.responses.length;
    const f = plainObjective(prompt.users, steps, g);
    // any order of the candidates, not only by single value; values shifted down to 0 and below too
    const order = range(0, n).sort((x, y) => keys[x] - keys[y] || y - x);
    const value = (T: readonly number[]): bigint => valueOracle(prompt.users, f, T) - shift;
    let calls = 0;
    const evalSet = (T: readonly number[]) => {
      calls++;
      return value(T);
    };
    const all = multisetsOf(n, size).map(value);
    const threshold = thresholdOf(all, opts.threshold);
    const o = { threshold, anyAbove: opts.anyAbove };
    const got = incumbent(order, size, evalSet, o);
    expect(got).toEqual(incumbentOracle(order, size, value, o));
    if ('found' in got) {
      expect(opts.anyAbove === true && threshold !== undefined && got.found.value > threshold).toBe(true);
      expect(got.found.items.length).toBe(size);
      expect(value(got.found.items)).toBe(got.found.value);
      // greedy: size·|order| evaluations and one of its result, then one per swap tried
      expect(calls).toBe(size * n + 1 + got.found.nodes);
    } else if (threshold !== undefined && got.best <= threshold) {
      expect(got).toEqual({ best: threshold, items: [] });
    } else {
      expect(got.items.length).toBe(size);
      expect(value(got.items)).toBe(got.best);
      if (threshold !== undefined) expect(got.best > threshold).toBe(true);
    }
  });

  const anyArb = fc.record({
    n: fc.integer({ min: 1, max: 5 }),
    size: fc.integer({ min: 0, max: 4 }),
    keys: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 5, maxLength: 5 }),
    table: fc.func(fc.bigInt({ min: -3n, max: 12n })),
    threshold: fc.option(fc.bigInt({ min: -4n, max: 13n }), { nil: undefined }),
    anyAbove: fc.constantFrom(undefined, true, false),
  });
  test.prop([anyArb], params(600))('any set function (values with many ties): the documented greedy + local search', ({ n, size, keys, table, threshold, anyAbove }) => {
    const order = range(0, n).sort((x, y) => keys[x] - keys[y] || x - y);
    const value = (T: readonly number[]): bigint => table(sorted(T).join(','));
    const o = { threshold, anyAbove };
    const got = incumbent(order, size, value, o);
    expect(got).toEqual(incumbentOracle(order, size, value, o));
    if ('found' in got) expect(value(got.found.items)).toBe(got.found.value);
    else if (threshold === undefined || got.best > threshold) expect(value(got.items)).toBe(got.best);
  });

  it('hand case: greedy stops at 3 (= threshold), one swap reaches 4; without anyAbove the threshold is the incumbent', () => {
    // value of a 2-multiset by its items: {0,0} 3 is greedy's (0 first in order, then 0 again), {1,2} 4 the best;
    // single values 2, 1, 1
    const v = (T: readonly number[]): bigint => {
      const key = sorted(T).join(',');
      return ({ '0': 2n, '1': 1n, '2': 1n, '0,0': 3n, '0,1': 2n, '0,2': 3n, '1,1': 1n, '1,2': 4n, '2,2': 1n } as Record<string, bigint>)[key];
    };
    expect(incumbent([0, 1, 2], 2, v, {})).toEqual({ best: 3n, items: [0, 0] });
    expect(incumbent([0, 1, 2], 2, v, { threshold: 3n })).toEqual({ best: 3n, items: [] });
    expect(incumbent([0, 1, 2], 2, v, { threshold: 2n })).toEqual({ best: 3n, items: [0, 0] });
    // swaps from {0,0}: position 0 → 1 gives {1,0} = 2, → 2 gives {2,0} = 3; position 1 → 1 gives {0,1} = 2, → 2 gives {0,2} = 3:
    // none rises, so no multiset above 3 is found although {1,2} is one
    expect(incumbent([0, 1, 2], 2, v, { threshold: 3n, anyAbove: true })).toEqual({ best: 3n, items: [] });
    // above 2: greedy's {0,0} already is, with no swap tried
    expect(incumbent([0, 1, 2], 2, v, { threshold: 2n, anyAbove: true })).toEqual({ found: { items: [0, 0], value: 3n, nodes: 0 } });
    // order [2, 1, 0]: greedy takes 0, then 2 (first of the ties {0,2} = {0,0} = 3 in order); swapping position 0
    // tries 2 ({2,2} = 1), then 1 ({1,2} = 4 > 3): found after 2 swaps
    expect(incumbent([2, 1, 0], 2, v, { threshold: 3n, anyAbove: true })).toEqual({ found: { items: [1, 2], value: 4n, nodes: 2 } });
    expect(incumbent([2, 1, 0], 2, v, {})).toEqual({ best: 3n, items: [0, 2] });
    // {0,0} = 2 now: greedy from [0, 2, 1] takes 0, then 2; swapping position 0 skips 0 (the item itself), tries 2
    // ({2,2} = 1), then 1 ({1,2} = 4): 2 swaps
    const w = (T: readonly number[]): bigint => (sorted(T).join(',') === '0,0' ? 2n : v(T));
    expect(incumbent([0, 2, 1], 2, w, {})).toEqual({ best: 3n, items: [0, 2] });
    expect(incumbent([0, 2, 1], 2, w, { threshold: 3n, anyAbove: true })).toEqual({ found: { items: [1, 2], value: 4n, nodes: 2 } });
  });
});

describe('searchMixed = enumeration of every multiset (SPEC §4b)', () => {
  test.prop([plainArb, optionsArb], params(350))('a monotone objective, the plain bound: items, value, nodes and leaves', (inst, opts) => {
    const f = plainObjective(inst.prompt.users, inst.steps, inst.g);
    checkSearch(inst.prompt, inst.size, f, { prune: opts.prune, anyAbove: opts.anyAbove, pick: opts.threshold });
  });

  test.prop([submodularArb, optionsArb, fc.boolean()], params(300))('a monotone DR-submodular objective, with and without the submodular bound', (inst, opts, sub) => {
    const f = submodularObjective(inst.prompt.users, inst.caps, inst.ws, inst.q);
    checkSearch(inst.prompt, inst.size, f, { prune: opts.prune, anyAbove: opts.anyAbove, pick: opts.threshold, submodular: sub ? true : undefined });
  });

  // more than 64 candidates: the sorts of the candidates merge runs (below 64 they insert one by one)
  const manyArb = fc.record({
    n: fc.integer({ min: 65, max: 80 }),
    luce: fc.array(fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 80, maxLength: 80 }), { minLength: 1, maxLength: 2 }),
    keys: fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 80, maxLength: 80 }),
    caps: fc.array(fc.integer({ min: 5, max: 25 }), { minLength: 4, maxLength: 4 }),
    ws: fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 4, maxLength: 4 }),
    q: fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 5, maxLength: 5 }),
  });
  test.prop([manyArb], params(12))('65 to 80 candidates, size 2, the submodular bound', ({ n, luce, keys, caps, ws, q }) => {
    const ids = range(0, n).map((y) => `r${y}`);
    const prompt = makePrompt(ids, [
      ...luce.map((s) => ({ weight: ONE, strengths: ids.map((_, y) => frac(s[y])) })),
      { weight: ONE, tiers: range(0, 6).map((t) => ids.filter((_, y) => keys[y] === t)).filter((t) => t.length > 0) },
    ]);
    checkSearch(prompt, 2, submodularObjective(prompt.users, caps, ws, q), { submodular: true });
  });

  test.prop([plainArb], params(200))('prune off: every multiset once; 1 + Σ_{j≤k} C(n+j−1, j) + C(n+k−1, k) nodes', ({ prompt, steps, g, size }) => {
    const users = prompt.users;
    const n = prompt.responses.length;
    const f = plainObjective(users, steps, g);
    const leaves: Leaf[] = [];
    const got = searchMixed(users, n, size, f, { prune: false, onLeaf: (T, value) => leaves.push({ items: [...T], value }) });
    const all = multisetsOf(n, size);
    expect(leaves.map((l) => sorted(l.items).join(',')).sort()).toEqual(all.map((T) => T.join(',')).sort());
    for (const l of leaves) expect(l.value).toBe(valueOracle(users, f, l.items));
    let nodes = 1 + multisetCountOracle(n, size);
    for (let j = 1; j <= size; j++) nodes += multisetCountOracle(n, j);
    expect(got.nodes).toBe(nodes);
    expect(got.value).toBe(all.map((T) => valueOracle(users, f, T)).reduce((m, v) => (v > m ? v : m)));
  });

  it('100 candidates, many tied: ordered by single value, ties by index (the leaves of size 1, prune off)', () => {
    const n = 100;
    const ids = range(0, n).map((y) => `r${y}`);
    // tier 3y mod 7 and strength 1 + (2y mod 5): 35 classes of equal single value
    const p = makePrompt(ids, [
      { weight: ONE, tiers: range(0, 7).map((t) => ids.filter((_, y) => (3 * y) % 7 === t)) },
      { weight: ONE, strengths: ids.map((_, y) => frac(1 + ((2 * y) % 5))) },
    ]);
    const f = plainObjective(p.users, [range(0, 30).map(() => 1)], [0, 0, 0, 0]);
    const leaves: number[] = [];
    searchMixed(p.users, n, 1, f, { prune: false, onLeaf: (T) => leaves.push(T[0]) });
    const single = range(0, n).map((y) => valueOracle(p.users, f, [y]));
    expect(leaves).toEqual(range(0, n).sort((x, y) => desc(single[x], single[y]) || x - y));
  });

  it('an item best for every type: greedy meets the root bound, the search stops at the root (2 nodes)', () => {
    const p = makePrompt(['a', 'b', 'c'], [
      { weight: ONE, tiers: [['b'], ['a'], ['c']] },
      { weight: ONE, strengths: [frac(1), frac(4), frac(2)] },
    ]);
    const f = plainObjective(p.users, [range(0, 30).map(() => 1)], [0, 5, 5, 5]);
    for (const size of [1, 2, 3]) {
      const r = searchMixed(p.users, 3, size, f);
      expect(r.items).toEqual(new Array<number>(size).fill(1));
      expect(r.nodes).toBe(2);
      expect(searchMixed(p.users, 3, size, f, { prune: false }).nodes).toBeGreaterThan(2);
    }
  });

  it('size 0: the empty multiset, worth 0 whatever f says of a type with no item', () => {
    const p = makePrompt(['a', 'b'], [
      { weight: ONE, tiers: [['a']] },
      { weight: ONE, strengths: [frac(1), frac(2)] },
    ]);
    const f: Objective = () => 7n;
    expect(searchMixed(p.users, 2, 0, f)).toEqual({ items: [], value: 0n, nodes: 2 });
    expect(searchMixed(p.users, 2, 0, f, { threshold: -1n })).toEqual({ items: [], value: 0n, nodes: 2 });
    expect(searchMixed(p.users, 2, 0, f, { threshold: 0n })).toEqual({ items: [], value: 0n, nodes: 2 });
  });
});
