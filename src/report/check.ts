// Reports of `ualign check`: JSON (exact "p/q"), Markdown with the curve table, and a hand-written SVG
// plot of rob_k against k for the algorithm, k/(k+1), NLHF and the multiplayer NE. Deterministic text throughout.
import { join, relative, sep } from 'node:path';
import { Fraction, isZero, toNumber, toDecimal } from '../exact/rational.js';
import { profileToJson } from '../model/codec.js';
import { Profile } from '../model/types.js';
import { CheckResult, CurvePoint } from '../algorithms/check.js';
import { Evaluation, modelsToJson } from '../algorithms/evaluate.js';
import { toJsonText, writeOutputSet } from './atomic.js';

/** File-name slug of an algorithm name. */
export function slug(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9.-]+/g, '-').replace(/^-+|-+$/g, '') || 'algorithm';
}

/** Where a check's files go under `out`. */
export function checkPaths(out: string, algorithm: string): { md: string; svg: string; json: string; dir: string } {
  const s = slug(algorithm);
  return { md: join(out, `check-${s}.md`), svg: join(out, `check-${s}.svg`), json: join(out, `check-${s}.json`), dir: join(out, `check-${s}`) };
}

const witnessFiles = (dir: string, k: number, what: 'worst' | 'counterexample') => ({
  profile: join(dir, `k${k}-${what}.profile.json`),
  model: join(dir, `k${k}-${what}.model.json`),
});

function evaluationJson(e: Evaluation, files: { profile: string; model: string }): Record<string, unknown> {
  return {
    robustness: e.robustness.toFraction(),
    decimal: toDecimal(e.robustness, 12),
    slack: e.slack.toFraction(),
    bound: e.bound.toFraction(),
    source: e.source,
    profile: profileToJson(e.profile),
    worstOpponent: e.profile.prompts.length === 1 ? e.worstOpponent[0] : e.worstOpponent,
    model: modelsToJson(e.profile, e.models),
    files,
  };
}

/** The JSON report: `{ algorithm, curve: [{ k, robustness, theory, gap, worstProfile, … }], meetsTheory }`. */
export function checkJson(r: CheckResult, out: string): Record<string, unknown> {
  const { dir } = checkPaths(out, r.algorithm);
  return {
    algorithm: r.algorithm,
    ...(r.description ? { description: r.description } : {}),
    rule: r.rule,
    seed: r.seed,
    runs: r.runs,
    search: r.search,
    fixtures: r.fixtures,
    curve: r.curve.map((c) => {
      const wf = witnessFiles(dir, c.k, 'worst');
      const w = evaluationJson(c.worst, wf);
      return {
        k: c.k,
        robustness: c.robustness.toFraction(),
        decimal: toDecimal(c.robustness, 12),
        theory: c.theory.toFraction(),
        gap: c.gap.toFraction(),
        slack: c.slack.toFraction(),
        meetsTheory: c.meetsTheory,
        worstProfile: w.profile,
        worstOpponent: w.worstOpponent,
        worstSource: w.source,
        worstModel: w.model,
        worstFiles: wf,
        nlhf: c.nlhf === null ? null : c.nlhf.toFraction(),
        ne: c.ne === null ? null : c.ne.toFraction(),
        checked: c.checked,
        reproducible: c.reproducible,
        counterexample: c.counterexample ? evaluationJson(c.counterexample, witnessFiles(dir, c.k, 'counterexample')) : null,
      };
    }),
    meetsTheory: r.meetsTheory,
    notes: r.notes,
  };
}

// ---- SVG ----

const fmt = (v: number): string => (Math.round(v * 100) / 100).toFixed(2);

/** rob_k against k: the algorithm, k/(k+1), NLHF and the multiplayer NE on the same (worst) profiles; failing k ringed in red. */
export function checkSvg(r: CheckResult): string {
  const W = 720;
  const H = 400;
  const L = 64;
  const R = 210;
  const T = 44;
  const B = 52;
  const pw = W - L - R;
  const ph = H - T - B;
  const ks = r.curve.map((c) => c.k);
  const series: { label: string; color: string; dash: string; marker: 'circle' | 'square' | 'triangle' | 'none'; ys: (number | null)[] }[] = [
    { label: r.algorithm, color: '#1f77b4', dash: '', marker: 'circle', ys: r.curve.map((c) => toNumber(c.robustness)) },
    { label: 'k/(k+1) (theory)', color: '#222222', dash: '6 4', marker: 'square', ys: r.curve.map((c) => toNumber(c.theory)) },
  ];
  if (r.curve.some((c) => !isZero(c.slack)))
    series.push({ label: 'k/(k+1) − slack', color: '#8c8c8c', dash: '1 3', marker: 'none', ys: r.curve.map((c) => toNumber(c.theory.sub(c.slack))) });
  if (r.curve.some((c) => c.nlhf !== null))
    series.push({ label: 'NLHF (maximal lottery)', color: '#ff7f0e', dash: '2 3', marker: 'triangle', ys: r.curve.map((c) => (c.nlhf === null ? null : toNumber(c.nlhf))) });
  if (r.curve.some((c) => c.ne !== null))
    series.push({ label: 'multiplayer NE of G_{k+1}', color: '#2ca02c', dash: '4 2', marker: 'none', ys: r.curve.map((c) => (c.ne === null ? null : toNumber(c.ne))) });
  const all = series.flatMap((s) => s.ys.filter((v): v is number => v !== null));
  const lo = Math.max(0, Math.min(0.4, Math.floor((Math.min(...all) - 0.02) * 10) / 10));
  const hi = 1;
  const kmin = Math.min(...ks);
  const kmax = Math.max(...ks);
  const pad = 0.35; // keep markers off the axes
  const X = (k: number): number => L + ((k - kmin + pad) / (kmax - kmin + 2 * pad)) * pw;
  const Y = (v: number): number => T + ((hi - v) / (hi - lo)) * ph;
  const o: string[] = [];
  o.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="Helvetica, Arial, sans-serif" font-size="12">`);
  o.push(`<rect x="0" y="0" width="${W}" height="${H}" fill="#ffffff"/>`);
  o.push(`<text x="${L + pw / 2}" y="24" text-anchor="middle" font-size="15" font-weight="bold">${esc(`rob_k against k: ${r.algorithm}`)}</text>`);
  // grid and y ticks
  const step = hi - lo > 0.31 ? 0.1 : 0.05;
  for (let v = lo; v <= hi + 1e-9; v += step) {
    const y = fmt(Y(v));
    o.push(`<line x1="${L}" y1="${y}" x2="${L + pw}" y2="${y}" stroke="#e5e5e5"/>`);
    o.push(`<text x="${L - 8}" y="${fmt(Y(v) + 4)}" text-anchor="end">${fmt(v)}</text>`);
  }
  for (const k of ks) {
    o.push(`<line x1="${fmt(X(k))}" y1="${T + ph}" x2="${fmt(X(k))}" y2="${T + ph + 5}" stroke="#222"/>`);
    o.push(`<text x="${fmt(X(k))}" y="${T + ph + 19}" text-anchor="middle">${k}</text>`);
  }
  o.push(`<line x1="${L}" y1="${T + ph}" x2="${L + pw}" y2="${T + ph}" stroke="#222"/>`);
  o.push(`<line x1="${L}" y1="${T}" x2="${L}" y2="${T + ph}" stroke="#222"/>`);
  o.push(`<text x="${L + pw / 2}" y="${H - 12}" text-anchor="middle">k (responses shown to the user)</text>`);
  o.push(`<text x="16" y="${T + ph / 2}" text-anchor="middle" transform="rotate(-90 16 ${T + ph / 2})">worst-case win rate rob_k</text>`);
  const marker = (m: string, x: number, y: number, color: string): string =>
    m === 'none'
      ? ''
      : m === 'circle'
      ? `<circle cx="${fmt(x)}" cy="${fmt(y)}" r="4" fill="${color}"/>`
      : m === 'square'
        ? `<rect x="${fmt(x - 3.5)}" y="${fmt(y - 3.5)}" width="7" height="7" fill="${color}"/>`
        : `<path d="M ${fmt(x)} ${fmt(y - 5)} L ${fmt(x + 4.5)} ${fmt(y + 3.5)} L ${fmt(x - 4.5)} ${fmt(y + 3.5)} Z" fill="${color}"/>`;
  // theory first, then the algorithm, then NLHF (dotted) on top so that equal curves stay visible
  for (const s of [series[1], series[0], ...series.slice(2)]) {
    const pts = ks.flatMap((k, i) => (s.ys[i] === null ? [] : [`${fmt(X(k))},${fmt(Y(s.ys[i] as number))}`]));
    if (pts.length > 1)
      o.push(`<polyline points="${pts.join(' ')}" fill="none" stroke="${s.color}" stroke-width="2"${s.dash ? ` stroke-dasharray="${s.dash}"` : ''}/>`);
    if (s.marker !== 'none')
      ks.forEach((k, i) => {
        if (s.ys[i] !== null) o.push(marker(s.marker, X(k), Y(s.ys[i] as number), s.color));
      });
  }
  r.curve.forEach((c, i) => {
    if (!c.meetsTheory) o.push(`<circle cx="${fmt(X(ks[i]))}" cy="${fmt(Y(series[0].ys[i] as number))}" r="8" fill="none" stroke="#d62728" stroke-width="2"/>`);
  });
  // legend
  const lx = L + pw + 16;
  let ly = T + 10;
  const entries = [...series.map((s) => ({ ...s, ring: false })), ...(r.meetsTheory ? [] : [{ label: 'below k/(k+1) − slack', color: '#d62728', dash: '', marker: 'ring', ys: [], ring: true }])];
  for (const e of entries) {
    if (e.ring) o.push(`<circle cx="${lx + 14}" cy="${ly}" r="7" fill="none" stroke="${e.color}" stroke-width="2"/>`);
    else {
      o.push(`<line x1="${lx}" y1="${ly}" x2="${lx + 28}" y2="${ly}" stroke="${e.color}" stroke-width="2"${e.dash ? ` stroke-dasharray="${e.dash}"` : ''}/>`);
      if (e.marker !== 'none') o.push(marker(e.marker, lx + 14, ly, e.color));
    }
    o.push(`<text x="${lx + 36}" y="${ly + 4}">${esc(e.label)}</text>`);
    ly += 22;
  }
  o.push(`<text x="${lx}" y="${ly + 8}" fill="#555" font-size="11">rule: ${esc(r.rule)}</text>`);
  o.push(`<text x="${lx}" y="${ly + 24}" fill="#555" font-size="11">${r.meetsTheory ? 'meets the theory' : 'FAILS the theory'}</text>`);
  o.push('</svg>');
  return o.join('\n') + '\n';
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

// ---- Markdown ----

/** Exact text when short, else a decimal marked as such (exact values are in the JSON). */
function show(v: Fraction): string {
  const s = v.toFraction();
  return s.length <= 21 ? s : `≈ ${toDecimal(v, 9)}`;
}

function describe(p: Profile): string {
  const n = p.prompts.map((x) => x.prompt.responses.length);
  const m = p.prompts.map((x) => x.prompt.users.length);
  return p.prompts.length === 1 ? `${n[0]} responses, ${m[0]} user types` : `${p.prompts.length} prompts`;
}

function witnessSection(c: CurvePoint, e: Evaluation, files: { profile: string; model: string }, title: string, rule: string): string[] {
  const L: string[] = [];
  L.push(`### k = ${c.k}: ${title}`, '');
  L.push(`${describe(e.profile)}; from ${e.source}. rob_${c.k} = ${e.robustness.toFraction()} ≈ ${toDecimal(e.robustness, 6)}, ` +
    `k/(k+1) − slack = ${show(e.bound)}; worst opponent: ${e.worstOpponent.join(', ')}.`, '');
  L.push('```json', JSON.stringify(profileToJson(e.profile)), '```', '');
  L.push(`Replay: \`ualign winrate --profile ${files.profile} --policy ${files.model} --k ${c.k}${rule === 'uniform' ? '' : ` --rule ${rule}`}\``, '');
  return L;
}

export function checkMarkdown(r: CheckResult, out: string): string {
  const p = checkPaths(out, r.algorithm);
  const svgName = p.svg.split(/[\\/]/).pop();
  const fails = r.curve.filter((c) => !c.meetsTheory).map((c) => c.k);
  const s = r.search;
  const L: string[] = [];
  L.push(`# ualign check: ${r.algorithm}`, '');
  if (r.description) L.push(r.description, '');
  L.push(
    `Rule \`${r.rule}\`; k ∈ {${r.curve.map((c) => c.k).join(', ')}}; fast-check seed ${r.seed}, ${r.runs} runs per k over profiles with ` +
      `${s.minResponses ?? 1}–${s.maxResponses ?? 5} responses, ${s.minUsers ?? 1}–${s.maxUsers ?? 4} user types, weights 1–${s.maxWeight ?? 5}; ` +
      `fixtures: ${r.fixtures.join('; ') || 'none'}.`,
    '',
  );
  L.push(
    r.meetsTheory
      ? `**Meets the theory**: no checked profile has rob_k < k/(k+1) − slack.`
      : `**Fails the theory** at k = ${fails.join(', ')}: some profile has rob_k < k/(k+1) − slack (counterexamples below, shrunk by fast-check).`,
    '',
  );
  L.push(`![rob_k against k](${svgName})`, '');
  L.push('| k | robustness (lowest found) | ≈ | k/(k+1) | gap | slack | NLHF on the same profile | multiplayer NE on it | verdict | worst profile |');
  L.push('|---|---|---|---|---|---|---|---|---|---|');
  for (const c of r.curve)
    L.push(
      `| ${c.k} | ${show(c.robustness)} | ${toDecimal(c.robustness, 6)} | ${c.theory.toFraction()} | ${show(c.gap)} | ${show(c.slack)} | ` +
        `${c.nlhf === null ? '–' : show(c.nlhf)} | ${c.ne === null ? '–' : show(c.ne)} | ${c.meetsTheory ? 'meets' : '**fails**'} | ${describe(c.worst.profile)} (${c.worst.source}) |`,
    );
  L.push('');
  L.push('Robustness is exact: rob_k = Σ_x ρ(x) min_y WR_x(σ, y) (SPEC §2) of the algorithm’s output on the worst profile found; ' +
    'the theory line is k/(k+1) (T1/T2). Slack is what the algorithm certifies it may lose (ε for an ε-equilibrium, Reg_T/T for self-play).', '');
  const cex = r.curve.filter((c) => c.counterexample);
  if (cex.length > 0) {
    L.push('## Counterexamples', '');
    for (const c of cex) L.push(...witnessSection(c, c.counterexample!, witnessFiles(p.dir, c.k, 'counterexample'), 'smallest failing profile', r.rule));
  }
  L.push('## Worst profiles', '');
  for (const c of r.curve) L.push(...witnessSection(c, c.worst, witnessFiles(p.dir, c.k, 'worst'), 'lowest robustness found', r.rule));
  if (r.curve.some((c) => !c.reproducible)) L.push('**Warning**: re-evaluating a stored witness gave different numbers: the algorithm is not deterministic.', '');
  if (r.notes.length > 0) {
    L.push('## Notes', '');
    for (const n of r.notes) L.push(`- ${n.text} (${n.count}×)`);
    L.push('');
  }
  return L.join('\n');
}

/** Write the JSON, Markdown, SVG and the replayable witnesses (profile + model per k) under `out`. */
export function writeCheckReport(r: CheckResult, out: string): { md: string; svg: string; json: string; dir: string } {
  const p = checkPaths(out, r.algorithm);
  const s = slug(r.algorithm);
  const files = new Map<string, string>();
  const put = (path: string, text: string) => files.set(relative(out, path).split(sep).join('/'), text);
  for (const c of r.curve) {
    const w = witnessFiles(p.dir, c.k, 'worst');
    put(w.profile, toJsonText(profileToJson(c.worst.profile)));
    put(w.model, toJsonText(modelsToJson(c.worst.profile, c.worst.models)));
    if (c.counterexample) {
      const f = witnessFiles(p.dir, c.k, 'counterexample');
      put(f.profile, toJsonText(profileToJson(c.counterexample.profile)));
      put(f.model, toJsonText(modelsToJson(c.counterexample.profile, c.counterexample.models)));
    }
  }
  put(p.svg, checkSvg(r));
  put(p.md, checkMarkdown(r, out));
  put(p.json, toJsonText(checkJson(r, out)));
  // check-NAME/ is this run's own: replaced as a whole, so no witness of an earlier run survives
  writeOutputSet(out, files, [`check-${s}`]);
  return p;
}
