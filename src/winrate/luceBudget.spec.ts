// Luce size budgets (SPEC §4b): read from the environment at load, and each refusal at its exact threshold
// with its exact line — the strength-sum estimate min(R, C(d+k−1, k)) of the sparse path, the sums of j
// strengths, and the distinct denominators, terms and bits of the common denominator L.
// Runs in a fresh module graph (vitest.config.ts ISOLATED): it reloads luce.ts under other environments.
import { describe, expect, it, vi } from 'vitest';
import { InputError } from '../model/errors.js';
import { refusal } from '../../test/helpers/refusal.js';
import { LUCE_BUDGET, ShareDenominator, powerDist, setLuceBudget, sumSets } from './luce.js';

const DEFAULTS = { sums: 1_000_000, terms: 10_000_000, lcmBits: 1 << 16 };
const ENV = ['UALIGN_LUCE_SUMS', 'UALIGN_LUCE_TERMS', 'UALIGN_LUCE_LCM_BITS'] as const;

/** LUCE_BUDGET of a fresh load of luce.ts under the given environment (unset variables deleted). */
async function budgetsUnder(env: Partial<Record<(typeof ENV)[number], string>>): Promise<typeof LUCE_BUDGET> {
  const saved = ENV.map((k) => process.env[k]);
  try {
    for (const k of ENV) {
      const v = env[k];
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    vi.resetModules();
    const m = await import('./luce.js');
    return { ...m.LUCE_BUDGET };
  } finally {
    ENV.forEach((k, i) => {
      const v = saved[i];
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    });
  }
}

/** Runs f under the given budgets, restoring them after. */
function withBudget<T>(b: Partial<typeof LUCE_BUDGET>, f: () => T): T {
  const saved = { ...LUCE_BUDGET };
  try {
    setLuceBudget(b);
    return f();
  } finally {
    setLuceBudget(saved);
  }
}

const sumsLine = (what: string, size: string, budget: number) =>
  `Luce strengths: ${what} has ${size} distinct strength sums for one user type, above the budget of ${budget} (raise it with UALIGN_LUCE_SUMS); use strengths with smaller integer ratios`;
const workLine = (what: string, size: string, budget: number, env: string) =>
  `Luce strengths: ${what} (${size}) is above the budget of ${budget} (raise it with ${env}); use strengths with smaller integer ratios`;

describe('budgets from the environment (UALIGN_LUCE_SUMS, UALIGN_LUCE_TERMS, UALIGN_LUCE_LCM_BITS)', () => {
  it('positive safe integers are taken; anything else keeps the default', async () => {
    expect(await budgetsUnder({})).toEqual(DEFAULTS);
    expect(await budgetsUnder({ UALIGN_LUCE_SUMS: '7', UALIGN_LUCE_TERMS: '11', UALIGN_LUCE_LCM_BITS: '13' })).toEqual({ sums: 7, terms: 11, lcmBits: 13 });
    expect(await budgetsUnder({ UALIGN_LUCE_TERMS: '1' })).toEqual({ ...DEFAULTS, terms: 1 });
    for (const bad of ['0', '-5', '2.5', 'abc', '', '9007199254740993'])
      expect(await budgetsUnder({ UALIGN_LUCE_SUMS: bad, UALIGN_LUCE_TERMS: bad, UALIGN_LUCE_LCM_BITS: bad })).toEqual(DEFAULTS);
  });

  it('without a process object (a browser): the defaults', async () => {
    const proc = globalThis.process;
    vi.resetModules();
    await import('../exact/rational.js');
    await import('../model/errors.js');
    await import('./faults.js');
    let got: unknown;
    try {
      vi.stubGlobal('process', undefined);
      got = { ...(await import('./luce.js')).LUCE_BUDGET };
    } finally {
      vi.unstubAllGlobals();
      globalThis.process = proc;
    }
    expect(got).toEqual(DEFAULTS);
  });
});

describe('the strength sum of k draws, sparse path: refused when min(R, C(d+k−1, k)) exceeds UALIGN_LUCE_SUMS', () => {
  // values 1 and 100000: R = 99999k + 1 sums past the dense limit 2^16, C(k+1, k) = k + 1 multisets
  const v = [1, 100_000];
  const m = [1n, 1n];
  it('k = 2: three sums accepted at the budget 3, refused at 2 (C(3, 2) = 3 = budget + 1: "more than")', () => {
    const got = withBudget({ sums: 3 }, () => powerDist(v, m, 2));
    // (z + z^100000)^2 = z^2 + 2z^100001 + z^200000
    expect(got).toEqual({ sums: [2, 100_001, 200_000], coef: [1n, 2n, 1n] });
    expect(withBudget({ sums: 2 }, () => refusal(() => powerDist(v, m, 2)))).toBe(sumsLine('the strength sum of k = 2 draws', 'more than 2', 2));
    expect(() => withBudget({ sums: 2 }, () => powerDist(v, m, 2))).toThrow(InputError);
  });

  it('k = 5: C(6, 5) = 6 multisets, the estimate capped at budget + 1 ("more than")', () => {
    expect(withBudget({ sums: 2 }, () => refusal(() => powerDist(v, m, 5)))).toBe(sumsLine('the strength sum of k = 5 draws', 'more than 2', 2));
    expect(withBudget({ sums: 6 }, () => powerDist(v, m, 5).sums)).toEqual([5, 100_004, 200_003, 300_002, 400_001, 500_000]);
  });

  it('the range R bounds the estimate: 400 values 100..40000, k = 2 (R = 79801 < C(401, 2) = 80200) accepted at the budget R', () => {
    const vs = Array.from({ length: 400 }, (_, i) => 100 * (i + 1));
    const ms = vs.map((_, i) => BigInt(i + 1));
    const got = withBudget({ sums: 79_801 }, () => powerDist(vs, ms, 2));
    // enumeration of ordered pairs
    const want = new Map<number, bigint>();
    vs.forEach((x, i) => vs.forEach((y, j) => want.set(x + y, (want.get(x + y) ?? 0n) + ms[i] * ms[j])));
    expect(got.sums).toEqual([...want.keys()].sort((a, b) => a - b));
    expect(got.coef).toEqual(got.sums.map((s) => want.get(s)));
    expect(withBudget({ sums: 79_800 }, () => refusal(() => powerDist(vs, ms, 2)))).toBe(sumsLine('the strength sum of k = 2 draws', 'more than 79800', 79_800));
  });

  it('the dense path (R ≤ 2^16) needs no budget: R = 2^16 accepted at budget 1, R = 2^16 + 1 refused', () => {
    expect(withBudget({ sums: 1 }, () => powerDist([1, 65_536], [1n, 2n], 1))).toEqual({ sums: [1, 65_536], coef: [1n, 2n] });
    expect(withBudget({ sums: 1 }, () => refusal(() => powerDist([1, 65_537], [1n, 2n], 1)))).toBe(sumsLine('the strength sum of k = 1 draws', 'more than 1', 1));
  });
});

describe('sums of j strengths (sumSets): refused past UALIGN_LUCE_SUMS', () => {
  // v = {1, 2, 10}: j = 1 gives 3 sums, j = 2 gives {2, 3, 4, 11, 12, 20}
  const v = [1, 2, 10];
  it('accepted at the budget, ascending; refused at budget − 1 ("more than") and below ("about" the count)', () => {
    expect(withBudget({ sums: 6 }, () => sumSets(v, 2))).toEqual([[0], [1, 2, 10], [2, 3, 4, 11, 12, 20]]);
    expect(withBudget({ sums: 5 }, () => refusal(() => sumSets(v, 2)))).toBe(sumsLine('sums of 2 strengths', 'more than 5', 5));
    expect(withBudget({ sums: 4 }, () => refusal(() => sumSets(v, 2)))).toBe(sumsLine('sums of 2 strengths', 'about 6', 4));
    expect(withBudget({ sums: 1 }, () => refusal(() => sumSets(v, 2)))).toBe(sumsLine('sums of 1 strengths', 'about 3', 1));
    expect(() => withBudget({ sums: 4 }, () => sumSets(v, 2))).toThrow(InputError);
  });
});

describe('the common denominator L (ShareDenominator): its three budgets at the threshold', () => {
  it('distinct denominators: as many as the budget accepted, one more refused', () => {
    withBudget({ sums: 3 }, () => {
      const make = () => {
        const den = new ShareDenominator();
        for (const d of [2, 3, 4, 4, 2]) den.add(d);
        return den;
      };
      expect(make().L).toBe(12n);
      const den = make();
      expect(refusal(() => den.add(5))).toBe(
        workLine('the exact shares need more distinct denominators t + x', 'over 3', 3, 'UALIGN_LUCE_SUMS'),
      );
    });
  });

  it('terms c_x·t/(t + x): |ts|·|support| summed over the calls, accepted up to the budget', () => {
    withBudget({ terms: 6 }, () => {
      const make = () => {
        const den = new ShareDenominator();
        den.addAll([1, 2], { sums: [1, 2, 3], coef: [1n, 1n, 1n] });
        return den;
      };
      expect(make().L).toBe(60n); // lcm{2, 3, 4, 5}
      const den = make();
      expect(refusal(() => den.addAll([1], { sums: [1], coef: [1n] }))).toBe(
        workLine('the exact shares need more terms c_x·t/(t + x)', 'over 6', 6, 'UALIGN_LUCE_TERMS'),
      );
    });
  });

  it('bits of L (hex digits · 4): L = lcm{3, 5, 17} = 255 = 0xff has 8 bits', () => {
    const make = () => {
      const den = new ShareDenominator();
      for (const d of [3, 5, 17]) den.add(d);
      return den;
    };
    const den = withBudget({ lcmBits: 8 }, () => {
      const d = make();
      expect(d.L).toBe(255n);
      return d;
    });
    expect([3, 5, 17].map((d) => den.over(d))).toEqual([85n, 51n, 15n]);
    expect(withBudget({ lcmBits: 7 }, () => refusal(() => make().L))).toBe(
      workLine('the common denominator lcm{t + x} of the exact shares', 'about 8 bits', 7, 'UALIGN_LUCE_LCM_BITS'),
    );
  });
});
