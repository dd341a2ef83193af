// The claims' generators reach the hard cases (SPEC §1–4): k up to 32 with at least a tenth at k ≥ 8,
// ℓ up to k+1, several prompts, weak orders, unlisted responses, clones, near-degenerate weights — and shrink small.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Profile } from '../model/types.js';
import { cloneClasses } from '../model/structure.js';
import { Claim, InstanceSize } from './types.js';
import { CLAIMS } from './registry.js';
import { ellOf, kArb, LARGE_K, mostlySmall } from '../instances/sizes.js';
import { SEED } from '../../test/helpers/fc.js';

const TAKES_K = ['T0', 'T1', 'T2', 'T4', 'T5', 'T6', 'T8', 'N1', 'N4', 'N5'];
const claim = (id: string): Claim => CLAIMS.find((c) => c.id === id)!;
const sample = (c: Claim, runs: number, maxK?: number) => fc.sample(c.arbitrary(maxK === undefined ? {} : { maxK }), { seed: SEED, numRuns: runs });
const profileOf = (i: unknown): Profile => (i as { profile: Profile }).profile;

describe('sizes', () => {
  it('mostlySmall: a quarter of the draws over the whole range, shrinking toward the low end', () => {
    const xs = fc.sample(kArb(32), { seed: SEED, numRuns: 2000 });
    expect(Math.min(...xs)).toBe(1);
    expect(Math.max(...xs)).toBe(32);
    expect(xs.filter((k) => k >= LARGE_K).length).toBeGreaterThan(200);
    expect(xs.filter((k) => k <= 4).length).toBeGreaterThan(1200);
    expect(fc.sample(mostlySmall(3, 5), { seed: SEED, numRuns: 200 }).every((v) => v >= 3 && v <= 5)).toBe(true);
    // shrinking a failing k ≥ 20 ends at 20
    const r = fc.check(fc.property(kArb(32), (k) => k < 20), { seed: SEED, numRuns: 500 });
    expect(r.failed).toBe(true);
    expect(r.counterexample![0]).toBe(20);
  });

  it('ℓ = min(1 + raw, k + 1)', () => {
    expect(ellOf(0, 5)).toBe(1);
    expect(ellOf(3, 5)).toBe(4);
    expect(ellOf(5, 5)).toBe(6);
    expect(ellOf(9, 5)).toBe(6);
  });
});

describe('claims that take k', () => {
  for (const id of TAKES_K)
    it(`${id}: k from 1 to ≥ 24, at least a tenth at k ≥ 8; --k-max bounds it`, () => {
      const c = claim(id);
      const sizes: InstanceSize[] = sample(c, 150).map((i) => c.size(i));
      const ks = sizes.map((s) => s.k!);
      expect(Math.min(...ks)).toBe(1);
      expect(Math.max(...ks)).toBeGreaterThanOrEqual(24);
      expect(ks.filter((k) => k >= LARGE_K).length).toBeGreaterThanOrEqual(15);
      expect(Math.max(...sample(c, 40, 3).map((i) => c.size(i).k!))).toBeLessThanOrEqual(3);
    });

  it('T3 and N3 draw k up to 8', () => {
    for (const id of ['T3', 'N3']) expect(Math.max(...sample(claim(id), 150).map((i) => claim(id).size(i).k!))).toBe(8);
  });

  it('T6 and N5: ℓ reaches k + 1, and goes past 8', () => {
    for (const id of ['T6', 'N5']) {
      const s = sample(claim(id), 200).map((i) => claim(id).size(i));
      expect(s.some((x) => x.ell === x.k! + 1 && x.k! >= 2)).toBe(true);
      expect(Math.max(...s.map((x) => x.ell!))).toBeGreaterThan(8);
      expect(s.every((x) => x.ell! >= 1 && x.ell! <= x.k! + 1)).toBe(true);
    }
  });
});

describe('profiles', () => {
  const all = ['T0', 'T1', 'T2', 'T3', 'T5', 'T6', 'T7', 'T8', 'N1', 'N2', 'N3', 'N4', 'N5'];
  for (const id of all)
    it(`${id}: several prompts, ties, unlisted responses, clones and near-degenerate weights`, () => {
      const ps = sample(claim(id), 200).map(profileOf);
      expect(Math.max(...ps.map((p) => p.prompts.length))).toBeGreaterThanOrEqual(2);
      const prompts = ps.flatMap((p) => p.prompts.map((x) => x.prompt));
      expect(prompts.some((p) => p.users.some((u) => u.tiers.some((t) => t.length > 1)))).toBe(true);
      expect(prompts.some((p) => p.users.some((u) => u.tiers.length === 0))).toBe(true);
      expect(prompts.some((p) => p.users.some((u) => u.numTiers > u.tiers.length && u.tiers.length > 0))).toBe(true);
      expect(prompts.some((p) => p.users.length > 1 && cloneClasses(p).some((c) => c.length > 1))).toBe(true);
      expect(prompts.some((p) => p.users.some((u) => u.weight.d >= 1000n) || p.users.some((u) => u.weight.n * 1000n <= u.weight.d))).toBe(true);
    });

  it('T4: strict rankings only, on several prompts', () => {
    const ps = sample(claim('T4'), 200).map(profileOf);
    expect(Math.max(...ps.map((p) => p.prompts.length))).toBe(2);
    expect(ps.every((p) => p.prompts.every(({ prompt }) => prompt.users.every((u) => u.tiers.every((t) => t.length === 1) && u.numTiers === prompt.responses.length)))).toBe(true);
  });
});
