import { Fraction, numer, lcm, commonDenominator } from '../exact/rational.js';
import { Prompt } from '../model/types.js';
import { bestTiers } from './multiset.js';
import { PromptModel } from './promptModel.js';
import { Rule } from './rules.js';

/**
 * Opponent score tables for ℓ-output opponents (SPEC §2). For user type θ, an opponent multiset T
 * whose best item lies in tier t with c copies of that tier scores f_θ(t, c) against the model;
 * the opponent's total score is Σ_θ w_θ f_θ(t_θ(T), c_θ(T)). Stored as integers over one denominator:
 * tab[θ][t·ℓ + c − 1] = a_θ·f_θ(t, c)·den.
 */
export interface ScoreTable {
  readonly ell: number;
  readonly tab: readonly bigint[][];
  readonly den: bigint;
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
 * checks (SPEC §2); scaled by L = 2·lcm(1..k+ℓ) so that every r(c, j)·L is an integer.
 */
function productTable(prompt: Prompt, probs: readonly Fraction[], k: number, ell: number, rule: Rule): ScoreTable {
  const { num: w, den: B } = commonDenominator(prompt.users.map((u) => u.weight));
  const { num: p, den: D } = commonDenominator(probs);
  const L = 2n * lcmUpTo(k + ell);
  const C = binomials(k);
  // a[c][j] = C(k,j)·L·r(c, j); j = 0 means no draw ties the opponent's best: it wins outright.
  const a = Array.from({ length: ell + 1 }, (_, c) =>
    Array.from({ length: k + 1 }, (_, j) => (c === 0 ? 0n : C[j] * (j === 0 ? L : tierScore(rule, 0, c, 0, j, L)))),
  );
  const tab = prompt.users.map((u, ui) => {
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
  return { ell, tab, den: D ** BigInt(k) * L * B };
}

/** Table against an explicit distribution over k-multisets. */
function outcomesTable(prompt: Prompt, outcomes: PromptModel & { kind: 'outcomes' }, ell: number, rule: Rule): ScoreTable {
  const { num: a, den: B } = commonDenominator(prompt.users.map((u) => u.weight));
  const { num: q, den: Q } = commonDenominator(outcomes.outcomes.map((o) => o.prob));
  const L = lcmUpTo(outcomes.k + ell);
  const tab = prompt.users.map((u, ui) => {
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
  return { ell, tab, den: Q * L * B };
}

export function scoreTable(prompt: Prompt, model: PromptModel, ell: number, rule: Rule): ScoreTable {
  if (model.kind === 'product') return productTable(prompt, model.probs, model.k, ell, rule);
  if (model.kind === 'outcomes') return outcomesTable(prompt, model, ell, rule);
  // mixture of products: weighted sum of the product tables.
  const parts = model.parts.map((pt) => ({ w: pt.weight, t: productTable(prompt, pt.probs, model.k, ell, rule) }));
  let den = 1n;
  for (const pt of parts) den = lcm(den, pt.t.den * pt.w.d);
  const tab = prompt.users.map((u, ui) => {
    const row: bigint[] = new Array(u.numTiers * ell).fill(0n);
    for (const pt of parts) {
      const f = (numer(pt.w) * den) / (pt.t.den * pt.w.d);
      const src = pt.t.tab[ui];
      for (let i = 0; i < row.length; i++) row[i] += src[i] * f;
    }
    return row;
  });
  return { ell, tab, den };
}

/** Score numerator of one opponent multiset T (over table.den). */
export function scoreOf(prompt: Prompt, table: ScoreTable, T: readonly number[]): bigint {
  const { b, c } = bestTiers(prompt.users, T);
  let s = 0n;
  for (let ui = 0; ui < b.length; ui++) s += table.tab[ui][b[ui] * table.ell + c[ui] - 1];
  return s;
}
