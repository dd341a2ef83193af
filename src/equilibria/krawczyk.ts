// Krawczyk test in exact dyadic interval arithmetic: a box that provably holds an exact symmetric NE
// of G_{k+1} (SPEC §3). On the support S (S_0 absorbs 1 − Σ x), F_i(x) = U_k(S_i; π(x)) − 1/(k+1).
// K(X) = x̃ − Y F(x̃) + (I − Y F'(X))(X − x̃); K(X) ⊂ int X ⇒ a unique zero x* ∈ X (Krawczyk/Moore).
// With π(x) > 0 on S and U_k(z; π) < 1/(k+1) for z ∉ S on the whole box, π(x*) is an exact
// symmetric NE (T0 gives U_k(S_0) = 1/(k+1)), so rob_k(π(x*)^{⊗k}) = k/(k+1) exactly (T2).
// All endpoints are integers over 2^Q: lower ends rounded down, upper ends up.
import { Fraction, frac, ONE, numer, commonDenominator } from '../exact/rational.js';
import { Prompt } from '../model/types.js';
import { ceilDiv, floorDiv } from '../exact/dyadic.js';
import { promptExploitability } from '../winrate/exploitability.js';
import { floatJacobian, floatPrompt, invert } from './floatKernel.js';

export interface KrawczykBox {
  /** Per response: lower and upper ends of the box (off-support responses are [0, 0]). */
  readonly lo: Fraction[];
  readonly hi: Fraction[];
  /** Half-width of the box in the free coordinates (0 for an exact rational equilibrium). */
  readonly radius: Fraction;
}

const abs = (a: bigint): bigint => (a < 0n ? -a : a);

/**
 * Per-type polynomial sums at integer points a = e+w, b = w (scale 2^Q), uniform rule (SPEC §2):
 * f = Σ_{j=0..k} a^j b^{k−j}, f_e = Σ_{j=1..k} j a^{j−1} b^{k−j}, f_w = f_e + Σ_{j<k} (k−j) a^j b^{k−1−j};
 * all have nonnegative coefficients, hence are increasing in (e, w) ≥ 0.
 */
function polySums(a: bigint, b: bigint, k: number): { f: bigint; fe: bigint; fw: bigint } {
  const pa: bigint[] = [1n];
  const pb: bigint[] = [1n];
  for (let j = 1; j <= k; j++) {
    pa.push(pa[j - 1] * a);
    pb.push(pb[j - 1] * b);
  }
  let f = 0n;
  let fe = 0n;
  let fb = 0n;
  for (let j = 0; j <= k; j++) f += pa[j] * pb[k - j];
  for (let j = 1; j <= k; j++) fe += BigInt(j) * pa[j - 1] * pb[k - j];
  for (let j = 0; j < k; j++) fb += BigInt(k - j) * pa[j] * pb[k - 1 - j];
  return { f, fe, fw: fe + fb };
}

/**
 * Try to certify a box around the dyadic point `center` (a full policy with denominators | 2^bits)
 * on `support`. `piF` is a float copy used only to build the preconditioner Y ≈ F'(x̃)^{−1}.
 */
export function krawczykBox(
  prompt: Prompt,
  k: number,
  support: readonly number[],
  center: readonly Fraction[],
  piF: ArrayLike<number>,
  bits: number,
): { box: KrawczykBox } | { reason: string } {
  const n = prompt.responses.length;
  const S = [...support].sort((a, b) => center[b].compare(center[a]) || a - b);
  const y0 = S[0];
  const rows = S.slice(1);
  const s1 = rows.length;
  const Q = bits + 64;
  const ONE = 1n << BigInt(Q);
  const toQ = (r: Fraction, up: boolean): bigint => (up ? ceilDiv(numer(r) << BigInt(Q), r.d) : floorDiv(numer(r) << BigInt(Q), r.d));
  const c = rows.map((y) => toQ(center[y], false));
  if (rows.some((y, i) => !frac(c[i], ONE).equals(center[y]))) return { reason: 'center is not dyadic at the working precision' };
  // F(x̃) exactly, as a thin interval at scale 2^Q.
  const ex = promptExploitability(prompt, [...center], k);
  const v = frac(1, k + 1);
  const F = rows.map((y) => ex.scores[y].sub(v));
  const Flo = F.map((f) => toQ(f, false));
  const Fhi = F.map((f) => toQ(f, true));
  // Preconditioner Y: float inverse of F'(x̃), rounded to dyadics at scale 2^Q.
  const fp = floatPrompt(prompt);
  const Jf = floatJacobian(fp, piF, k, rows, S).map((r) => r.slice(1).map((z) => z - r[0]));
  const Yf = s1 === 0 ? [] : invert(Jf);
  if (Yf === null) return { reason: 'singular Jacobian on the support (equilibrium not isolated?)' };
  const Y = Yf.map((r) => r.map((z) => BigInt(Math.round(z * 2 ** Math.min(Q, 900))) << BigInt(Q - Math.min(Q, 900))));
  const { num: aw, den: B } = commonDenominator(prompt.users.map((u) => u.weight));
  const K1 = BigInt(k + 1);
  let lastReason = 'Krawczyk image not inside the box';
  for (const R of [bits - 40, Math.floor(bits / 2), Math.floor(bits / 4)]) {
    if (R < 8) continue;
    const r = 1n << BigInt(Q - R);
    // π over the box: free coordinates x̃ ± r, S_0 = 1 − Σ x, others 0.
    const plo = new Array<bigint>(n).fill(0n);
    const phi = new Array<bigint>(n).fill(0n);
    let sumLo = 0n;
    let sumHi = 0n;
    rows.forEach((y, i) => {
      plo[y] = c[i] - r;
      phi[y] = c[i] + r;
      sumLo += plo[y];
      sumHi += phi[y];
    });
    plo[y0] = ONE - sumHi;
    phi[y0] = ONE - sumLo;
    if (S.some((y) => plo[y] <= 0n)) {
      lastReason = 'box leaves the interior of the simplex on the support';
      continue;
    }
    // Interval Jacobian over X (sums Σ_θ a_θ · derivative, scale 2^Q·B), and upper bounds of U_k off the support.
    const Jlo = rows.map(() => new Array<bigint>(S.length).fill(0n));
    const Jhi = rows.map(() => new Array<bigint>(S.length).fill(0n));
    const offS = [...Array(n).keys()].filter((y) => !S.includes(y));
    const Uhi = new Array<bigint>(n).fill(0n);
    const degDen = (deg: number): bigint => K1 << BigInt(Q * deg); // value = sum / ((k+1)·2^{Q·deg})
    prompt.users.forEach((u, ui) => {
      const T = u.numTiers;
      const mlo = new Array<bigint>(T).fill(0n);
      const mhi = new Array<bigint>(T).fill(0n);
      for (let y = 0; y < n; y++) {
        mlo[u.rank[y]] += plo[y];
        mhi[u.rank[y]] += phi[y];
      }
      const deLo = new Array<bigint>(T);
      const deHi = new Array<bigint>(T);
      const dwLo = new Array<bigint>(T);
      const dwHi = new Array<bigint>(T);
      const fHi = new Array<bigint>(T);
      let wlo = 0n;
      let whi = 0n;
      for (let t = T - 1; t >= 0; t--) {
        const L = polySums(mlo[t] + wlo, wlo, k);
        const H = polySums(mhi[t] + whi, whi, k);
        // derivatives have degree k−1 in (a, b): to scale 2^Q divide by (k+1)·2^{Q(k−2)} i.e. multiply by 2^Q first
        const dd = degDen(k - 1);
        deLo[t] = floorDiv(L.fe << BigInt(Q), dd);
        dwLo[t] = floorDiv(L.fw << BigInt(Q), dd);
        deHi[t] = ceilDiv(H.fe << BigInt(Q), dd);
        dwHi[t] = ceilDiv(H.fw << BigInt(Q), dd);
        fHi[t] = ceilDiv(H.f << BigInt(Q), degDen(k));
        wlo += mlo[t];
        whi += mhi[t];
      }
      const a = aw[ui];
      rows.forEach((y, i) => {
        const ty = u.rank[y];
        S.forEach((z, j) => {
          const tz = u.rank[z];
          if (tz === ty) {
            Jlo[i][j] += a * deLo[ty];
            Jhi[i][j] += a * deHi[ty];
          } else if (tz > ty) {
            Jlo[i][j] += a * dwLo[ty];
            Jhi[i][j] += a * dwHi[ty];
          }
        });
      });
      for (const z of offS) Uhi[z] += a * fHi[u.rank[z]];
    });
    // Off-support strictness: U_k(z; π) < 1/(k+1) on the whole box.
    const bad = offS.find((z) => ceilDiv(Uhi[z], B) * K1 >= ONE);
    if (bad !== undefined) {
      lastReason = `off-support response ${prompt.responses[bad]} is not strictly below 1/(k+1) on the box`;
      continue;
    }
    // F'(X) in the free coordinates: ∂/∂x_j = ∂/∂π(S_j) − ∂/∂π(S_0).
    const Dlo = rows.map((_, i) => rows.map((_, j) => floorDiv(Jlo[i][j + 1], B) - ceilDiv(Jhi[i][0], B)));
    const Dhi = rows.map((_, i) => rows.map((_, j) => ceilDiv(Jhi[i][j + 1], B) - floorDiv(Jlo[i][0], B)));
    // C = I − Y F'(X) at scale 2^{2Q}; YF = Y F(x̃) at scale 2^{2Q}.
    let ok = true;
    for (let i = 0; i < s1 && ok; i++) {
      let yfLo = 0n;
      let yfHi = 0n;
      for (let l = 0; l < s1; l++) {
        const yv = Y[i][l];
        if (yv >= 0n) {
          yfLo += yv * Flo[l];
          yfHi += yv * Fhi[l];
        } else {
          yfLo += yv * Fhi[l];
          yfHi += yv * Flo[l];
        }
      }
      let spread = 0n; // Σ_j |C_ij| at scale 2^{2Q}
      for (let j = 0; j < s1; j++) {
        let lo = 0n;
        let hi = 0n;
        for (let l = 0; l < s1; l++) {
          const yv = Y[i][l];
          if (yv >= 0n) {
            lo += yv * Dlo[l][j];
            hi += yv * Dhi[l][j];
          } else {
            lo += yv * Dhi[l][j];
            hi += yv * Dlo[l][j];
          }
        }
        const I = i === j ? ONE * ONE : 0n;
        const cLo = I - hi;
        const cHi = I - lo;
        spread += abs(cLo) > abs(cHi) ? abs(cLo) : abs(cHi);
      }
      // K_i at scale 2^{3Q}: x̃_i − YF_i + Σ_j C_ij [−r, r]
      const cc = c[i] << BigInt(2 * Q);
      const kLo = cc - (yfHi << BigInt(Q)) - spread * r;
      const kHi = cc - (yfLo << BigInt(Q)) + spread * r;
      const xLo = (c[i] - r) << BigInt(2 * Q);
      const xHi = (c[i] + r) << BigInt(2 * Q);
      if (!(xLo < kLo && kHi < xHi)) ok = false;
    }
    if (!ok) continue;
    const lo = plo.map((p) => frac(p, ONE));
    const hi = phi.map((p) => frac(p, ONE));
    return { box: { lo, hi, radius: frac(r, ONE) } };
  }
  return { reason: lastReason };
}
