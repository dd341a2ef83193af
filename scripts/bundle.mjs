#!/usr/bin/env node
// The `ualign` executable's code in a few files: esbuild bundles dist/cli/main.js (compiled by tsc) into
// dist/bundle/, one chunk per command plus shared chunks, so that a run loads about 15 files instead of
// about 30 separate modules (bench/RESULTS.md: the module loading was the constant part of every run).
// dist/bundle/ sits one level under dist/, like dist/runtime/, so the paths a module computes from its
// own location (package.json, the compiled worker files of src/runtime/compiled.ts) stay the same. Worker
// threads load dist/ itself. glpk.js stays outside (it loads its wasm next to itself). The chunks are
// minified (whitespace and syntax; names kept, so messages and error names are unchanged): V8 parses the
// whole text of every module it loads, and that parse was the largest part of a short run's start-up
// (bench/RESULTS.md). A source map sits beside each chunk for UALIGN_DEBUG=1 stack traces. Without esbuild
// (an install without devDependencies) nothing is bundled and bin/ualign.mjs runs dist/cli/main.js.
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist', 'bundle');
rmSync(out, { recursive: true, force: true });
let esbuild;
try {
  esbuild = createRequire(join(root, 'package.json'))('esbuild');
} catch {
  process.stderr.write('ualign bundle: esbuild is not installed: bin/ualign.mjs will run dist/cli/main.js unbundled\n');
  process.exit(0);
}
await esbuild.build({
  entryPoints: [join(root, 'dist', 'cli', 'main.js')],
  outdir: out,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: ['glpk.js', 'glpk.js/*'],
  minifyWhitespace: true,
  minifySyntax: true,
  sourcemap: 'linked',
  logLevel: 'warning',
});
