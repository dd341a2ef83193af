// The counterexample corpus: fixtures/counterexamples/<claim>-<n>.json, each a counterexample report
// {claim, expect, seed, path, counterexample: {profile, k, ...}, verdict}. Replayed on every run.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../model/errors.js';
import { CorpusEntry } from './run.js';

export function loadCorpus(dir: string): CorpusEntry[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => {
      const file = join(dir, f);
      let o: unknown;
      try {
        o = JSON.parse(readFileSync(file, 'utf8'));
      } catch (e) {
        throw new InputError(`${file}: malformed JSON (${(e as Error).message})`);
      }
      const r = o as { claim?: unknown; counterexample?: unknown };
      if (typeof r.claim !== 'string' || typeof r.counterexample !== 'object' || r.counterexample === null)
        throw new InputError(`${file}: expected {"claim": id, "counterexample": {...}}`);
      return { file: f, claim: r.claim, counterexample: r.counterexample };
    });
}
