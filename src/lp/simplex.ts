import { Fraction, frac } from '../exact/rational.js';
import { IntLP, toIntLP } from './integer.js';
import { LP, LPResult } from './types.js';

/**
 * Integer-pivoting tableau for  max c·z  s.t.  A z = b (b ≥ 0), z ≥ 0, with one artificial column per row.
 * Invariant (Edmonds): T = det · B⁻¹ [A | I | b] with det = |det B| > 0, so every entry is an integer
 * and each pivot divides exactly by the previous det. Objective rows hold det·(yᵀA_j − c_j).
 */
export class Tableau {
  readonly m: number;
  /** Structural columns (before the m artificials). */
  readonly N: number;
  readonly T: bigint[][];
  readonly basis: number[];
  det = 1n;
  pivots = 0;

  constructor(A: readonly (readonly bigint[])[], b: readonly bigint[], c: readonly bigint[]) {
    const m = A.length;
    const N = c.length;
    this.m = m;
    this.N = N;
    const W = N + m + 1;
    this.T = [];
    for (let i = 0; i < m; i++) {
      const row = new Array<bigint>(W).fill(0n);
      for (let j = 0; j < N; j++) row[j] = A[i][j];
      row[N + i] = 1n;
      row[W - 1] = b[i];
      this.T.push(row);
    }
    // phase 2 row: −c;  phase 1 row: maximise −Σ artificials, y = −1.
    const z2 = new Array<bigint>(W).fill(0n);
    const z1 = new Array<bigint>(W).fill(0n);
    for (let j = 0; j < N; j++) {
      z2[j] = -c[j];
      let s = 0n;
      for (let i = 0; i < m; i++) s -= A[i][j];
      z1[j] = s;
    }
    let sb = 0n;
    for (let i = 0; i < m; i++) sb -= b[i];
    z1[W - 1] = sb;
    this.T.push(z2, z1);
    this.basis = Array.from({ length: m }, (_, i) => N + i);
  }

  /** Deep copy (for enumeration over bases). */
  clone(): Tableau {
    const t = Object.create(Tableau.prototype) as Tableau;
    Object.assign(t, { m: this.m, N: this.N, T: this.T.map((r) => r.slice()), basis: this.basis.slice(), det: this.det, pivots: this.pivots });
    return t;
  }

  get rhs(): number {
    return this.N + this.m;
  }

  /** Integer pivot on (r, s); a negative pivot (only when driving out artificials) flips all signs. */
  pivot(r: number, s: number): void {
    const T = this.T;
    const pr = T[r];
    const p = pr[s];
    const det = this.det;
    const W = pr.length;
    for (let i = 0; i < T.length; i++) {
      if (i === r) continue;
      const row = T[i];
      const f = row[s];
      if (f === 0n) {
        if (p !== det) for (let j = 0; j < W; j++) if (row[j] !== 0n) row[j] = (row[j] * p) / det;
        continue;
      }
      for (let j = 0; j < W; j++) row[j] = (row[j] * p - f * pr[j]) / det;
    }
    this.basis[r] = s;
    this.pivots++;
    if (p < 0n) {
      for (const row of T) for (let j = 0; j < W; j++) row[j] = -row[j];
      this.det = -p;
    } else this.det = p;
  }

  /**
   * Run the simplex on objective row `zr` over columns < `cols`. Dantzig's rule, switching to Bland's rule
   * (smallest index enters and leaves) after `blandAfter` consecutive degenerate pivots: a run of degenerate
   * pivots under Bland's rule cannot cycle, and each nondegenerate pivot strictly improves the objective.
   * Returns the unbounded column, or −1 at optimality.
   */
  run(zr: number, cols: number, blandAfter = 8): number {
    const T = this.T;
    const m = this.m;
    const R = this.rhs;
    let degenerate = 0;
    for (;;) {
      const z = T[zr];
      const bland = degenerate >= blandAfter;
      let s = -1;
      for (let j = 0; j < cols; j++) {
        if (z[j] < 0n && (s < 0 || (!bland && z[j] < z[s]))) {
          s = j;
          if (bland) break;
        }
      }
      if (s < 0) return -1;
      let r = -1;
      for (let i = 0; i < m; i++) {
        const a = T[i][s];
        if (a <= 0n) continue;
        if (r < 0) {
          r = i;
          continue;
        }
        // T[i][R]/a vs T[r][R]/T[r][s]
        const lhs = T[i][R] * T[r][s];
        const rhs = T[r][R] * a;
        if (lhs < rhs || (lhs === rhs && this.basis[i] < this.basis[r])) r = i;
      }
      if (r < 0) return s;
      degenerate = T[r][R] === 0n ? degenerate + 1 : 0;
      this.pivot(r, s);
    }
  }

  /** After phase 1: pivot basic artificials out on any nonzero structural entry (their rows are at 0). */
  driveOutArtificials(): void {
    for (let r = 0; r < this.m; r++) {
      if (this.basis[r] < this.N) continue;
      const row = this.T[r];
      let s = -1;
      for (let j = 0; j < this.N; j++)
        if (row[j] !== 0n) {
          s = j;
          break;
        }
      if (s >= 0) this.pivot(r, s); // otherwise the row is redundant and stays at 0
    }
  }

  /** Current basic solution z (length N) as numerators over det. */
  primal(): bigint[] {
    const z = new Array<bigint>(this.N).fill(0n);
    for (let i = 0; i < this.m; i++) if (this.basis[i] < this.N) z[this.basis[i]] = this.T[i][this.rhs];
    return z;
  }

  /** Duals of objective row zr, numerators over det: T[zr][N+i] = det·(y_i − cost of artificial i). */
  duals(zr: number, artCost: bigint): bigint[] {
    const z = this.T[zr];
    return Array.from({ length: this.m }, (_, i) => z[this.N + i] + artCost * this.det);
  }
}

/** The standard form of an IntLP and the maps back to the original variables and rows. */
export interface StdForm {
  A: bigint[][];
  b: bigint[];
  c: bigint[];
  /** column of x_j⁺ and (free only) x_j⁻ */
  pos: number[];
  neg: number[];
  /** ±1: row i was negated to make b_i ≥ 0 */
  flip: bigint[];
}

/** max (±c)·x, rows with slacks (+s on ≤, −s on ≥), free x = x⁺ − x⁻, rows negated so b ≥ 0. */
export function standardForm(p: IntLP): StdForm {
  const pos: number[] = [];
  const neg: number[] = [];
  let N = 0;
  for (let j = 0; j < p.n; j++) {
    pos.push(N++);
    neg.push(p.free[j] ? N++ : -1);
  }
  const slackOf: number[] = p.sense.map((s) => (s === '=' ? -1 : N++));
  const A: bigint[][] = [];
  const b: bigint[] = [];
  const flip: bigint[] = [];
  for (let i = 0; i < p.m; i++) {
    const f = p.b[i] < 0n ? -1n : 1n;
    const row = new Array<bigint>(N).fill(0n);
    for (let j = 0; j < p.n; j++) {
      const v = p.a[i][j] * f;
      row[pos[j]] = v;
      if (neg[j] >= 0) row[neg[j]] = -v;
    }
    if (slackOf[i] >= 0) row[slackOf[i]] = (p.sense[i] === '<=' ? 1n : -1n) * f;
    A.push(row);
    b.push(p.b[i] * f);
    flip.push(f);
  }
  const sgn = p.maximize ? 1n : -1n;
  const c = new Array<bigint>(N).fill(0n);
  for (let j = 0; j < p.n; j++) {
    c[pos[j]] = sgn * p.c[j];
    if (neg[j] >= 0) c[neg[j]] = -sgn * p.c[j];
  }
  return { A, b, c, pos, neg, flip };
}

function ratsOver(num: readonly bigint[], den: bigint): Fraction[] {
  return num.map((v) => frac(v, den));
}

/** Original-variable values from standard-form numerators. */
function backX(p: IntLP, sf: StdForm, z: readonly bigint[]): bigint[] {
  return Array.from({ length: p.n }, (_, j) => z[sf.pos[j]] - (sf.neg[j] >= 0 ? z[sf.neg[j]] : 0n));
}

/** Original-row multipliers u_i = y_i·flip_i·rowScale_i (numerators; the caller divides). */
function backY(p: IntLP, sf: StdForm, y: readonly bigint[]): bigint[] {
  return y.map((v, i) => v * sf.flip[i] * p.rowScale[i]);
}

/**
 * Exact two-phase simplex by integer pivoting (SPEC: every certified number exact). Returns the optimum with
 * exact duals, or a Farkas certificate, or a feasible point and an improving ray.
 */
export function simplexSolve(lp: LP): LPResult {
  return simplexSolveInt(toIntLP(lp));
}

export function simplexSolveInt(p: IntLP): LPResult {
  const sf = standardForm(p);
  const tab = new Tableau(sf.A, sf.b, sf.c);
  const m = tab.m;
  const N = tab.N;
  // phase 1: maximise −Σ artificials over structural columns
  tab.run(m + 1, N);
  if (tab.T[m + 1][tab.rhs] < 0n) {
    const y = backY(p, sf, tab.duals(m + 1, -1n));
    return { status: 'infeasible', farkas: ratsOver(y, tab.det), method: 'simplex' };
  }
  tab.driveOutArtificials();
  const s = tab.run(m, N);
  const x = backX(p, sf, tab.primal());
  if (s >= 0) {
    // ray: z_s grows by det, basic z_B(i) falls by T[i][s]
    const d = new Array<bigint>(N).fill(0n);
    d[s] = tab.det;
    for (let i = 0; i < m; i++) if (tab.basis[i] < N) d[tab.basis[i]] = -tab.T[i][s];
    return { status: 'unbounded', x: ratsOver(x, tab.det), ray: ratsOver(backX(p, sf, d), tab.det), method: 'simplex' };
  }
  // value = det·(c·z) / det in the scaled objective; sign back for minimisation
  const sgn = p.maximize ? 1n : -1n;
  const value = frac(sgn * tab.T[m][tab.rhs], tab.det * p.objScale);
  const y = backY(p, sf, tab.duals(m, 0n)).map((v) => frac(sgn * v, tab.det * p.objScale));
  return { status: 'optimal', value, x: ratsOver(x, tab.det), y, method: 'simplex' };
}
