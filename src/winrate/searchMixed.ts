// The general path of searchMultisets (multiset.ts) for prompts with Luce types (SPEC §4b), and the first
// incumbent both searches start from.
import { UserType } from '../model/types.js';
import type { SearchOptions } from './multiset.js';

/**
 * The first incumbent of both searches: greedily add the candidate (in `order`) that raises the value most,
 * `size` times; with `anyAbove`, a local search (swap one item while the value rises) that may already find a
 * multiset above the threshold (`found`). Below the threshold, the threshold itself is the incumbent (no items).
 */
export function incumbent(
  order: readonly number[],
  size: number,
  evalSet: (T: readonly number[]) => bigint,
  opts: { threshold?: bigint; anyAbove?: boolean },
): { best: bigint; items: number[] } | { found: { items: number[]; value: bigint; nodes: number } } {
  let bestItems: number[] = [];
  for (let s = 0; s < size; s++) {
    let arg = order[0];
    let val: bigint | null = null;
    for (const y of order) {
      const v = evalSet([...bestItems, y]);
      if (val === null || v > val) {
        val = v;
        arg = y;
      }
    }
    bestItems.push(arg);
  }
  let best = evalSet(bestItems);
  if (opts.anyAbove && opts.threshold !== undefined) {
    // local search: replace one item by another while that raises the value
    let nodesLS = 0;
    for (let improved = true; improved && best <= opts.threshold; ) {
      improved = false;
      for (let pos = 0; pos < size && !improved; pos++)
        for (const y of order) {
          if (y === bestItems[pos]) continue;
          const T = [...bestItems];
          T[pos] = y;
          nodesLS++;
          const v = evalSet(T);
          if (v > best) {
            best = v;
            bestItems = T;
            improved = true;
            break;
          }
        }
    }
    if (best > opts.threshold) return { found: { items: [...bestItems].sort((x, y) => x - y), value: best, nodes: nodesLS } };
  }
  if (opts.threshold !== undefined && best <= opts.threshold) {
    best = opts.threshold;
    bestItems = [];
  }
  return { best, items: bestItems };
}

/** No item yet (ranking types: no best tier). */
const NONE = 0x7fffffff;

/**
 * For each user type, the state of a multiset T its score depends on: a ranking type's best tier a and the
 * copies c of T in it (as bestTiers); a Luce type's strength sum a = s_θ(T) (integer strengths) and c = |T|.
 */
export function typeStates(users: readonly UserType[], T: readonly number[]): { a: Float64Array; c: Int32Array } {
  const a = new Float64Array(users.length);
  const c = new Int32Array(users.length);
  users.forEach((u, ui) => (a[ui] = u.kind === 'luce' ? 0 : NONE));
  for (const y of T) addState(users, y, a, c);
  return { a, c };
}

function addState(users: readonly UserType[], y: number, a: Float64Array, c: Int32Array): void {
  for (let ui = 0; ui < users.length; ui++) {
    const u = users[ui];
    if (u.kind === 'luce') {
      a[ui] += u.ints[y];
      c[ui]++;
      continue;
    }
    const t = u.rank[y];
    if (t < a[ui]) {
      a[ui] = t;
      c[ui] = 1;
    } else if (t === a[ui]) c[ui]++;
  }
}

/**
 * searchMultisets for prompts with Luce types (SPEC §4b), on exact integers. f(θ, a, c) is read on the states
 * of typeStates: for a ranking type as in searchMultisets; for a Luce type f must not decrease with the
 * strength sum a (c = |T| is passed along). Plain bound of a node with r free slots and candidates order[i..]:
 * every ranking type as in searchMultisets, every Luce type at a + r·(largest remaining strength) — no multiset
 * of the branch does better, as f grows with a. With `submodular` (the caller guarantees that the objective is
 * monotone and DR-submodular: for a Luce type, f concave in a), the bound is the node's value plus the r
 * largest increments Δ_j(y) − Δ_{j−1}(y) of the remaining candidates, Δ_j(y) the gain of j copies of y: for any
 * r-multiset R, value(node ∪ R) − value(node) ≤ Σ_y Δ_{c_y}(y) (submodularity), a sum of r increments; the
 * increments of one candidate fall with j, so the r largest lie among those of the r candidates with the largest Δ₁.
 */
export function searchMixed(
  users: readonly UserType[],
  n: number,
  size: number,
  f: (ui: number, a: number, c: number) => bigint,
  opts: SearchOptions = {},
): { items: number[]; value: bigint; nodes: number } {
  const prune = opts.prune ?? true;
  const m = users.length;
  const fv = (ui: number, a: number, c: number): bigint => (c === 0 ? 0n : f(ui, a, c));
  const valueOf = (a: Float64Array, c: Int32Array): bigint => {
    let s = 0n;
    for (let ui = 0; ui < m; ui++) s += fv(ui, a[ui], c[ui]);
    return s;
  };
  const evalSet = (T: readonly number[]): bigint => {
    const st = typeStates(users, T);
    return valueOf(st.a, st.c);
  };
  const single = Array.from({ length: n }, (_, y) => evalSet([y]));
  const order = [...Array(n).keys()].sort((x, y) => (single[y] > single[x] ? 1 : single[y] < single[x] ? -1 : x - y));
  // suf[ui][i]: best tier (ranking) or largest strength (Luce) among order[i..]
  const suf = users.map((u) => {
    const s = new Float64Array(n + 1).fill(u.kind === 'luce' ? 0 : NONE);
    for (let i = n - 1; i >= 0; i--) s[i] = u.kind === 'luce' ? Math.max(s[i + 1], u.ints[order[i]]) : Math.min(s[i + 1], u.rank[order[i]]);
    return s;
  });
  const start = incumbent(order, size, evalSet, opts);
  if ('found' in start) return start.found;
  let { best, items: bestItems } = start;
  let nodes = 1;
  const a = new Float64Array(m);
  const c = new Int32Array(m);
  users.forEach((u, ui) => (a[ui] = u.kind === 'luce' ? 0 : NONE));
  const chosen: number[] = [];
  const saveA = Array.from({ length: size }, () => new Float64Array(m));
  const saveC = Array.from({ length: size }, () => new Int32Array(m));
  const plainBound = (r: number, i: number): bigint => {
    let s = 0n;
    for (let ui = 0; ui < m; ui++) {
      const u = users[ui];
      const t = suf[ui][i];
      if (u.kind === 'luce') s += f(ui, a[ui] + r * t, c[ui] + r);
      else if (t < a[ui]) s += f(ui, t, r);
      else if (t === a[ui]) s += f(ui, a[ui], c[ui] + r);
      else s += fv(ui, a[ui], c[ui]);
    }
    return s;
  };
  /** value of the node with j more copies of y */
  const withCopies = (y: number, j: number): bigint => {
    let s = 0n;
    for (let ui = 0; ui < m; ui++) {
      const u = users[ui];
      if (u.kind === 'luce') s += f(ui, a[ui] + j * u.ints[y], c[ui] + j);
      else {
        const t = u.rank[y];
        if (t < a[ui]) s += f(ui, t, j);
        else if (t === a[ui]) s += f(ui, a[ui], c[ui] + j);
        else s += fv(ui, a[ui], c[ui]);
      }
    }
    return s;
  };
  const dfs = (start: number): void => {
    const r = size - chosen.length;
    if (r === 0) {
      nodes++;
      const v = valueOf(a, c);
      opts.onLeaf?.(chosen, v);
      if (v > best) {
        best = v;
        bestItems = [...chosen];
      }
      return;
    }
    const depth = chosen.length;
    let base: bigint | null = null;
    let d1: bigint[] = [];
    const subBound = (i: number): bigint => {
      if (base === null) {
        base = valueOf(a, c);
        const b0 = base;
        d1 = order.map((y, idx) => (idx < start ? 0n : withCopies(y, 1) - b0));
      }
      const idx: number[] = [];
      for (let q = i; q < n; q++) idx.push(q);
      idx.sort((x, y) => (d1[y] > d1[x] ? 1 : d1[y] < d1[x] ? -1 : x - y));
      // only the r candidates with the largest Δ₁ can contribute: any other one's increments are at most its Δ₁,
      // which is at most each of those r first increments
      const incs: bigint[] = [];
      for (const q of idx.slice(0, r)) {
        let prev = 0n;
        for (let j = 1; j <= r; j++) {
          const dj = j === 1 ? d1[q] : withCopies(order[q], j) - base!;
          incs.push(dj - prev);
          prev = dj;
        }
      }
      incs.sort((x, y) => (y > x ? 1 : y < x ? -1 : 0));
      let s = base;
      for (let j = 0; j < r && j < incs.length; j++) if (incs[j] > 0n) s += incs[j];
      return s;
    };
    for (let i = start; i < n; i++) {
      nodes++;
      // bounds only fall as i grows (the candidates shrink): stop at the first pruned branch
      if (prune && (plainBound(r, i) <= best || (opts.submodular === true && subBound(i) <= best))) break;
      const y = order[i];
      saveA[depth].set(a);
      saveC[depth].set(c);
      addState(users, y, a, c);
      chosen.push(y);
      dfs(i);
      chosen.pop();
      a.set(saveA[depth]);
      c.set(saveC[depth]);
    }
  };
  dfs(0);
  return { items: [...bestItems].sort((x, y) => x - y), value: best, nodes };
}
