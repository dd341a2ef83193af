// `ualign check`: the documented runs, plug-ins, stored witnesses replayed, PrefLib fixtures.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkAlgorithm } from '../src/algorithms/check.js';
import { runningPlugins } from '../src/algorithms/plugins/runner.js';
import { builtin, loadPlugin } from '../src/algorithms/registry.js';
import { frac, signOf } from '../src/exact/rational.js';
import { loadProfile } from '../src/model/load.js';
import { writeCheckReport } from '../src/report/check.js';

const ROOT = join(__dirname, '..');
const BIN = join(ROOT, 'bin', 'ualign.mjs');
const dir = mkdtempSync(join(tmpdir(), 'ualign-check-'));
const ualign = (...args: string[]) => {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', cwd: dir });
  return { code: r.status, out: r.stdout, err: r.stderr };
};
const K6 = [1, 2, 3, 4, 5, 6];

describe('acceptance', () => {
  it('builtin:nlhf fails the theory with a shrunk two-response counterexample at k = 2', async () => {
    const r = await checkAlgorithm(builtin('nlhf'), { ks: K6, runs: 100 });
    expect(r.meetsTheory).toBe(false);
    expect(r.curve[0].meetsTheory).toBe(true); // k = 1: NLHF is the k = 1 equilibrium (T7)
    const c2 = r.curve[1].counterexample!;
    expect(c2).not.toBeNull();
    expect(c2.profile.prompts[0].prompt.responses).toHaveLength(2);
    expect(c2.robustness.lt(frac(2, 3))).toBe(true);
    expect(c2.source).toMatch(/shrunk/);
    for (const c of r.curve.slice(1)) expect(c.meetsTheory).toBe(false);
    expect(r.curve.every((c) => c.reproducible)).toBe(true);
  });

  it('builtin:multiplayer-ne meets the theory for k ≤ 6 (rob = k/(k+1) − ε, T2)', async () => {
    const r = await checkAlgorithm(builtin('multiplayer-ne'), { ks: K6, runs: 40 });
    expect(r.meetsTheory).toBe(true);
    for (const c of r.curve) {
      expect(c.robustness.equals(c.theory.sub(c.slack))).toBe(true);
      expect(c.slack.lt(frac(1, 10000))).toBe(true);
    }
  });

  it('builtin:self-play meets it up to its exact Reg_T/T slack (T5)', async () => {
    const r = await checkAlgorithm(builtin('self-play:T=40'), { ks: [1, 3, 6], runs: 20 });
    expect(r.meetsTheory).toBe(true);
    for (const c of r.curve) {
      expect(signOf(c.slack)).toBeGreaterThan(0);
      expect(c.robustness.equals(c.theory.sub(c.slack))).toBe(true);
    }
  });
});

describe('plug-ins', () => {
  it('a user-written .mjs plug-in is loaded and checked; float answers are converted exactly and noted', async () => {
    const path = join(dir, 'my-algorithm.mjs');
    writeFileSync(
      path,
      `// every user type's top choice, as floats
export default {
  name: 'float-shares',
  description: 'population shares in floating point',
  align(profile, k) {
    const pi = Object.fromEntries(profile.responses.map((id) => [id, 0]));
    for (const u of profile.users) {
      const [p, q] = u.weight.split('/').map(Number);
      const top = u.ranking[0] ?? profile.responses;
      for (const id of top) pi[id] += (q ? p / q : p) / top.length;
    }
    return pi;
  },
};
`,
    );
    const alg = await loadPlugin('my-algorithm.mjs', dir);
    expect(alg.name).toBe('float-shares');
    const r = await checkAlgorithm(alg, { ks: [1, 2], runs: 30 });
    expect(r.algorithm).toBe('float-shares');
    expect(r.meetsTheory).toBe(false); // population shares do not reach k/(k+1)
    expect(r.notes.some((n) => /divided by their exact sum/.test(n.text))).toBe(true);
    await alg.close();
    expect(runningPlugins()).toBe(0);
    // the CLI: same plug-in, relative path, JSON report, exit code 1
    const cli = ualign('check', '--algorithm', './my-algorithm.mjs', '--k', '1..2', '--runs', '10', '--json', '--out', 'out');
    expect(cli.err).toBe('');
    expect(cli.code).toBe(1);
    const j = JSON.parse(cli.out);
    expect(j.algorithm).toBe('float-shares');
    expect(j.meetsTheory).toBe(false);
    expect(Object.keys(j.curve[0])).toEqual(expect.arrayContaining(['k', 'robustness', 'theory', 'gap', 'worstProfile']));
    expect(existsSync(join(dir, 'out', 'check-float-shares.svg'))).toBe(true);
  });

  it('bad plug-ins and answers: one line, exit 2', () => {
    writeFileSync(join(dir, 'no-default.mjs'), 'export const x = 1;\n');
    writeFileSync(join(dir, 'no-align.mjs'), 'export default { name: "x" };\n');
    writeFileSync(join(dir, 'syntax.mjs'), 'export default {\n');
    writeFileSync(join(dir, 'far.mjs'), 'export default { name: "far", align: (p) => ({ [p.responses[0]]: 0.5 }) };\n');
    writeFileSync(join(dir, 'nan.mjs'), 'export default { name: "nan", align: (p) => ({ [p.responses[0]]: NaN }) };\n');
    writeFileSync(join(dir, 'throws.mjs'), 'export default { name: "boom", align: () => { throw new Error("kaput"); } };\n');
    const cases: [string, RegExp][] = [
      ['./missing.mjs', /plug-in \.\/missing\.mjs: no such file/],
      ['./no-default.mjs', /no default export/],
      ['./no-align.mjs', /needs a function "align\(profile, k\)"/],
      ['./syntax.mjs', /cannot load/],
      ['./far.mjs', /algorithm "far" on two-camp δ=1\/20, k = 1: \$: probabilities sum to 0\.5.*further than 1e-9 from 1/],
      ['./nan.mjs', /algorithm "nan" on .*\$\.a: is NaN/],
      ['./throws.mjs', /algorithm "boom" on .*align threw: kaput/],
      ['builtin:nope', /unknown built-in algorithm/],
    ];
    for (const [alg, re] of cases) {
      const r = ualign('check', '--algorithm', alg, '--k', '1', '--runs', '5', '--out', 'bad');
      expect(r.code, alg).toBe(2);
      expect(r.err.trim().split('\n'), alg).toHaveLength(1);
      expect(r.err, alg).toMatch(re);
    }
  });
});

describe('reports and stored witnesses', () => {
  it('the stored counterexample replays with ualign winrate to the same exact robustness', async () => {
    const r = await checkAlgorithm(builtin('nlhf'), { ks: [2], runs: 60 });
    const out = join(dir, 'reports');
    const p = writeCheckReport(r, out);
    const md = readFileSync(p.md, 'utf8');
    expect(md).toMatch(/\| 2 \| .* \| \*\*fails\*\* \|/);
    const svg = readFileSync(p.svg, 'utf8');
    expect(svg).toMatch(/^<svg/);
    expect(svg).toMatch(/NLHF \(maximal lottery\)/);
    expect(svg).toMatch(/k\/\(k\+1\) \(theory\)/);
    const json = JSON.parse(readFileSync(p.json, 'utf8'));
    const cx = json.curve[0].counterexample;
    const w = ualign('winrate', '--profile', cx.files.profile, '--policy', cx.files.model, '--k', '2', '--json');
    expect(w.code).toBe(0);
    expect(JSON.parse(w.out).robustness).toBe(cx.robustness);
    // deterministic: a second run writes the same bytes
    writeCheckReport(await checkAlgorithm(builtin('nlhf'), { ks: [2], runs: 60 }), join(dir, 'again'));
    expect(readFileSync(join(dir, 'again', 'check-nlhf.svg'), 'utf8')).toBe(svg);
  });

  it('self-play witnesses (a mixture of products) are stored as exact k-output models that replay', async () => {
    const r = await checkAlgorithm(builtin('self-play:T=10'), { ks: [2], runs: 5, compareNlhf: false });
    const p = writeCheckReport(r, join(dir, 'sp'));
    const c = JSON.parse(readFileSync(p.json, 'utf8')).curve[0];
    expect(c.worstModel.kind).toBe('k-output');
    const w = ualign('winrate', '--profile', c.worstFiles.profile, '--policy', c.worstFiles.model, '--json');
    expect(JSON.parse(w.out).robustness).toBe(c.robustness);
  });
});

describe('PrefLib profiles', () => {
  const files = ['two-camp.soc', 'tutoring-styles.soi', 'summary-length.toi'].map((f) => join(ROOT, 'fixtures', 'preflib', f));
  it('the shipped examples load', () => {
    const sizes = files.map((f) => loadProfile(f).prompts[0].prompt.responses.length);
    expect(sizes).toEqual([2, 4, 3]);
  });
  it('ualign check runs on them: NLHF falls to 13/24 (tutoring-styles), the equilibrium meets the theory', () => {
    const r = ualign('check', '--algorithm', 'builtin:nlhf', '--k', '1..3', '--runs', '0', '--no-fixtures', '--profile', files.join(','), '--json', '--out', 'pl');
    expect(r.code).toBe(1);
    const j = JSON.parse(r.out);
    expect(j.curve.map((c: { robustness: string }) => c.robustness)).toEqual(['1/2', '13/24', '13/24']);
    const two = ualign('check', '--algorithm', 'builtin:multiplayer-ne', '--k', '1..3', '--runs', '0', '--no-fixtures', '--profile', files.join(','), '--json', '--out', 'pl');
    expect(two.code).toBe(0);
  });
});

describe('ualign algorithms', () => {
  it('lists every built-in with one line each', () => {
    const r = ualign('algorithms');
    expect(r.code).toBe(0);
    for (const n of ['nlhf', 'nlhf-reg', 'rlhf-bt', 'best-of-n', 'multiplayer-ne', 'self-play', 'uniform', 'population-shares']) expect(r.out).toMatch(new RegExp(`^  ${n} `, 'm'));
  });
});
