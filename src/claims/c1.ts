// C1 exact LP certificates (the LPs behind V_k, the maximal lotteries and the equilibria; lp/types.ts): on the
// NLHF LP of a profile (SPEC §3, k = 1: max v s.t. Σ_y π(y) P(y ≻ z) ≥ v for every z, Σ π = 1, π ≥ 0) and on
// edits of it that make it infeasible, unbounded or degenerate (the normalisation row's sense and right-hand
// side, an extra row of any signs, free columns, minimising), the exact simplex and glpk.js (where it is
// loaded, as in verify) give certified answers that agree, and the certificate check (lp/certificate.ts,
// which every glpk.js answer must pass) accepts a certificate exactly when it is valid.
// Compares: the exact simplex (simplex.ts) against glpk.js's float answer made exact and certified (glpk.ts,
// solve.ts), on status and optimal value; both answers' certificates by `checkResult` (certificate.ts, on the
// integer-scaled LP) and by their definition on the LP's own rows (oracles.lpCertificateByDefinition); and every
// one-part change of each certificate (a coordinate of x, y, the Farkas vector or the ray moved, a value moved,
// the same vectors read as another status) judged by both, which must agree: a wrong certificate accepted, or a
// right one rejected, fails the claim. The LP's rows are P(y ≻ z) by definition (oracles).
import fc from 'fast-check';
import { Fraction, frac, ZERO } from '../exact/rational.js';
import { parseExact, profileToJson } from '../model/codec.js';
import { inputError, S, validate } from '../model/schema.js';
import { Profile } from '../model/types.js';
import { checkResult } from '../lp/certificate.js';
import { glpkIfLoaded } from '../lp/glpk.js';
import { simplexSolve } from '../lp/simplex.js';
import { solveLPSync } from '../lp/solve.js';
import { denseRow, LP, LPResult, Sense } from '../lp/types.js';
import { onlyPrompt, profileField, ratList } from './json.js';
import { lpCertificateByDefinition, preferenceByDefinition } from './oracles.js';
import { profileArbFor } from './instances.js';
import { defineClaim, holds, minRat, profileSize, verdict } from './types.js';

/** A row a·(π, v) (sense) rhs over the LP's columns π(y_0..y_{n−1}), v. */
export interface C1Row {
  readonly coefs: readonly Fraction[];
  readonly sense: Sense;
  readonly rhs: Fraction;
}

/** The NLHF LP of a one-prompt profile, edited: see lpOf. */
export interface C1Instance {
  readonly profile: Profile;
  /** false: minimise v (unbounded below while feasible). */
  readonly maximize: boolean;
  /** Σ_y π(y) (sense) rhs; '=' 1 is NLHF's. */
  readonly normalisation: { readonly sense: Sense; readonly rhs: Fraction };
  /** A row added at the end (null: none). */
  readonly extra: C1Row | null;
  /** π(y) free in sign (v is always free). */
  readonly free: readonly boolean[];
}

/** One certificate judged twice: by checkResult and by definition (true: valid). */
export interface C1Judgement {
  readonly of: 'simplex' | 'glpk';
  /** 'as computed', or the one-part change made to it. */
  readonly change: string;
  readonly checker: boolean;
  readonly definition: boolean;
}

export interface C1Evidence {
  readonly simplex: LPResult;
  /** glpk.js + the exact certificate (solveLPSync with method 'glpk'); null where glpk.js is not loaded. */
  readonly glpk: LPResult | null;
  readonly judgements: readonly C1Judgement[];
}

const MAXN = 4;
const SENSES: readonly Sense[] = ['<=', '>=', '='];

const sumCx = (lp: LP, x: readonly Fraction[]): Fraction => lp.objective.reduce((s, c, j) => s.add(c.mul(x[j])), ZERO);

/** Every one-part change of a result: each coordinate moved by +1, by −1/2 and negated; the value moved; the vectors read as another status. */
export function changesOf(lp: LP, r: LPResult): [string, LPResult][] {
  const out: [string, LPResult][] = [];
  const moves = (name: string, xs: readonly Fraction[], put: (v: Fraction[]) => LPResult) =>
    xs.forEach((v, i) => {
      const at = (w: Fraction) => put(xs.map((u, t) => (t === i ? w : u)));
      out.push([`${name}[${i}] + 1`, at(v.add(1))], [`${name}[${i}] − 1/2`, at(v.sub(frac(1, 2)))]);
      if (!v.equals(0)) out.push([`${name}[${i}] negated`, at(v.neg())]);
    });
  const zeros = (len: number) => Array.from({ length: len }, () => ZERO);
  if (r.status === 'optimal') {
    moves('x', r.x, (x) => ({ ...r, x, value: sumCx(lp, x) }));
    moves('y', r.y, (y) => ({ ...r, y }));
    out.push(['value + 1/2', { ...r, value: r.value.add(frac(1, 2)) }]);
    out.push(['y read as a Farkas vector', { status: 'infeasible', farkas: r.y, method: r.method }]);
    out.push(['x read as a ray', { status: 'unbounded', x: r.x, ray: r.x, method: r.method }]);
  } else if (r.status === 'infeasible') {
    moves('farkas', r.farkas, (farkas) => ({ ...r, farkas }));
    out.push(['read as optimal at 0', { status: 'optimal', x: zeros(lp.numVars), y: r.farkas, value: ZERO, method: r.method }]);
  } else {
    moves('x', r.x, (x) => ({ ...r, x }));
    moves('ray', r.ray, (ray) => ({ ...r, ray }));
    out.push(['read as optimal', { status: 'optimal', x: r.x, y: zeros(lp.rows.length), value: sumCx(lp, r.x), method: r.method }]);
  }
  return out;
}

function judgements(lp: LP, of: C1Judgement['of'], r: LPResult): C1Judgement[] {
  const judge = (change: string, c: LPResult): C1Judgement => ({ of, change, checker: checkResult(lp, c) === null, definition: lpCertificateByDefinition(lp, c) });
  return [judge('as computed', r), ...changesOf(lp, r).map(([change, c]) => judge(change, c))];
}

/** Both solvers' answers on an LP, and every judgement of their certificates and of their changes. */
export function lpEvidence(lp: LP): C1Evidence {
  const simplex = simplexSolve(lp);
  const glpk = glpkIfLoaded() === null ? null : solveLPSync(lp, { method: 'glpk' });
  return { simplex, glpk, judgements: [...judgements(lp, 'simplex', simplex), ...(glpk === null ? [] : judgements(lp, 'glpk', glpk))] };
}

const valueOf = (r: LPResult): Fraction | null => (r.status === 'optimal' ? r.value : null);

/**
 * The LP of an instance: max (or min) v s.t. Σ_y π(y) P(y ≻ z) − v ≥ 0 for every z (P by definition, SPEC §2),
 * the normalisation row, the extra row; π(y) ≥ 0 unless free, v free.
 */
export function lpOf(i: C1Instance): LP {
  const prompt = i.profile.prompts[0].prompt;
  const n = prompt.responses.length;
  const rows = prompt.responses.map((_, z) => denseRow([...prompt.responses.map((_, y) => preferenceByDefinition(prompt, y, z)), frac(-1)], '>=', ZERO));
  rows.push(denseRow([...prompt.responses.map(() => frac(1)), ZERO], i.normalisation.sense, i.normalisation.rhs));
  if (i.extra !== null) rows.push(denseRow(i.extra.coefs, i.extra.sense, i.extra.rhs));
  return { numVars: n + 1, maximize: i.maximize, objective: [...prompt.responses.map(() => ZERO), frac(1)], rows, free: [...i.free, true] };
}

const ROW_SHAPE = S.object({ coefs: S.array(S.exact()), sense: S.string({ values: SENSES }), rhs: S.exact() }, 'a row {"coefs", "sense", "rhs"}');
const INSTANCE_SHAPE = S.object(
  {
    profile: S.json(),
    maximize: S.boolean(),
    normalisation: S.object({ sense: S.string({ values: SENSES }), rhs: S.exact() }, 'a normalisation {"sense", "rhs"}'),
    extra: S.nullable(ROW_SHAPE),
    free: S.array(S.boolean()),
  },
  'a C1 instance {"profile", "maximize", "normalisation", "extra", "free"}',
);

interface InstanceJson {
  maximize: boolean;
  normalisation: { sense: Sense; rhs: unknown };
  extra: { coefs: unknown[]; sense: Sense; rhs: unknown } | null;
  free: boolean[];
}

export const C1 = defineClaim<C1Instance, C1Evidence>({
  id: 'C1',
  title: 'exact LP certificates',
  statement:
    'On the NLHF LP of every profile and on edits of it that make it infeasible, unbounded or degenerate (the normalisation row, an extra row of any signs, free columns, minimising), the exact simplex and glpk.js made exact give certified answers with the same status and optimal value, and the certificate check accepts a certificate exactly when it is valid: every one-part change of a certificate is rejected unless it is still valid by definition.',
  latex: '\\mathrm{checkResult}(P, r) = \\mathrm{valid}(P, r) \\text{ for } r \\in \\{\\mathrm{simplex}(P), \\mathrm{glpk}(P)\\} \\cup \\text{changes}',
  rule: 'any (LPs)',
  expect: 'holds',
  compares:
    'the exact simplex against glpk.js + the exact certificate (status, optimal value); every certificate and every one-part change of it by checkResult (integer-scaled LP) and by the LP duality conditions by definition (oracles, on the rational rows)',
  defaultRuns: 500,
  arbitrary: (o = {}) => {
    const maxN = Math.min(o.maxResponses ?? MAXN, MAXN);
    const int = (lo: number, hi: number) => fc.integer({ min: lo, max: hi });
    return fc
      .record({
        profile: profileArbFor({ ...o, maxResponses: maxN, maxPrompts: 1 }),
        // 0 (the shrink target): maximise, as NLHF
        minimise: int(0, 3).map((v) => v === 3),
        // '=' 1 (the shrink target); then ≤, ≥ and the right-hand sides 0 (degenerate), 2, −1 (infeasible)
        normSense: int(0, 2),
        normRhs: int(0, 3).map((v) => [1, 0, 2, -1][v]),
        extra: fc.record({ on: int(0, 1), a: fc.array(int(-3, 3), { minLength: MAXN + 1, maxLength: MAXN + 1 }), den: int(1, 3), sense: int(0, 2), rhs: int(-3, 3) }),
        // mostly π(y) ≥ 0 (the shrink target), some free
        free: fc.array(int(0, 3).map((v) => v === 3), { minLength: MAXN, maxLength: MAXN }),
      })
      .map(({ profile, minimise, normSense, normRhs, extra, free }): C1Instance => {
        const n = profile.prompts[0].prompt.responses.length;
        const norm: Sense[] = ['=', '<=', '>='];
        return {
          profile,
          maximize: !minimise,
          normalisation: { sense: norm[normSense], rhs: frac(normRhs) },
          extra:
            extra.on === 0
              ? null
              : { coefs: [...extra.a.slice(0, n), extra.a[MAXN]].map((v) => frac(v, extra.den)), sense: SENSES[extra.sense], rhs: frac(extra.rhs, extra.den) },
          free: free.slice(0, n),
        };
      });
  },
  evidence(i) {
    return lpEvidence(lpOf(i));
  },
  judge(_i, e) {
    const parts: Fraction[] = e.judgements.map((j) => holds(j.checker === j.definition && (j.change !== 'as computed' || j.definition)));
    if (e.glpk !== null) {
      const [a, b] = [valueOf(e.simplex), valueOf(e.glpk)];
      parts.push(holds(e.glpk.status === e.simplex.status && (a === null || b === null || a.equals(b))));
    }
    const mine = e.judgements.filter((j) => j.of === 'simplex');
    const v = valueOf(e.simplex);
    // not in the certificate: the glpk.js side, so that the report is the same whether or not glpk.js was loaded
    return verdict(minRat(parts), {
      status: e.simplex.status,
      ...(v === null ? {} : { value: v.toFraction() }),
      changes: mine.length - 1,
      rejected: mine.filter((j) => !j.checker).length,
      ...(mine.every((j) => j.checker === j.definition) ? {} : { disagree: mine.filter((j) => j.checker !== j.definition).map((j) => j.change) }),
    });
  },
  size: ({ profile }) => profileSize(profile),
  toJson: (i) => ({
    profile: profileToJson(i.profile),
    maximize: i.maximize,
    normalisation: { sense: i.normalisation.sense, rhs: i.normalisation.rhs.toFraction() },
    extra: i.extra === null ? null : { coefs: ratList(i.extra.coefs), sense: i.extra.sense, rhs: i.extra.rhs.toFraction() },
    free: [...i.free],
  }),
  fromJson(json) {
    const where = 'instance';
    validate(json, INSTANCE_SHAPE, where);
    const profile = profileField(json);
    const n = onlyPrompt(profile, 'C1').responses.length;
    const o = json as InstanceJson;
    const extra = o.extra;
    if (extra !== null && extra.coefs.length !== n + 1) throw inputError(where, ['extra', 'coefs'], `has ${extra.coefs.length} entries; the LP has ${n + 1} columns (π of ${n} responses, v)`);
    if (o.free.length !== n) throw inputError(where, ['free'], `has ${o.free.length} entries, the prompt ${n} responses`);
    // every number was read at its JSON path by validate already: here it only becomes a Fraction
    const num = (v: unknown) => parseExact(v, where);
    return {
      profile,
      maximize: o.maximize,
      normalisation: { sense: o.normalisation.sense, rhs: num(o.normalisation.rhs) },
      extra: extra === null ? null : { coefs: extra.coefs.map(num), sense: extra.sense, rhs: num(extra.rhs) },
      free: o.free,
    };
  },
});
