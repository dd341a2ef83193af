// C1 (exact LP certificates): the degenerate LPs of the simplex's history, the independent check by definition
// on certificates crafted valid and invalid, the judge fed its own evidence with one part perturbed (rejected),
// the instance format (strict), and the claim failing on a certificate check that accepts too much.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { Fraction, frac, ZERO } from '../exact/rational.js';
import { loadGlpk } from '../lp/glpk.js';
import { denseRow, LP, LPResult } from '../lp/types.js';
import { C1, C1Evidence, C1Instance, changesOf, lpEvidence, lpOf } from './c1.js';
import { profileFromJson } from '../model/codec.js';
import { lpCertificateByDefinition } from './oracles.js';
import { SEED } from '../../test/helpers/fc.js';

beforeAll(() => loadGlpk());

const q = (n: number, d = 1) => frac(n, d);
/** max x s.t. −x ≥ 0: optimal at 0 (a simplex that leaves an artificial in the basis calls it unbounded). */
const DEGENERATE: LP = { numVars: 1, maximize: true, objective: [q(1)], rows: [denseRow([q(-1)], '>=', ZERO)] };
/** min x + y s.t. x + y ≤ −1: infeasible. */
const INFEASIBLE: LP = { numVars: 2, maximize: false, objective: [q(1), q(1)], rows: [denseRow([q(1), q(1)], '<=', q(-1))] };
/** max x s.t. x − y ≤ 1, y free: unbounded along (1, 1). */
const UNBOUNDED: LP = { numVars: 2, maximize: true, objective: [q(1), ZERO], rows: [denseRow([q(1), q(-1)], '<=', q(1))], free: [false, true] };

/** Unanimous a ≻ b, unedited: NLHF's LP max v s.t. ½π(a) ≥ v, π(a) + ½π(b) ≥ v, Σ π = 1 (value ½ at δ_a). */
const NLHF: C1Instance = {
  profile: profileFromJson({ responses: ['a', 'b'], users: [{ weight: 1, ranking: [['a'], ['b']] }] }),
  maximize: true,
  normalisation: { sense: '=', rhs: frac(1) },
  extra: null,
  free: [false, false],
};
/** The verdict of an LP's evidence (the judge reads the evidence only). */
const verdictOf = (lp: LP) => C1.judge(NLHF, lpEvidence(lp));

describe('C1: answers on crafted LPs', () => {
  it('max x s.t. −x ≥ 0 is optimal at 0 by both solvers, certified by both checks', () => {
    const e = lpEvidence(DEGENERATE);
    expect(e.judgements.map((j) => `${j.of}: ${j.change}`).filter((c) => c.endsWith('as computed'))).toEqual(['simplex: as computed', 'glpk: as computed']);
    expect(e.judgements[0]).toEqual({ of: 'simplex', change: 'as computed', checker: true, definition: true });
    expect(e.simplex.status).toBe('optimal');
    expect(e.glpk?.status).toBe('optimal');
    const v = verdictOf(DEGENERATE);
    expect(v.ok).toBe(true);
    expect(v.certificate).toMatchObject({ status: 'optimal', value: '0' });
  });

  it('an infeasible and an unbounded LP: the same status by both solvers, every change judged alike', () => {
    expect(verdictOf(INFEASIBLE).certificate.status).toBe('infeasible');
    expect(verdictOf(UNBOUNDED).certificate.status).toBe('unbounded');
    for (const lp of [INFEASIBLE, UNBOUNDED]) expect(verdictOf(lp).ok).toBe(true);
  });

  it("NLHF's LP on unanimous a ≻ b: rows P(y ≻ z) by definition, optimum ½ at δ_a; its edits", () => {
    const lp = lpOf(NLHF);
    expect(lp.rows.map((r) => [r.idx, r.val.map((v) => v.toFraction()), r.sense, r.rhs.toFraction()])).toEqual([
      [[0, 2], ['1/2', '-1'], '>=', '0'], // P(b ≻ a) = 0: no entry
      [[0, 1, 2], ['1', '1/2', '-1'], '>=', '0'],
      [[0, 1], ['1', '1'], '=', '1'],
    ]);
    expect(lp.free).toEqual([false, false, true]);
    const v = C1.check(NLHF);
    expect(v.certificate).toMatchObject({ status: 'optimal', value: '1/2' });
    expect(C1.check({ ...NLHF, maximize: false }).certificate.status).toBe('unbounded');
    expect(C1.check({ ...NLHF, normalisation: { sense: '=', rhs: frac(-1) } }).certificate.status).toBe('infeasible');
    expect(C1.check({ ...NLHF, normalisation: { sense: '>=', rhs: frac(1) } }).certificate.status).toBe('unbounded');
    expect(C1.check({ ...NLHF, normalisation: { sense: '<=', rhs: ZERO } }).certificate).toMatchObject({ status: 'optimal', value: '0' });
    const extra = { coefs: [frac(1), frac(-1), ZERO], sense: '<=' as const, rhs: frac(-1, 2) }; // π(a) ≤ π(b) − ½
    expect(lpOf({ ...NLHF, extra }).rows).toHaveLength(4);
    // π(a) ≤ 1/4 and v ≤ P(π ≻ a) = ½π(a): 1/8
    expect(C1.check({ ...NLHF, extra }).certificate).toMatchObject({ status: 'optimal', value: '1/8' });
    expect(lpOf({ ...NLHF, free: [true, false] }).free).toEqual([true, false, true]);
    for (const i of [NLHF, { ...NLHF, maximize: false }, { ...NLHF, extra }]) expect(C1.check(i).ok).toBe(true);
  });

  it('the generator reaches every status, free columns, = rows and glpk.js-certified optima', () => {
    const seen = new Set<string>();
    for (const i of fc.sample(C1.arbitrary(), { seed: SEED, numRuns: 300 })) {
      const e = C1.evidence(i);
      seen.add(e.simplex.status);
      if (e.glpk?.method === 'glpk+certificate') seen.add('glpk');
      if (i.free.some((f) => f)) seen.add('free');
      if (i.extra !== null) seen.add('extra');
      if (!i.maximize) seen.add('min');
      if (i.normalisation.sense !== '=') seen.add('normalisation sense');
      if (i.normalisation.rhs.equals(-1)) seen.add('normalisation −1');
      if (i.normalisation.rhs.equals(0)) seen.add('normalisation 0');
    }
    expect([...seen].sort()).toEqual(['extra', 'free', 'glpk', 'infeasible', 'min', 'normalisation 0', 'normalisation sense', 'normalisation −1', 'optimal', 'unbounded']);
  });
});

describe('C1: the certificate by definition', () => {
  // max x + y s.t. x + 2y ≤ 4, 3x + y ≤ 6: optimum 14/5 at (8/5, 6/5), duals (2/5, 1/5)
  const LP2: LP = { numVars: 2, maximize: true, objective: [q(1), q(1)], rows: [denseRow([q(1), q(2)], '<=', q(4)), denseRow([q(3), q(1)], '<=', q(6))] };
  const OPT: LPResult = { status: 'optimal', x: [q(8, 5), q(6, 5)], y: [q(2, 5), q(1, 5)], value: q(14, 5), method: 'simplex' };
  const valid = (r: LPResult, lp = LP2) => lpCertificateByDefinition(lp, r);

  it('accepts the optimum and rejects each broken condition', () => {
    expect(valid(OPT)).toBe(true);
    expect(valid({ ...OPT, x: [q(2), q(1)], value: q(3) })).toBe(false); // row 0 holds, row 1: 7 > 6
    expect(valid({ ...OPT, x: [q(-1), q(2)], value: q(1) })).toBe(false); // x_0 < 0
    expect(valid({ ...OPT, y: [q(-2, 5), q(1, 5)] })).toBe(false); // wrong sign
    expect(valid({ ...OPT, y: [q(1), q(0)] })).toBe(false); // dual feasible but b·y = 4
    expect(valid({ ...OPT, y: [q(0), q(1, 5)] })).toBe(false); // reduced cost of x_1
    expect(valid({ ...OPT, value: q(3) })).toBe(false);
    expect(valid({ ...OPT, x: [q(1), q(1)], value: q(2) })).toBe(false); // feasible, but c·x ≠ b·y
    // minimising the negated objective: the duals change sign
    const MIN: LP = { ...LP2, maximize: false, objective: [q(-1), q(-1)] };
    expect(valid({ ...OPT, y: [q(-2, 5), q(-1, 5)], value: q(-14, 5) }, MIN)).toBe(true);
    expect(valid({ ...OPT, value: q(-14, 5) }, MIN)).toBe(false);
    // a free column needs an equal reduced cost; a ≥ row a non-positive multiplier when maximising
    const FREE: LP = { numVars: 1, maximize: true, objective: [q(1)], rows: [denseRow([q(1)], '<=', q(2)), denseRow([q(1)], '>=', q(-5))], free: [true] };
    expect(valid({ status: 'optimal', x: [q(2)], y: [q(1), ZERO], value: q(2), method: 'simplex' }, FREE)).toBe(true);
    expect(valid({ status: 'optimal', x: [q(2)], y: [q(2), q(-1)], value: q(2), method: 'simplex' }, FREE)).toBe(false); // b·y = 4 + 5
    expect(valid({ status: 'optimal', x: [q(2)], y: [q(2), ZERO], value: q(2), method: 'simplex' }, FREE)).toBe(false); // yA = 2 ≠ 1
    expect(valid({ status: 'optimal', x: [q(2)], y: [q(1), q(1, 2)], value: q(2), method: 'simplex' }, FREE)).toBe(false); // sign on ≥
    expect(valid({ status: 'optimal', x: [q(2)], y: [q(1)], value: q(2), method: 'simplex' }, FREE)).toBe(false); // y too short
    expect(valid({ ...OPT, x: [q(8, 5)], value: q(8, 5) })).toBe(false); // x too short
    expect(valid({ ...OPT, x: [q(8, 5), q(6, 5), q(1)] })).toBe(false); // x too long
  });

  it('Farkas vectors and rays', () => {
    const far = (farkas: Fraction[]): LPResult => ({ status: 'infeasible', farkas, method: 'simplex' });
    expect(valid(far([q(1)]), INFEASIBLE)).toBe(true); // y·A = (1, 1) ≥ 0, y·b = −1 < 0
    expect(valid(far([q(-1)]), INFEASIBLE)).toBe(false);
    expect(valid(far([ZERO]), INFEASIBLE)).toBe(false); // y·b = 0
    // x ≥ 1 and x ≤ 0: y = (−1 on ≥, 1 on ≤): yA = 0, y·b = −1
    const TWO: LP = { numVars: 1, maximize: true, objective: [q(1)], rows: [denseRow([q(1)], '>=', q(1)), denseRow([q(1)], '<=', ZERO)] };
    expect(valid(far([q(-1), q(1)]), TWO)).toBe(true);
    expect(valid(far([q(1), q(1)]), TWO)).toBe(false);
    expect(valid(far([q(-1), q(2)]), TWO)).toBe(true); // yA = 1 ≥ 0 on x ≥ 0, y·b = −1
    expect(valid(far([q(-1), q(2)]), { ...TWO, free: [true] })).toBe(false); // = 0 needed on a free column
    const ray = (x: number[], d: number[]): LPResult => ({ status: 'unbounded', x: x.map((v) => q(v)), ray: d.map((v) => q(v)), method: 'simplex' });
    expect(valid(ray([0, 0], [1, 1]), UNBOUNDED)).toBe(true);
    expect(valid(ray([2, 0], [1, 1]), UNBOUNDED)).toBe(false); // x infeasible
    expect(valid(ray([0, 0], [1, 0]), UNBOUNDED)).toBe(false); // leaves the row
    expect(valid(ray([0, 0], [0, 1]), UNBOUNDED)).toBe(false); // does not improve
    expect(valid(ray([0, 0], [-1, -1]), UNBOUNDED)).toBe(false); // x_0 ≥ 0 column
    expect(valid(ray([0, 0], [1, 1]), { ...UNBOUNDED, maximize: false })).toBe(false); // improves the wrong way
    expect(valid(ray([0, 0], [0, -1]), { ...UNBOUNDED, maximize: false, objective: [ZERO, q(1)] })).toBe(false); // min y is bounded: y ≥ x − 1
    expect(valid(ray([0, 0], [1, 1]), { ...UNBOUNDED, maximize: false, objective: [q(-1), ZERO] })).toBe(true);
  });

  it('the changes of a certificate: each coordinate three ways, the value, another status', () => {
    const names = changesOf(LP2, OPT).map(([n]) => n);
    expect(names).toEqual([
      'x[0] + 1', 'x[0] − 1/2', 'x[0] negated', 'x[1] + 1', 'x[1] − 1/2', 'x[1] negated',
      'y[0] + 1', 'y[0] − 1/2', 'y[0] negated', 'y[1] + 1', 'y[1] − 1/2', 'y[1] negated',
      'value + 1/2', 'y read as a Farkas vector', 'x read as a ray',
    ]);
    // a moved x carries its own value c·x (so that only feasibility and duality can reject it)
    const moved = changesOf(LP2, OPT)[0][1];
    expect(moved.status === 'optimal' && moved.value.toFraction()).toBe('19/5');
    expect(changesOf(INFEASIBLE, { status: 'infeasible', farkas: [q(1)], method: 'simplex' }).map(([n]) => n)).toEqual(['farkas[0] + 1', 'farkas[0] − 1/2', 'farkas[0] negated', 'read as optimal at 0']);
    expect(changesOf(UNBOUNDED, { status: 'unbounded', x: [ZERO, ZERO], ray: [q(1), q(1)], method: 'simplex' }).map(([n]) => n)).toEqual([
      'x[0] + 1', 'x[0] − 1/2', 'x[1] + 1', 'x[1] − 1/2', 'ray[0] + 1', 'ray[0] − 1/2', 'ray[0] negated', 'ray[1] + 1', 'ray[1] − 1/2', 'ray[1] negated', 'read as optimal',
    ]);
  });
});

describe('C1: the judge rejects wrong evidence', () => {
  const cases = () => fc.sample(C1.arbitrary(), { seed: SEED, numRuns: 30 }).map((i) => ({ i, e: C1.evidence(i) }));
  it('accepts its evidence and rejects every perturbation', () => {
    let perturbed = 0;
    for (const { i, e } of cases()) {
      expect(C1.judge(i, e).ok).toBe(true);
      const bad: [string, C1Evidence][] = [];
      e.judgements.forEach((j, t) => {
        const put = (k: typeof j) => ({ ...e, judgements: e.judgements.map((u, s) => (s === t ? k : u)) });
        bad.push([`${j.of} ${j.change}: checker flipped`, put({ ...j, checker: !j.checker })]);
        if (j.change === 'as computed') bad.push([`${j.of}: both reject the answer`, put({ ...j, checker: false, definition: false })]);
      });
      const g = e.glpk!;
      const other: LPResult = g.status === 'optimal' ? { status: 'infeasible', farkas: g.y, method: g.method } : { status: 'optimal', x: [], y: [], value: ZERO, method: g.method };
      bad.push(['glpk: another status', { ...e, glpk: other }]);
      if (g.status === 'optimal') bad.push(['glpk: another value', { ...e, glpk: { ...g, value: g.value.add(frac(1, 1009)) } }]);
      for (const [name, b] of bad) {
        perturbed++;
        expect(C1.judge(i, b).ok, name).toBe(false);
      }
    }
    expect(perturbed).toBeGreaterThan(300);
  });

  it('the verdict: status, value, the changes made and rejected; the glpk.js side stays out of it', () => {
    const v = verdictOf(DEGENERATE);
    const e = lpEvidence(DEGENERATE);
    expect(C1.judge(NLHF, { ...e, glpk: null, judgements: e.judgements.filter((j) => j.of === 'simplex') }).certificate).toEqual(v.certificate);
    // x = 0, y = −1 (≤ 0 on a ≥ row, −y ≥ 1): x + 1, x − 1/2, y + 1, y − 1/2, y negated, value, Farkas, ray; only
    // y − 1/2 = −3/2 is still a valid dual
    expect(v.certificate).toEqual({ status: 'optimal', value: '0', changes: 8, rejected: 7 });
    expect(v.slack.toFraction()).toBe('0');
    // a disagreement is named in the certificate
    const flipped = e.judgements.map((j) => (j.of === 'simplex' && j.change === 'value + 1/2' ? { ...j, checker: true } : j));
    const w = C1.judge(NLHF, { ...e, judgements: flipped });
    expect(w.slack.toFraction()).toBe('-1');
    expect(w.certificate).toMatchObject({ rejected: 6, disagree: ['value + 1/2'] });
  });
});

// the round trip of generated instances (toJson → text → fromJson, same verdict): instances.spec, for every claim
describe('C1: instances as JSON (strict)', () => {
  it('refuses an unknown key, a row of another length, an unknown sense, a profile of two prompts', () => {
    const ok = {
      profile: { responses: ['a', 'b'], users: [{ weight: '1', ranking: [['a'], ['b']] }] },
      maximize: true,
      normalisation: { sense: '=', rhs: 1 },
      extra: { coefs: ['1/2', '0.5', -1], sense: '<=', rhs: '1' },
      free: [false, true],
    };
    expect(C1.toJson(C1.fromJson(ok))).toEqual({ ...ok, normalisation: { sense: '=', rhs: '1' }, extra: { coefs: ['1/2', '1/2', '-1'], sense: '<=', rhs: '1' } });
    const two = { prompts: [{ weight: 1, ...ok.profile }, { weight: 1, ...ok.profile }] };
    const bad: [unknown, string][] = [
      [{ ...ok, maximise: true }, 'instance: $: unknown key "maximise"'],
      [{ ...ok, extra: { ...ok.extra, coefs: ['1', 1] } }, 'instance: $.extra.coefs: has 2 entries; the LP has 3 columns (π of 2 responses, v)'],
      [{ ...ok, extra: { ...ok.extra, sense: '<' } }, 'instance: $.extra.sense:'],
      [{ ...ok, normalisation: { sense: '=', rhs: '1/0' } }, 'instance: $.normalisation.rhs:'],
      [{ ...ok, free: [true] }, 'instance: $.free: has 1 entries, the prompt 2 responses'],
      [{ ...ok, profile: two }, 'C1: expects a single-prompt profile'],
    ];
    for (const [json, msg] of bad) expect(() => C1.fromJson(json), msg).toThrow(msg);
  });
});

describe('C1: what it says of itself', () => {
  it('id, title, rule, expected outcome, runs, statement, comparison', () => {
    expect([C1.id, C1.title, C1.rule, C1.expect, C1.defaultRuns]).toEqual(['C1', 'exact LP certificates', 'any (LPs)', 'holds', 500]);
    expect(C1.statement).toMatch(/^On the NLHF LP of every profile and on edits of it .* rejected unless it is still valid by definition\.$/);
    expect(C1.compares).toMatch(/^the exact simplex against glpk\.js \+ the exact certificate .* \(oracles, on the rational rows\)$/);
    expect(C1.latex).toMatch(/^\\mathrm\{checkResult\}\(P, r\) = \\mathrm\{valid\}\(P, r\)/);
  });

  it('refuses instances of the wrong shape, naming the shape', () => {
    const ok = { profile: { responses: ['a'], users: [{ weight: '1', ranking: [['a']] }] }, maximize: true, normalisation: { sense: '=', rhs: '1' }, extra: null, free: [false] };
    expect(C1.fromJson(ok).extra).toBeNull();
    expect(() => C1.fromJson(5)).toThrow('instance: $: expected a C1 instance {"profile", "maximize", "normalisation", "extra", "free"}');
    expect(() => C1.fromJson({ ...ok, normalisation: 1 })).toThrow('instance: $.normalisation: expected a normalisation {"sense", "rhs"}');
    expect(() => C1.fromJson({ ...ok, extra: 1 })).toThrow('instance: $.extra: expected a row {"coefs", "sense", "rhs"} or null, got 1');
    expect(() => C1.fromJson({ ...ok, normalisation: { sense: '<', rhs: 1 } })).toThrow('instance: $.normalisation.sense: expected one of "<=", ">=", "=", got "<"');
    expect(() => C1.fromJson({ ...ok, extra: { coefs: [1, '1/0'], sense: '=', rhs: 0 } })).toThrow('instance: $.extra.coefs[1]: "1/0" has a zero denominator');
    expect(() => C1.fromJson({ ...ok, extra: { coefs: [1, 2], sense: '=', rhs: 0, x: 1 } })).toThrow('instance: $.extra: unknown key "x"');
  });
});
