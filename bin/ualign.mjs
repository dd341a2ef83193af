#!/usr/bin/env node
// The `ualign` command: runs the compiled CLI in dist/ (built by `npm install` / `npm run build`).
import { existsSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// the bundled CLI (scripts/bundle.mjs) when it was built from the current dist/ (tsc rewrites every file,
// so a later tsc alone leaves it older than dist/cli/main.js), else the compiled modules
const compiled = new URL('../dist/cli/main.js', import.meta.url);
const bundled = new URL('../dist/bundle/main.js', import.meta.url);
const mtime = (u) => (existsSync(fileURLToPath(u)) ? statSync(fileURLToPath(u)).mtimeMs : -1);
const built = mtime(compiled);
const entry = built >= 0 && mtime(bundled) >= built ? bundled : compiled;
if (built < 0) {
  process.stderr.write('ualign: not built yet: run `npm install` (or `npm run build`) in the ualign folder\n');
  process.exit(2);
}
// the bundle is minified: with UALIGN_DEBUG set (the test of debug() in src/cli/main.ts, needed here before the
// bundle loads), stack traces name the compiled modules' lines (its source maps)
if ((process.env.UALIGN_DEBUG ?? '') !== '' && process.env.UALIGN_DEBUG !== '0') process.setSourceMapsEnabled(true);
const { main, installProcessHandlers } = await import(entry.href);
installProcessHandlers();
process.exitCode = await main(process.argv.slice(2));
