// Where the compiled JavaScript of a src/ module is, for the modules that start worker threads: next to
// this module when running from dist/, or in dist/ when running from the TypeScript sources (vitest).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The compiled file of a module given by its path under src/ ('claims/worker.js'), or null when it is not built. */
export function compiledModule(srcRelative: string): string | null {
  const fromSources = import.meta.url.endsWith('.ts');
  const p = fileURLToPath(new URL(fromSources ? `../../dist/${srcRelative}` : `../${srcRelative}`, import.meta.url));
  return existsSync(p) ? p : null;
}
