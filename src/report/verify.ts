// `ualign verify` reports: verify.json, verify.md and one counterexample report per
// refuted claim (JSON + Markdown). No times in these files: same seed, same bytes.
// One file because the report's declared shape, its writer, its reader (merge-reports, replay) and the
// merge rules must change together: a field added in one place and not the others would break byte-identity.
import { join } from 'node:path';
import { Fraction, parseRational, toDecimal } from '../exact/rational.js';
import { ClaimResult, Shard, isShard } from '../claims/run.js';
import { loadCorpus } from '../claims/corpus.js';
import { Coverage, EMPTY_COVERAGE, ModelCounts, mergeCoverage } from '../claims/coverage.js';
import { runClaims } from '../claims/pool.js';
import { selectClaims } from '../claims/registry.js';
import { LoadedClaimModule } from '../claims/plugins.js';
import { DEFAULT_SEED } from '../instances/seed.js';
import { toJsonText, writeOutputSet } from './atomic.js';
import { Field, S, Shape } from '../model/schema.js';
import { InputError } from '../model/errors.js';

/** A claim's result as written to verify.json: everything but the wall time. */
export type ClaimEntry = Omit<ClaimResult, 'ms'>;

export interface VerifyReport {
  readonly ok: boolean;
  readonly seed: number;
  /** "i/n" when this report is one shard; absent for a full or merged run. */
  readonly shard?: string;
  /** Shards joined by merge-reports. */
  readonly merged?: string[];
  readonly claims: ClaimEntry[];
}

/** A counterexample report: the format of reports/counterexamples/*.json and fixtures/counterexamples/*.json. */
export interface CounterexampleReport {
  readonly claim: string;
  /** A plug-in claim's module, its path as given to verify (replay loads it, resolved from the current folder). */
  readonly module?: string;
  readonly title: string;
  readonly expect: 'holds' | 'refuted';
  /** fast-check seed of the claim's run and the path of the shrunk counterexample. */
  readonly seed: number;
  readonly path: string | null;
  readonly counterexample: Record<string, unknown>;
  readonly verdict: { slack: string; certificate: Record<string, unknown> } | null;
}

// ---- the declared shapes of the report files (read by replay and merge-reports) ----
// Typed by the report types' keys: a field added to ClaimEntry or CounterexampleReport must be declared here.

const VERDICT_SHAPE: Shape = S.nullable(
  S.object({ slack: S.exact(), certificate: S.record(S.json(), 'a certificate {name: value}') }, 'a verdict {"slack", "certificate"}'),
);
/** A claim instance {profile, k, ...}: which keys a claim reads is checked by replay against the claim itself. */
const INSTANCE_SHAPE: Shape = S.record(S.json(), 'an instance {"profile", "k", ...}');

const RANGE_SHAPE: Shape = S.nullable(S.object({ min: S.integer(), max: S.integer() }, 'a range {"min", "max"}'));
const MODEL_COUNT_FIELDS: Record<keyof ModelCounts, Field | Shape> = { weakOrders: S.integer(0), luce: S.integer(0), mixed: S.integer(0) };
const COVERAGE_FIELDS: Record<keyof Coverage, Field | Shape> = {
  instances: S.integer(0),
  k: RANGE_SHAPE,
  largeK: S.integer(0),
  ell: RANGE_SHAPE,
  n: RANGE_SHAPE,
  users: RANGE_SHAPE,
  prompts: RANGE_SHAPE,
  models: S.object(MODEL_COUNT_FIELDS, 'instances by user model {"weakOrders", "luce", "mixed"}'),
};
const COVERAGE_SHAPE: Shape = S.object(COVERAGE_FIELDS, 'coverage {"instances", "k", "largeK", "ell", "n", "users", "prompts", "models"}');

const CLAIM_ENTRY_FIELDS: Record<keyof ClaimEntry, Field | Shape> = {
  id: S.string({ nonEmpty: true }),
  module: S.optional(S.string({ nonEmpty: true })),
  statement: S.optional(S.string()),
  latex: S.optional(S.string()),
  title: S.string(),
  rule: S.string(),
  expect: S.string({ values: ['holds', 'refuted'] }),
  outcome: S.string({ values: ['holds', 'refuted', 'error'] }),
  ok: S.boolean(),
  runs: S.integer(0),
  minSlack: S.nullable(S.exact()),
  seed: S.integer(),
  path: S.nullable(S.string()),
  counterexample: S.nullable(INSTANCE_SHAPE),
  verdict: VERDICT_SHAPE,
  shrinks: S.integer(0),
  corpus: S.object({ replayed: S.integer(0), consistent: S.integer(0) }, 'corpus counts {"replayed", "consistent"}'),
  error: S.nullable(S.string()),
  coverage: COVERAGE_SHAPE,
};

const VERIFY_REPORT_FIELDS: Record<keyof VerifyReport, Field | Shape> = {
  ok: S.boolean(),
  seed: S.integer(),
  shard: S.optional(S.string()),
  merged: S.optional(S.array(S.string())),
  claims: S.array(S.object(CLAIM_ENTRY_FIELDS, 'a claim entry {"id", "outcome", ...}'), 'an array of claim entries'),
};

/** verify.json (and merged or shard reports). */
export const VERIFY_REPORT_SHAPE: Shape = S.object(VERIFY_REPORT_FIELDS, 'a verify report {"ok", "seed", "claims"}', ['claim', 'counterexample']);

const COUNTEREXAMPLE_FIELDS: Record<keyof CounterexampleReport, Field | Shape> = {
  claim: S.string({ nonEmpty: true }),
  module: S.optional(S.string({ nonEmpty: true })),
  title: S.optional(S.string()),
  expect: S.string({ values: ['holds', 'refuted'] }),
  seed: S.optional(S.integer()),
  path: S.optional(S.nullable(S.string())),
  counterexample: INSTANCE_SHAPE,
  verdict: S.optional(VERDICT_SHAPE),
};

/** A counterexample report or corpus file (title, seed, path and verdict may be left out of a hand-written corpus file). */
export const COUNTEREXAMPLE_REPORT_SHAPE: Shape = S.object(COUNTEREXAMPLE_FIELDS, 'a counterexample report {"claim", "expect", "counterexample", ...}', ['claims']);

export function entryOf(r: ClaimResult): ClaimEntry {
  const { ms: _ms, ...rest } = r;
  return { ...rest };
}

export function buildVerifyReport(seed: number, results: readonly ClaimResult[], shard?: string): VerifyReport {
  const claims = results.map(entryOf);
  return { ok: claims.every((c) => c.ok), seed, ...(shard ? { shard } : {}), claims };
}

export function counterexampleOf(c: ClaimEntry): CounterexampleReport | null {
  if (c.counterexample === null) return null;
  return {
    claim: c.id,
    ...(c.module === undefined ? {} : { module: c.module }),
    title: c.title,
    expect: c.expect,
    seed: c.seed,
    path: c.path,
    counterexample: c.counterexample,
    verdict: c.verdict,
  };
}

const dec = (s: string | null): string => (s === null ? '—' : (() => { const r = parseRational(s); return r === null ? s : toDecimal(r, 6); })());

/** Plain-text table: claim, expected, outcome, instances, smallest slack, (time). */
export function verifyTable(report: VerifyReport, times?: ReadonlyMap<string, number>): string {
  const head = ['claim', 'expected', 'outcome', 'instances', 'smallest slack', ...(times ? ['time'] : []), ''];
  const rows = report.claims.map((c) => [
    c.id,
    c.expect,
    c.outcome,
    String(c.runs),
    c.minSlack ?? '—',
    ...(times ? [`${((times.get(c.id) ?? 0) / 1000).toFixed(1)} s`] : []),
    c.ok ? 'ok' : 'FAIL',
  ]);
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((v, i) => v.padEnd(w[i])).join('  ').trimEnd();
  return [line(head), ...rows.map(line), '', report.ok ? 'verify: ok' : `verify: FAILED (${report.claims.filter((c) => !c.ok).map((c) => c.id).join(', ')})`].join('\n') + '\n';
}

/** A profile JSON as readable lines: "weight: a ≻ b ~ c". */
export function profileLines(profile: unknown): string[] {
  const prompts = (profile as { prompts?: unknown[] }).prompts ?? [profile];
  const out: string[] = [];
  prompts.forEach((p, x) => {
    const pr = p as { responses: string[]; users: { weight: string; ranking?: string[][]; strengths?: Record<string, string> }[]; weight?: string };
    if (prompts.length > 1) out.push(`- prompt ${x} (weight ${pr.weight}):`);
    const ind = prompts.length > 1 ? '  ' : '';
    out.push(`${ind}- responses: ${pr.responses.join(', ')}`);
    for (const u of pr.users)
      out.push(
        u.strengths !== undefined
          ? `${ind}- weight ${u.weight}: Luce strengths ${Object.entries(u.strengths).map(([y, s]) => `${y} ${s}`).join(', ')}`
          : `${ind}- weight ${u.weight}: ${(u.ranking ?? []).map((t) => t.join(' ~ ')).join(' ≻ ')}`,
      );
  });
  return out;
}

/** `replayPath`: where the report's .json is (the .md shows `ualign replay <it>`). */
export function counterexampleMarkdown(c: CounterexampleReport, replayPath?: string): string {
  const { profile, ...rest } = c.counterexample;
  const lines = [
    `# ${c.claim} ${c.title}: counterexample`,
    '',
    c.expect === 'refuted'
      ? 'Negative control: this counterexample is the expected outcome.'
      : c.module === undefined
        ? '**A positive claim failed**: this is a bug.'
        : '**The claim is refuted**: this instance is a counterexample to it.',
    '',
    ...(c.module === undefined ? [] : [`- claim module \`${c.module}\` (a plug-in claim; replay loads it from there, or give \`--claim PATH\`)`]),
    `- fast-check seed ${c.seed}, path \`${c.path ?? ''}\``,
    `- replay: \`ualign replay ${replayPath ?? `${c.claim}.json`}\`${c.expect === 'holds' ? ' (with the same UALIGN_FAULT, if one was set)' : ''}`,
    '',
    '## Profile',
    '',
    ...profileLines(profile),
    '',
    '## Instance',
    '',
    '```json',
    JSON.stringify(rest, null, 2),
    '```',
  ];
  if (c.verdict) {
    lines.push('', '## Exact verdict', '', `- slack: ${c.verdict.slack} (≈ ${dec(c.verdict.slack)})`);
    for (const [k, v] of Object.entries(c.verdict.certificate)) lines.push(`- ${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`);
  }
  return lines.join('\n') + '\n';
}

export function verifyMarkdown(report: VerifyReport, claimsInfo?: ReadonlyMap<string, { statement: string; latex: string }>): string {
  const lines = [
    '# ualign verify',
    '',
    `Seed ${report.seed}${report.shard ? `, shard ${report.shard}` : ''}${report.merged ? `, merged from shards ${report.merged.join(', ')}` : ''}. ` +
      (report.ok ? '**ok**: every positive claim holds and every negative control is refuted.' : '**FAILED**.'),
    '',
    '| claim | title | expected | outcome | instances | smallest slack | |',
    '|---|---|---|---|---|---|---|',
    ...report.claims.map((c) => `| ${c.id} | ${c.title} | ${c.expect} | ${c.outcome} | ${c.runs} | ${c.minSlack ?? '—'} | ${c.ok ? 'ok' : 'FAIL'} |`),
    '',
    'Slack: how far inside the claimed bound (≥ 0 iff the claim holds on the instance; 0 for an equality that holds).',
  ];
  for (const c of report.claims) {
    const info = claimsInfo?.get(c.id) ?? (c.statement === undefined ? undefined : { statement: c.statement, latex: c.latex ?? '' });
    lines.push('', `## ${c.id} ${c.title}`, '');
    if (info) lines.push(info.statement, '', `$$${info.latex}$$`, '');
    if (c.module !== undefined) lines.push(`Plug-in claim from the module \`${c.module}\`.`, '');
    lines.push(`Rule: ${c.rule}. Expected: ${c.expect}. Outcome: ${c.outcome}. Instances: ${c.runs}. Seed ${c.seed}.`);
    if (c.corpus.replayed > 0) lines.push(`Stored counterexamples replayed: ${c.corpus.replayed} (${c.corpus.consistent} as stored).`);
    if (c.error) lines.push('', `Error: ${c.error}`);
    const cx = counterexampleOf(c);
    if (cx) {
      lines.push('', `Shrunk counterexample (${c.shrinks} shrink steps, path \`${c.path}\`), re-checked from JSON:`, '', ...profileLines(cx.counterexample.profile));
      const { profile: _p, ...rest } = cx.counterexample;
      lines.push('', '```json', JSON.stringify(rest), '```');
      if (cx.verdict) lines.push('', `Slack ${cx.verdict.slack}; certificate: \`${JSON.stringify(cx.verdict.certificate)}\``);
    }
  }
  return lines.join('\n') + '\n';
}

/** Where a counterexample report of claim `id` goes under `dir`. */
export function counterexamplePaths(dir: string, id: string): { json: string; md: string } {
  return { json: join(dir, 'counterexamples', `${id}.json`), md: join(dir, 'counterexamples', `${id}.md`) };
}

/**
 * Write verify.json, verify.md and counterexamples/<id>.{json,md} into dir as one set: the
 * counterexamples folder is replaced as a whole, so none from an earlier run survives (writeOutputSet).
 */
export function writeVerifyReports(dir: string, report: VerifyReport, claimsInfo?: ReadonlyMap<string, { statement: string; latex: string }>): string[] {
  const files = new Map<string, string>();
  files.set('verify.md', verifyMarkdown(report, claimsInfo));
  for (const c of report.claims) {
    const cx = counterexampleOf(c);
    if (!cx) continue;
    files.set(`counterexamples/${c.id}.json`, toJsonText(cx));
    files.set(`counterexamples/${c.id}.md`, counterexampleMarkdown(cx, counterexamplePaths(dir, c.id).json));
  }
  files.set('verify.json', toJsonText(report));
  return writeOutputSet(dir, files, ['counterexamples']);
}

/**
 * What the console shows under the table for each claim that failed: seed, path, the shrunk
 * counterexample as compact JSON, the exact slack and where its report is.
 */
export function failureDetails(report: VerifyReport, dir: string): string {
  const out: string[] = [];
  for (const c of report.claims) {
    if (c.ok) continue;
    const head = `${c.id} ${c.title}: expected ${c.expect === 'holds' ? 'to hold' : 'a counterexample'}, outcome ${c.outcome} (seed ${c.seed}${c.path ? `, path "${c.path}"` : ''}, ${c.runs} instances)`;
    out.push('', head);
    if (c.error) out.push(`  error: ${c.error}`);
    if (c.corpus.consistent !== c.corpus.replayed) out.push(`  stored counterexamples: ${c.corpus.replayed - c.corpus.consistent} of ${c.corpus.replayed} no longer behave as stored`);
    if (c.counterexample) {
      const text = JSON.stringify(c.counterexample);
      out.push(`  counterexample: ${text.length <= 2000 ? text : text.slice(0, 2000) + '…'}`);
      if (c.verdict) out.push(`  slack: ${c.verdict.slack} (≈ ${dec(c.verdict.slack)})`);
      const p = counterexamplePaths(dir, c.id);
      out.push(`  report: ${p.md}   replay: ualign replay ${p.json}`);
    } else if (c.expect === 'refuted' && c.outcome === 'holds') out.push(`  no counterexample found; smallest slack ${c.minSlack ?? '—'}`);
  }
  return out.length === 0 ? '' : out.join('\n') + '\n';
}

/** Deterministic size order of counterexamples: responses, user types, k, then the JSON text. */
export function counterexampleKey(cx: Record<string, unknown>): [number, number, number, string] {
  const pr = cx.profile as { prompts?: { responses: unknown[]; users: unknown[] }[]; responses?: unknown[]; users?: unknown[] };
  const prompts = pr.prompts ?? [pr as { responses: unknown[]; users: unknown[] }];
  const n = Math.max(...prompts.map((p) => p.responses.length));
  const m = prompts.reduce((a, p) => a + p.users.length, 0);
  return [n, m, typeof cx.k === 'number' ? cx.k : 0, JSON.stringify(cx)];
}

function smaller(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const ka = counterexampleKey(a);
  const kb = counterexampleKey(b);
  for (let i = 0; i < 3; i++) if (ka[i] !== kb[i]) return (ka[i] as number) < (kb[i] as number);
  if (ka[3].length !== kb[3].length) return ka[3].length < kb[3].length;
  return ka[3] < kb[3];
}

/** One shard "i/n" of a sweep, read from a report. */
function parseShardLabel(s: unknown, where: string): Shard {
  const m = typeof s === 'string' ? /^(\d+)\/(\d+)$/.exec(s) : null;
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!isShard({ index, count })) throw new InputError(`merge-reports: ${where}: shard ${JSON.stringify(s)} is not "i/n" with 1 ≤ i ≤ n`);
  return { index, count };
}

/** The shards a report covers: its "shard", the "merged" list of a merged report, or 1/1 for a full run. */
function shardsOf(r: VerifyReport, where: string): Shard[] {
  if (r.shard !== undefined) return [parseShardLabel(r.shard, where)];
  if (r.merged !== undefined) {
    if (!Array.isArray(r.merged) || r.merged.length === 0) throw new InputError(`merge-reports: ${where}: "merged" must list shards "i/n"`);
    return r.merged.map((x) => parseShardLabel(x, where));
  }
  return [{ index: 1, count: 1 }];
}

/**
 * Join the reports of the shards of one sweep (same seed, same claims, same shard count, each shard at
 * most once; a merged report counts as the shards it lists): runs add up, minSlack is the minimum, a
 * claim is refuted if any shard refuted it (its counterexample: the smallest by counterexampleKey), an
 * error in any shard is an error. The result does not depend on the order of `reports`: they are taken
 * in shard order. `names` (e.g. file names) only label the error messages.
 */
export function mergeReports(reports: readonly VerifyReport[], names: readonly string[] = reports.map((_, i) => `report ${i + 1}`)): VerifyReport {
  if (reports.length === 0) throw new InputError('merge-reports: no reports');
  const covered = reports.map((r, i) => shardsOf(r, names[i]));
  // Each report once, in shard order (a merged report sorts by its first shard).
  const order = reports.map((_, i) => i).sort((a, b) => Math.min(...covered[a].map((x) => x.index)) - Math.min(...covered[b].map((x) => x.index)));
  const first = order[0];
  const seen = new Map<number, number>();
  const claimIds = (r: VerifyReport) => r.claims.map((c) => c.id).join(',');
  for (const i of order) {
    const r = reports[i];
    if (r.seed !== reports[first].seed)
      throw new InputError(`merge-reports: ${names[first]} has seed ${reports[first].seed}, ${names[i]} has seed ${r.seed} (the shards of one sweep share a seed)`);
    for (const sh of covered[i]) {
      const c0 = covered[first][0].count;
      if (sh.count !== c0) throw new InputError(`merge-reports: ${names[first]} is a shard of ${c0}, ${names[i]} a shard of ${sh.count} (different shard counts)`);
      const j = seen.get(sh.index);
      if (j !== undefined) throw new InputError(`merge-reports: ${j === i ? `${names[i]} holds` : `${names[j]} and ${names[i]} both hold`} shard ${sh.index}/${sh.count}`);
      seen.set(sh.index, i);
    }
    if (claimIds(r) !== claimIds(reports[first]))
      throw new InputError(`merge-reports: ${names[first]} checks ${claimIds(reports[first]) || 'no claims'}, ${names[i]} checks ${claimIds(r) || 'no claims'} (the shards of one sweep check the same claims)`);
  }
  const claims = reports[first].claims.map((c0): ClaimEntry => {
    const es = order.map((i) => reports[i].claims.find((c) => c.id === c0.id)!);
    let min: Fraction | null = null;
    for (const e of es) {
      const v = e.minSlack === null ? null : parseRational(e.minSlack);
      if (v !== null && (min === null || v.lt(min))) min = v;
    }
    const refuted = es.filter((e) => e.outcome === 'refuted' && e.counterexample !== null);
    let best: ClaimEntry | null = null;
    for (const e of refuted) if (best === null || smaller(e.counterexample!, best.counterexample!)) best = e;
    const errored = es.find((e) => e.outcome === 'error');
    const outcome = errored ? 'error' : best ? 'refuted' : 'holds';
    const corpus = es.reduce((a, e) => ({ replayed: a.replayed + e.corpus.replayed, consistent: a.consistent + e.corpus.consistent }), { replayed: 0, consistent: 0 });
    const e0 = best ?? errored ?? es[0];
    const other = es.find((e) => e.module !== c0.module);
    if (other) throw new InputError(`merge-reports: claim ${c0.id} comes from ${c0.module === undefined ? 'the built-ins' : `the module ${c0.module}`} in one shard and from ${other.module === undefined ? 'the built-ins' : `the module ${other.module}`} in another`);
    return {
      id: c0.id,
      ...(c0.module === undefined ? {} : { module: c0.module, statement: c0.statement, latex: c0.latex }),
      title: e0.title,
      rule: e0.rule,
      expect: e0.expect,
      outcome,
      ok: outcome === e0.expect && corpus.consistent === corpus.replayed,
      runs: es.reduce((a, e) => a + e.runs, 0),
      minSlack: min === null ? null : (min as Fraction).toFraction(),
      seed: e0.seed,
      path: best ? best.path : null,
      counterexample: best ? best.counterexample : null,
      verdict: best ? best.verdict : null,
      shrinks: best ? best.shrinks : 0,
      corpus,
      error: errored ? errored.error : null,
      coverage: es.reduce((a, e) => mergeCoverage(a, e.coverage ?? EMPTY_COVERAGE), EMPTY_COVERAGE),
    };
  });
  const merged = [...seen.keys()].sort((a, b) => a - b).map((i) => `${i}/${covered[first][0].count}`);
  return { ok: claims.every((c) => c.ok), seed: reports[first].seed, merged, claims };
}

// ---- `ualign verify` as a library call: select claims, run them (worker pool), build the report ----

/** The counterexample corpus, relative to the current folder. */
export const CORPUS_DIR = 'fixtures/counterexamples';

export interface VerifyOptions {
  seed?: number;
  /** Runs per claim (default: each claim's own default suite). */
  runs?: number;
  /** Built-in claims: a comma list of ids, "all" (the default) or "none". */
  claims?: string;
  shard?: Shard;
  /** Corpus folder (default fixtures/counterexamples under cwd); null: no corpus. */
  corpusDir?: string | null;
  workers?: number;
  /** Test only: inject a named U_k fault. */
  fault?: string | null;
  /** Largest k for the claims that take k (default: each claim's own, 32 or 8). */
  maxK?: number;
  /** Plug-in claims (loadClaimModules), run after the built-ins, in the order given. */
  plugins?: readonly LoadedClaimModule[];
  /** A plug-in claim's time limit per instance, in ms (default DEFAULT_CLAIM_TIMEOUT_MS). */
  claimTimeoutMs?: number;
  onResult?: (r: ClaimResult, done: number, total: number) => void;
}

export async function verify(o: VerifyOptions = {}): Promise<{ report: VerifyReport; results: ClaimResult[] }> {
  const seed = o.seed ?? DEFAULT_SEED;
  const claims = selectClaims(o.claims);
  const plugins = o.plugins ?? [];
  const corpus = o.corpusDir === null ? [] : loadCorpus(o.corpusDir ?? join(process.cwd(), CORPUS_DIR));
  const results = await runClaims([...claims.map((c) => c.id), ...plugins.map((p) => p.info.id)], {
    seed,
    runs: o.runs,
    shard: o.shard,
    corpus,
    fault: o.fault,
    workers: o.workers,
    onResult: o.onResult,
    maxK: o.maxK,
    ...(plugins.length > 0 ? { plugins, claimTimeoutMs: o.claimTimeoutMs } : {}),
  });
  const shard = o.shard && o.shard.count > 1 ? `${o.shard.index}/${o.shard.count}` : undefined;
  return { report: buildVerifyReport(seed, results, shard), results };
}
