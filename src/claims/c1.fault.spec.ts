// C1 against certificate checks that accept too much (checkResult replaced): the generator alone must find an
// LP whose changed certificate the faulty check accepts although it is invalid, and the claim must fail there.
import fc from 'fast-check';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { LP, LPResult } from '../lp/types.js';

const fault = vi.hoisted(() => ({ kind: 'none' as 'none' | 'accept-all' | 'no-value' }));
vi.mock('../lp/certificate.js', async (importOriginal) => {
  const cert = await importOriginal<typeof import('../lp/certificate.js')>();
  const checkResult = (lp: LP, r: LPResult): string | null => {
    if (fault.kind === 'accept-all') return null;
    // the reported optimum not compared with c·x
    if (fault.kind === 'no-value' && r.status === 'optimal') return cert.checkResult(lp, { ...r, value: lp.objective.reduce((s, c, j) => s.add(c.mul(r.x[j])), r.value.sub(r.value)) });
    return cert.checkResult(lp, r);
  };
  return { ...cert, checkResult };
});

const { C1 } = await import('./c1.js');
const { loadGlpk } = await import('../lp/glpk.js');
const { SEED } = await import('../../test/helpers/fc.js');

beforeAll(() => loadGlpk());

const firstFailure = () => fc.sample(C1.arbitrary(), { seed: SEED, numRuns: 100 }).findIndex((i) => !C1.check(i).ok);

describe('C1 against a faulty certificate check', () => {
  it('holds with the check as it is', () => {
    fault.kind = 'none';
    expect(firstFailure()).toBe(-1);
  });
  it('fails when the check accepts every certificate', () => {
    fault.kind = 'accept-all';
    expect(firstFailure()).toBeGreaterThanOrEqual(0);
  });
  it('fails when the check does not compare the reported optimum with c·x', () => {
    fault.kind = 'no-value';
    const at = firstFailure();
    expect(at).toBeGreaterThanOrEqual(0);
    const i = fc.sample(C1.arbitrary(), { seed: SEED, numRuns: at + 1 })[at];
    expect(C1.check(i).certificate.disagree).toContain('value + 1/2');
  });
});
