// The integer form of an LP: rows scaled by the lcm of their denominators, the objective by its own,
// repeated column indices summed, refusals of malformed LPs; denseRow drops zeros.
import { describe, expect, it } from 'vitest';
import { frac, parseRational } from '../exact/rational.js';
import { toIntLP } from './integer.js';
import { LP, denseRow } from './types.js';

const r = (s: string | number) => parseRational(String(s))!;

describe('toIntLP', () => {
  it('scales each row and the objective to integers and keeps senses and free flags', () => {
    const lp: LP = {
      numVars: 3,
      maximize: false,
      objective: [r('1/2'), r('-1/3'), r(0)],
      rows: [
        { idx: [0, 2], val: [r('1/4'), r('-1/6')], sense: '<=', rhs: r('1/3') },
        { idx: [1], val: [r(2)], sense: '>=', rhs: r(-3) },
        { idx: [0, 0, 2], val: [r('1/2'), r('1/2'), r(1)], sense: '=', rhs: r('5/2') },
      ],
      free: [false, true],
    };
    const p = toIntLP(lp);
    expect([p.m, p.n, p.maximize]).toEqual([3, 3, false]);
    expect(p.a).toEqual([
      [3n, 0n, -2n],
      [0n, 2n, 0n],
      [2n, 0n, 2n],
    ]);
    expect(p.b).toEqual([4n, -3n, 5n]);
    expect(p.rowScale).toEqual([12n, 1n, 2n]);
    expect(p.sense).toEqual(['<=', '>=', '=']);
    expect(p.c).toEqual([3n, -2n, 0n]);
    expect(p.objScale).toBe(6n);
    expect(p.free).toEqual([false, true, false]);
    expect(toIntLP({ numVars: 1, maximize: true, objective: [r(1)], rows: [] }).free).toEqual([false]);
  });

  it('refuses an objective of the wrong length and a column out of range', () => {
    expect(() => toIntLP({ numVars: 2, maximize: true, objective: [r(1)], rows: [] })).toThrow('LP: objective has 1 entries, numVars = 2');
    const bad = (j: number): LP => ({ numVars: 2, maximize: true, objective: [r(1), r(1)], rows: [{ idx: [j], val: [r(1)], sense: '<=', rhs: r(1) }] });
    expect(() => toIntLP(bad(2))).toThrow('LP: column 2 out of range');
    expect(() => toIntLP(bad(-1))).toThrow(RangeError);
    expect(toIntLP(bad(1)).a).toEqual([[0n, 1n]]);
    expect(toIntLP(bad(0)).a).toEqual([[1n, 0n]]);
  });
});

describe('denseRow', () => {
  it('keeps the nonzero coefficients with their columns', () => {
    expect(denseRow([r(0), r('1/2'), r(0), r(-3)], '>=', frac(2))).toEqual({ idx: [1, 3], val: [r('1/2'), r(-3)], sense: '>=', rhs: frac(2) });
    expect(denseRow([], '=', frac(0))).toEqual({ idx: [], val: [], sense: '=', rhs: frac(0) });
  });
});
