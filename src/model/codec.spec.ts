import { describe, expect, it } from 'vitest';
import { frac, parseRational, fromDouble } from '../exact/rational.js';
import { modelFromJson, profileFromJson } from './codec.js';
import { profileFromPrefLib } from './preflib.js';
import { RankingType } from './types.js';
import { robustness } from '../winrate/opponents.js';
import { exploitability } from '../winrate/exploitability.js';

describe('profiles', () => {
  it('normalises weights and puts unlisted responses in a bottom tie (SPEC §1)', () => {
    const p = profileFromJson({ responses: ['a', 'b', 'c'], users: [{ weight: '11/20', ranking: [['a'], ['b', 'c']] }, { weight: 3, ranking: [['b']] }] });
    const [u1, u2] = p.prompts[0].prompt.users as RankingType[];
    expect(u1.weight.toFraction()).toBe('11/71');
    expect(u2.weight.toFraction()).toBe('60/71');
    expect([...u2.rank]).toEqual([1, 0, 1]);
    expect(u2.numTiers).toBe(2);
  });

  it('multi-prompt profiles average robustness with ρ and take per-prompt policies', () => {
    const prof = profileFromJson({
      prompts: [
        { weight: '1/4', responses: ['a', 'b'], users: [{ weight: 1, ranking: [['a'], ['b']] }] },
        { weight: '3/4', responses: ['x', 'y'], users: [{ weight: 1, ranking: [['y'], ['x']] }] },
      ],
    });
    const pol = modelFromJson({ prompts: [{ a: 1 }, { x: 1 }] }, prof);
    const r = robustness(prof, pol, { k: 1 });
    // prompt 1: δ_a vs b wins 1 (worst: a itself, 1/2); prompt 2: δ_x loses to y: 0
    expect(r.prompts[0].robustness.toFraction()).toBe('1/2');
    expect(r.prompts[1].robustness.toFraction()).toBe('0');
    expect(r.robustness.toFraction()).toBe('1/8');
    expect(exploitability(prof, pol as never, 1).epsilon.toFraction()).toBe('3/8');
  });

  it('k-output models merge equal multisets and check k', () => {
    const prof = profileFromJson({ responses: ['a', 'b'], users: [{ weight: 1, ranking: [['a'], ['b']] }] });
    const m = modelFromJson({ kind: 'k-output', outcomes: [{ responses: ['a', 'b'], prob: '1/2' }, { responses: ['b', 'a'], prob: '1/2' }] }, prof);
    expect(m.kind).toBe('k-output');
    if (m.kind === 'k-output') expect(m.perPrompt[0]).toHaveLength(1);
    expect(() => modelFromJson({ kind: 'k-output', outcomes: [{ responses: ['a'], prob: '1/2' }, { responses: ['b', 'a'], prob: '1/2' }] }, prof)).toThrow(/first outcome has 1/);
  });
});

describe('PrefLib', () => {
  it('reads the current format with counts and ties', () => {
    const p = profileFromPrefLib(['# DATA TYPE: toc', '# NUMBER ALTERNATIVES: 3', '2: 1,{2,3}', '1: {3,1},2'].join('\n'));
    const pr = p.prompts[0].prompt;
    expect(pr.responses).toEqual(['1', '2', '3']);
    expect(pr.users.map((u) => u.weight.toFraction())).toEqual(['2/3', '1/3']);
    expect((pr.users[1] as RankingType).tiers).toEqual([[0, 2], [1]]);
  });
  it('reads the legacy format', () => {
    const p = profileFromPrefLib(['3', '1,x', '2,y', '3,z', '5,5,2', '3,1,2,3', '2,3,2,1'].join('\n'));
    const pr = p.prompts[0].prompt;
    expect(pr.responses).toEqual(['x', 'y', 'z']);
    expect(pr.users[0].weight.equals(frac(3, 5))).toBe(true);
    expect((pr.users[1] as RankingType).tiers).toEqual([[2], [1], [0]]);
  });
  it('rejects out-of-range alternatives with the line', () => {
    expect(() => profileFromPrefLib(['# NUMBER ALTERNATIVES: 2', '1: 1,3'].join('\n'), 'f.soi')).toThrow(/f.soi: vote 1 \(line 2\): alternative 3 is not in 1..2/);
  });
});

describe('Fraction', () => {
  it('fromDouble is the exact dyadic value', () => {
    expect(fromDouble(0.1).toFraction()).toBe('3602879701896397/36028797018963968');
    expect(fromDouble(-2.5).toFraction()).toBe('-5/2');
    expect(fromDouble(5e-324).d).toBe(2n ** 1074n);
  });
  it('parse rejects decimals and zero denominators', () => {
    expect(parseRational('0.5')).toBeNull();
    expect(parseRational('1/0')).toBeNull();
    expect(parseRational(' -6/4 ')!.toFraction()).toBe('-3/2');
  });
});
