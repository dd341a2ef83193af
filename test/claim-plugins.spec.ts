// Plug-in claims end to end: `ualign verify --claim ./x.mjs` runs a claim module like a built-in (table,
// reports, shrinking, shards, replay), and a module that breaks the contract is one line and exit 2,
// within the time limit, with nothing written.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Run, inProcess, subprocess } from './helpers/cli.js';
import { ClaimEdit, ROOT, claimDir, writeClaim } from './helpers/claims.js';

const TRUE_EX = 'examples/claims/uniform-floor.mjs';
const FALSE_EX = 'examples/claims/condorcet-mass.mjs';
const tmp = () => mkdtempSync(join(tmpdir(), 'ualign-claimplugins-'));
const readJson = (p: string) => JSON.parse(readFileSync(p, 'utf8')) as Record<string, any>;

describe('the examples (examples/claims/, public API only)', () => {
  const out = join(tmp(), 'r');
  let run: Run;
  beforeAll(() => {
    run = subprocess(['verify', '--claims', 'none', '--claim', TRUE_EX, '--claim', FALSE_EX, '--out', out]);
  });

  it('import nothing but the package by its name', () => {
    for (const f of [TRUE_EX, FALSE_EX]) {
      const imports = [...readFileSync(join(ROOT, f), 'utf8').matchAll(/^\s*(?:import|export)[^;]*?from\s+'([^']+)'/gm)].map((m) => m[1]);
      expect(imports).toEqual(['ualign']);
    }
  });

  it('the true conjecture holds on its suite; the false one is refuted by a shrunk two-response counterexample (exit 1)', () => {
    expect(run.err).toBe('');
    expect(run.code).toBe(1);
    expect(run.out).toMatch(/^uniform-floor\s+holds\s+holds\s+400\s+0\s+ok$/m);
    expect(run.out).toMatch(/^condorcet-mass\s+holds\s+refuted\s+\d+\s+-\S+\s+FAIL$/m);
    expect(run.out).toContain('verify: FAILED (condorcet-mass)');
    const cx = readJson(join(out, 'counterexamples', 'condorcet-mass.json'));
    expect(cx.module).toBe(FALSE_EX);
    expect(cx.counterexample).toEqual({
      profile: { responses: ['a', 'b'], users: [{ weight: '2/3', ranking: [['a'], ['b']] }, { weight: '1/3', ranking: [['b'], ['a']] }] },
      k: 3,
    });
    expect(cx.verdict).toEqual({ slack: '-11/150', certificate: { winner: 'a', robustness: '2/3', bound: '37/50', worstOpponent: 'b' } });
    expect(existsSync(join(out, 'counterexamples', 'uniform-floor.json'))).toBe(false);
  });

  it('the reports carry the claims like built-ins: statement, module, seed hash(seed:id), coverage', () => {
    const report = readJson(join(out, 'verify.json'));
    expect(report.claims.map((c: any) => [c.id, c.module, c.outcome])).toEqual([
      ['uniform-floor', TRUE_EX, 'holds'],
      ['condorcet-mass', FALSE_EX, 'refuted'],
    ]);
    expect(report.claims[0].coverage).toMatchObject({ instances: 400, k: { min: 1, max: 32 }, prompts: { min: 1, max: 2 } });
    const md = readFileSync(join(out, 'verify.md'), 'utf8');
    expect(md).toContain('## uniform-floor uniform policy floor');
    expect(md).toContain(`Plug-in claim from the module \`${TRUE_EX}\`.`);
    expect(readFileSync(join(out, 'counterexamples', 'condorcet-mass.md'), 'utf8')).toContain('**The claim is refuted**');
  });

  it("replay loads the module the report records and reproduces the whole verdict; a tampered slack is not reproduced", () => {
    const file = join(out, 'counterexamples', 'condorcet-mass.json');
    const r = subprocess(['replay', file]);
    expect(r.out).toBe('condorcet-mass (positive claim): still a counterexample, slack -11/150 (stored -11/150): reproduced\n');
    expect(r.code).toBe(0);
    const bad = readJson(file);
    bad.verdict.slack = '-1/15';
    const badFile = join(tmp(), 'bad.json');
    writeFileSync(badFile, JSON.stringify(bad));
    const b = subprocess(['replay', badFile]);
    expect(b.out).toMatch(/NOT reproduced: \$\.verdict\.slack: stored "-1\/15", recomputed "-11\/150"/);
    expect(b.code).toBe(1);
    const all = subprocess(['replay', join(out, 'verify.json'), '--json']);
    expect(JSON.parse(all.out)).toMatchObject({ ok: true, replays: [{ claim: 'condorcet-mass', reproduced: true }] });
  });

  it('replay from another folder: the recorded path does not resolve (one line), --claim PATH points to the module', () => {
    const elsewhere = tmp();
    const file = join(out, 'counterexamples', 'condorcet-mass.json');
    const lost = subprocess(['replay', file], {}, elsewhere);
    expect(lost.err).toMatch(/^ualign replay: .*condorcet-mass\.json: \$\.module: claim condorcet-mass: claim module examples\/claims\/condorcet-mass\.mjs: no such file .*give the module with --claim PATH\)\n$/);
    expect(lost.code).toBe(2);
    const found = subprocess(['replay', file, '--claim', join(ROOT, FALSE_EX)], {}, elsewhere);
    expect(found.out).toMatch(/: reproduced\n$/);
    expect(found.code).toBe(0);
  });

  it('UALIGN_FAULT reaches plug-in claims (they call the same kernels): refuted, and replayed only under the fault', () => {
    const dir = tmp();
    const r = subprocess(['verify', '--claims', 'none', '--claim', TRUE_EX, '--runs', '5', '--out', join(dir, 'f')], { UALIGN_FAULT: 'uk-off-by-one' });
    expect(r.out).toMatch(/^uniform-floor\s+holds\s+refuted\s+/m);
    expect(r.code).toBe(1);
    const cx = join(dir, 'f', 'counterexamples', 'uniform-floor.json');
    expect(subprocess(['replay', cx], { UALIGN_FAULT: 'uk-off-by-one' }).code).toBe(0);
    expect(subprocess(['replay', cx]).out).toMatch(/NOT a counterexample any more/);
  });

  it('results do not depend on the worker count: --jobs 0 (in process) and 2 give the same verify.json and verify.md', async () => {
    const dir = tmp();
    const args = ['verify', '--claims', 'N2', '--claim', TRUE_EX, '--claim', FALSE_EX, '--runs', '20'];
    const a = await inProcess([...args, '--jobs', '0', '--out', join(dir, 'v')]);
    const aJson = readFileSync(join(dir, 'v', 'verify.json'), 'utf8');
    const aMd = readFileSync(join(dir, 'v', 'verify.md'), 'utf8');
    const b = await inProcess([...args, '--jobs', '2', '--out', join(dir, 'v')]);
    expect([a.code, b.code]).toEqual([1, 1]);
    expect(b.out).toBe(a.out);
    expect(readFileSync(join(dir, 'v', 'verify.json'), 'utf8')).toBe(aJson);
    expect(readFileSync(join(dir, 'v', 'verify.md'), 'utf8')).toBe(aMd);
    expect(JSON.parse(aJson).claims.map((c: any) => c.id)).toEqual(['N2', 'uniform-floor', 'condorcet-mass']);
  });

  it('shards: 3 shards merge (in two orders) to the same bytes, runs add up, the module is kept', async () => {
    const dir = tmp();
    for (let i = 1; i <= 3; i++) {
      const r = await inProcess(['verify', '--claims', 'none', '--claim', TRUE_EX, '--claim', FALSE_EX, '--runs', '60', '--shard', `${i}/3`, '--out', join(dir, `s${i}`)]);
      expect(r.code).toBe(1);
    }
    const shard = (i: number) => join(dir, `s${i}`, 'verify.json');
    expect((await inProcess(['merge-reports', shard(2), shard(3), shard(1), '--out', join(dir, 'm')])).code).toBe(1);
    const first = readFileSync(join(dir, 'm', 'verify.json'), 'utf8');
    expect((await inProcess(['merge-reports', shard(1), shard(2), shard(3), '--out', join(dir, 'm')])).code).toBe(1);
    expect(readFileSync(join(dir, 'm', 'verify.json'), 'utf8')).toBe(first);
    const merged = JSON.parse(first);
    const runs = [1, 2, 3].map((i) => readJson(shard(i)).claims[0].runs as number);
    expect(merged.claims[0]).toMatchObject({ id: 'uniform-floor', module: TRUE_EX, runs: runs[0] + runs[1] + runs[2] });
    expect(runs[0] + runs[1] + runs[2]).toBe(60);
    expect(merged.claims[1]).toMatchObject({ id: 'condorcet-mass', module: FALSE_EX, outcome: 'refuted' });
    // the plug-in claims' statements travel in the report, so the merged verify.md states them as verify's does
    const md = readFileSync(join(dir, 'm', 'verify.md'), 'utf8');
    for (const c of merged.claims) expect(md).toContain(c.statement);
    expect(readFileSync(join(dir, 's1', 'verify.md'), 'utf8')).toContain(merged.claims[1].statement);
    expect((await inProcess(['replay', join(dir, 'm', 'verify.json')])).code).toBe(0);
    const moved = readJson(shard(3));
    moved.claims[0].module = 'elsewhere/uniform-floor.mjs';
    writeFileSync(shard(3), JSON.stringify(moved));
    const clash = await inProcess(['merge-reports', shard(1), shard(2), shard(3), '--out', join(dir, 'm2')]);
    expect(clash.err).toBe(`ualign merge-reports: claim uniform-floor comes from the module ${TRUE_EX} in one shard and from the module elsewhere/uniform-floor.mjs in another\n`);
    expect(clash.code).toBe(2);
  });
});

describe('verify --claim with the built-ins and options', () => {
  it('runs after the selected built-ins in one table; --claim=PATH works; --claims none without --claim is refused', async () => {
    const dir = claimDir();
    const good = writeClaim(dir, 'good');
    const r = await inProcess(['verify', '--claims', 'N2', `--claim=${good}`, '--out', join(dir, 'out')]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^N2 .*ok\ntiny\s+holds\s+holds\s+30\s+\S+\s+ok\n/m);
    const none = await inProcess(['verify', '--claims', 'none', '--out', join(dir, 'out2')]);
    expect(none.err).toBe('ualign verify: --claims none selects no built-in claim: give plug-in claims with --claim FILE.mjs\n');
    expect(none.code).toBe(2);
    const noValue = await inProcess(['verify', '--claim']);
    expect(noValue.err).toBe('ualign verify: --claim needs a value\n');
    const badTimeout = await inProcess(['verify', '--claim', good, '--claim-timeout', '0']);
    expect(badTimeout.err).toMatch(/--claim-timeout must be a number of seconds/);
    expect(badTimeout.code).toBe(2);
  });

  it('runs in process with --jobs 0, with the same results as on workers', async () => {
    const dir = claimDir();
    const good = writeClaim(dir, 'good');
    const a = await inProcess(['verify', '--claims', 'none', '--claim', good, '--jobs', '0', '--json', '--out', join(dir, 'a')]);
    const b = await inProcess(['verify', '--claims', 'none', '--claim', good, '--jobs', '1', '--json', '--out', join(dir, 'b')]);
    expect(a.code).toBe(0);
    expect(a.out).toBe(b.out);
    expect(JSON.parse(a.out).claims[0]).toMatchObject({ id: 'tiny', module: good, runs: 30, outcome: 'holds' });
  });
});

// A module that breaks the contract: one line naming it and the problem, exit 2, no report.
const BAD: [string, ClaimEdit, RegExp][] = [
  ['missing field', { AFTER: 'delete claim.latex;' }, /: the claim has no "latex"$/],
  ['misspelled field', { CLAIM: "statment: 'x'," }, /: the claim has an unknown field "statment" \(did you mean "statement"\?\)$/],
  ['wrong type', { CLAIM: "defaultRuns: '10'," }, /: "defaultRuns" is "10", not an integer ≥ 1$/],
  ['a bad expectation', { CLAIM: "expect: 'maybe'," }, /: "expect" is "maybe": it must be "holds" or "refuted"$/],
  ['an id that names no file', { CLAIM: "id: '../x'," }, /: "id" is "\.\.\/x": it must be 1 to 40 letters/],
  ['a function that is not one', { CLAIM: 'size: 3,' }, /: "size" is 3, not a function$/],
  ['no default export', { raw: 'export const x = 1;\n' }, /: no default export/],
  ['an id of a built-in', { CLAIM: "id: 't1'," }, /: its claim's id "t1" is the id of the built-in claim T1 \(ids ignore case\): choose another$/],
  ['check throws', { CLAIM: "check: () => { throw new Error('boom'); }," }, /: claim tiny: check threw: boom$/],
  ['evidence throws', { PARTS: "evidence: () => { throw new TypeError('bad evidence'); }," }, /: claim tiny: evidence threw: TypeError: bad evidence$/],
  ['judge throws on a later instance', { PARTS: "judge: ({ k }, e) => { if (k >= 4) throw new Error('k too big'); return verdict(geq(kk1(k), e.rob), {}); }," }, /: claim tiny: check threw: k too big$/],
  ['a float slack', { PARTS: 'judge: () => ({ ok: true, slack: 0.5, certificate: {} }),' }, /: claim tiny: check returned a slack that is 0\.5, not a Fraction: slacks are exact/],
  ['ok disagrees with the slack', { PARTS: 'judge: () => ({ ok: true, slack: frac(-1, 2), certificate: {} }),' }, /: claim tiny: check returned ok = true with slack -1\/2: ok must be slack ≥ 0/],
  ['ok disagrees on a later instance only', { PARTS: 'judge: ({ k }) => ({ ok: k < 4, slack: frac(1), certificate: {} }),' }, /: claim tiny: check returned ok = false with slack 1: ok must be slack ≥ 0/],
  ['a Fraction in the certificate', { PARTS: 'judge: ({ k }, e) => verdict(geq(kk1(k), e.rob), { r: e.rob }),' }, /: claim tiny: check's certificate is not plain JSON: \$\.certificate\.r: a Fraction \(write exact values as x\.toFraction\(\)\)$/],
  ['a float in the certificate', { PARTS: 'judge: ({ k }, e) => verdict(geq(kk1(k), e.rob), { r: 0.1 }),' }, /: \$\.certificate\.r: the number 0\.1 is not exact/],
  ['a JSON round trip that changes the instance', { PARTS: 'toJson: (i) => ({ ...profileInstanceJson(i), k: i.k + 1 }),' }, /: claim tiny: the JSON round trip changes the instance: toJson\(fromJson\(toJson\(x\)\)\) ≠ toJson\(x\) at \$\.k \(\d+ against \d+\)$/],
  ['an instance without a profile', { PARTS: 'toJson: (i) => ({ k: i.k }),' }, /: claim tiny: toJson returned an instance without "profile"/],
  [
    'a profile in another form than profileToJson writes',
    { PARTS: "toJson: (i) => { const j = profileInstanceJson(i); return { ...j, profile: { ...j.profile, users: j.profile.users.map((u) => ({ ...u, weight: '7' })) } }; }," },
    /: claim tiny: toJson's "profile" is not written as profileToJson writes it \(at \$\.profile\.users\[0\]\.weight \(".*" against "7"\)\): write it with profileToJson$/,
  ],
  ['a profile that is not one', { PARTS: "toJson: (i) => { const j = profileInstanceJson(i); return { ...j, profile: { ...j.profile, extra: 1 } }; }," }, /: claim tiny: toJson's "profile" is not a profile: .*extra/],
  ['a check that is not deterministic', { TOP: 'let calls = 0;', PARTS: 'judge: ({ k }, e) => verdict(geq(kk1(k), e.rob), { calls: calls++ }),' }, /: claim tiny: check is not deterministic: two checks of the first instance differ at \$\.certificate\.calls \(0 against 1\)$/],
  ['check is not judge ∘ evidence', { CLAIM: 'check: ({ k }) => verdict(frac(k), {}),' }, /: claim tiny: check\(x\) differs from judge\(x, evidence\(x\)\) on the first instance at \$\.slack/],
  ['an async check', { CLAIM: 'check: async () => verdict(frac(0), {}),' }, /: claim tiny: check returned a Promise: a claim's functions are synchronous$/],
  ['a size that is not one', { PARTS: 'size: () => ({ n: 0, users: 1, prompts: 1 }),' }, /: claim tiny: size returned "n": 0, not an integer ≥ 1$/],
  ['a size with an unknown user model', { PARTS: "size: () => ({ n: 1, users: 1, prompts: 1, model: 'rankings' })," }, /: claim tiny: size returned "model": .*rankings.*, not one of "weak-orders", "luce", "mixed"$/],
  ['an arbitrary that is not one', { PARTS: 'arbitrary: () => [1, 2],' }, /: claim tiny: arbitrary\(\) returned an array of 2 items, not a fast-check Arbitrary$/],
  ['a module that throws on import', { TOP: "throw new Error('cannot start');" }, /: cannot load \(cannot start\)$/],
  ['a syntax error', { raw: 'export default {;\n' }, /: cannot load \(Unexpected token/],
  ['process.exit in a check', { TOP: 'let seen = 0;', PARTS: 'judge: ({ k }, e) => { if (++seen > 8 && k >= 4) process.exit(7); return verdict(geq(kk1(k), e.rob), {}); },' }, /: claim tiny: its worker thread exited \(code 7\) \(does the claim call process\.exit\?\)$/],
];

describe('a bad claim module: one line, exit 2, nothing written', () => {
  const dir = claimDir();
  for (const [name, edit, re] of BAD)
    it(name, async () => {
      const file = writeClaim(dir, name.replace(/\W+/g, '-'), edit);
      const out = join(dir, `out-${name.replace(/\W+/g, '-')}`);
      const r = await inProcess(['verify', '--claims', 'none', '--claim', file, '--out', out]);
      expect(r.err.split('\n')).toHaveLength(2);
      expect(r.err.startsWith(`ualign verify: claim module ${file}: `)).toBe(true);
      expect(r.err.trimEnd()).toMatch(re);
      expect(r.code).toBe(2);
      expect(r.out).toBe('');
      expect(existsSync(out)).toBe(false);
    });

  it('two modules with one id, and one module given twice', async () => {
    const a = writeClaim(dir, 'one');
    const b = writeClaim(dir, 'two');
    const r = await inProcess(['verify', '--claims', 'none', '--claim', a, '--claim', b, '--out', join(dir, 'o')]);
    expect(r.err).toBe(`ualign verify: claim module ${b}: its claim's id "tiny" is also the id of the claim in ${a} (ids ignore case): choose another\n`);
    expect(r.code).toBe(2);
    const twice = await inProcess(['verify', '--claims', 'none', '--claim', a, '--claim', a]);
    expect(twice.err).toBe(`ualign verify: claim module ${a}: given twice\n`);
    const missing = await inProcess(['verify', '--claim', join(dir, 'nothere.mjs')]);
    expect(missing.err).toMatch(/claim module .*nothere\.mjs: no such file \(resolved from /);
    expect(missing.code).toBe(2);
  });

  it('a breach found in process (--jobs 0) is the same line', async () => {
    const file = writeClaim(dir, 'later-jobs0', { PARTS: "judge: ({ k }, e) => { if (k >= 4) throw new Error('k too big'); return verdict(geq(kk1(k), e.rob), {}); }," });
    const r = await inProcess(['verify', '--claims', 'none', '--claim', file, '--jobs', '0', '--out', join(dir, 'o3')]);
    expect(r.err).toBe(`ualign verify: claim module ${file}: claim tiny: check threw: k too big\n`);
    expect(r.code).toBe(2);
    expect(existsSync(join(dir, 'o3'))).toBe(false);
  });
});

// Past --claim-timeout the claim's worker is stopped: one line, exit 2, soon after the limit.
const HANGS: [string, ClaimEdit, RegExp][] = [
  ['an import that never settles', { TOP: 'await new Promise(() => {});' }, /: did not finish loading within 2 s \(--claim-timeout\); it was stopped$/],
  ['an endless loop on import', { TOP: 'for (;;) {}' }, /: did not finish loading within 2 s \(--claim-timeout\); it was stopped$/],
  ['a check that never returns', { CLAIM: 'check: () => { for (;;) {} },' }, /: its first instance did not finish within 2 s \(generating and checking it; --claim-timeout\); it was stopped$/],
  ['a check that never returns on a later instance', { TOP: 'let seen = 0;', PARTS: 'judge: ({ k }, e) => { if (++seen > 8 && k >= 4) for (;;) {} return verdict(geq(kk1(k), e.rob), {}); },' }, /: claim tiny: no instance finished within 2 s \(generating and checking it; --claim-timeout\); the claim was stopped$/],
];

describe('the time limit (--claim-timeout)', () => {
  const dir = claimDir();
  for (const [name, edit, re] of HANGS)
    it(name, async () => {
      const file = writeClaim(dir, name.replace(/\W+/g, '-'), edit);
      const t0 = Date.now();
      const r = await inProcess(['verify', '--claims', 'none', '--claim', file, '--claim-timeout', '2', '--out', join(dir, 'o')]);
      const ms = Date.now() - t0;
      expect(r.err.startsWith(`ualign verify: claim module ${file}: `)).toBe(true);
      expect(r.err.trimEnd()).toMatch(re);
      expect(r.code).toBe(2);
      expect(ms).toBeLessThan(20_000); // 2 s limit; generous for a loaded 2-core machine
      expect(existsSync(join(dir, 'o'))).toBe(false);
    });

  it('replay stops a check that never returns', async () => {
    const file = writeClaim(dir, 'replay-hang', { CLAIM: 'check: () => { for (;;) {} },' });
    const report = join(dir, 'hang.json');
    writeFileSync(
      report,
      JSON.stringify({ claim: 'tiny', module: file, expect: 'holds', counterexample: { profile: { responses: ['a'], users: [{ weight: '1', ranking: [['a']] }] }, k: 1 } }),
    );
    const r = await inProcess(['replay', report, '--claim-timeout', '2']);
    expect(r.err).toBe(`ualign replay: claim module ${file}: claim tiny: the re-check did not finish within 2 s (--claim-timeout); it was stopped\n`);
    expect(r.code).toBe(2);
  });
});

describe('replay of plug-in claims', () => {
  const dir = claimDir();
  const stored = (module: string | undefined, cx: Record<string, unknown>, claim = 'tiny') => {
    const p = join(dir, `stored-${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(p, JSON.stringify({ claim, ...(module ? { module } : {}), expect: 'holds', counterexample: cx }));
    return p;
  };
  const one = { profile: { responses: ['a'], users: [{ weight: '1', ranking: [['a']] }] }, k: 1 };

  it('an instance its claim cannot read is located in the file', async () => {
    const file = writeClaim(dir, 'reader');
    const r = await inProcess(['replay', stored(file, { profile: one.profile })]);
    expect(r.err).toMatch(/^ualign replay: .*stored-\w+\.json: \$\.counterexample: claim tiny cannot read it: .*"k"/);
    expect(r.code).toBe(2);
  });

  it('no module recorded and none given: the unknown claim is named with the way out', async () => {
    const r = await inProcess(['replay', stored(undefined, one)]);
    expect(r.err).toMatch(/\$\.claim: unknown claim "tiny" \(known: T0, .*; for a plug-in claim give its module with --claim PATH\)\n$/);
    expect(r.code).toBe(2);
  });

  it('--claim gives the module; a module that now has another id, or a built-in id, is refused', async () => {
    const file = writeClaim(dir, 'given');
    const r = await inProcess(['replay', stored(undefined, one), '--claim', file]);
    expect(r.out).toMatch(/^tiny \(positive claim\): NOT a counterexample any more, slack 0: NOT reproduced\n$/);
    expect(r.code).toBe(1);
    const renamed = writeClaim(dir, 'renamed', { CLAIM: "id: 'other'," });
    const moved = await inProcess(['replay', stored(renamed, one)]);
    expect(moved.err).toBe(`ualign replay: claim module ${renamed}: its claim's id is now "other", not "tiny"\n`);
    const builtin = writeClaim(dir, 'builtin-id', { CLAIM: "id: 'N2'," });
    const clash = await inProcess(['replay', stored(undefined, one), '--claim', builtin]);
    expect(clash.err).toMatch(/its claim's id "N2" is the id of the built-in claim N2/);
    expect(clash.code).toBe(2);
  });
});

describe('the public API has what a claim needs (claims/kit.ts), in ualign and ualign/testing', () => {
  const NEEDS = [
    'fc', 'Fraction', 'frac', 'ONE', 'ZERO', 'sumOf', 'minOf', 'parseRational',
    'defineClaim', 'verdict', 'geq', 'eqSlack', 'minRat', 'kk1', 'holds', 'profileSize', 'validateClaim', 'ClaimModuleError',
    'profileToJson', 'profileFromJson', 'modelToJson', 'modelFromJson', 'policyToJson', 'makePolicy', 'pointMass', 'InputError', 'CertificateError',
    'robustness', 'exploitability', 'productScores', 'bestKOutputSync', 'maximalLotterySync', 'equilibrium', 'condorcetWinner', 'pairwiseMatrix', 'selfPlay',
    'directScores', 'directRobustness', 'bestOpponentByEnumeration', 'productDistribution',
    'profileArb', 'weakOrdersArb', 'twoCampArb', 'familiesProfileArb', 'policyRecordArb', 'policyFromRecord', 'kOutputRecordArb', 'kArb', 'ellOf',
    'policyInstanceArb', 'profileInstanceArb', 'policyInstanceJson', 'policyInstanceFromJson', 'profileInstanceJson', 'profileInstanceFromJson', 'profileInstanceSize',
    'field', 'intField', 'profileField', 'policyField',
  ];
  it('every name, from both entry points, is the same binding', async () => {
    const api = (await import('../src/index.js')) as Record<string, unknown>;
    const testing = (await import('../src/testing/index.js')) as Record<string, unknown>;
    for (const name of NEEDS) {
      expect(api[name], name).toBeDefined();
      expect(testing[name], name).toBe(api[name]);
    }
    expect(api.loadClaimModules).toBeTypeOf('function');
    expect(api.runClaims).toBeUndefined(); // plumbing stays in ualign/internal
  });
});
