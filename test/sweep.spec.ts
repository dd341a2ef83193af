// Sweeps: 4 shards of `ualign verify` through the shipped array-job scripts, merged in different
// orders to the same bytes; merge-reports refuses overlapping shards; the CI workflow is manual only.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, ualignIn } from './helpers/plugins.js';

const ROOT = join(__dirname, '..');
const out = mkdtempSync(join(tmpdir(), 'ualign-sweep-'));
const ualign = (...args: string[]) => ualignIn(ROOT, ...args);
const shard = (i: number) => join(out, `shard-${i}`, 'verify.json');
const read = (p: string) => readFileSync(p, 'utf8');
interface Report {
  seed: number;
  shard?: string;
  merged?: string[];
  claims: { id: string; runs: number }[];
}
const report = (p: string) => JSON.parse(read(p)) as Report;

/** Every file under `dir`, relative, sorted, with its bytes. */
function tree(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (d: string, rel: string) => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name)))
      if (e.isDirectory()) walk(join(d, e.name), `${rel}${e.name}/`);
      else files[`${rel}${e.name}`] = read(join(d, e.name));
  };
  walk(dir, '');
  return files;
}

beforeAll(() => {
  // examples/sweep/run-local.sh: the array job's 4 shards one after another, then merge.sh
  const r = spawnSync('sh', [join(ROOT, 'examples', 'sweep', 'run-local.sh')], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, SHARDS: '4', RUNS: '40', SEED: '7', OUT: out, UALIGN: `${process.execPath} ${BIN}` },
  });
  if (r.status !== 0) throw new Error(`run-local.sh failed (${r.status}): ${r.stderr}`);
});

describe('a sweep of 4 shards (examples/sweep)', () => {
  it('merges in any order to the same bytes; merged runs are the sum of the shards’', () => {
    const merged = join(out, 'merged');
    expect(report(join(merged, 'verify.json')).merged).toEqual(['1/4', '2/4', '3/4', '4/4']);
    // each order from its own folder with the same relative --out (the .md files name the report's path)
    const mergeIn = (order: number[]) => {
      const cwd = mkdtempSync(join(out, `order-${order.join('')}-`));
      const r = ualignIn(cwd, 'merge-reports', ...order.map(shard), '--out', 'merged');
      expect(r.code, r.err).toBe(0);
      expect(r.err).toBe('');
      return tree(join(cwd, 'merged'));
    };
    const reference = mergeIn([1, 2, 3, 4]);
    expect(reference['verify.json']).toBe(read(join(merged, 'verify.json')));
    for (const order of [[4, 3, 2, 1], [2, 4, 1, 3]]) expect(mergeIn(order)).toEqual(reference);
    const m = report(join(merged, 'verify.json'));
    const shards = [1, 2, 3, 4].map((i) => report(shard(i)));
    expect(shards.map((s) => s.shard)).toEqual(['1/4', '2/4', '3/4', '4/4']);
    for (const c of m.claims) expect(c.runs, c.id).toBe(shards.reduce((a, s) => a + s.claims.find((x) => x.id === c.id)!.runs, 0));
    expect(m.claims.find((c) => c.id === 'T0')!.runs).toBe(40); // ⌊40/4⌋ each, no corpus for T0
  });

  it('a merged report merges again with the other shards to the same bytes; a missing shard is noted', () => {
    const part = join(out, 'part');
    const a = ualign('merge-reports', shard(3), shard(1), '--out', part);
    expect(a.code).toBe(0);
    expect(a.err).toBe('merge-reports: note: 2 of 4 shards missing (2/4, 4/4)\n');
    const again = join(out, 'again');
    expect(ualign('merge-reports', shard(4), join(part, 'verify.json'), shard(2), '--out', again).code).toBe(0);
    expect(read(join(again, 'verify.json'))).toBe(read(join(out, 'merged', 'verify.json')));
  });

  it('refuses a shard given twice, overlapping shards, other seeds, counts or claims: one line, exit 2', () => {
    const edited = (i: number, f: (r: Report) => Report) => {
      const p = join(out, `edited-${i}-${Math.random().toString(36).slice(2)}.json`);
      writeFileSync(p, JSON.stringify(f(report(shard(i)))));
      return p;
    };
    const bad = join(out, 'bad');
    const cases: [string[], RegExp][] = [
      [[shard(1), shard(2), shard(2)], /shard-2\/verify\.json and .*shard-2\/verify\.json both hold shard 2\/4$/],
      [[shard(1), edited(2, (r) => ({ ...r, shard: '1/4' }))], /verify\.json and .*edited-2-.*\.json both hold shard 1\/4$/],
      [[shard(1), edited(2, (r) => ({ ...r, seed: 8 }))], /shard-1\/verify\.json has seed 7, .*edited-2-.*\.json has seed 8 \(the shards of one sweep share a seed\)$/],
      [[shard(1), edited(2, (r) => ({ ...r, shard: '2/3' }))], /is a shard of 4, .* a shard of 3 \(different shard counts\)$/],
      [[shard(1), edited(2, (r) => ({ ...r, claims: r.claims.slice(1) }))], /checks T0,T1,.*, .* checks T1,.* \(the shards of one sweep check the same claims\)$/],
      [[join(out, 'merged', 'verify.json'), shard(3)], /both hold shard 3\/4$/],
      [[edited(1, (r) => ({ ...r, shard: '5/4' }))], /shard "5\/4" is not "i\/n" with 1 ≤ i ≤ n$/],
    ];
    for (const [files, re] of cases) {
      const r = ualign('merge-reports', ...files, '--out', bad);
      expect(r.code, r.err).toBe(2);
      expect(r.err.trim().split('\n')).toHaveLength(1);
      expect(r.err.trim()).toMatch(/^ualign merge-reports: /);
      expect(r.err.trim()).toMatch(re);
      expect(r.out).toBe('');
    }
  });
});

describe('.github/workflows/sweep.yml', () => {
  const text = read(join(ROOT, '.github', 'workflows', 'sweep.yml'));
  it('runs only when started by hand, with inputs shards, runs and seed', () => {
    const on = /^on:\n((?: {2}.*\n)+)/m.exec(text)![1];
    expect(on.split('\n').filter((l) => /^ {2}\S/.test(l))).toEqual(['  workflow_dispatch:']);
    for (const input of ['shards', 'runs', 'seed']) expect(on).toMatch(new RegExp(`^ {6}${input}:$`, 'm'));
  });
  it('runs the array-job script per matrix shard and merges with merge.sh, uploading the merged report', () => {
    expect(text).toMatch(/matrix:\n\s+index: \$\{\{ fromJSON\(needs\.plan\.outputs\.indices\) \}\}/);
    expect(text).toMatch(/run: sh examples\/sweep\/array-job\.sh/);
    expect(text).toMatch(/run: sh examples\/sweep\/merge\.sh/);
    expect(text).toMatch(/name: verify-merged\n\s+path: sweep\/merged\//);
  });
});
