import { Fraction, frac, ZERO, isZero } from '../exact/rational.js';
import { RankingType, UserType } from '../model/types.js';
import { incumbent, searchMixed } from './searchMixed.js';

/** For each ranking type: the best tier b of the multiset T and how many of T's items lie in it (c); ranking types only. */
export function bestTiers(users: readonly UserType[], T: readonly number[]): { b: Int32Array; c: Int32Array } {
  if (users.some((u) => u.kind === 'luce')) throw new RangeError('bestTiers: ranking types only (typeStates handles Luce types)');
  const b = new Int32Array(users.length).fill(0x7fffffff);
  const c = new Int32Array(users.length);
  for (const y of T) addItem(users, y, b, c);
  return { b, c };
}

/** Add response y to the per-type state (best tier, copies in it). */
function addItem(users: readonly UserType[], y: number, b: Int32Array, c: Int32Array): void {
  for (let ui = 0; ui < users.length; ui++) {
    const t = (users[ui] as RankingType).rank[y];
    if (t < b[ui]) {
      b[ui] = t;
      c[ui] = 1;
    } else if (t === b[ui]) c[ui]++;
  }
}

/** Options of searchMultisets (and of its general path, searchMixed). */
export interface SearchOptions {
  prune?: boolean;
  onLeaf?: (items: readonly number[], value: bigint) => void;
  /** Only multisets worth more than this count: branches bounded by it are pruned (items [] if none is). */
  threshold?: bigint;
  /**
   * The caller guarantees that T ↦ Σ_θ f(θ, t_θ(T), c_θ(T)) is monotone submodular on multisets (true when
   * f(θ, t, c) = A(t) + τ(c)·B(t) with τ increasing, concave, τ(0) = 0, and A(t) ≥ A(t′) + τ(∞)·B(t′) for
   * every worse tier t′): then a node's bound is its value plus the r largest marginal increments of the
   * remaining candidates (each candidate's increments fall with its copies), which prunes far more.
   */
  submodular?: boolean;
  /**
   * With a threshold: return the first multiset found above it by the greedy start and single swaps, and run
   * the exhaustive search only when they find none (column generation needs an improving column, not the best).
   */
  anyAbove?: boolean;

}

/**
 * Maximise Σ_θ f(θ, t_θ(T), c_θ(T)) over multisets T of `size` responses, where t_θ(T) is T's best tier for
 * type θ and c_θ(T) the copies in it. Requires f ≥ 0 to grow with more copies in the top tier, and one copy in a
 * better tier to be worth at least any number of copies in a worse one (f(θ, t′, 1) ≥ f(θ, t, c) for t′ < t:
 * the plain bound gives a type the best remaining tier with r copies) — true of every rule of SPEC §2, for the
 * opponent (ℓ-output best response) and for the model (pricing of T3's column generation) alike. Branch and
 * bound: a type's bound is the best tier the remaining candidates reach, holding all remaining slots; with
 * `submodular`, also the node's value plus the r largest marginal increments of the remaining candidates. Bounds
 * are computed on f scaled down by 2^s and rounded up (exact integers in doubles), and compared with the
 * incumbent rounded down: a pruned branch is proven not to beat it. With `prune: false` every multiset is visited (`onLeaf`). Ties keep the incumbent found
 * first, in a fixed order: deterministic. Prompts with Luce types take the general path (searchMixed).
 */
export function searchMultisets(
  users: readonly UserType[],
  n: number,
  size: number,
  f: (ui: number, t: number, c: number) => bigint,
  opts: SearchOptions = {},
): { items: number[]; value: bigint; nodes: number } {
  if (users.some((u) => u.kind === 'luce')) return searchMixed(users, n, size, f, opts);
  const ranked = users as readonly RankingType[];
  const prune = opts.prune ?? true;
  const m = users.length;
  const valueOf = (b: Int32Array, c: Int32Array): bigint => {
    let s = 0n;
    for (let ui = 0; ui < m; ui++) s += f(ui, b[ui], c[ui]);
    return s;
  };
  const evalSet = (T: readonly number[]) => {
    const { b, c } = bestTiers(users, T);
    return valueOf(b, c);
  };
  // candidates by their single-item value, best first, so good incumbents come early
  const single = Array.from({ length: n }, (_, y) => evalSet([y]));
  const order = [...Array(n).keys()].sort((x, y) => (single[y] > single[x] ? 1 : single[y] < single[x] ? -1 : x - y));
  // sufMin[ui][i] = best tier of type ui among order[i..]
  const sufMin = ranked.map((u) => {
    const s = new Int32Array(n + 1).fill(0x7fffffff);
    for (let i = n - 1; i >= 0; i--) s[i] = Math.min(s[i + 1], u.rank[order[i]]);
    return s;
  });
  // f scaled by 2^−sh, rounded up (fUp) and down (fLo): exact integers below 2^50 even summed over types
  const tiers = ranked.map((u) => u.numTiers);
  let fmax = 0n;
  for (let ui = 0; ui < m; ui++) for (let tt = 0; tt < tiers[ui]; tt++) for (let cc = 1; cc <= size; cc++) if (f(ui, tt, cc) > fmax) fmax = f(ui, tt, cc);
  const sh = BigInt(Math.max(0, (fmax * BigInt(m + 1) * BigInt(size + 1)).toString(2).length - 50));
  const one = 1n << sh;
  const up = (v: bigint) => Number((v + one - 1n) >> sh);
  const down = (v: bigint) => Number(v >> sh);
  const fUp = users.map((_, ui) => Float64Array.from({ length: tiers[ui] * (size + 1) }, (_, i) => (i % (size + 1) === 0 ? 0 : up(f(ui, Math.floor(i / (size + 1)), i % (size + 1))))));
  const fLo = users.map((_, ui) => Float64Array.from({ length: tiers[ui] * (size + 1) }, (_, i) => (i % (size + 1) === 0 ? 0 : down(f(ui, Math.floor(i / (size + 1)), i % (size + 1))))));
  const S1 = size + 1;
  const start = incumbent(order, size, evalSet, opts);
  if ('found' in start) return start.found;
  let { best, items: bestItems } = start;
  let bestDown = down(best < 0n ? 0n : best);
  let nodes = 1;
  const b = new Int32Array(m).fill(0x7fffffff);
  const c = new Int32Array(m);
  const chosen: number[] = [];
  const saveB = Array.from({ length: size }, () => new Int32Array(m));
  const saveC = Array.from({ length: size }, () => new Int32Array(m));
  /** Plain bound: every type gets the best tier of the remaining candidates, with all r remaining slots. */
  const bound = (r: number, i: number): number => {
    let s = 0;
    for (let ui = 0; ui < m; ui++) {
      const t = sufMin[ui][i];
      const bu = b[ui];
      if (t < bu) s += fUp[ui][t * S1 + r];
      else if (t === bu) s += fUp[ui][bu * S1 + c[ui] + r];
      else s += fUp[ui][bu * S1 + c[ui]];
    }
    return s;
  };
  // Submodular bound, scaled: base⁺ + the r largest of the increment bounds. A candidate among the r with the
  // largest Δ₁ bound contributes its increments Δ_j − Δ_{j−1} (each bounded above); any other one contributes
  // its Δ₁ bound r times (its increments fall with j, so each is at most Δ₁).
  const curLo = Array.from({ length: size + 1 }, () => new Float64Array(m));
  const gainUp = (cur: Float64Array, y: number, j: number): number => {
    let g = 0;
    for (let ui = 0; ui < m; ui++) {
      const t = ranked[ui].rank[y];
      const bu = b[ui];
      if (t < bu) g += fUp[ui][t * S1 + j] - cur[ui];
      else if (t === bu) g += fUp[ui][bu * S1 + c[ui] + j] - cur[ui];
    }
    return g;
  };
  const gainLo = (cur: Float64Array, curUp: Float64Array, y: number, j: number): number => {
    let g = 0;
    for (let ui = 0; ui < m; ui++) {
      const t = ranked[ui].rank[y];
      const bu = b[ui];
      if (t < bu) g += fLo[ui][t * S1 + j] - curUp[ui];
      else if (t === bu) g += fLo[ui][bu * S1 + c[ui] + j] - curUp[ui];
    }
    return g;
  };
  const curUpAt = Array.from({ length: size + 1 }, () => new Float64Array(m));
  const submodularBound = (cur: Float64Array, curUp: Float64Array, r: number, from: number, baseUp: number, d1: Float64Array): number => {
    const idx: number[] = [];
    for (let i = from; i < n; i++) idx.push(i);
    idx.sort((x, y) => d1[y] - d1[x]);
    const incs: number[] = [];
    idx.forEach((i, pos) => {
      if (pos < r) {
        // upper bound of Δ_j − Δ_{j−1}: Δ_j⁺ − Δ_{j−1}⁻
        let prevLo = 0;
        for (let j = 1; j <= r; j++) {
          incs.push((j === 1 ? d1[i] : gainUp(cur, order[i], j)) - prevLo);
          prevLo = gainLo(cur, curUp, order[i], j);
        }
      } else for (let j = 0; j < r; j++) incs.push(d1[i]);
    });
    incs.sort((x, y) => y - x);
    let s = baseUp;
    for (let j = 0; j < r && j < incs.length; j++) s += Math.max(0, incs[j]);
    return s;
  };
  const dfs = (start: number): void => {
    const r = size - chosen.length;
    if (r === 0) {
      nodes++;
      const v = valueOf(b, c);
      opts.onLeaf?.(chosen, v);
      if (v > best) {
        best = v;
        bestItems = [...chosen];
        bestDown = down(best);
      }
      return;
    }
    const depth = chosen.length;
    let baseUp = 0;
    let d1: Float64Array | null = null; // Δ₁ bounds of the candidates, computed when the plain bound does not prune
    const cur = curLo[depth];
    const curUp = curUpAt[depth];
    const subBound = (i: number): number => {
      if (d1 === null) {
        baseUp = 0;
        for (let ui = 0; ui < m; ui++) {
          const bu = b[ui];
          cur[ui] = bu === 0x7fffffff ? 0 : fLo[ui][bu * S1 + c[ui]];
          curUp[ui] = bu === 0x7fffffff ? 0 : fUp[ui][bu * S1 + c[ui]];
          baseUp += curUp[ui];
        }
        d1 = new Float64Array(n);
        for (let idx = start; idx < n; idx++) d1[idx] = gainUp(cur, order[idx], 1);
      }
      return submodularBound(cur, curUp, r, i, baseUp, d1);
    };
    for (let i = start; i < n; i++) {
      nodes++;
      // bounds only fall as i grows (the candidates shrink): stop at the first pruned branch
      if (prune && (bound(r, i) <= bestDown || (opts.submodular === true && subBound(i) <= bestDown))) break;
      const y = order[i];
      saveB[depth].set(b);
      saveC[depth].set(c);
      addItem(users, y, b, c);
      chosen.push(y);
      dfs(i);
      chosen.pop();
      b.set(saveB[depth]);
      c.set(saveC[depth]);
    }
  };
  dfs(0);
  return { items: [...bestItems].sort((x, y) => x - y), value: best, nodes };
}

/** C(n+k−1, k): the number of k-multisets of n responses. */
export function multisetCount(n: number, k: number): bigint {
  let r = 1n;
  for (let i = 1; i <= k; i++) r = (r * BigInt(n - 1 + i)) / BigInt(i);
  return r;
}

/** Every k-multiset of 0..n−1 (sorted), in lexicographic order. */
export function allMultisets(n: number, k: number): number[][] {
  const out: number[][] = [];
  const acc: number[] = [];
  const rec = (start: number): void => {
    if (acc.length === k) {
      out.push([...acc]);
      return;
    }
    for (let y = start; y < n; y++) {
      acc.push(y);
      rec(y);
      acc.pop();
    }
  };
  rec(0);
  return out;
}

/**
 * Σ_t w_t π_t^{⊗k} as an explicit distribution over k-multisets (SPEC §1, T5's σ_T):
 * P(S) = Σ_t w_t · k!/Π_y c_y! · Π_y π_t(y)^{c_y}, c_y the multiplicity of y in S. C(n+k−1, k) outcomes.
 */
export function mixtureOutcomes(parts: readonly { weight: Fraction; probs: readonly Fraction[] }[], n: number, k: number): { items: number[]; prob: Fraction }[] {
  const fact = [1n];
  for (let i = 1; i <= k; i++) fact.push(fact[i - 1] * BigInt(i));
  const out: { items: number[]; prob: Fraction }[] = [];
  for (const S of allMultisets(n, k)) {
    const counts = new Map<number, number>();
    for (const y of S) counts.set(y, (counts.get(y) ?? 0) + 1);
    let coef = fact[k];
    for (const c of counts.values()) coef /= fact[c];
    let p = ZERO;
    for (const part of parts) {
      let q = part.weight.mul(frac(coef));
      for (const [y, c] of counts) q = q.mul(part.probs[y].pow(c));
      p = p.add(q);
    }
    if (!isZero(p)) out.push({ items: S, prob: p });
  }
  return out;
}
