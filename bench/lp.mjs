// Bench: certified maximal lotteries against exact anchors (QSopt_ex esolver, glpsol --exact,
// lrsnash), the simplex / glpk crossover, and V_k by column generation.
// Usage: node bench/lp.mjs [--quick]   (needs `npm run build` first: it imports ../dist/index.js)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { have, median } from './util.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const distIndex = join(here, '..', 'dist', 'index.js');
const distInternal = join(here, '..', 'dist', 'internal.js');
const bin = join(here, '..', 'bin', 'ualign.mjs');

/** Seeded 64-bit LCG → [0, 1). */
function prng(seed) {
  let s = BigInt(seed);
  return () => {
    s = (s * 6364136223846793005n + 1442695040888963407n) & ((1n << 64n) - 1n);
    return Number(s >> 11n) / 2 ** 53;
  };
}

/**
 * m strict rankings of n responses: `centres` cyclic rotations of one random order (a majority cycle
 * at the top), each voter a Mallows-like perturbation (repeated insertion, dispersion phi) of its centre.
 * Deterministic in seed; the maximal lottery is mixed (no Condorcet winner) on these instances.
 */
export function generateRankings(n, m, seed, { centres = 5, phi = 0.97 } = {}) {
  const rnd = prng(seed);
  const base = [...Array(n).keys()];
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [base[i], base[j]] = [base[j], base[i]];
  }
  const out = [];
  for (let v = 0; v < m; v++) {
    const shift = Math.floor(((v % centres) * n) / centres);
    const centre = base.map((_, i) => base[(i + shift) % n]);
    const r = [];
    for (let i = 0; i < n; i++) {
      let u = (rnd() * (1 - phi ** (i + 1))) / (1 - phi);
      let d = 0;
      let w = 1;
      while (d < i && u >= w) {
        u -= w;
        w *= phi;
        d++;
      }
      r.splice(i - d, 0, centre[i]);
    }
    out.push(r);
  }
  return out;
}

export function profileJson(n, rankings) {
  const ids = Array.from({ length: n }, (_, i) => `r${i}`);
  return { responses: ids, users: rankings.map((r) => ({ weight: 1, ranking: r.map((y) => [ids[y]]) })) };
}

/** The same profile as a PrefLib .soc file (ualign's compact input for real preference data). */
export function socText(n, rankings) {
  const lines = ['# DATA TYPE: soc', `# NUMBER ALTERNATIVES: ${n}`];
  for (let y = 0; y < n; y++) lines.push(`# ALTERNATIVE NAME ${y + 1}: r${y}`);
  for (const r of rankings) lines.push(`1: ${r.map((y) => y + 1).join(',')}`);
  return lines.join('\n') + '\n';
}

/** CPLEX LP text of the NLHF LP: max v s.t. Σ_y K[y][z] x_y − v ≥ 0, Σ x = 1, v free. */
function lpText(K) {
  const n = K.length;
  const lines = ['Maximize', ' obj: v', 'Subject To'];
  for (let z = 0; z < n; z++) {
    const terms = [];
    for (let y = 0; y < n; y++) {
      const c = K[y][z];
      if (c !== 0n) terms.push(`${c < 0n ? '-' : '+'} ${c < 0n ? -c : c} x${y}`);
    }
    lines.push(` c${z}: ${terms.join(' ')} - v >= 0`);
  }
  lines.push(` s: ${Array.from({ length: n }, (_, y) => `+ x${y}`).join(' ')} = 1`);
  lines.push('Bounds', ' -inf <= v <= +inf', 'End', '');
  return lines.join('\n');
}

/** lrsnash game file: the symmetric zero-sum game (K, −K). */
function lrsGame(K) {
  const n = K.length;
  const rows = (sgn) => K.map((r) => r.map((v) => String(sgn * v)).join(' ')).join('\n');
  return `${n} ${n}\n\n${rows(1n)}\n\n${rows(-1n)}\n`;
}


/** Install the Debian anchors if missing; returns {esolver, glpsol, lrsnash} availability and a note. */
function ensureAnchors() {
  const want = { esolver: 'qsopt-ex', glpsol: 'glpk-utils', lrsnash: 'lrslib' };
  const missing = Object.keys(want).filter((c) => !have(c));
  let note = missing.length === 0 ? 'anchors present' : '';
  if (missing.length > 0) {
    const r = spawnSync('apt-get', ['install', '-y', ...missing.map((c) => want[c])], { encoding: 'utf8', timeout: 300_000 });
    note = r.status === 0 ? `installed ${missing.map((c) => want[c]).join(', ')}` : `apt-get install failed for ${missing.map((c) => want[c]).join(', ')}`;
  }
  const out = {};
  for (const c of Object.keys(want)) out[c] = have(c);
  const still = Object.keys(want).filter((c) => !out[c]);
  if (still.length > 0) note += `; skipping missing: ${still.join(', ')}`;
  return { avail: out, note };
}

/**
 * An anchor under a limit, with its peak memory: /usr/bin/time wraps `timeout -s KILL`, which kills the
 * anchor itself (nothing orphaned) and whose waited-for child's peak RSS time reports. Exit 137 = killed.
 */
function timedAnchor(cmd, args, limitMs, opts = {}) {
  const r = timed('/usr/bin/time', ['-f', '__MAXRSS__ %M', 'timeout', '-s', 'KILL', String(Math.ceil(limitMs / 1000)), cmd, ...args], limitMs + 10_000, opts);
  const m = /__MAXRSS__ (\d+)/.exec(r.err ?? '');
  const memMB = m ? Number(m[1]) / 1024 : null;
  if (r.status === 'failed (exit 137)') return { ...r, ms: limitMs, status: 'did not finish', memMB };
  return { ...r, memMB };
}

/** Run a command with a wall-clock limit (SIGKILL at the limit); ms and status ('ok' | 'did not finish' | 'failed'). */
function timed(cmd, args, limitMs, opts = {}) {
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: limitMs, killSignal: 'SIGKILL', maxBuffer: 1 << 28, ...opts });
  const ms = performance.now() - t0;
  if ((r.error && r.error.code === 'ETIMEDOUT') || r.signal === 'SIGKILL') return { ms: limitMs, status: 'did not finish', out: '', err: '' };
  return { ms, status: r.status === 0 ? 'ok' : `failed (exit ${r.status})`, out: r.stdout ?? '', err: r.stderr ?? '' };
}


export async function run({ quick = false } = {}) {
  // nlhfLP (the NLHF game as an LP) is internal: the crossover rows solve the same LP both ways
  const api = { ...(await import(distIndex)), nlhfLP: (await import(distInternal)).nlhfLP };
  const rows = [];
  const dir = mkdtempSync(join(tmpdir(), 'ualign-bench-lp-'));
  const limitMs = quick ? 10_000 : 120_000;
  const { avail, note } = ensureAnchors();
  process.stderr.write(`bench/lp: ${note}\n`);
  try {
    // --- crossover: exact simplex vs glpk + certificate on NLHF LPs of small random profiles
    for (const n of quick ? [4, 8, 16] : [3, 4, 5, 6, 7, 8, 10, 12, 16, 20]) {
      const lps = Array.from({ length: 20 }, (_, t) => {
        const R = generateRankings(n, n + 1 + (n % 2), 1000 + t, { centres: 3, phi: 1 });
        return api.nlhfLP(api.marginMatrix(api.profileFromJson(profileJson(n, R)).prompts[0].prompt).K);
      });
      const ms = {};
      for (const pass of [0, 1])
        for (const method of ['simplex', 'glpk']) {
          const t0 = performance.now();
          for (const lp of lps) await api.solveLP(lp, { method });
          if (pass === 1) ms[method] = (performance.now() - t0) / lps.length;
        }
      rows.push({ case: 'crossover NLHF LP', sizes: `n=${n} (${n + 1}×${n + 1})`, ualignMs: ms.glpk, ualignMemMB: null, anchor: 'ualign exact simplex', anchorMs: ms.simplex, anchorStatus: 'ok', ratio: ms.glpk / ms.simplex });
    }

    // --- certified maximal lottery, m = 1000, against the anchors: whole process (the CLI, as a user runs it)
    // and in-process (load + solve + certificate), medians; each anchor also gets the median of its runs.
    const dnf = {};
    const reps = quick ? 1 : 3;
    for (const n of quick ? [20, 50, 100] : [20, 50, 100, 200, 400]) {
      const R = generateRankings(n, 1000, 42 + n);
      const pj = profileJson(n, R);
      const socPath = join(dir, `p${n}.soc`);
      writeFileSync(socPath, socText(n, R));
      const jsonPath = join(dir, `p${n}.json`);
      writeFileSync(jsonPath, JSON.stringify(pj));
      const cli = (path) => {
        const runs = Array.from({ length: reps }, () => timed('/usr/bin/time', ['-f', '__MAXRSS__ %M', process.execPath, bin, 'nash', '--profile', path, '--json'], 10 * limitMs));
        const rss = /__MAXRSS__ (\d+)/.exec(runs[0].err ?? '');
        return { ms: median(runs.map((r) => r.ms)), status: runs[0].status, out: runs[0].out, memMB: rss ? Number(rss[1]) / 1024 : null };
      };
      const u = cli(socPath);
      const uJson = cli(jsonPath);
      let info = {};
      try {
        info = JSON.parse(u.out);
      } catch {
        /* reported via status */
      }
      const inproc = [];
      for (let i = 0; i <= reps; i++) {
        const t0 = performance.now();
        await api.maximalLottery(api.loadProfile(socPath));
        if (i > 0) inproc.push(performance.now() - t0);
      }
      const inMs = median(inproc);
      const K = api.marginMatrix(api.profileFromJson(pj).prompts[0].prompt).K;
      const lpPath = join(dir, `ml${n}.lp`);
      writeFileSync(lpPath, lpText(K));
      const gamePath = join(dir, `ml${n}.game`);
      writeFileSync(gamePath, lrsGame(K));
      const support = info.policy ? Object.keys(info.policy).length : '?';
      const sizes = `n=${n}, m=1000, support ${support}${info.condorcetWinner ? ' (Condorcet winner)' : ''}`;
      const anchors = [
        ['esolver', ['-L', lpPath]],
        ['glpsol', ['--exact', '--lp', lpPath]],
        ['lrsnash', [gamePath]],
      ];
      for (const [cmd, args] of anchors) {
        let a;
        if (!avail[cmd]) a = { ms: null, status: 'missing (skipped)' };
        else if (dnf[cmd]) a = { ms: null, status: `not run (did not finish at n=${dnf[cmd]})` };
        else {
          const runs = [timedAnchor(cmd, args, limitMs, { cwd: dir })];
          if (runs[0].status === 'ok') for (let i = 1; i < reps; i++) runs.push(timedAnchor(cmd, args, limitMs, { cwd: dir }));
          a = { ms: median(runs.map((r) => r.ms)), status: runs[0].status, memMB: runs[0].memMB };
          if (a.status === 'did not finish') dnf[cmd] = n;
        }
        const ok = a.ms && a.status === 'ok';
        rows.push({
          case: 'certified maximal lottery, whole process (`ualign nash`, PrefLib input)',
          sizes,
          ualignMs: u.ms,
          ualignMemMB: u.memMB,
          anchor: cmd,
          anchorMs: a.ms,
          anchorMemMB: a.memMB ?? null,
          anchorStatus: a.status,
          ratio: ok ? u.ms / a.ms : null,
          note: `JSON input: ${uJson.ms.toFixed(0)} ms; in-process load+solve+certificate: ${inMs.toFixed(0)} ms${ok ? ` (${(inMs / a.ms).toFixed(2)} of ${cmd})` : ''}`,
          ...(cmd === 'esolver' && n >= 200 && ok
            ? { goals: `whole process ≤ esolver: ${u.ms <= a.ms ? 'met' : 'NOT met'}; in-process ≤ ½ esolver: ${inMs <= a.ms / 2 ? 'met' : 'NOT met'}` }
            : {}),
        });
      }
    }

    // --- V_k by column generation
    for (const [n, k, m] of quick ? [[8, 3, 30]] : [[12, 5, 60], [30, 4, 60]]) {
      const R = generateRankings(n, m, 7 + n, { centres: 3, phi: 0.8 });
      const profile = api.profileFromJson(profileJson(n, R));
      const t0 = performance.now();
      const r = await api.bestKOutput(profile, k);
      const ms = performance.now() - t0;
      const st = r.prompts[0].stats;
      rows.push({
        case: 'V_k column generation',
        sizes: `n=${n}, k=${k}, m=${m}: ${st.multisets} multisets, ${st.columns} columns, ${st.iterations} master LPs, V_k=${api.toDecimal(r.value, 6)}`,
        ualignMs: ms,
        ualignMemMB: process.memoryUsage().rss / 2 ** 20,
        anchor: '—',
        anchorMs: null,
        anchorStatus: '—',
        ratio: null,
      });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}

function fmt(v, d = 1) {
  return v === null || v === undefined ? '—' : typeof v === 'number' ? v.toFixed(d) : String(v);
}

export function table(rows) {
  const head = ['case', 'sizes', 'ualign ms', 'ualign MB', 'anchor', 'anchor ms', 'anchor status', 'ratio'];
  const body = rows.map((r) => [r.case, r.sizes, fmt(r.ualignMs), fmt(r.ualignMemMB, 0), r.anchor, fmt(r.anchorMs), r.anchorStatus, fmt(r.ratio, 2)]);
  const w = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells) => cells.map((c, i) => c.padEnd(w[i])).join(' | ');
  return [line(head), w.map((x) => '-'.repeat(x)).join('-|-'), ...body.map(line)].join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (!existsSync(distIndex)) {
    process.stderr.write('bench/lp: build first (npm run build)\n');
    process.exit(2);
  }
  const rows = await run({ quick: process.argv.includes('--quick') });
  process.stdout.write(table(rows) + '\n');
}

