import { describe, expect, it } from 'vitest';
import { frac, ONE, signOf, sumOf, argmax, parseRational, toNumber } from '../exact/rational.js';
import { profileFromJson } from '../model/codec.js';
import { evaluate } from './evaluate.js';
import { BUILTINS, builtin } from './registry.js';
import { AlignmentAlgorithm } from './types.js';

const twoCamp = { responses: ['a', 'b'], users: [{ weight: '11/20', ranking: [['a'], ['b']] }, { weight: '9/20', ranking: [['b'], ['a']] }] };
const three = {
  responses: ['a', 'b', 'c'],
  users: [
    { weight: '1/2', ranking: [['a'], ['b'], ['c']] },
    { weight: '1/3', ranking: [['b', 'c'], ['a']] },
    { weight: '1/6', ranking: [['c']] },
  ],
};
const run = async (spec: string, json: typeof twoCamp, k: number) => (await builtin(spec).align(json, k)) as Record<string, unknown>;

describe('built-in algorithms', () => {
  it('are listed with a one-line description', () => {
    expect(BUILTINS.map((b) => b.name)).toEqual(['nlhf', 'nlhf-reg', 'rlhf-bt', 'best-of-n', 'multiplayer-ne', 'self-play', 'uniform', 'population-shares']);
    for (const b of BUILTINS) expect(b.description).not.toMatch(/\n/);
  });

  it('uniform and population-shares are exact', async () => {
    expect(await run('uniform', three, 2)).toEqual({ a: '1/3', b: '1/3', c: '1/3' });
    // a: 1/2; b, c split the second type's tied top tier: 1/6 each; c also gets 1/6
    expect(await run('population-shares', three, 2)).toEqual({ a: '1/2', b: '1/6', c: '1/3' });
  });

  it('nlhf is the maximal lottery: δ_a on the two-camp profile (T4)', async () => {
    expect(await run('nlhf', twoCamp, 3)).toEqual({ a: '1' });
  });

  it('rlhf-bt picks the BT argmax; its softmax and best-of-n are proper policies', async () => {
    expect(await run('rlhf-bt', twoCamp, 1)).toEqual({ a: '1' });
    for (const spec of ['rlhf-bt:beta=2', 'best-of-n', 'nlhf-reg', 'nlhf-reg:tau=0.01']) {
      const p = await run(spec, three, 2);
      expect(sumOf(Object.values(p).map((v) => parseRational(v as string)!)).equals(ONE), spec).toBe(true);
    }
    // best-of-n at β = 1: π ∝ BT strengths, so the majority's favourite gets more mass
    const b = await run('best-of-n', twoCamp, 1);
    expect(parseRational(b.a as string)!.gt(parseRational(b.b as string)!)).toBe(true);
  });

  it('nlhf-reg interpolates between uniform (large τ) and the maximal lottery (small τ)', async () => {
    const big = await run('nlhf-reg:tau=1000', twoCamp, 1);
    const small = await run('nlhf-reg:tau=0.001', twoCamp, 1);
    expect(Math.abs(toNumber(parseRational(big.a as string)!) - 0.5)).toBeLessThan(1e-3);
    expect(toNumber(parseRational(small.a as string)!)).toBeGreaterThan(0.999);
  });

  it('multiplayer-ne hits SPEC §6: two-camp k = 2 gives π(a) = 13/20 with ε = 0', async () => {
    const r = (await builtin('multiplayer-ne').align(twoCamp, 2)) as { model: Record<string, string>; slack: string };
    expect(r).toEqual({ model: { a: '13/20', b: '7/20' }, slack: '0' });
  });

  it('self-play: rob_k(σ_T) = k/(k+1) − Reg_T/T exactly (T5)', async () => {
    const alg: AlignmentAlgorithm = builtin('self-play:T=30');
    const e = await evaluate(alg, profileFromJson(three), 2, 'uniform', 'three');
    expect(signOf(e.slack)).toBeGreaterThan(0);
    expect(e.robustness.equals(frac(2, 3).sub(e.slack))).toBe(true);
  });

  it('bad built-in specs are input errors', () => {
    expect(() => builtin('nope')).toThrow(/unknown built-in algorithm "nope"/);
    expect(() => builtin('rlhf-bt:gamma=1')).toThrow(/bad parameter "gamma=1".*beta=NUMBER/);
    expect(() => builtin('self-play:T=0.5')).toThrow(/T must be an integer/);
  });
});
