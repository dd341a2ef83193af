#!/usr/bin/env node
// `npm run prepare` (run by npm on `npm install` in a checkout, on a git install and before `npm pack`):
// compile src/ into dist/ with the TypeScript of devDependencies, no global tool needed, and bundle the CLI
// (scripts/bundle.mjs). A git install
// installs the devDependencies first. A checkout installed as a folder (`npm install ../ualign`) is
// linked without any of its dependencies: then they are installed into it first (`npm ci`, from npm's
// cache when it has them), as `npm install` in the checkout would.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const find = () => {
  try {
    return createRequire(join(root, 'package.json')).resolve('typescript/bin/tsc');
  } catch {
    return null;
  }
};
const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { stdio: 'inherit', cwd: root, shell: process.platform === 'win32' });
  if (r.error) {
    process.stderr.write(`ualign prepare: cannot run ${cmd} (${r.error.message})\n`);
    process.exit(1);
  }
  if (r.status !== 0) process.exit(r.status ?? 1);
};

let tsc = find();
if (tsc === null) {
  const lock = existsSync(join(root, 'package-lock.json'));
  process.stderr.write('ualign prepare: the build tools are not installed here; installing the dependencies first\n');
  run('npm', [lock ? 'ci' : 'install', '--ignore-scripts', '--include=dev', '--no-audit', '--no-fund', '--prefer-offline']);
  tsc = find();
  if (tsc === null) {
    process.stderr.write('ualign prepare: typescript is still missing after installing the dependencies\n');
    process.exit(1);
  }
}
run(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')]);
run(process.execPath, [join(root, 'scripts', 'bundle.mjs')]);
