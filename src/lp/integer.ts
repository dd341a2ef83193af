import { numer, lcm } from '../exact/rational.js';
import { LP, Sense } from './types.js';

/**
 * The LP with every row scaled to integers (private to src/lp):
 *   row i:  Σ_j a[i][j] x_j (sense_i) b_i,  original row = this row / rowScale[i];
 *   objective: c_j / objScale.
 */
export interface IntLP {
  readonly m: number;
  readonly n: number;
  readonly maximize: boolean;
  readonly a: bigint[][];
  readonly b: bigint[];
  readonly sense: Sense[];
  readonly rowScale: bigint[];
  readonly c: bigint[];
  readonly objScale: bigint;
  readonly free: boolean[];
}

export function toIntLP(lp: LP): IntLP {
  const n = lp.numVars;
  if (lp.objective.length !== n) throw new RangeError(`LP: objective has ${lp.objective.length} entries, numVars = ${n}`);
  const a: bigint[][] = [];
  const b: bigint[] = [];
  const rowScale: bigint[] = [];
  const sense: Sense[] = [];
  for (const row of lp.rows) {
    let s = row.rhs.d;
    for (const v of row.val) s = lcm(s, v.d);
    const r = new Array<bigint>(n).fill(0n);
    row.idx.forEach((j, t) => {
      if (j < 0 || j >= n) throw new RangeError(`LP: column ${j} out of range`);
      r[j] += numer(row.val[t]) * (s / row.val[t].d);
    });
    a.push(r);
    b.push(numer(row.rhs) * (s / row.rhs.d));
    rowScale.push(s);
    sense.push(row.sense);
  }
  let cs = 1n;
  for (const v of lp.objective) cs = lcm(cs, v.d);
  const c = lp.objective.map((v) => numer(v) * (cs / v.d));
  const free = Array.from({ length: n }, (_, j) => lp.free?.[j] ?? false);
  return { m: a.length, n, maximize: lp.maximize, a, b, sense, rowScale, c, objScale: cs, free };
}
