// `ualign verify` reports: verify.json, verify.md and one counterexample report per
// refuted claim (JSON + Markdown). No times in these files: same seed, same bytes.
import { join } from 'node:path';
import { Fraction, parseRational, toDecimal } from '../exact/rational.js';
import { ClaimResult, Shard } from '../claims/run.js';
import { loadCorpus } from '../claims/corpus.js';
import { EMPTY_COVERAGE, mergeCoverage } from '../claims/coverage.js';
import { runClaims } from '../claims/pool.js';
import { selectClaims } from '../claims/registry.js';
import { DEFAULT_SEED } from '../instances/seed.js';
import { toJsonText, writeFileAtomic } from './atomic.js';

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
  readonly title: string;
  readonly expect: 'holds' | 'refuted';
  /** fast-check seed of the claim's run and the path of the shrunk counterexample. */
  readonly seed: number;
  readonly path: string | null;
  readonly counterexample: Record<string, unknown>;
  readonly verdict: { slack: string; certificate: Record<string, unknown> } | null;
}

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
  return { claim: c.id, title: c.title, expect: c.expect, seed: c.seed, path: c.path, counterexample: c.counterexample, verdict: c.verdict };
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
    const pr = p as { responses: string[]; users: { weight: string; ranking: string[][] }[]; weight?: string };
    if (prompts.length > 1) out.push(`- prompt ${x} (weight ${pr.weight}):`);
    const ind = prompts.length > 1 ? '  ' : '';
    out.push(`${ind}- responses: ${pr.responses.join(', ')}`);
    for (const u of pr.users) out.push(`${ind}- weight ${u.weight}: ${u.ranking.map((t) => t.join(' ~ ')).join(' ≻ ')}`);
  });
  return out;
}

export function counterexampleMarkdown(c: CounterexampleReport): string {
  const { profile, ...rest } = c.counterexample;
  const lines = [
    `# ${c.claim} ${c.title}: counterexample`,
    '',
    c.expect === 'refuted' ? 'Negative control: this counterexample is the expected outcome.' : '**A positive claim failed**: this is a bug.',
    '',
    `- fast-check seed ${c.seed}, path \`${c.path ?? ''}\``,
    `- replay: \`ualign replay <this file's .json>\``,
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
    const info = claimsInfo?.get(c.id);
    lines.push('', `## ${c.id} ${c.title}`, '');
    if (info) lines.push(info.statement, '', `$$${info.latex}$$`, '');
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

/** Write verify.json, verify.md and counterexamples/<id>.{json,md} into dir (atomic writes). */
export function writeVerifyReports(dir: string, report: VerifyReport, claimsInfo?: ReadonlyMap<string, { statement: string; latex: string }>): string[] {
  const written: string[] = [];
  const put = (p: string, text: string) => {
    writeFileAtomic(p, text);
    written.push(p);
  };
  put(join(dir, 'verify.json'), toJsonText(report));
  put(join(dir, 'verify.md'), verifyMarkdown(report, claimsInfo));
  for (const c of report.claims) {
    const cx = counterexampleOf(c);
    if (!cx) continue;
    put(join(dir, 'counterexamples', `${c.id}.json`), toJsonText(cx));
    put(join(dir, 'counterexamples', `${c.id}.md`), counterexampleMarkdown(cx));
  }
  return written;
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

/**
 * Join shard reports: runs add up, minSlack is the minimum, a claim is refuted if any shard refuted it
 * (its counterexample: the smallest by counterexampleKey), an error in any shard is an error.
 */
export function mergeReports(reports: readonly VerifyReport[]): VerifyReport {
  if (reports.length === 0) throw new RangeError('merge-reports: no reports');
  const seed = reports[0].seed;
  for (const r of reports) if (r.seed !== seed) throw new RangeError(`merge-reports: seeds differ (${seed} and ${r.seed})`);
  const order: string[] = [];
  const byId = new Map<string, ClaimEntry[]>();
  for (const r of reports)
    for (const c of r.claims) {
      if (!byId.has(c.id)) {
        byId.set(c.id, []);
        order.push(c.id);
      }
      byId.get(c.id)!.push(c);
    }
  const claims = order.map((id): ClaimEntry => {
    const es = byId.get(id)!;
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
    return {
      id,
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
  const merged = reports.map((r) => r.shard ?? 'all').sort();
  return { ok: claims.every((c) => c.ok), seed, merged, claims };
}

// ---- `ualign verify` as a library call: select claims, run them (worker pool), build the report ----

/** The counterexample corpus, relative to the current folder. */
export const CORPUS_DIR = 'fixtures/counterexamples';

export interface VerifyOptions {
  seed?: number;
  /** Runs per claim (default: each claim's own default suite). */
  runs?: number;
  /** Comma list of claim ids (default: all). */
  claims?: string;
  shard?: Shard;
  /** Corpus folder (default fixtures/counterexamples under cwd); null: no corpus. */
  corpusDir?: string | null;
  workers?: number;
  /** Test only: inject a named U_k fault. */
  fault?: string | null;
  /** Largest k for the claims that take k (default: each claim's own, 32 or 8). */
  maxK?: number;
  onResult?: (r: ClaimResult, done: number, total: number) => void;
}

export async function verify(o: VerifyOptions = {}): Promise<{ report: VerifyReport; results: ClaimResult[] }> {
  const seed = o.seed ?? DEFAULT_SEED;
  const claims = selectClaims(o.claims);
  const corpus = o.corpusDir === null ? [] : loadCorpus(o.corpusDir ?? join(process.cwd(), CORPUS_DIR));
  const results = await runClaims(
    claims.map((c) => c.id),
    { seed, runs: o.runs, shard: o.shard, corpus, fault: o.fault, workers: o.workers, onResult: o.onResult, maxK: o.maxK },
  );
  const shard = o.shard && o.shard.count > 1 ? `${o.shard.index}/${o.shard.count}` : undefined;
  return { report: buildVerifyReport(seed, results, shard), results };
}
