// Who checks the checker: checkResult (the exact LP certificate) is fed valid certificates with one part
// perturbed and must reject each one unless the textbook definitions (test/oracles/lp.ts) say the perturbed
// certificate is still valid; plus the degenerate LPs and the single checks (dual sign, c·x = b·y, ≥ rows).
import { test } from '@fast-check/vitest';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Fraction, frac, ONE, ZERO, isZero } from '../exact/rational.js';
import { checkResult, farkasViolation, optimalityViolation, primalViolation, unboundedViolation } from './certificate.js';
import { toIntLP } from './integer.js';
import { simplexSolve } from './simplex.js';
import { LP, LPResult, LPRow, Sense } from './types.js';
import { validCertificate } from '../../test/oracles/lp.js';
import { params } from '../../test/helpers/fc.js';

function row(coefs: readonly (number | Fraction)[], sense: Sense, rhs: number | Fraction): LPRow {
  const idx: number[] = [];
  const val: Fraction[] = [];
  coefs.forEach((c, j) => {
    const v = typeof c === 'number' ? frac(c) : c;
    if (!isZero(v)) {
      idx.push(j);
      val.push(v);
    }
  });
  return { idx, val, sense, rhs: typeof rhs === 'number' ? frac(rhs) : rhs };
}
const lp = (maximize: boolean, c: number[], rows: LPRow[], free?: boolean[]): LP => ({ numVars: c.length, maximize, objective: c.map((v) => frac(v)), rows, free });
const F = (v: number | string) => (typeof v === 'number' ? frac(v) : frac(BigInt(v.split('/')[0]), BigInt(v.split('/')[1] ?? 1)));

/** Every single-part perturbation of a certificate. */
function perturbations(r: LPResult): [string, LPResult][] {
  const d = [frac(1, 7), frac(-1, 7), ONE, frac(-1)];
  const vary = (xs: Fraction[], f: (v: Fraction[]) => LPResult, name: string): [string, LPResult][] =>
    xs.flatMap((_, j) => [...d.map((dd): [string, LPResult] => [`${name}_${j} + ${dd.toFraction()}`, f(xs.map((v, i) => (i === j ? v.add(dd) : v)))]), [`${name}_${j} negated`, f(xs.map((v, i) => (i === j ? v.neg() : v)))] as [string, LPResult]]);
  if (r.status === 'optimal')
    return [
      ...vary(r.x, (x) => ({ ...r, x }), 'x'),
      ...vary(r.y, (y) => ({ ...r, y }), 'y'),
      ...d.map((dd): [string, LPResult] => [`value + ${dd.toFraction()}`, { ...r, value: r.value.add(dd) }]),
    ];
  if (r.status === 'infeasible') return vary(r.farkas, (farkas) => ({ ...r, farkas }), 'farkas');
  return [...vary(r.x, (x) => ({ ...r, x }), 'x'), ...vary(r.ray, (ray) => ({ ...r, ray }), 'ray'), ['ray zero', { ...r, ray: r.ray.map(() => ZERO) }]];
}

describe('LP certificates: perturbed certificates are rejected unless still valid by definition', () => {
  const lpArb = fc.record({
    n: fc.integer({ min: 1, max: 3 }),
    rows: fc.array(
      fc.record({ a: fc.array(fc.integer({ min: -3, max: 3 }), { minLength: 3, maxLength: 3 }), sense: fc.constantFrom<Sense>('<=', '>=', '='), b: fc.integer({ min: -3, max: 3 }) }),
      { minLength: 1, maxLength: 3 },
    ),
    c: fc.array(fc.integer({ min: -2, max: 2 }), { minLength: 3, maxLength: 3 }),
    maximize: fc.boolean(),
    free: fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }),
  });
  const seen = { optimal: 0, infeasible: 0, unbounded: 0 };
  test.prop([lpArb], params(300))('optimal, infeasible (Farkas) and unbounded (ray) certificates of the exact simplex', ({ n, rows, c, maximize, free }) => {
    const p = lp(maximize, c.slice(0, n), rows.map((r) => row(r.a.slice(0, n), r.sense, r.b)), free.slice(0, n));
    const r = simplexSolve(p);
    seen[r.status]++;
    expect(checkResult(p, r)).toBeNull();
    expect(validCertificate(p, r)).toBe(true);
    for (const [name, bad] of perturbations(r)) expect(checkResult(p, bad) === null, name).toBe(validCertificate(p, bad));
  });
  it('the LPs above reached every status', () => {
    expect(seen.optimal).toBeGreaterThan(20);
    expect(seen.infeasible).toBeGreaterThan(10);
    expect(seen.unbounded).toBeGreaterThan(10);
  });
});

describe('degenerate LPs and the single checks', () => {
  it('max x s.t. −x ≥ 0 is optimal at 0 (artificials driven out of the basis), not unbounded', () => {
    const p = lp(true, [1], [row([-1], '>=', 0)]);
    const r = simplexSolve(p);
    expect(r.status).toBe('optimal');
    if (r.status === 'optimal') {
      expect(r.value.toFraction()).toBe('0');
      expect(r.x.map((v) => v.toFraction())).toEqual(['0']);
    }
    expect(checkResult(p, r)).toBeNull();
    // the same with an equality row and a redundant copy of it
    const q = lp(true, [1, 1], [row([-1, 0], '=', 0), row([-2, 0], '=', 0), row([0, 1], '<=', 2)]);
    const s = simplexSolve(q);
    expect(s.status).toBe('optimal');
    if (s.status === 'optimal') expect(s.value.toFraction()).toBe('2');
    expect(checkResult(q, s)).toBeNull();
  });

  it("the dual's sign is checked: max x, x ≤ 2, x ≤ 3 with y = (4, −2) meets every other condition", () => {
    const p = lp(true, [1], [row([1], '<=', 2), row([1], '<=', 3)]);
    const good: LPResult = { status: 'optimal', value: F(2), x: [F(2)], y: [F(1), F(0)], method: 'simplex' };
    const bad: LPResult = { status: 'optimal', value: F(2), x: [F(2)], y: [F(4), F(-2)], method: 'simplex' };
    expect(checkResult(p, good)).toBeNull();
    expect(checkResult(p, bad)).toMatch(/wrong sign/);
    // minimising flips the signs: min −x, −x ≥ −2, −x ≥ −3 has y = (1, 0) with y ≥ 0 on ≥ rows
    const q = lp(false, [-1], [row([-1], '>=', -2), row([-1], '>=', -3)]);
    expect(checkResult(q, { status: 'optimal', value: F(-2), x: [F(2)], y: [F(1), F(0)], method: 'simplex' })).toBeNull();
    expect(checkResult(q, { status: 'optimal', value: F(-2), x: [F(2)], y: [F(4), F(-2)], method: 'simplex' })).toMatch(/wrong sign/);
  });

  it('c·x = b·y is checked: max x, x ≤ 2 with x = 1, y = 1 is primal and dual feasible', () => {
    const p = lp(true, [1], [row([1], '<=', 2)]);
    expect(checkResult(p, { status: 'optimal', value: F(1), x: [F(1)], y: [F(1)], method: 'simplex' })).toBe('objectives differ');
    expect(checkResult(p, { status: 'optimal', value: F(1), x: [F(2)], y: [F(1)], method: 'simplex' })).toBe('reported value differs from c·x');
  });

  it('≥ rows are checked: max 0 s.t. x ≥ 1 with x = 0, y = 0', () => {
    const p = lp(true, [0], [row([1], '>=', 1)]);
    expect(checkResult(p, { status: 'optimal', value: F(0), x: [F(1)], y: [F(0)], method: 'simplex' })).toBeNull();
    expect(checkResult(p, { status: 'optimal', value: F(0), x: [F(0)], y: [F(0)], method: 'simplex' })).toMatch(/row 0 violated/);
    const ip = toIntLP(p);
    expect(primalViolation(ip, [0n], 1n)).toBe('row 0 violated');
    expect(primalViolation(ip, [1n], 1n)).toBeNull();
    // ≤ and = rows, and negative variables
    const q = toIntLP(lp(true, [0, 0], [row([1, 0], '<=', 1), row([0, 1], '=', 1)]));
    expect(primalViolation(q, [2n, 1n], 1n)).toBe('row 0 violated');
    expect(primalViolation(q, [1n, 2n], 1n)).toBe('row 1 violated');
    expect(primalViolation(q, [-1n, 1n], 1n)).toBe('x_0 < 0');
    expect(primalViolation(q, [1n, 1n], 1n)).toBeNull();
  });

  it('reduced costs: free columns need equality, x ≥ 0 columns the right inequality', () => {
    // max x + y, x + y ≤ 1, y free: y_row = 1 exactly
    const p = toIntLP(lp(true, [1, 1], [row([1, 1], '<=', 1)], [false, true]));
    expect(optimalityViolation(p, [F(0), F(1)], [F(1)])).toBeNull();
    expect(optimalityViolation(p, [F(0), F(1)], [F(2)])).toMatch(/reduced cost of x_1/);
    const m = toIntLP(lp(false, [1], [row([1], '>=', 1)]));
    expect(optimalityViolation(m, [F(1)], [F(1)])).toBeNull();
    expect(optimalityViolation(m, [F(1)], [F('1/2')])).not.toBeNull();
  });

  it('Farkas: signs, columns and y·b < 0 are each checked', () => {
    // x ≤ 1 and x ≥ 2: y = (1, −1) proves infeasibility
    const p = toIntLP(lp(true, [0], [row([1], '<=', 1), row([1], '>=', 2)]));
    expect(farkasViolation(p, [F(1), F(-1)])).toBeNull();
    expect(farkasViolation(p, [F(-1), F(1)])).toMatch(/wrong sign/);
    expect(farkasViolation(p, [F(1), F(0)])).toBe('y·b ≥ 0');
    expect(farkasViolation(p, [F(0), F(-1)])).toBe('column 0');
    // free column: yᵀA must vanish
    const q = toIntLP(lp(true, [0], [row([1], '<=', 1), row([1], '>=', 2)], [true]));
    expect(farkasViolation(q, [F(1), F(-1)])).toBeNull();
    expect(farkasViolation(q, [F(2), F(-1)])).toBe('column 0');
  });

  it('unbounded: the ray must stay in every row and improve', () => {
    // max x, x − y ≤ 1, y ≥ 0 (≥ row): ray (1, 1)
    const p = toIntLP(lp(true, [1, 0], [row([1, -1], '<=', 1), row([0, 1], '>=', 0)]));
    expect(unboundedViolation(p, [F(0), F(0)], [F(1), F(1)])).toBeNull();
    expect(unboundedViolation(p, [F(0), F(0)], [F(1), F(0)])).toBe('ray leaves row 0');
    expect(unboundedViolation(p, [F(0), F(0)], [F(0), F(-1)])).toMatch(/ray_1 < 0/);
    expect(unboundedViolation(p, [F(0), F(0)], [F(0), F(1)])).toBe('ray does not improve');
    expect(unboundedViolation(p, [F(2), F(0)], [F(1), F(1)])).toMatch(/primal/);
    const q = toIntLP(lp(true, [1, 0], [row([1, -1], '<=', 1), row([1, 0], '>=', 0), row([0, 1], '=', 0)], [true, true]));
    expect(unboundedViolation(q, [F(0), F(0)], [F(-1), F(0)])).toBe('ray leaves row 1');
    expect(unboundedViolation(q, [F(0), F(0)], [F(1), F(0)])).toBe('ray leaves row 0');
    expect(unboundedViolation(q, [F(0), F(0)], [F(0), F(1)])).toBe('ray leaves row 2');
    expect(unboundedViolation(q, [F(0), F(0)], [F(1), F(1)])).toBe('ray leaves row 2');
  });
});
