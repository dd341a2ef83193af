// T5 on crafted instances: the second opinion σ_T over k-multisets at exactly its size budget and not past it,
// selfPlay's iterates compared entry by entry, the judge's Hedge bound, and instance errors (SPEC §4, T5).
import { describe, expect, it } from 'vitest';
import { Fraction, frac, HALF, ONE, ZERO, signOf, sumOf } from '../exact/rational.js';
import { lnUpperBound, selfPlay } from '../equilibria/dynamics.js';
import { setFault } from '../winrate/faults.js';
import { T5, T5Instance, expSeriesBounds, lnBoundHolds } from './t5.js';
import { kk1 } from './types.js';
import { same, str, tiers } from '../../test/helpers/profiles.js';


describe('T5: σ_T written out over k-multisets within its budget', () => {
  it('runs at exactly Σ_x C(n+k−1, k)·T·n·m = 4800 (·(1 + 16/64) = 6000) and not one user past it', () => {
    // k = 16, T = 2 rounds δ_a then δ_b (denominators 1: the work is ·(1 + 16/64)); prompt 0: a ≻ b for 70 users,
    // 17·2·2·70 = 4760; prompt 1: one response, m users, 1·2·1·m. m = 20: 4800·5/4 = 6000; m = 21: 6002.5.
    // n, m and T are all > 1 on the first prompt, so a budget that divides by any of them instead lets 21 in.
    const at = (m: number): T5Instance =>
      T5.fromJson({
        profile: { prompts: [{ responses: ['a', 'b'], users: same(70, tiers('a', 'b')) }, { responses: ['c'], users: same(m, [['c']]) }] },
        k: 16,
        iterates: [{ prompts: [{ a: '1', b: '0' }, { c: '1' }] }, { prompts: [{ a: '0', b: '1' }, { c: '1' }] }],
      });
    // by hand: against y = a, δ_a^16 ties 16 of 17 and δ_b^16 loses: 8/17; y = b is worse for the opponent;
    // the one-response prompt gives 16/17; ρ uniform: (8/17 + 16/17)/2 = 12/17
    const i = at(20);
    const e = T5.evidence(i);
    expect(str(e.robExplicit)).toBe('12/17');
    expect(str(e.robDirect)).toBe('12/17');
    expect(T5.judge(i, e).ok).toBe(true);
    const past = T5.evidence(at(21));
    expect(str(past.robDirect)).toBe('12/17');
    expect(past.robExplicit).toBeNull();
  });
});

describe('T5: Hedge runs', () => {
  // two prompts of three responses, T = 2: room for one wrong entry to hide among matching ones
  const base = T5.fromJson({
    profile: {
      prompts: [
        { responses: ['a', 'b', 'c'], users: [{ weight: '1', ranking: tiers('a', 'b', 'c') }, { weight: '1', ranking: tiers('c', 'b', 'a') }] },
        { responses: ['d', 'e', 'f'], users: [{ weight: '2', ranking: tiers('d', 'e', 'f') }, { weight: '1', ranking: [['f'], ['d', 'e']] }] },
      ],
    },
    k: 2,
    iterates: [{ prompts: [{ a: '1' }, { d: '1' }] }],
    hedge: true,
  });
  // the iterates of selfPlay itself, as T5's generator makes them
  const sp = selfPlay(base.profile, base.k, { T: 2 });
  const run: T5Instance = { ...base, iterates: [0, 1].map((t) => sp.prompts.map((p) => [...p.iterates[t]])) };

  it("selfPlay's own iterates are reproduced; one round, one prompt, two entries off is not", () => {
    expect(T5.evidence(run).selfPlay!.reproduced).toBe(true);
    // round 1, prompt 1: entries 1 and 2 moved by ±d, entry 0 kept; round 0 and prompt 0 untouched
    const d = frac(1, 1009);
    const off = run.iterates.map((r, t) => r.map((p, x) => (t === 1 && x === 1 ? [p[0], p[1].add(d), p[2].sub(d)] : p)));
    const i = { ...run, iterates: off };
    const e = T5.evidence(i);
    expect(e.selfPlay!.reproduced).toBe(false);
    expect(T5.judge(i, e).ok).toBe(false);
  });

  it("a selfPlay whose identity fails (U_k with ties inside W_θ) is recorded as failed and rejected", () => {
    // prompt 2's second type ties d and e: the faulted closed form no longer meets the direct expectation
    setFault('uk-tie-worse');
    try {
      const faulted = selfPlay(base.profile, base.k, { T: 2, identityWork: Infinity });
      expect(faulted.identity).toBe(false);
      const i: T5Instance = { ...base, iterates: [0, 1].map((t) => faulted.prompts.map((p) => [...p.iterates[t]])) };
      const e = T5.evidence(i);
      expect(e.selfPlay!.identity).toBe(false);
      expect(T5.judge(i, e).ok).toBe(false);
    } finally {
      setFault(null);
    }
    expect(T5.evidence(run).selfPlay!.identity).toBe(true);
  });

  /** e with these regrets, its other parts made consistent (identity, selfPlay's regret and robustness). */
  const consistent = (i: T5Instance, regrets: readonly Fraction[], lnUpper: readonly Fraction[]) => {
    const e = T5.evidence(i);
    const regret = sumOf(regrets.map((r, x) => r.mul(i.profile.prompts[x].weight)));
    const rob = kk1(i.k).sub(regret.div(frac(i.iterates.length)));
    const T = i.iterates.length;
    const predicate = regrets.map((r, x) => signOf(r) <= 0 || r.mul(r).lte(frac(T, 2).mul(lnUpper[x])));
    return { ...e, regrets, lnUpper, predicate, robDirect: rob, robExplicit: null, selfPlay: { ...e.selfPlay!, regret, robustness: rob, hedgeBound: true } };
  };

  it('the Hedge bound: Reg_T(x) ≤ 0 holds whatever ln n, whatever its size; Reg_T² above (T/2)·ln n fails', () => {
    const e = T5.evidence(run);
    // Reg_T ≥ 0 always (the learner's own average scores T/(k+1)), so these regrets are crafted
    expect(T5.judge(run, consistent(run, [frac(-5), e.regrets[1]], e.lnUpper)).ok).toBe(true);
    // an ln n bound that is not one is refused whatever the regret
    expect(T5.judge(run, consistent(run, [ZERO, e.regrets[1]], [frac(-1), e.lnUpper[1]])).ok).toBe(false);
    // Reg_T = 0 meets the bound by its first case, whatever L: the refused verdict still says the bound held
    const zero = T5.judge(run, consistent(run, [ZERO, ZERO], [frac(-1), e.lnUpper[1]]));
    expect([zero.ok, zero.certificate.hedgeBound]).toEqual([false, true]);
    // T = 2: Reg_T = 1 needs ln n ≥ 1 (1 ≤ (2/2)·ln n); with ln n taken as 1/2 the bound fails
    const bad = consistent(run, [ONE, e.regrets[1]], [HALF, e.lnUpper[1]]);
    expect(T5.judge(run, bad).ok).toBe(false);
    expect(T5.judge(run, { ...bad, selfPlay: { ...bad.selfPlay, hedgeBound: false } }).ok).toBe(false);
    // with the true ln 3 bound: Reg_T = 11/10 on prompt 0 needs ln 3 ≥ 121/100, and ln 3 < 1.1; prompt 1 still holds
    const fails = consistent(run, [frac(11, 10), ZERO], e.lnUpper);
    expect(fails.predicate).toEqual([false, true]);
    const v = T5.judge(run, fails);
    expect([v.ok, v.certificate.hedgeBound]).toEqual([false, false]);
    expect(T5.judge(run, { ...fails, selfPlay: { ...fails.selfPlay, hedgeBound: false } }).ok).toBe(false);
    // a predicate with one entry more than there are prompts is not the predicate of this run
    const ok = consistent(run, [frac(-5), ZERO], e.lnUpper);
    expect(T5.judge(run, ok).ok).toBe(true);
    expect(T5.judge(run, { ...ok, predicate: [...ok.predicate, true] }).ok).toBe(false);
  });
});

describe('T5: the ln n bound proven by the exponential series', () => {
  it('e^L bracketed: L = 1, N = 3: 8/3 = 16/6 and 8/3 + 2/24 = 66/24; L = 1/2, N = 2: 13/8 and 13/8 + 1/24 = 80/48', () => {
    expect(expSeriesBounds(ONE, 3n)).toEqual({ num: 16n, den: 6n, up: 66n, upDen: 24n });
    expect(expSeriesBounds(HALF, 2n)).toEqual({ num: 13n, den: 8n, up: 80n, upDen: 48n });
  });

  it('against the series summed term by term in fraction.js: L = p/q up to 4, N from ⌈2L⌉ − 2 to 12', () => {
    for (const [p, q] of [[0, 1], [1, 3], [5, 2], [7, 2], [4, 1], [11, 7]] as const) {
      const L = frac(p, q);
      for (let N = Math.max(0, Math.ceil((2 * p) / q) - 2); N <= 12; N++) {
        let term = ONE;
        let sum = ONE;
        for (let i = 1; i <= N; i++) {
          term = term.mul(L).div(i);
          sum = sum.add(term);
        }
        const b = expSeriesBounds(L, BigInt(N));
        expect(frac(b.num, b.den).equals(sum), `${p}/${q}, N = ${N}`).toBe(true);
        expect(frac(b.up, b.upDen).equals(sum.add(term.mul(L).div(N + 1).mul(2))), `${p}/${q}, N = ${N}`).toBe(true);
      }
    }
  });

  it('lnUpperBound(n) for n = 1..40 is within 2^−50 above ln n; a bound 2^−45 higher, 2^−58 lower, negative or 7/10 for ln 2 is not', () => {
    for (let n = 1; n <= 40; n++) expect(lnBoundHolds(lnUpperBound(n), n), `n = ${n}`).toBe(true);
    for (const n of [1, 2, 5]) {
      expect(lnBoundHolds(lnUpperBound(n).add(frac(1n, 1n << 45n)), n)).toBe(false);
      expect(lnBoundHolds(lnUpperBound(n).sub(frac(1n, 1n << 58n)), n)).toBe(false);
    }
    expect([lnBoundHolds(frac(-1, 1000), 1), lnBoundHolds(frac(7, 10), 2), lnBoundHolds(frac(69314718, 100000000), 2)]).toEqual([false, false, false]);
  });

  it('ln 1 = 0 is met exactly (e^0 = 1 = n); ln of 10^3, 10^6, 10^9 and 2^40 (up to 284 terms); an L past the bit length is refused at once', () => {
    expect([lnBoundHolds(ZERO, 1), lnBoundHolds(frac(1, 1n << 52n), 1), lnBoundHolds(frac(1, 1n << 49n), 1)]).toEqual([true, true, false]);
    for (const n of [1000, 1e6, 1e9, 2 ** 40]) {
      expect(lnBoundHolds(lnUpperBound(n), n), `n = ${n}`).toBe(true);
      expect(lnBoundHolds(lnUpperBound(n).add(frac(1n, 1n << 45n)), n)).toBe(false);
      expect(lnBoundHolds(lnUpperBound(n).sub(frac(1n, 1n << 58n)), n)).toBe(false);
    }
    // 8·10^6 terms if it were summed
    expect([lnBoundHolds(frac(10 ** 6), 2), lnBoundHolds(frac(41), 2 ** 40), lnBoundHolds(frac(2), 2)]).toEqual([false, false, false]);
  });
});

describe('T5: instance errors', () => {
  it('an iterate that does not read names its round', () => {
    const one = { responses: ['a', 'b'], users: [{ weight: '1', ranking: tiers('a', 'b') }] };
    expect(() => T5.fromJson({ profile: one, k: 1, iterates: [{ a: '1' }, { z: '1' }] })).toThrow(/^instance\.iterates\[1\]: /);
  });
});
