// Thin vitest wrappers over src/claims: positive claims as @fast-check/vitest properties
// (fixed seed, the corpus replayed through `examples`, a failing case shrunk and written to
// reports/properties/), negative controls through the engine (a shrunk, re-checked counterexample).
import { test } from '@fast-check/vitest';
import fc from 'fast-check';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { Claim } from '../src/claims/types.js';
import { loadCorpus } from '../src/claims/corpus.js';
import { claimSeed, runClaim } from '../src/claims/run.js';
import { counterexampleMarkdown, CounterexampleReport } from '../src/report/verify.js';
import { toJsonText, writeFileAtomic } from '../src/report/atomic.js';
import { SEED } from '../test/helpers/fc.js';

const ROOT = join(__dirname, '..');
const corpus = loadCorpus(join(ROOT, 'fixtures', 'counterexamples'));
const OUT = join(ROOT, 'reports', 'properties');

/** Write the shrunk failing case as JSON + Markdown (seed, path, instance, exact verdict). */
function writeFailure(claim: Claim, seed: number, path: string, inst: unknown): string {
  const v = claim.check(inst);
  const rep: CounterexampleReport = {
    claim: claim.id,
    title: claim.title,
    expect: claim.expect,
    seed,
    path,
    counterexample: claim.toJson(inst),
    verdict: { slack: v.slack.toFraction(), certificate: v.certificate },
  };
  const file = join(OUT, `${claim.id}.json`);
  writeFileAtomic(file, toJsonText(rep));
  writeFileAtomic(join(OUT, `${claim.id}.md`), counterexampleMarkdown(rep));
  return file;
}

/** One claim as a property; `runs` instances (UALIGN_FC_SEED / UALIGN_FC_PATH replay a failure). */
export function claimProperty(claim: Claim, runs: number): void {
  const seed = process.env.UALIGN_FC_SEED !== undefined ? SEED : claimSeed(SEED, claim.id);
  if (claim.expect === 'holds') {
    const examples = corpus.filter((c) => c.claim === claim.id).map((c) => [claim.fromJson(c.counterexample)] as [unknown]);
    const params: fc.Parameters<[unknown]> = {
      seed,
      numRuns: runs,
      examples,
      ...(process.env.UALIGN_FC_PATH ? { path: process.env.UALIGN_FC_PATH } : {}),
      reporter(d) {
        if (!d.failed) return;
        const file = d.counterexample ? writeFailure(claim, seed, d.counterexamplePath ?? '', d.counterexample[0]) : '(no counterexample)';
        throw new Error(`${claim.id} failed; shrunk counterexample written to ${file}\n${fc.defaultReportMessage(d)}`);
      },
    };
    test.prop([claim.arbitrary()], params)(`${claim.id} ${claim.title}: ${claim.statement}`, (inst) => claim.check(inst).ok);
  } else {
    it(`${claim.id} ${claim.title} is refuted by a shrunk, re-checked counterexample`, () => {
      const r = runClaim(claim, { seed: SEED, runs, corpus });
      expect(r.error).toBeNull();
      expect(r.outcome).toBe('refuted');
      expect(r.ok).toBe(true);
      expect(r.corpus.consistent).toBe(r.corpus.replayed);
      const back = claim.fromJson(JSON.parse(JSON.stringify(r.counterexample)));
      expect(claim.check(back).ok).toBe(false);
    });
  }
}

/** Negative controls: the generator alone refutes and shrinks to ≤ maxN responses, ≤ maxM types. */
export function shrinksSmall(claim: Claim, runs: number, maxN = 3, maxM = 2): void {
  it(`${claim.id}: the generator alone finds a counterexample and shrinks it to a small profile`, () => {
    const r = runClaim(claim, { seed: SEED, runs });
    expect(r.outcome).toBe('refuted');
    const { n, m } = sizeOf(r.counterexample!);
    expect(n).toBeLessThanOrEqual(maxN);
    expect(m).toBeLessThanOrEqual(maxM);
  });
}

/** Size of a counterexample's profile: the most responses and user types of its prompts. */
export function sizeOf(cx: Record<string, unknown>): { n: number; m: number } {
  const pr = cx.profile as { prompts?: { responses: unknown[]; users: unknown[] }[]; responses: unknown[]; users: unknown[] };
  const ps = pr.prompts ?? [pr];
  return { n: Math.max(...ps.map((p) => p.responses.length)), m: Math.max(...ps.map((p) => p.users.length)) };
}
