import { Fraction, numer, lcm, commonDenominator } from '../exact/rational.js';
import { hasLuce } from '../model/structure.js';
import { LuceType, Prompt } from '../model/types.js';
import { bestTiers, typeStates } from './multiset.js';
import { PromptModel } from './promptModel.js';
import { Rule } from './rules.js';
import { ShareDenominator, SumDist, combineDists, distinctValues, outcomeSumDist, shareNumerators, strengthSumDist, sumSets } from './luce.js';

/**
 * Opponent score tables for ℓ-output opponents (SPEC §2). For a ranking type θ, an opponent multiset T
 * whose best item lies in tier t with c copies of that tier scores f_θ(t, c) against the model; for a Luce
 * type (§4b), T scores f_θ(s_θ(T)) = E_S[s_θ(T)/(s_θ(S) + s_θ(T))], a function of its strength sum only.
 * The opponent's total score is Σ_θ w_θ f_θ. Stored as integers over one denominator:
 * tab[θ][t·ℓ + c − 1] = a_θ·f_θ(t, c)·den (ranking types; [] for Luce types) and sums[θ].get(s) = a_θ·f_θ(s)·den
 * for every strength sum s of 1..ℓ items (Luce types; null for ranking types).
 */
export interface ScoreTable {
  readonly ell: number;
  readonly tab: readonly bigint[][];
  readonly sums?: readonly (ReadonlyMap<number, bigint> | null)[];
  readonly den: bigint;
}

/**
 * The Luce rows of a table (SPEC §4b): for each Luce type, the model's strength sum X (coefficients over
 * `xden`) and the opponent sums t of 1..ℓ items; a_θ·E[t/(t + X)] over one denominator L·xden·B.
 */
function luceRows(prompt: Prompt, a: readonly bigint[], ell: number, dist: (u: LuceType) => SumDist): { rows: (Map<number, bigint> | null)[]; L: bigint } {
  const den = new ShareDenominator();
  const per = prompt.users.map((u) => {
    if (u.kind !== 'luce') return null;
    const ts = [...new Set(sumSets(distinctValues(u), ell).slice(1).flat())];
    const d = dist(u);
    den.addAll(ts, d);
    return { ts, d };
  });
  const rows = per.map((x, ui) => {
    if (x === null) return null;
    const s = shareNumerators(x.d, x.ts, den);
    return new Map(x.ts.map((t, i) => [t, s[i] * a[ui]]));
  });
  return { rows, L: den.L };
}

/** A ranking table (den c·X) joined with Luce rows (den L·X): one denominator lcm(c, L)·X. */
function joinLuce(t: ScoreTable, luce: { rows: (Map<number, bigint> | null)[]; L: bigint }, X: bigint): ScoreTable {
  const c = t.den / X;
  const M = lcm(c, luce.L);
  const fr = M / c;
  const fl = M / luce.L;
  return {
    ell: t.ell,
    tab: t.tab.map((r) => r.map((v) => v * fr)),
    sums: luce.rows.map((r) => (r === null ? null : new Map([...r].map(([s, v]) => [s, v * fl])))),
    den: M * X,
  };
}

function lcmUpTo(m: number): bigint {
  let l = 1n;
  for (let i = 2; i <= m; i++) l = lcm(l, BigInt(i));
  return l;
}

function binomials(k: number): bigint[] {
  const c = [1n];
  for (let j = 1; j <= k; j++) c.push((c[j - 1] * BigInt(k - j + 1)) / BigInt(j));
  return c;
}

/** Score of an opponent holding c items of its best tier t against a model whose best tier is b with cs items. */
function tierScore(rule: Rule, t: number, c: number, b: number, cs: number, L: bigint): bigint {
  if (t < b) return L;
  if (t > b) return 0n;
  if (rule === 'uniform') return (L * BigInt(c)) / BigInt(cs + c);
  if (rule === 'pairwise') return L / 2n;
  return 0n;
}

/**
 * Table against π^{⊗k} by the direct expectation over the number j of the model's k draws that land in the
 * opponent's best tier t (the others strictly worse; any draw better than t scores the opponent 0):
 *   f(t, c) = Σ_j C(k,j) e^j w^{k−j} · r(c, j),  r = tierScore with b = t, cs = j (r(c, 0) = 1),
 * e = π(tier t), w = π(tiers worse than t). Shares no code with the closed forms of product.ts, which it
 * checks (SPEC §2); scaled by L = 2·lcm(1..k+ℓ) so that every r(c, j)·L is an integer. With `luce` false, the
 * ranking types only (a mixture joins its Luce rows once).
 */
function productTable(prompt: Prompt, probs: readonly Fraction[], k: number, ell: number, rule: Rule, luce = true): ScoreTable {
  const { num: w, den: B } = commonDenominator(prompt.users.map((u) => u.weight));
  const { num: p, den: D } = commonDenominator(probs);
  const L = 2n * lcmUpTo(k + ell);
  const C = binomials(k);
  // a[c][j] = C(k,j)·L·r(c, j); j = 0 means no draw ties the opponent's best: it wins outright.
  const a = Array.from({ length: ell + 1 }, (_, c) =>
    Array.from({ length: k + 1 }, (_, j) => (c === 0 ? 0n : C[j] * (j === 0 ? L : tierScore(rule, 0, c, 0, j, L)))),
  );
  const tab = prompt.users.map((u, ui) => {
    if (u.kind !== 'ranking') return [];
    const mass = new Array<bigint>(u.numTiers).fill(0n);
    p.forEach((v, y) => (mass[u.rank[y]] += v));
    const row: bigint[] = new Array(u.numTiers * ell).fill(0n);
    let W = 0n;
    for (let t = u.numTiers - 1; t >= 0; t--) {
      const E = mass[t];
      // Σ_j a_j E^j W^{k−j} by Horner's rule in E (each step multiplies by the small E or W only)
      for (let c = 1; c <= ell; c++) {
        const ac = a[c];
        let s = ac[k];
        let wp = 1n;
        for (let j = k - 1; j >= 0; j--) {
          wp *= W;
          s = s * E + ac[j] * wp;
        }
        row[t * ell + c - 1] = s * w[ui];
      }
      W += E;
    }
    return row;
  });
  const t = { ell, tab, den: D ** BigInt(k) * L * B };
  return luce ? withLuceProduct(prompt, probs, k, t, w, B) : t;
}

/** The Luce rows against π^{⊗k} (X over D^k), joined with the ranking table. */
function withLuceProduct(prompt: Prompt, probs: readonly Fraction[], k: number, t: ScoreTable, a: readonly bigint[], B: bigint): ScoreTable {
  if (!hasLuce(prompt)) return t;
  const { num: p, den: D } = commonDenominator(probs);
  const Dk = D ** BigInt(k);
  return joinLuce(t, luceRows(prompt, a, t.ell, (u) => strengthSumDist(u, p, k)), Dk * B);
}

/** Table against an explicit distribution over k-multisets. */
function outcomesTable(prompt: Prompt, outcomes: PromptModel & { kind: 'outcomes' }, ell: number, rule: Rule): ScoreTable {
  const { num: a, den: B } = commonDenominator(prompt.users.map((u) => u.weight));
  const { num: q, den: Q } = commonDenominator(outcomes.outcomes.map((o) => o.prob));
  const L = lcmUpTo(outcomes.k + ell);
  const tab = prompt.users.map((u, ui) => {
    if (u.kind !== 'ranking') return [];
    const groups = new Map<number, bigint>(); // key b·(k+1)+cs → prob numerator
    outcomes.outcomes.forEach((o, i) => {
      let b = Infinity;
      let cs = 0;
      for (const y of o.items) {
        const r = u.rank[y];
        if (r < b) {
          b = r;
          cs = 1;
        } else if (r === b) cs++;
      }
      const key = b * (outcomes.k + 1) + cs;
      groups.set(key, (groups.get(key) ?? 0n) + q[i]);
    });
    const row: bigint[] = new Array(u.numTiers * ell).fill(0n);
    for (let t = 0; t < u.numTiers; t++)
      for (let c = 1; c <= ell; c++) {
        let s = 0n;
        for (const [key, pr] of groups) {
          const b = Math.floor(key / (outcomes.k + 1));
          const cs = key % (outcomes.k + 1);
          s += pr * tierScore(rule, t, c, b, cs, L);
        }
        row[t * ell + c - 1] = s * a[ui];
      }
    return row;
  });
  const t = { ell, tab, den: Q * L * B };
  if (!hasLuce(prompt)) return t;
  return joinLuce(t, luceRows(prompt, a, ell, (u) => outcomeSumDist(u, outcomes.outcomes, q)), Q * B);
}

export function scoreTable(prompt: Prompt, model: PromptModel, ell: number, rule: Rule): ScoreTable {
  if (model.kind === 'product') return productTable(prompt, model.probs, model.k, ell, rule);
  if (model.kind === 'outcomes') return outcomesTable(prompt, model, ell, rule);
  // mixture of products: weighted sum of the product tables.
  const parts = model.parts.map((pt) => ({ w: pt.weight, t: productTable(prompt, pt.probs, model.k, ell, rule, false) }));
  let den = 1n;
  for (const pt of parts) den = lcm(den, pt.t.den * pt.w.d);
  const factors = parts.map((pt) => (numer(pt.w) * den) / (pt.t.den * pt.w.d));
  const tab = prompt.users.map((u, ui) => {
    if (u.kind !== 'ranking') return [];
    const row: bigint[] = new Array(u.numTiers * ell).fill(0n);
    parts.forEach((pt, pi) => {
      const f = factors[pi];
      const src = pt.t.tab[ui];
      for (let i = 0; i < row.length; i++) row[i] += src[i] * f;
    });
    return row;
  });
  if (!hasLuce(prompt)) return { ell, tab, den };
  // Luce rows (SPEC §4b): the strength sum of the mixture is Σ_t w_t X_t; over Q = lcm_t(w_t.d·D_t^k) it has
  // coefficients Σ_t (w_t·Q/D_t^k)·c_t — one table for all parts, not one per part
  const { num: a, den: B } = commonDenominator(prompt.users.map((u) => u.weight));
  const ps = model.parts.map((pt) => {
    const { num: p, den: D } = commonDenominator(pt.probs);
    return { p, Dk: D ** BigInt(model.k), w: pt.weight };
  });
  let Q = 1n;
  for (const x of ps) Q = lcm(Q, x.w.d * x.Dk);
  const scales = ps.map((x) => (numer(x.w) * Q) / (x.w.d * x.Dk));
  const luce = luceRows(prompt, a, ell, (u) => combineDists(ps.map((x, i) => ({ dist: strengthSumDist(u, x.p, model.k), scale: scales[i] }))));
  return joinLuce({ ell, tab, den }, luce, Q * B);
}

/** Score of a type in a given state (typeStates: tier and copies, or the Luce strength sum), over table.den. */
export function stateScore(table: ScoreTable, ui: number, a: number, c: number): bigint {
  const row = table.sums?.[ui];
  return row ? row.get(a)! : table.tab[ui][a * table.ell + c - 1];
}

/** Score numerator of one opponent multiset T (over table.den). */
export function scoreOf(prompt: Prompt, table: ScoreTable, T: readonly number[]): bigint {
  let s = 0n;
  if (table.sums !== undefined) {
    const st = typeStates(prompt.users, T);
    for (let ui = 0; ui < st.a.length; ui++) s += stateScore(table, ui, st.a[ui], st.c[ui]);
    return s;
  }
  const { b, c } = bestTiers(prompt.users, T);
  for (let ui = 0; ui < b.length; ui++) s += table.tab[ui][b[ui] * table.ell + c[ui] - 1];
  return s;
}
