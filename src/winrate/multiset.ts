import { Fraction, frac, ZERO, isZero } from '../exact/rational.js';
import { UserType } from '../model/types.js';

/** For each user type: the best tier b of the multiset T and how many of T's items lie in it (c). */
export function bestTiers(users: readonly UserType[], T: readonly number[]): { b: Int32Array; c: Int32Array } {
  const b = new Int32Array(users.length).fill(0x7fffffff);
  const c = new Int32Array(users.length);
  for (const y of T) addItem(users, y, b, c);
  return { b, c };
}

/** Add response y to the per-type state (best tier, copies in it). */
function addItem(users: readonly UserType[], y: number, b: Int32Array, c: Int32Array): void {
  for (let ui = 0; ui < users.length; ui++) {
    const t = users[ui].rank[y];
    if (t < b[ui]) {
      b[ui] = t;
      c[ui] = 1;
    } else if (t === b[ui]) c[ui]++;
  }
}

/**
 * Maximise Σ_θ f(θ, t_θ(T), c_θ(T)) over multisets T of `size` responses, where t_θ(T) is T's best tier for
 * type θ and c_θ(T) the copies in it. Requires f to grow with a better tier and with more copies in the top
 * tier — true of every rule of SPEC §2, for the opponent (ℓ-output best response) and for the model (pricing
 * of T3's column generation) alike. Branch and bound: a type's bound is the best tier the remaining
 * candidates reach, holding all remaining slots. With `prune: false` every multiset is visited (`onLeaf`).
 * Ties keep the incumbent found first, in a fixed order: deterministic.
 */
export function searchMultisets(
  users: readonly UserType[],
  n: number,
  size: number,
  f: (ui: number, t: number, c: number) => bigint,
  opts: { prune?: boolean; onLeaf?: (items: readonly number[], value: bigint) => void } = {},
): { items: number[]; value: bigint; nodes: number } {
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
  const sufMin = users.map((u) => {
    const s = new Int32Array(n + 1).fill(0x7fffffff);
    for (let i = n - 1; i >= 0; i--) s[i] = Math.min(s[i + 1], u.rank[order[i]]);
    return s;
  });
  // greedy incumbent: add the item that raises the value most, `size` times
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
  let nodes = 1;
  const b = new Int32Array(m).fill(0x7fffffff);
  const c = new Int32Array(m);
  const chosen: number[] = [];
  const saveB = Array.from({ length: size }, () => new Int32Array(m));
  const saveC = Array.from({ length: size }, () => new Int32Array(m));
  const bound = (r: number, i: number): bigint => {
    let s = 0n;
    for (let ui = 0; ui < m; ui++) {
      const t = sufMin[ui][i];
      const bu = b[ui];
      if (t < bu) s += f(ui, t, r);
      else if (t === bu) s += f(ui, bu, c[ui] + r);
      else s += f(ui, bu, c[ui]);
    }
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
      }
      return;
    }
    const depth = chosen.length;
    for (let i = start; i < n; i++) {
      nodes++;
      // bounds only fall as i grows (sufMin rises): stop at the first pruned branch
      if (prune && bound(r, i) <= best) break;
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
