import { describe, expect, it } from 'vitest';
import { frac, parseRational, fromDouble } from '../exact/rational.js';
import { ANSWER_SHAPE, K_OUTPUT_SHAPE, MIXTURE_SHAPE, modelFromJson, parseStrengths, profileFromJson, promptModelFromJson } from './codec.js';
import { profileFromPrefLib } from './preflib.js';
import { validate } from './schema.js';
import { RankingType } from './types.js';
import { robustness } from '../winrate/opponents.js';
import { exploitability } from '../winrate/exploitability.js';
import { refusal } from '../../test/helpers/refusal.js';

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

describe('refusals: each declared shape names itself, the file and the JSON path', () => {
  const ab = { responses: ['a', 'b'], users: [{ weight: 1, ranking: [['a'], ['b']] }] };
  // built inside each test, so a refusal of these fixtures fails that test only
  const one = () => profileFromJson(ab, 'p.json');
  const two = () => profileFromJson({ prompts: [ab, ab] }, 'p.json');
  const mixture = (k?: number) => ({ kind: 'mixture', ...(k === undefined ? {} : { k }), parts: [{ weight: 1, policy: { a: 1 } }] });
  const cases: [string, () => unknown, string][] = [
    ['responses', () => profileFromJson({ responses: 'a', users: ab.users }, 'p.json'), 'p.json: $.responses: expected an array of response ids, got "a"'],
    ['a response id', () => profileFromJson({ responses: ['a', 7], users: ab.users }, 'p.json'), 'p.json: $.responses[1]: expected a response id (a non-empty string), got 7'],
    ['users', () => profileFromJson({ responses: ['a'], users: 'x' }, 'p.json'), 'p.json: $.users: expected an array of user types, got "x"'],
    ['a user type', () => profileFromJson({ responses: ['a'], users: [{ ranking: [['a']] }] }, 'p.json'), 'p.json: $.users[0]: missing key "weight" (a user type {"weight", "ranking"} or {"weight", "strengths"})'],
    ['a ranking', () => profileFromJson({ responses: ['a'], users: [{ weight: 1, ranking: 'a' }] }, 'p.json'), 'p.json: $.users[0].ranking: expected an array of tiers, best first, got "a"'],
    ['"prompt" for "prompts"', () => profileFromJson({ prompt: [], ...ab }, 'p.json'), 'p.json: $: unknown key "prompt" (did you mean "prompts"?)'],
    ['prompts', () => profileFromJson({ prompts: 'x' }, 'p.json'), 'p.json: $.prompts: expected an array of prompts, got "x"'],
    ['a prompt', () => profileFromJson({ prompts: [7] }, 'p.json'), 'p.json: $.prompts[0]: expected a prompt {"weight", "responses", "users"}, got 7'],
    ['an undefined "prompts"', () => profileFromJson({ prompts: undefined }, 'p.json'), 'p.json: $: missing key "prompts" (a profile {"prompts": [...]})'],
    ['a policy', () => modelFromJson('x', one(), 'q.json'), 'q.json: $: expected a policy {response id: probability}, got "x"'],
    ['outcomes', () => modelFromJson({ kind: 'k-output', outcomes: 'x' }, one(), 'q.json'), 'q.json: $.outcomes: expected an array of outcomes, got "x"'],
    ['an outcome', () => modelFromJson({ kind: 'k-output', outcomes: [7] }, one(), 'q.json'), 'q.json: $.outcomes[0]: expected an outcome {"responses", "prob"}, got 7'],
    ["an outcome's responses", () => modelFromJson({ kind: 'k-output', outcomes: [{ responses: 'a', prob: 1 }] }, one(), 'q.json'), 'q.json: $.outcomes[0].responses: expected an array of k response ids, got "a"'],
    ['a k-output model', () => modelFromJson({ kind: 'k-output' }, one(), 'q.json'), 'q.json: $: missing key "outcomes" (a k-output model {"kind": "k-output", "outcomes"})'],
    ['parts', () => modelFromJson({ kind: 'mixture', parts: 'x' }, one(), 'q.json'), 'q.json: $.parts: expected an array of parts, got "x"'],
    ['a part', () => modelFromJson({ kind: 'mixture', parts: [7] }, one(), 'q.json'), 'q.json: $.parts[0]: expected a part {"weight", "policy"}, got 7'],
    ['a mixture', () => modelFromJson({ kind: 'mixture' }, one(), 'q.json'), 'q.json: $: missing key "parts" (a mixture {"kind": "mixture", "parts"})'],
    ['a kind that is no string', () => modelFromJson({ kind: 7 }, one(), 'q.json'), 'q.json: $.kind: unknown model kind 7: expected "k-output" or "mixture" (a policy is {response id: probability})'],
    ['models per prompt', () => modelFromJson({ prompts: undefined }, two(), 'q.json'), 'q.json: $: missing key "prompts" (models per prompt {"prompts": [...]})'],
    ['models per prompt under a base', () => modelFromJson({ prompts: 'x' }, two(), 'q.json', { base: ['model'] }), 'q.json: $.model.prompts: expected an array of models, one per prompt, got "x"'],
    ['a policy after a mixture', () => modelFromJson({ prompts: [mixture(), { a: 1 }] }, two(), 'q.json'), 'q.json: $.prompts[1]: a policy here, a mixture model for prompt 0: give one kind for every prompt'],
    ['k after an unstated k', () => modelFromJson({ prompts: [mixture(), mixture(2)] }, two(), 'q.json'), 'q.json: $.prompts[1]: k = 2 here, k = unstated for prompt 0'],
    ['one prompt model at the root', () => promptModelFromJson({ a: '1/2' }, one().prompts[0].prompt, 'w'), 'w: $: probabilities sum to 1/2, not exactly 1'],
    ['strengths at the root', () => parseStrengths({ a: 1 }, ['a', 'b'], 'w'), 'w: $: no strength for response "b"'],
    ['the k-output kind', () => validate({ kind: 'mixture', outcomes: [] }, K_OUTPUT_SHAPE, 'f'), 'f: $.kind: expected one of "k-output", got "mixture"'],
    ['the mixture kind', () => validate({ kind: 'k-output', parts: [] }, MIXTURE_SHAPE, 'f'), 'f: $.kind: expected one of "mixture", got "k-output"'],
    ['a plug-in answer', () => validate(7, ANSWER_SHAPE, 'f'), 'f: $: expected an answer {"model", "slack", "note"}, got 7'],
  ];
  it.each(cases)('%s', (_, f, line) => {
    expect(refusal(f)).toBe(line);
  });

  it('a prompt without a weight weighs 1', () => {
    const p = profileFromJson({ prompts: [ab, { weight: 3, ...ab }] });
    expect(p.prompts.map((x) => x.weight.toFraction())).toEqual(['1/4', '3/4']);
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
