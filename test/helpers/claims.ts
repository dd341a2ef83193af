// Claim modules for the tests: copies of test/fixtures/claims/claim-template.mjs with one part changed,
// written to a temporary folder. They import the built package by its file URL (dist/index.js), since
// `ualign` resolves by name only inside this package's folder.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export const ROOT = join(__dirname, '..', '..');
const TEMPLATE = readFileSync(join(ROOT, 'test', 'fixtures', 'claims', 'claim-template.mjs'), 'utf8').replace('__UALIGN__', pathToFileURL(join(ROOT, 'dist', 'index.js')).href);

/**
 * Where the template changes: TOP (module code before the claim), PARTS (fields given to defineClaim),
 * CLAIM (fields of the finished claim, e.g. a check that is not judge ∘ evidence), AFTER (statements on
 * `claim` before it is exported); or `raw`, the whole module text.
 */
export interface ClaimEdit {
  readonly TOP?: string;
  readonly PARTS?: string;
  readonly CLAIM?: string;
  readonly AFTER?: string;
  readonly raw?: string;
}

export function claimSource(e: ClaimEdit = {}): string {
  if (e.raw !== undefined) return e.raw;
  let s = TEMPLATE;
  for (const k of ['TOP', 'PARTS', 'CLAIM', 'AFTER'] as const) if (e[k] !== undefined) s = s.replace(`/*${k}*/`, e[k]!);
  return s;
}

/** A fresh temporary folder for claim modules. */
export const claimDir = (): string => mkdtempSync(join(tmpdir(), 'ualign-claims-'));

/** Write the edited template as `dir/name.mjs`; returns its path. */
export function writeClaim(dir: string, name: string, e: ClaimEdit = {}): string {
  const p = join(dir, `${name}.mjs`);
  writeFileSync(p, claimSource(e));
  return p;
}
