// V_k = max_{σ ∈ Δ(Y^k)} min_y WR(σ, y) (SPEC T3): an LP over k-multisets, by column generation.
import { CertificateError } from '../model/errors.js';
import { Fraction, frac, ONE, numer, isZero, sumOf, lcm, commonDenominator } from '../exact/rational.js';
import { makeKOutput } from '../model/build.js';
import { KOutputModel, Outcome, Profile, Prompt } from '../model/types.js';
import { IntLP } from '../lp/integer.js';
import { CROSSOVER, solveLPSync, SolveMethod } from '../lp/solve.js';
import { loadGlpk } from '../lp/glpk.js';
import { robustnessOf } from '../winrate/opponents.js';
import { requireDrawCount } from '../winrate/product.js';
import { Rule } from '../winrate/rules.js';
import { bestTiers, multisetCount, searchMultisets } from '../winrate/multiset.js';
import { typeStates } from '../winrate/searchMixed.js';
import { ShareDenominator, distinctValues, sumSets } from '../winrate/luce.js';
import { hasLuce } from '../model/structure.js';

export interface PromptBestKOutput {
  /** V_k on this prompt. */
  readonly value: Fraction;
  /** An optimal σ (outcomes with positive probability, sorted). */
  readonly outcomes: Outcome[];
  /** Certificate: an opponent mixture q with max_S Σ_y q(y) WR(S, y) = value (no k-multiset does better). */
  readonly opponent: Fraction[];
  /** Columns generated, master LPs solved (glpkLPs of them by glpk.js with an exact certificate, the rest by the exact simplex), and pricing nodes (diagnostics). */
  readonly stats: { readonly columns: number; readonly iterations: number; readonly glpkLPs: number; readonly pricingNodes: number; readonly multisets: bigint };
}

export interface BestKOutputResult {
  readonly k: number;
  readonly rule: Rule;
  /** V_k = Σ_x ρ(x) V_k(x) (opponents may depend on the prompt). */
  readonly value: Fraction;
  readonly model: KOutputModel;
  readonly prompts: PromptBestKOutput[];
}

export interface BestKOutputOptions {
  readonly method?: SolveMethod;
  /** Enumerate all k-multisets in pricing when there are at most this many (default 20000). */
  readonly enumerateUpTo?: number;
  /** Called at each column-generation round (display only). */
  readonly onProgress?: (info: { readonly iterations: number; readonly columns: number; readonly multisets: bigint }) => void;
}


/**
 * Per-type win-rate table (SPEC §2, the model's side): S with best tier b holding cs items against y in tier t
 * wins  uniform: 1 if t > b, cs/(cs+1) if t = b;  model-wins-ties: 1 if t ≥ b;  pairwise: 1 if t > b, ½ if t = b.
 * A Luce type (§4b) gives S the win s(S)/(s(S) + s(y)) under every rule. Scaled by L = lcm(2..k+1) — and, with
 * Luce types, by every sum of 2..k+1 strengths (so that s/(s + s_y)·L is an integer for every s(S) of ≤ k
 * items, as the search evaluates) — to integers: tieL[cs] = L·f(cs).
 */
function tieTable(rule: Rule, k: number, luce: ShareDenominator | null): { L: bigint; tieL: bigint[] } {
  let L = 2n;
  for (let i = 2; i <= k + 1; i++) L = lcm(L, BigInt(i));
  if (luce !== null) L = lcm(L, luce.L);
  const tieL = [0n];
  for (let c = 1; c <= k; c++) tieL.push(rule === 'uniform' ? (L * BigInt(c)) / BigInt(c + 1) : rule === 'pairwise' ? L / 2n : L);
  return { L, tieL };
}

interface PromptData {
  readonly n: number;
  readonly k: number;
  readonly a: bigint[];
  /** WR(S, y) = colNum/den */
  readonly den: bigint;
  readonly tieL: bigint[];
  readonly L: bigint;
  readonly prompt: Prompt;
  /** With Luce types: L/d for the sums d of 2..k+1 strengths (L is a multiple of their lcm). */
  readonly luce: ShareDenominator | null;
  /** L / luce.L. */
  readonly luceFactor: bigint;
}

/** The sums of 2..k+1 strengths of every Luce type: denominators of s(S)/(s(S) + s(y)) for |S| ≤ k. */
function luceDenominator(prompt: Prompt, k: number): ShareDenominator | null {
  if (!hasLuce(prompt)) return null;
  const den = new ShareDenominator();
  for (const u of prompt.users) if (u.kind === 'luce') for (const sums of sumSets(distinctValues(u), k + 1).slice(2)) for (const d of sums) den.add(d);
  return den;
}

/** L/d for a sum d of 2..k+1 strengths of a Luce type. */
function over(p: PromptData, d: number): bigint {
  return p.luceFactor * p.luce!.over(d);
}

/** Column of the master LP: numerators of WR(S, y) over p.den for every y. */
function column(p: PromptData, S: readonly number[]): bigint[] {
  if (p.luce !== null) return mixedColumn(p, S);
  const { b, c } = bestTiers(p.prompt.users, S);
  const col = new Array<bigint>(p.n).fill(0n);
  p.prompt.users.forEach((u, ui) => {
    if (u.kind !== 'ranking') return;
    const win = p.a[ui] * p.L;
    const tie = p.a[ui] * p.tieL[c[ui]];
    for (let y = 0; y < p.n; y++) {
      const t = u.rank[y];
      if (t > b[ui]) col[y] += win;
      else if (t === b[ui]) col[y] += tie;
    }
  });
  return col;
}

/** column() with Luce types: a Luce type adds a_θ·L·s(S)/(s(S) + s(y)) (SPEC §4b). */
function mixedColumn(p: PromptData, S: readonly number[]): bigint[] {
  const { a: st, c } = typeStates(p.prompt.users, S);
  const col = new Array<bigint>(p.n).fill(0n);
  p.prompt.users.forEach((u, ui) => {
    if (u.kind === 'luce') {
      const sS = st[ui];
      const f = p.a[ui] * BigInt(sS);
      for (let y = 0; y < p.n; y++) col[y] += f * over(p, sS + u.ints[y]);
      return;
    }
    const b = st[ui];
    const win = p.a[ui] * p.L;
    const tie = p.a[ui] * p.tieL[c[ui]];
    for (let y = 0; y < p.n; y++) {
      const t = u.rank[y];
      if (t > b) col[y] += win;
      else if (t === b) col[y] += tie;
    }
  });
  return col;
}

/**
 * Pricing (column generation for T3): a k-multiset S maximising Σ_y q(y)·WR(S, y), exactly (integer q).
 * Per type, Σ_y q(y)·wr_θ = Q_worse(b) + f(cs)·Q_tier(b) with b, cs the best tier of S and its count.
 * A better tier and more copies in it never lower it, so searchMultisets applies: branch and bound
 * (or full enumeration with the same search and no pruning). A Luce type contributes
 * F_θ(s(S)) = a_θ·L·Σ_y q(y)·s/(s + s_y), a function of the strength sum s = s_θ(S) only. Returns the best S and
 * its value numerator.
 */
function price(p: PromptData, q: readonly bigint[], prune: boolean, threshold?: bigint): { S: number[]; value: bigint; nodes: number; all: { S: number[]; value: bigint }[] } {
  const { n, k } = p;
  const users = p.prompt.users;
  // g[ui][t*(k+1)+cs] = a·(L·Q_worse(t) + tieL[cs]·Q_tier(t))
  const g: bigint[][] = users.map((u, ui) => {
    if (u.kind !== 'ranking') return [];
    const T = u.numTiers;
    const mass = new Array<bigint>(T).fill(0n);
    for (let y = 0; y < n; y++) if (q[y] !== 0n) mass[u.rank[y]] += q[y];
    const row = new Array<bigint>(T * (k + 1)).fill(0n);
    let worse = 0n;
    for (let t = T - 1; t >= 0; t--) {
      for (let cs = 1; cs <= k; cs++) row[t * (k + 1) + cs] = p.a[ui] * (p.L * worse + p.tieL[cs] * mass[t]);
      worse += mass[t];
    }
    return row;
  });
  const all: { S: number[]; value: bigint }[] = [];
  // Luce types: q grouped by strength, F_θ(s) = a_θ·s·Σ_v Q_v·(L/(s + v)), cached per sum
  const luceF = users.map((u, ui) => {
    if (u.kind !== 'luce') return null;
    const Q = new Map<number, bigint>();
    for (let y = 0; y < n; y++) if (q[y] !== 0n) Q.set(u.ints[y], (Q.get(u.ints[y]) ?? 0n) + q[y]);
    const cache = new Map<number, bigint>();
    return (sS: number): bigint => {
      let v = cache.get(sS);
      if (v === undefined) {
        v = 0n;
        for (const [sv, Qv] of Q) v += Qv * over(p, sS + sv);
        v *= p.a[ui] * BigInt(sS);
        cache.set(sS, v);
      }
      return v;
    };
  });
  const fOf = p.luce === null ? (ui: number, t: number, c: number) => g[ui][t * (k + 1) + c] : (ui: number, t: number, c: number) => luceF[ui]?.(t) ?? g[ui][t * (k + 1) + c];
  const r = searchMultisets(users, n, k, fOf, {
    prune,
    onLeaf: prune ? undefined : (S, value) => all.push({ S: [...S], value }),
    threshold: prune ? threshold : undefined,
    // Σ_θ a_θ(L·Q_worse(b) + tieL[cs]·Q_tier(b)) is monotone submodular in S: tieL is increasing and concave
    // with tieL[0] = 0 and tieL ≤ L, and Q_worse(b) ≥ Q_worse(b′) + Q_tier(b′) for every worse tier b′ (q ≥ 0).
    // A Luce type's F_θ(s) = a_θ·L·Σ_y q(y)·s/(s + s_y) is increasing and concave in s ≥ 0 (each s/(s + c), c > 0,
    // is), with F_θ(0) = 0, and s = s_θ(S) is modular with nonnegative strengths: a concave function of a modular
    // one is monotone DR-submodular (increments F(s + j·s_y) − F(s + (j−1)·s_y) fall with j and with s); sums
    // of such functions are too.
    submodular: true,
    anyAbove: true,
  });
  return { S: r.items, value: r.value, nodes: r.nodes, all };
}

/**
 * V_k and an optimal k-output model on one prompt, certified by the final opponent mixture. Synchronous:
 * the master LPs use glpk.js only when it is already loaded (bestKOutput loads it when it may help).
 */
export function promptBestKOutput(prompt: Prompt, k: number, rule: Rule = 'uniform', opts: BestKOutputOptions = {}): PromptBestKOutput {
  requireDrawCount(k);
  const n = prompt.responses.length;
  const { num: a, den: B } = commonDenominator(prompt.users.map((u) => u.weight));
  const luce = luceDenominator(prompt, k);
  const { L, tieL } = tieTable(rule, k, luce);
  const p: PromptData = { n, k, a, den: B * L, tieL, L, prompt, luce, luceFactor: luce === null ? 1n : L / luce.L };
  const count = multisetCount(n, k);
  const enumerate = count <= BigInt(opts.enumerateUpTo ?? 20000);
  const cols: number[][] = [];
  const colNums: bigint[][] = [];
  const have = new Set<string>();
  const add = (S: number[]) => {
    const key = S.join(',');
    if (have.has(key)) return false;
    have.add(key);
    cols.push(S);
    colNums.push(column(p, S));
    return true;
  };
  for (let y = 0; y < n; y++) add(new Array<number>(k).fill(y));
  let iterations = 0;
  let glpkLPs = 0;
  let pricingNodes = 0;
  for (;;) {
    iterations++;
    opts.onProgress?.({ iterations, columns: cols.length, multisets: count });
    const C = cols.length;
    // max v  s.t.  Σ_S WRnum_S(y) σ_S − den·v ≥ 0 (all y),  Σ σ = 1,  σ ≥ 0, v free
    const A: bigint[][] = [];
    for (let y = 0; y < n; y++) {
      const row = new Array<bigint>(C + 1);
      for (let s = 0; s < C; s++) row[s] = colNums[s][y];
      row[C] = -p.den;
      A.push(row);
    }
    A.push([...new Array<bigint>(C).fill(1n), 0n]);
    const lp: IntLP = {
      m: n + 1,
      n: C + 1,
      maximize: true,
      a: A,
      b: [...new Array<bigint>(n).fill(0n), 1n],
      sense: [...new Array<'>='>(n).fill('>='), '='],
      rowScale: new Array<bigint>(n + 1).fill(1n),
      c: [...new Array<bigint>(C).fill(0n), 1n],
      objScale: 1n,
      free: [...new Array<boolean>(C).fill(false), true],
    };
    const r = solveLPSync(lp, { method: opts.method });
    if (r.method === 'glpk+certificate') glpkLPs++;
    if (r.status !== 'optimal') throw new CertificateError(`master LP: ${r.status}`); // impossible: feasible, bounded by 1
    // q(y) = −den·y_y ≥ 0, Σ q = 1 (dual of the free v); μ = value
    const qR = r.y.slice(0, n).map((v) => v.neg().mul(frac(p.den)));
    const { num: q, den: qd } = commonDenominator(qR);
    // best pricing value = pr.value / (qd·den); prices out iff > V, i.e. iff > ⌊V·qd·den⌋ (integers)
    const V = r.value;
    const beats = (v: bigint) => v * V.d > numer(V) * qd * p.den;
    const threshold = (numer(V) * qd * p.den) / V.d;
    const pr = price(p, q, !enumerate, threshold);
    pricingNodes += pr.nodes;
    let added = 0;
    if (enumerate) {
      const better = pr.all.filter((e) => beats(e.value)).sort((x, y) => (y.value > x.value ? 1 : y.value < x.value ? -1 : 0));
      for (const e of better.slice(0, 10)) if (add([...e.S].sort((x, y) => x - y))) added++;
    } else if (pr.S.length > 0 && beats(pr.value) && add(pr.S)) added++;
    if (added === 0) {
      if (pr.S.length > 0 && beats(pr.value)) throw new CertificateError('column generation: a priced-out column is already in the master'); // cannot happen
      const outcomes: Outcome[] = [];
      for (let s = 0; s < cols.length; s++) if (!isZero(r.x[s])) outcomes.push({ items: cols[s], prob: r.x[s] });
      outcomes.sort((x, y) => x.items.join(',').localeCompare(y.items.join(',')));
      // certificate: no k-multiset S has Σ q WR(S,·) > V (exhaustive pricing: enumeration, or branch and bound
      // whose pruned branches are bounded by V exactly), so V_k ≤ V; and min_y WR(σ, y) = V (core win rates, exact)
      const rob = robustnessOf({ prompts: [{ weight: ONE, prompt }] }, [{ kind: 'outcomes', k, outcomes }], 1, rule);
      if (!rob.robustness.equals(V) || (enumerate && !frac(pr.value, qd * p.den).equals(V))) throw new CertificateError('best k-output certificate failed');
      return { value: V, outcomes, opponent: qR, stats: { columns: cols.length, iterations, glpkLPs, pricingNodes, multisets: count } };
    }
  }
}

/** V_k = max_σ rob_k(σ) with an optimal k-output model, exactly (SPEC T3); synchronous (see promptBestKOutput). */
export function bestKOutputSync(profile: Profile, k: number, rule: Rule = 'uniform', opts: BestKOutputOptions = {}): BestKOutputResult {
  const prompts = profile.prompts.map(({ prompt }) => promptBestKOutput(prompt, k, rule, opts));
  const value = sumOf(prompts.map((p, x) => p.value.mul(profile.prompts[x].weight)));
  return { k, rule, value, model: makeKOutput(k, prompts.map((p) => p.outcomes)), prompts };
}

/** bestKOutput(profile, k, rule): as bestKOutputSync, with glpk.js loaded first when the master LPs are large. */
export async function bestKOutput(profile: Profile, k: number, rule: Rule = 'uniform', opts: BestKOutputOptions = {}): Promise<BestKOutputResult> {
  const n = Math.max(...profile.prompts.map(({ prompt }) => prompt.responses.length));
  if (opts.method === 'glpk' || ((opts.method ?? 'auto') === 'auto' && n + 1 >= CROSSOVER)) await loadGlpk();
  return bestKOutputSync(profile, k, rule, opts);
}
