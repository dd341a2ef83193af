import { Fraction, frac, commonDenominator, lcm } from '../exact/rational.js';
import { ceilDiv, floorDiv } from '../exact/dyadic.js';
import { InputError } from '../model/errors.js';
import { hasLuce } from '../model/structure.js';
import { Prompt } from '../model/types.js';
import { activeFault } from './faults.js';
import { luceJacobianNumerators, luceScoreNumerators } from './luce.js';
import { Rule } from './rules.js';

/**
 * U_k(y; π) for every response y: the opponent's score when it plays y against π^{⊗k}
 * (SPEC §2 closed forms). Integer kernel: with π = p/D and w_θ = a_θ/B,
 *   uniform:          U = Σ_θ a_θ ((E+W)^{k+1} − W^{k+1})/E  / ((k+1) D^k B)   ((k+1)W^k when E = 0)
 *   model-wins-ties:  U = Σ_θ a_θ W^k / (D^k B)
 *   pairwise:         U = Σ_θ a_θ ((E+W)^k + W^k) / (2 D^k B)
 * where E, W are the integer masses of the tie class and the strictly-worse set. O(m·n).
 * Luce types (SPEC §4b) choose by Luce's rule under every rule: see luce.ts.
 */
export function productScores(prompt: Prompt, probs: readonly Fraction[], k: number, rule: Rule = 'uniform'): Fraction[] {
  const { num, den } = productScoreNumerators(prompt, probs, k, rule);
  return num.map((v) => frac(v, den));
}

/**
 * The ranking types' tier structure, computed once per prompt: the distinct sets S = "tier t and every tier
 * below it" over all types (each set after the set below it, so A(S) = A(S below) + E(tier) in one pass), and
 * per type and tier the ids of S_t and S_{t+1}. A set shared by several types is powered once per call.
 */
export interface TierLayout {
  /** Per set: the id of the set below (−1: empty) and the responses its tier adds. */
  readonly below: Int32Array;
  readonly adds: readonly (readonly number[])[];
  /** Per ranking type: its weight's index in `weights`, and per tier t the id of S_t (S_T is empty: −1). */
  readonly types: readonly { readonly w: number; readonly tiers: readonly (readonly number[])[]; readonly set: Int32Array }[];
  /** The distinct weight numerators over the common denominator B of all user weights. */
  readonly weights: readonly bigint[];
  readonly B: bigint;
}

const layouts = new WeakMap<Prompt, { readonly layout: TierLayout; readonly shared: boolean }>();

/** Powers of at least this many bits make finding the sets shared between types worth its hashing. */
const SHARE_BITS = 2048;

/**
 * The prompt's layout, cached. The sets shared between types are found (buildTierLayout's hashing) when the
 * powers are long, (k+1)·log2 D ≥ SHARE_BITS, or when the prompt is evaluated again (an equilibrium's loop);
 * a single short evaluation keeps each type's sets apart, which costs less than looking them up.
 */
function tierLayout(prompt: Prompt, powerBits: number): TierLayout {
  const cached = layouts.get(prompt);
  if (cached !== undefined && cached.shared) return cached.layout;
  const shared = cached !== undefined || powerBits >= SHARE_BITS;
  const layout = buildTierLayout(prompt, shared);
  layouts.set(prompt, { layout, shared });
  return layout;
}

/** The 52-bit key of response y in a set's hash. */
const responseKey = (y: number): number => (mix(2 * y + 1) >>> 6) * 2 ** 26 + (mix(2 * y + 2) >>> 6);

/**
 * The layout itself. Shared: a set is looked up by a hash (the sum mod 2^52 of its responses' keys) and confirmed
 * on its bit mask; a set whose hash an earlier, different set took is looked up by its mask as a string. Not
 * shared: every type's sets are its own. `keyOf` is for tests (a constant key makes every set collide).
 */
export function buildTierLayout(prompt: Prompt, shared = true, keyOf: (y: number) => number = responseKey): TierLayout {
  const n = prompt.responses.length;
  const { num: a, den: B } = commonDenominator(prompt.users.map((u) => u.weight));
  const key = Float64Array.from({ length: n }, (_, y) => keyOf(y));
  const byHash = new Map<number, number>();
  const byMask = new Map<string, number>();
  const nw = Math.ceil(n / 16);
  const words = new Uint16Array(nw);
  let masks = new Uint16Array(nw * 16);
  const below: number[] = [];
  const adds: number[][] = [];
  const weights: bigint[] = [];
  const wIndex = new Map<bigint, number>();
  const types: TierLayout['types'][number][] = [];
  prompt.users.forEach((u, ui) => {
    if (u.kind !== 'ranking') return;
    const T = u.numTiers;
    const tiers: number[][] = Array.from({ length: T }, () => []);
    u.rank.forEach((t, y) => tiers[t].push(y));
    const set = new Int32Array(T);
    words.fill(0);
    let h = 0;
    let id = -1;
    for (let t = T - 1; t >= 0; t--) {
      if (!shared) {
        below.push(id);
        adds.push(tiers[t]);
        set[t] = id = below.length - 1;
        continue;
      }
      for (const y of tiers[t]) {
        words[y >> 4] |= 1 << (y & 15);
        h = (h + key[y]) % 2 ** 52;
      }
      const hit = byHash.get(h);
      const mask = hit === undefined || sameMask(masks, hit, words) ? null : String.fromCharCode(...words);
      let next = mask === null ? hit : byMask.get(mask);
      if (next === undefined) {
        next = below.length;
        if (mask === null) byHash.set(h, next);
        else byMask.set(mask, next);
        if ((next + 1) * nw > masks.length) {
          const grown = new Uint16Array(masks.length * 2);
          grown.set(masks);
          masks = grown;
        }
        masks.set(words, next * nw);
        below.push(id);
        adds.push(tiers[t]);
      }
      set[t] = id = next;
    }
    let w = wIndex.get(a[ui]);
    if (w === undefined) {
      wIndex.set(a[ui], (w = weights.length));
      weights.push(a[ui]);
    }
    types.push({ w, tiers, set });
  });
  return { below: Int32Array.from(below), adds, types, weights, B };
}

/** Whether set `id`'s stored mask is `words`. */
function sameMask(masks: Uint16Array, id: number, words: Uint16Array): boolean {
  const at = id * words.length;
  for (let i = 0; i < words.length; i++) if (masks[at + i] !== words[i]) return false;
  return true;
}

/** A 32-bit integer hash (an xorshift-multiply finaliser). */
function mix(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x7feb352d);
  x = Math.imul(x ^ (x >>> 15), 0x846ca68b);
  return (x ^ (x >>> 16)) >>> 0;
}

/** The integer mass A(S) = Σ_{y∈S} p_y of every distinct set of the layout, each from the set below it. */
function setMasses(L: TierLayout, p: readonly bigint[]): bigint[] {
  const A = new Array<bigint>(L.below.length);
  for (let s = 0; s < A.length; s++) {
    const b = L.below[s];
    let a = b < 0 ? 0n : A[b];
    for (const y of L.adds[s]) a += p[y];
    A[s] = a;
  }
  return A;
}

/** Integer numerators of U_k(·; π) over one common denominator (ranking and Luce types alike). */
export function productScoreNumerators(
  prompt: Prompt,
  probs: readonly Fraction[],
  k: number,
  rule: Rule = 'uniform',
): { num: bigint[]; den: bigint } {
  const r = rankingScoreNumerators(prompt, probs, k, rule);
  if (!hasLuce(prompt)) return r;
  // Luce part over L·D^k·B (the same D^k, k + 1 draws under the off-by-one fault): one denominator lcm(c, L)·D^k·B
  const { num: a, den: B } = commonDenominator(prompt.users.map((u) => u.weight));
  const { num: p, den: D } = commonDenominator(probs);
  const kk = activeFault() === 'uk-off-by-one' ? k + 1 : k;
  const X = D ** BigInt(kk) * B;
  return joinLuceScores(r, luceScoreNumerators(prompt.users, a, p, kk), X);
}

/** Ranking numerators over c·X joined with Luce numerators over L·X: one denominator lcm(c, L)·X. */
export function joinLuceScores(r: { num: readonly bigint[]; den: bigint }, lu: { num: readonly bigint[]; L: bigint }, X: bigint): { num: bigint[]; den: bigint } {
  const c = r.den / X;
  const M = lcm(c, lu.L);
  const fr = M / c;
  const fl = M / lu.L;
  return { num: r.num.map((v, y) => v * fr + lu.num[y] * fl), den: M * X };
}

/** SPEC's domain of U_k: k ≥ 1 draws; anything else is refused (InputError), never evaluated. */
export function requireDrawCount(k: number): void {
  if (!Number.isInteger(k) || k < 1) throw new InputError(`k must be an integer ≥ 1, got ${k}`);
}

/**
 * The ranking types' part of U_k(·; π) (Luce types contribute 0), over c·D^k·B with c = k+1, 1 or 2 by rule
 * (SPEC §2 closed forms). Integer kernel: with π = p/D, w_θ = a_θ/B and, per type and tier t, A = D(e+w) and
 * W = D·w (the masses of S_t and S_{t+1}), E = A − W and e = k+1 (uniform) or k:
 *   uniform:          U_θ = (A^e − W^e)/E / ((k+1) D^k)   ((k+1)W^k when E = 0)
 *   model-wins-ties:  U_θ = W^k / D^k
 *   pairwise:         U_θ = (A^k + W^k) / (2 D^k)
 * One power per distinct set S (tierLayout); the division by E of a one-response tier {y} (E = p_y) is done
 * once per y on the weighted sum over types, not once per type. O(m·n) big-integer steps. With `only`, just
 * those responses' numerators (the others are 0) and just the powers they need.
 */
export function rankingScoreNumerators(
  prompt: Prompt,
  probs: readonly Fraction[],
  k: number,
  rule: Rule = 'uniform',
  only?: readonly number[],
): { num: bigint[]; den: bigint } {
  requireDrawCount(k);
  const fault = activeFault();
  if (fault === 'uk-off-by-one') k += 1;
  const n = prompt.responses.length;
  const { num: p, den: D } = commonDenominator(probs);
  const K = BigInt(k);
  const e = rule === 'uniform' ? K + 1n : K;
  const L = tierLayout(prompt, Number(e) * D.toString(2).length);
  const De = D ** e;
  // A(S)^e on first use (all of them unless `only`)
  const A = setMasses(L, p);
  const P = new Array<bigint | undefined>(A.length);
  const power = (s: number): bigint => {
    const b = L.below[s];
    return (P[s] ??= b >= 0 && A[s] === A[b] ? power(b) : A[s] === 0n ? 0n : A[s] === D ? De : A[s] ** e);
  };
  const wanted = only === undefined ? null : new Uint8Array(n);
  if (wanted !== null) for (const y of only!) wanted[y] = 1;
  // per weight: part[y] sums the types' values g, single[y] the numerators of one-response tiers (÷ p_y later)
  const part = L.weights.map(() => new Array<bigint>(n).fill(0n));
  const single = rule === 'uniform' ? L.weights.map(() => new Array<bigint>(n).fill(0n)) : [];
  for (const { w, tiers, set } of L.types) {
    const pw = part[w];
    for (let t = 0; t < tiers.length; t++) {
      const ys = tiers[t];
      if (wanted !== null && !ys.some((y) => wanted[y] === 1)) continue;
      const s = set[t];
      const b = t + 1 < tiers.length ? set[t + 1] : -1;
      const a = A[s];
      const W = b < 0 ? 0n : A[b];
      const pA = power(s);
      const pW = b < 0 ? 0n : power(b);
      const E = a - W;
      let g: bigint;
      if (fault === 'uk-tie-worse') g = tieWorse(rule, K, a, E, e);
      else if (rule === 'uniform') {
        if (E === 0n) g = W === 0n ? 0n : (K + 1n) * (pW / W);
        else if (ys.length === 1) {
          single[w][ys[0]] += pA - pW;
          continue;
        } else g = (pA - pW) / E;
      } else g = rule === 'model-wins-ties' ? pW : pA + pW;
      for (const y of ys) pw[y] += g;
    }
  }
  const acc = new Array<bigint>(n).fill(0n);
  for (let y = 0; y < n; y++) {
    if (wanted !== null && wanted[y] === 0) continue;
    let v = 0n;
    let sv = 0n;
    for (let w = 0; w < L.weights.length; w++) {
      v += L.weights[w] * part[w][y];
      if (single.length > 0) sv += L.weights[w] * single[w][y];
    }
    acc[y] = sv === 0n ? v : v + sv / p[y];
  }
  const Dk = D ** K;
  const den = (rule === 'uniform' ? (K + 1n) * Dk : rule === 'model-wins-ties' ? Dk : 2n * Dk) * L.B;
  // fault injection: every uniform U_k scaled by (k+1)/k
  if (fault === 'uk-tie-share' && rule === 'uniform') return { num: acc.map((v) => v * (K + 1n)), den: den * K };
  return { num: acc, den };
}

/**
 * Bounds lo[y] ≤ U_k(y; π)·(k+1)·B·2^F ≤ hi[y] for every y (uniform rule, ranking types only; B the weights'
 * common denominator; F = screenBits(D, k)), from the closed form of rankingScoreNumerators evaluated in F-bit fixed point: each
 * (A/D)^{k+1} by squaring, truncated after every product, its error tracked in units of 2^−F (a value x ≤ 1
 * known as v ≤ 2^F·x ≤ v + err; a product loses at most err₁ + err₂ + 2). Cheap where the exact powers are
 * long ((k+1)·log2 D bits against F); they only steer which responses get an exact evaluation.
 * Null when the tracked error would pass 2^30 (the bound above needs err₁·err₂ ≤ 2^F, and F ≥ 64).
 */
export function uniformScoreBounds(prompt: Prompt, probs: readonly Fraction[], k: number): { lo: bigint[]; hi: bigint[]; F: number } | null {
  const n = prompt.responses.length;
  const L = tierLayout(prompt, Infinity);
  const { num: p, den: D } = commonDenominator(probs);
  const F = screenBits(D, k);
  const e = k + 1;
  const A = setMasses(L, p);
  const v = new Array<bigint>(A.length);
  const err = new Array<bigint>(A.length);
  const shF = BigInt(F);
  for (let s = 0; s < A.length; s++) {
    const aF = A[s] << shF;
    const q = aF / D;
    const x = fixedPower(q, q * D === aF ? 0 : 1, e, F);
    if (x === null) return null;
    v[s] = x[0];
    err[s] = BigInt(x[1]);
  }
  const K1 = BigInt(e);
  const zero = (): bigint[] => new Array<bigint>(n).fill(0n);
  const partLo = L.weights.map(zero);
  const partHi = L.weights.map(zero);
  const singleLo = L.weights.map(zero);
  const singleHi = L.weights.map(zero);
  for (const { w, tiers, set } of L.types) {
    for (let t = 0; t < tiers.length; t++) {
      const s = set[t];
      const b = t + 1 < tiers.length ? set[t + 1] : -1;
      const W = b < 0 ? 0n : A[b];
      const vW = b < 0 ? 0n : v[b];
      const eW = b < 0 ? 0n : err[b];
      const E = A[s] - W;
      const ys = tiers[t];
      // (A^e − W^e)/D^e lies in [v_A − v_W − err_W, v_A + err_A − v_W] (÷ 2^F)
      const dLo = v[s] - vW - eW;
      const dHi = v[s] + err[s] - vW;
      let gLo: bigint;
      let gHi: bigint;
      if (E === 0n) {
        // (k+1)·(W/D)^k = (k+1)·(W/D)^{k+1}·D/W
        if (W === 0n) continue;
        gLo = floorDiv(K1 * vW * D, W);
        gHi = ceilDiv(K1 * (vW + eW) * D, W);
      } else if (ys.length === 1) {
        singleLo[w][ys[0]] += dLo;
        singleHi[w][ys[0]] += dHi;
        continue;
      } else {
        gLo = floorDiv(dLo * D, E);
        gHi = ceilDiv(dHi * D, E);
      }
      for (const y of ys) {
        partLo[w][y] += gLo;
        partHi[w][y] += gHi;
      }
    }
  }
  const lo = zero();
  const hi = zero();
  for (let y = 0; y < n; y++) {
    let l = 0n;
    let h = 0n;
    let sl = 0n;
    let sh = 0n;
    for (let w = 0; w < L.weights.length; w++) {
      const a = L.weights[w];
      l += a * partLo[w][y];
      h += a * partHi[w][y];
      sl += a * singleLo[w][y];
      sh += a * singleHi[w][y];
    }
    // a one-response tier {y}: ÷ E/D = p_y/D (p_y > 0 there)
    lo[y] = p[y] === 0n ? l : l + floorDiv(sl * D, p[y]);
    hi[y] = p[y] === 0n ? h : h + ceilDiv(sh * D, p[y]);
  }
  return { lo, hi, F };
}

/** The fixed-point bits F of uniformScoreBounds: 64 plus what dividing by a mass ≥ 1/D and k + 1 squarings cost. */
export function screenBits(D: bigint, k: number): number {
  return 64 + D.toString(2).length + 2 * (32 - Math.clz32(k + 1));
}

/** x^e (e ≥ 1) in F-bit fixed point from v ≤ 2^F·x ≤ v + err (x ≤ 1): [value, error], or null past an error of 2^30. */
export function fixedPower(v: bigint, err: number, e: number, F: number): [bigint, number] | null {
  const sh = BigInt(F);
  // the top bit of e: x itself
  let r = v;
  let re = err;
  for (let bit = 30 - Math.clz32(e); bit >= 0; bit--) {
    r = (r * r) >> sh;
    re = 2 * re + 2;
    if ((e >> bit) & 1) {
      r = (r * v) >> sh;
      re = re + err + 2;
    }
    if (re > 2 ** 30) return null;
  }
  return [r, re];
}

/** Fault injection 'uk-tie-worse': the tier value with the tie class E counted inside W (W' = A, A' = A + E). */
function tieWorse(rule: Rule, K: bigint, A: bigint, E: bigint, e: bigint): bigint {
  const pW = A ** e;
  const pA = (A + E) ** e;
  return rule === 'uniform' ? (E === 0n ? (K + 1n) * A ** K : (pA - pW) / E) : rule === 'model-wins-ties' ? pW : pA + pW;
}

/**
 * Exact Jacobian of U_k under the uniform rule (SPEC §2): J[i][j] = ∂U_k(rows[i]; π)/∂π(cols[j]), integers
 * over one denominator. Per type, with π = p/D, A = D(e+w) and W = D·w for the tier of y, E = A − W and
 * G = Σ_{j≤k} A^j W^{k−j} = (A^{k+1} − W^{k+1})/E (so U_θ = G/((k+1)D^k)):
 *   z tied with y:       ∂U_θ/∂π_z = G_a/((k+1)D^{k−1}),  G_a = ((k+1)A^k − G)/E     (E = 0: k(k+1)/2·W^{k−1})
 *   z strictly worse:    ∂U_θ/∂π_z = G_w/((k+1)D^{k−1}),  G_w = (k+1)(A^k − W^k)/E    (E = 0: k(k+1)·W^{k−1})
 *   z strictly better:   0.
 * Luce types: ∂U_θ(y)/∂π_z = k·E[s_y/(s_y + s_z + X_{k−1})] (luce.ts), on the common denominator.
 */
export function productJacobian(
  prompt: Prompt,
  probs: readonly Fraction[],
  k: number,
  rows: readonly number[],
  cols: readonly number[],
): { num: bigint[][]; den: bigint } {
  const n = prompt.responses.length;
  const { num: p, den: D } = commonDenominator(probs);
  const { num: a, den: B } = commonDenominator(prompt.users.map((u) => u.weight));
  const K = BigInt(k);
  const K1 = K + 1n;
  const J = rows.map(() => new Array<bigint>(cols.length).fill(0n));
  prompt.users.forEach((u, ui) => {
    if (u.kind !== 'ranking') return;
    const T = u.numTiers;
    const mass = new Array<bigint>(T).fill(0n);
    for (let y = 0; y < n; y++) if (p[y] !== 0n) mass[u.rank[y]] += p[y];
    const ga = new Array<bigint>(T);
    const gw = new Array<bigint>(T);
    let W = 0n;
    let Wk = K === 0n ? 1n : 0n; // W^k for W = 0
    let Wk1 = 0n; // W^{k+1}
    for (let t = T - 1; t >= 0; t--) {
      const E = mass[t];
      const A = W + E;
      if (E === 0n) {
        const Wkm1 = K === 1n ? 1n : W ** (K - 1n);
        ga[t] = ((K * K1) / 2n) * Wkm1;
        gw[t] = K * K1 * Wkm1;
      } else {
        const Ak = A ** K;
        const Ak1 = Ak * A;
        const G = (Ak1 - Wk1) / E;
        ga[t] = (K1 * Ak - G) / E;
        gw[t] = (K1 * (Ak - Wk)) / E;
        Wk = Ak;
        Wk1 = Ak1;
      }
      W = A;
    }
    const w = a[ui];
    for (let t = 0; t < T; t++) {
      ga[t] *= w;
      gw[t] *= w;
    }
    const rank = u.rank;
    for (let i = 0; i < rows.length; i++) {
      const ty = rank[rows[i]];
      const Ji = J[i];
      const e = ga[ty];
      const f = gw[ty];
      for (let j = 0; j < cols.length; j++) {
        const tz = rank[cols[j]];
        if (tz === ty) Ji[j] += e;
        else if (tz > ty) Ji[j] += f;
      }
    }
  });
  const Dk1 = D ** (K - 1n);
  if (!hasLuce(prompt)) return { num: J, den: K1 * Dk1 * B };
  const lu = luceJacobianNumerators(prompt.users, a, p, k, rows, cols);
  const M = lcm(K1, lu.L);
  const fr = M / K1;
  const fl = M / lu.L;
  return { num: J.map((r, i) => r.map((v, j) => v * fr + lu.num[i][j] * fl)), den: M * Dk1 * B };
}
