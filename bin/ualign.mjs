#!/usr/bin/env node
// The `ualign` command: runs the compiled CLI in dist/ (built by `npm install` / `npm run build`).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write('ualign: not built yet: run `npm install` (or `npm run build`) in the ualign folder\n');
  process.exit(2);
}
const { main, installProcessHandlers } = await import(entry.href);
installProcessHandlers();
process.exitCode = await main(process.argv.slice(2));
