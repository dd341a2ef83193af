// Coverage of a claim's instances (verify.json): ranges widen with each instance and join across shards.
import { describe, expect, it } from 'vitest';
import { addInstance, EMPTY_COVERAGE, mergeCoverage } from './coverage.js';

describe('coverage', () => {
  it('widens its ranges and counts k ≥ 8', () => {
    let c = addInstance(EMPTY_COVERAGE, { k: 3, n: 2, users: 4, prompts: 1 });
    expect(c).toEqual({ instances: 1, k: { min: 3, max: 3 }, largeK: 0, ell: null, n: { min: 2, max: 2 }, users: { min: 4, max: 4 }, prompts: { min: 1, max: 1 } });
    c = addInstance(c, { k: 8, ell: 9, n: 1, users: 6, prompts: 3 });
    c = addInstance(c, { k: 7, ell: 2, n: 5, users: 5, prompts: 2 });
    expect(c).toEqual({ instances: 3, k: { min: 3, max: 8 }, largeK: 1, ell: { min: 2, max: 9 }, n: { min: 1, max: 5 }, users: { min: 4, max: 6 }, prompts: { min: 1, max: 3 } });
    expect(addInstance(EMPTY_COVERAGE, { n: 1, users: 1, prompts: 1 }).k).toBeNull();
  });

  it('shards add their instances and join their ranges', () => {
    const a = addInstance(addInstance(EMPTY_COVERAGE, { k: 2, n: 3, users: 1, prompts: 1 }), { k: 12, n: 3, users: 2, prompts: 1 });
    const b = addInstance(EMPTY_COVERAGE, { k: 1, ell: 2, n: 4, users: 1, prompts: 2 });
    const m = mergeCoverage(a, b);
    expect(m).toEqual({ instances: 3, k: { min: 1, max: 12 }, largeK: 1, ell: { min: 2, max: 2 }, n: { min: 3, max: 4 }, users: { min: 1, max: 2 }, prompts: { min: 1, max: 2 } });
    expect(mergeCoverage(b, a)).toEqual(m);
    expect(mergeCoverage(EMPTY_COVERAGE, EMPTY_COVERAGE)).toEqual(EMPTY_COVERAGE);
  });
});
