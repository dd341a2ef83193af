// The package as others install it: `npm pack` ships dist/, bin/, README and LICENSE only; the
// tarball installs into a fresh project (from npm's cache), whose `tsc --noEmit` sees the matcher's
// types on the project's own vitest, and whose vitest runs a test with ualign/testing.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  version: string;
  devDependencies: Record<string, string>;
  peerDependencies: Record<string, string>;
  peerDependenciesMeta: Record<string, unknown>;
};
const work = mkdtempSync(join(tmpdir(), 'ualign-pack-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const npm = (args: string[], cwd: string) => {
  const r = spawnSync('npm', args, { cwd, encoding: 'utf8', env: { ...process.env, npm_config_update_notifier: 'false' } });
  if (r.status !== 0) throw new Error(`npm ${args.join(' ')} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
};

describe('the packed package', () => {
  let tarball = '';
  let integrity = '';

  it('holds dist/, bin/, README.md, LICENSE and package.json only', () => {
    // dist/ is built by `npm test`'s pretest; --ignore-scripts skips the prepare rebuild.
    const out = JSON.parse(npm(['pack', '--json', '--ignore-scripts', '--pack-destination', work], ROOT)) as { filename: string; integrity: string; files: { path: string }[] }[];
    tarball = join(work, out[0].filename);
    integrity = out[0].integrity;
    const paths = out[0].files.map((f) => f.path);
    expect(paths).toContain('dist/index.js');
    expect(paths).toContain('dist/testing/index.d.ts');
    expect(paths).toContain('bin/ualign.mjs');
    expect(paths).toContain('LICENSE');
    const stray = paths.filter((p) => !/^(dist\/|bin\/)/.test(p) && !['package.json', 'README.md', 'LICENSE'].includes(p));
    expect(stray).toEqual([]);
    expect(paths.filter((p) => /^(src|test|bench|properties|fixtures|scripts)\//.test(p) || /\.spec\.(js|d\.ts)$/.test(p))).toEqual([]);
  });

  it('installs into a fresh project (offline, from npm cache); tsc sees the matcher types; a vitest test runs', () => {
    expect(tarball).not.toBe('');
    const proj = join(work, 'project');
    mkdirSync(proj);
    // The project pins what this repository pins (its devDependencies, resolved by our package-lock.json), so
    // that `npm ci --offline` installs from npm's cache without asking the registry.
    // (esbuild, which only bundles our CLI at build time, is left out: a consumer never needs it)
    const tgz = `file:../${basename(tarball)}`;
    const devDependencies = Object.fromEntries(Object.entries(pkg.devDependencies).filter(([name]) => name !== 'esbuild'));
    const root = { name: 'uses-ualign', version: '1.0.0', dependencies: { ualign: tgz }, devDependencies };
    writeFileSync(join(proj, 'package.json'), JSON.stringify({ ...root, private: true, type: 'module' }));
    const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, Record<string, unknown>> };
    const own = lock.packages[''];
    lock.packages[''] = root;
    for (const path of Object.keys(lock.packages)) if (/^node_modules\/(esbuild|@esbuild\/)/.test(path)) delete lock.packages[path];
    lock.packages['node_modules/ualign'] = {
      version: pkg.version,
      resolved: tgz,
      integrity,
      license: own.license,
      dependencies: own.dependencies,
      bin: own.bin,
      engines: own.engines,
      peerDependencies: pkg.peerDependencies,
      peerDependenciesMeta: pkg.peerDependenciesMeta,
    };
    writeFileSync(join(proj, 'package-lock.json'), JSON.stringify({ ...lock, name: root.name, version: root.version }, null, 2));
    writeFileSync(
      join(proj, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: true, types: ['node'] }, include: ['*.ts'] }),
    );
    writeFileSync(
      join(proj, 'aligned.test.ts'),
      `import { expect, test } from 'vitest';
import { profileFromJson } from 'ualign';
import { installUalignMatchers } from 'ualign/testing';

installUalignMatchers(expect);
const twoCamp = { responses: ['a', 'b'], users: [{ weight: '11/20', ranking: [['a'], ['b']] }, { weight: '9/20', ranking: [['b'], ['a']] }] };

test('the NE of G_3 is (2, 2/3)-robust; NLHF is not', () => {
  expect(profileFromJson(twoCamp).prompts).toHaveLength(1);
  expect({ a: '13/20', b: '7/20' }).toBeRobustlyAligned(twoCamp, { k: 2 });
  expect({ a: '1' }).not.toBeRobustlyAligned(twoCamp, { k: 2 });
});
`,
    );
    npm(['ci', '--offline', '--no-audit', '--no-fund', '--ignore-scripts'], proj);
    // One tsc run over two files: the test type-checks (the matcher is typed on the project's vitest), and a
    // misspelled matcher option is an error (so the types are really there, not `any`).
    writeFileSync(join(proj, 'wrong.ts'), `import { expect } from 'vitest';\nimport 'ualign/testing';\nexpect({}).toBeRobustlyAligned({}, { kk: 2 });\n`);
    const tsc = spawnSync(process.execPath, [join(proj, 'node_modules/typescript/bin/tsc'), '-p', proj], { cwd: proj, encoding: 'utf8' });
    const errors = (tsc.stdout + tsc.stderr).trim().split('\n');
    expect(errors.filter((l) => !l.startsWith('wrong.ts'))).toEqual([]);
    expect(errors.join('\n')).toMatch(/wrong\.ts.*'kk'/);
    const vt = spawnSync(process.execPath, [join(proj, 'node_modules/vitest/vitest.mjs'), 'run'], { cwd: proj, encoding: 'utf8', env: { ...process.env, CI: '1' } });
    expect(vt.status, vt.stdout + vt.stderr).toBe(0);
    expect(vt.stdout).toMatch(/1 passed/);
  });
});
