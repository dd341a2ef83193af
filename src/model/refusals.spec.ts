// Every refusal of the model layer, in process: the input, and the one line the user reads (file, JSON path,
// problem). The boundary just inside each refusal is accepted (a weight, probability or strength at its limit).
import { describe, expect, it } from 'vitest';
import { frac, fromDouble, ONE, sumOf, ZERO } from '../exact/rational.js';
import { modelFromJson, parseStrengths, profileFromJson } from './codec.js';
import { luceType, makeKOutput, makeMixture, makePolicy, makeProfile, makePrompt, promptFromRanks, profileToJson, MAX_INT_STRENGTH } from './build.js';
import { hasLuce, isImpartialCulture } from './structure.js';
import { refusal } from '../../test/helpers/refusal.js';

const ab = { responses: ['a', 'b'], users: [{ weight: 1, ranking: [['a'], ['b']] }] };
const profile = profileFromJson(ab, 'p.json');
const two = profileFromJson({ prompts: [ab, { weight: 2, ...ab }] }, 'p.json');

describe('profiles: refusals name the file, the JSON path and the problem', () => {
  it('responses and users', () => {
    expect(refusal(() => profileFromJson({ responses: [], users: ab.users }, 'p.json'))).toMatchInlineSnapshot(`"p.json: $.responses: no responses"`);
    expect(refusal(() => profileFromJson({ responses: ['a', ''], users: ab.users }, 'p.json'))).toMatchInlineSnapshot(`"p.json: $.responses[1]: must be a non-empty string"`);
    expect(refusal(() => profileFromJson({ responses: ['a', 'a'], users: ab.users }, 'p.json'))).toMatchInlineSnapshot(`"p.json: $.responses[1]: duplicate response "a" in responses"`);
    expect(refusal(() => profileFromJson({ responses: ['a', 'b'], users: [] }, 'p.json'))).toMatchInlineSnapshot(`"p.json: $.users: no users"`);
    expect(refusal(() => profileFromJson({ responses: ['a', 'b'], users: [{ weight: 0, ranking: [['a']] }] }, 'p.json'))).toMatchInlineSnapshot(`"p.json: $.users[0].weight: a weight must be positive, got 0"`);
    expect(refusal(() => profileFromJson({ responses: ['a', 'b'], users: [{ weight: '-1/2', ranking: [['a']] }] }, 'p.json'))).toMatchInlineSnapshot(`"p.json: $.users[0].weight: a weight must be positive, got "-1/2""`);
    expect(refusal(() => profileFromJson({ responses: ['a', 'b'], users: [{ weight: '2/4', ranking: [['a']] }, { weight: '0.0', ranking: [['a']] }] }, 'p.json'))).toMatchInlineSnapshot(`"p.json: $.users[1].weight: a weight must be positive, got "0.0" = 0"`);
    expect(refusal(() => profileFromJson({ responses: ['a', 'b'], users: [{ weight: ' -1 ', ranking: [['a']] }] }, 'p.json'))).toMatchInlineSnapshot(`"p.json: $.users[0].weight: a weight must be positive, got " -1 ""`);
    expect(refusal(() => profileFromJson({ responses: [] }))).toMatchInlineSnapshot(`"profile: $: missing key "users" (a profile {"responses", "users"})"`);
  });

  it('rankings', () => {
    const one = (ranking: unknown) => refusal(() => profileFromJson({ responses: ['a', 'b'], users: [{ weight: 1, ranking }] }, 'p.json'));
    expect(one([['a'], []])).toMatchInlineSnapshot(`"p.json: $.users[0].ranking[1]: an empty tier"`);
    expect(one([['a'], ['c']])).toMatchInlineSnapshot(`"p.json: $.users[0].ranking[1]: unknown response "c""`);
    expect(one([['a'], ['a']])).toMatchInlineSnapshot(`"p.json: $.users[0].ranking[1]: duplicate response "a" in the ranking"`);
    expect(one([['a', 'b', 'a']])).toMatchInlineSnapshot(`"p.json: $.users[0].ranking[0]: duplicate response "a" in the ranking"`);
    expect(one(['a', 7])).toMatchInlineSnapshot(`"p.json: $.users[0].ranking[1]: expected a tier: an array of response ids, got 7"`);
    expect(one([['a', '']])).toMatchInlineSnapshot(`"p.json: $.users[0].ranking[0][1]: must be a non-empty string"`);
    expect(one(['b'])).toBe('accepted');
    expect(refusal(() => profileFromJson({ responses: ['a', 'b'], users: [{ weight: 1, ranking: [['a']], strengths: { a: 1, b: 1 } }] }, 'p.json'))).toMatchInlineSnapshot(`"p.json: $.users[0]: has both "ranking" and "strengths": a user type is one or the other"`);
    expect(refusal(() => profileFromJson({ responses: ['a', 'b'], users: [{ weight: 1 }] }, 'p.json'))).toMatchInlineSnapshot(`"p.json: $.users[0]: needs "ranking" (a weak order) or "strengths" (a Luce type)"`);
    expect(refusal(() => profileFromJson({ responses: ['a', 'b'], users: [{ weight: 1, rankings: [] }] }, 'p.json'))).toMatchInlineSnapshot(`"p.json: $.users[0]: unknown key "rankings" (did you mean "ranking"?)"`);
  });

  it('Luce strengths (SPEC §4b)', () => {
    const one = (strengths: unknown) => refusal(() => profileFromJson({ responses: ['a', 'b'], users: [{ weight: 1, strengths }] }, 'p.json'));
    expect(one({ a: 1, b: 0 })).toMatchInlineSnapshot(`"p.json: $.users[0].strengths.b: strength must be positive, got 0"`);
    expect(one({ a: 1, b: '-2' })).toMatchInlineSnapshot(`"p.json: $.users[0].strengths.b: strength must be positive, got "-2""`);
    expect(one({ a: 1 })).toMatchInlineSnapshot(`"p.json: $.users[0].strengths: no strength for response "b""`);
    expect(one({ a: 1, b: 1, c: 1 })).toMatchInlineSnapshot(`"p.json: $.users[0].strengths.c: unknown response "c""`);
    expect(one({ a: 1, b: 'x' })).toMatchInlineSnapshot(`"p.json: $.users[0].strengths.b: expected an exact number: an integer, or a string "p/q" or decimal such as "0.55", got "x""`);
    expect(one({ a: 1, b: String(MAX_INT_STRENGTH) })).toBe('accepted');
    expect(one({ a: 1, b: String(MAX_INT_STRENGTH + 1) })).toMatchInlineSnapshot(`"p.json: $.users[0].strengths: the strengths' ratios need integers above 2^32 (33 bits); use strengths with smaller denominators"`);
    expect(one({ a: '1/3', b: '1/2' })).toBe('accepted');
    expect(one({ a: String(MAX_INT_STRENGTH + 1), b: 1 })).toBe(one({ a: 1, b: String(MAX_INT_STRENGTH + 1) }));
    expect(one({ a: 1, b: '0/5' })).toMatchInlineSnapshot(`"p.json: $.users[0].strengths.b: strength must be positive, got "0/5""`);
    expect(refusal(() => parseStrengths({ a: 'x', b: 1 }, ['a', 'b'], 'p.json', ['users', 0]))).toMatchInlineSnapshot(`"p.json: $.users[0].a: expected an exact number: an integer, or a string "p/q" or decimal such as "0.55", got "x""`);

    expect(refusal(() => parseStrengths({ a: 1, c: 2 }, ['a', 'b'], 'p.json', ['users', 0]))).toMatchInlineSnapshot(`"p.json: $.users[0].c: unknown response "c""`);
    expect(refusal(() => parseStrengths({ a: 1 }, ['a', 'b'], 'p.json', ['users', 0]))).toMatchInlineSnapshot(`"p.json: $.users[0]: no strength for response "b""`);
    expect(refusal(() => luceType(ONE, [], 'u'))).toMatchInlineSnapshot(`"u: no strengths"`);
    expect(refusal(() => luceType(ONE, [ONE, ZERO], 'u'))).toMatchInlineSnapshot(`"u: strength of response 1 must be positive, got 0"`);
    const t = luceType(ONE, [frac(2, 3), frac(4, 9)]);
    expect([t.ints, t.scale.toFraction()]).toEqual([[3, 2], '2/9']);
    expect(refusal(() => makePrompt(['a', 'b'], [{ weight: ONE, strengths: [ONE] }]))).toMatchInlineSnapshot(`"profile: $.users[0].strengths: 1 strengths for 2 responses"`);
    expect(refusal(() => makePrompt(['a', 'b'], [{ weight: ONE, strengths: [ONE, frac(-1)] }]))).toMatchInlineSnapshot(`"profile: $.users[0].strengths.b: strength must be positive, got -1"`);
    expect(refusal(() => makePrompt(['a', 'b'], [{ weight: ONE, strengths: { a: ONE, c: ONE } }]))).toMatchInlineSnapshot(`"profile: $.users[0].strengths.c: unknown response "c""`);
    expect(refusal(() => makePrompt(['a', 'b'], [{ weight: ONE, strengths: { a: ONE } }]))).toMatchInlineSnapshot(`"profile: $.users[0].strengths: no strength for response "b""`);
  });

  it('several prompts', () => {
    expect(refusal(() => profileFromJson({ prompts: [] }, 'p.json'))).toMatchInlineSnapshot(`"p.json: $.prompts: no prompts"`);
    expect(refusal(() => profileFromJson({ prompts: [{ ...ab, weight: 0 }] }, 'p.json'))).toMatchInlineSnapshot(`"p.json: $.prompts[0].weight: a weight must be positive, got 0"`);
    expect(refusal(() => profileFromJson({ prompts: [ab, { ...ab, responses: ['a', 'a'] }] }, 'p.json'))).toMatchInlineSnapshot(`"p.json: $.prompts[1].responses[1]: duplicate response "a" in responses"`);
    expect(refusal(() => makeProfile([{ weight: frac(-1), prompt: profile.prompts[0].prompt }], 'q'))).toMatchInlineSnapshot(`"q: $.prompts[0].weight: a weight must be positive, got -1"`);
    expect(two.prompts.map((p) => p.weight.toFraction())).toEqual(['1/3', '2/3']);
    expect(profileToJson(two)).toEqual({ prompts: [{ weight: '1/3', ...profileToJson(profile) as object }, { weight: '2/3', ...profileToJson(profile) as object }] });
  });

  it('promptFromRanks (PrefLib votes) checks weights and fills unlisted responses in one bottom tier', () => {
    expect(refusal(() => promptFromRanks(['a', 'b'], [], 'v.soc'))).toMatchInlineSnapshot(`"v.soc: $.users: no users"`);
    expect(refusal(() => promptFromRanks(['a', 'b'], [{ weight: ZERO, rank: Int32Array.from([0, -1]), listed: 1 }], 'v.soc'))).toMatchInlineSnapshot(`"v.soc: $.users[0].weight: a weight must be positive, got 0"`);
    const p = promptFromRanks(['a', 'b', 'c'], [{ weight: frac(3), rank: Int32Array.from([0, -1, -1]), listed: 1 }], 'v.soc');
    const u = p.users[0];
    expect(u.kind === 'ranking' && [[...u.rank], u.numTiers, u.weight.toFraction()]).toEqual([[0, 1, 1], 2, '1']);
    const q = promptFromRanks(['a', 'b'], [{ weight: frac(1), rank: Int32Array.from([1, 0]), listed: 2 }], 'v.soc');
    expect(q.users[0].kind === 'ranking' && q.users[0].numTiers).toBe(2);
  });
});

describe('models: refusals', () => {
  it('policies', () => {
    expect(refusal(() => modelFromJson({ a: '1/2', c: '1/2' }, profile, 'q.json'))).toMatchInlineSnapshot(`"q.json: $.c: unknown response "c""`);
    expect(refusal(() => modelFromJson({ a: '3/2', b: '-1/2' }, profile, 'q.json'))).toMatchInlineSnapshot(`"q.json: $.b: a probability must not be negative, got "-1/2""`);
    expect(refusal(() => modelFromJson({ a: '1/2', b: '1/3' }, profile, 'q.json'))).toMatchInlineSnapshot(`"q.json: $: probabilities sum to 5/6, not exactly 1"`);
    expect(refusal(() => modelFromJson({ a: 0.5, b: 0.4 }, profile, 'q.json', { floats: true }))).toMatchInlineSnapshot(`"q.json: $: probabilities sum to 0.900000000000, further than 1e-9 from 1"`);
    expect(refusal(() => modelFromJson({ a: 1, b: 0 }, profile, 'q.json'))).toBe('accepted');
    const notes: string[] = [];
    const m = modelFromJson({ a: 0.1, b: 0.2, c: 0.7 }, profileFromJson({ responses: ['a', 'b', 'c'], users: ab.users }), 'q.json', { floats: true, notes });
    // the doubles' exact values, divided by their exact sum: proportional to them and summing to exactly 1
    const exact = [0.1, 0.2, 0.7].map(fromDouble);
    const total = sumOf(exact);
    expect(total.equals(ONE)).toBe(false);
    expect(m.kind === 'policy' && m.perPrompt[0].every((v, y) => v.equals(exact[y].div(total)))).toBe(true);
    expect(m.kind === 'policy' && sumOf(m.perPrompt[0]).equals(ONE)).toBe(true);
    expect(notes).toEqual(['float probabilities summing to within 1e-9 of 1 (not exactly 1) were divided by their exact sum']);
    expect(refusal(() => modelFromJson({ a: 1 }, two, 'q.json'))).toMatchInlineSnapshot(`"q.json: $: the profile has 2 prompts; give {"prompts": [...]} in prompt order"`);
    expect(refusal(() => modelFromJson({ prompts: [{ a: 1 }] }, two, 'q.json'))).toMatchInlineSnapshot(`"q.json: $.prompts: 1 prompt models for a profile with 2 prompts"`);
    expect(refusal(() => modelFromJson({ prompts: [{ a: 1 }, { kind: 'mixture', parts: [{ weight: 1, policy: { a: 1 } }] }] }, two, 'q.json'))).toMatchInlineSnapshot(`"q.json: $.prompts[1]: a mixture model here, a policy for prompt 0: give one kind for every prompt"`);
    expect(refusal(() => modelFromJson({ prompts: 'x' }, two, 'q.json'))).toMatchInlineSnapshot(`"q.json: $.prompts: expected an array of models, one per prompt, got "x""`);
    expect(refusal(() => modelFromJson({ a: '1/2' }, profile, 'answer', { base: ['model'] }))).toMatchInlineSnapshot(`"answer: $.model: probabilities sum to 1/2, not exactly 1"`);
    const named = profileFromJson({ responses: ['prompts', 'b'], users: [{ weight: 1, ranking: [['b']] }] });
    expect(refusal(() => modelFromJson({ prompts: 1 }, named, 'q.json'))).toBe('accepted');
    expect(refusal(() => makePolicy([[frac(1, 2), frac(1, 2)], [frac(2), frac(-1)]], 'pol'))).toMatchInlineSnapshot(`"pol: prompt 1: probability of response 1 is negative"`);
    expect(refusal(() => makePolicy([[frac(1, 2), frac(1, 3)]], 'pol'))).toMatchInlineSnapshot(`"pol: prompt 0: probabilities sum to 5/6, not exactly 1"`);
  });

  it('k-output models', () => {
    const ko = (outcomes: unknown, extra: object = {}) => refusal(() => modelFromJson({ kind: 'k-output', ...extra, outcomes }, profile, 'q.json'));
    expect(ko([])).toMatchInlineSnapshot(`"q.json: $.outcomes: a k-output model needs at least one outcome"`);
    expect(ko([{ responses: [], prob: 1 }])).toMatchInlineSnapshot(`"q.json: $.outcomes[0].responses: an outcome needs at least one response"`);
    expect(ko([{ responses: ['a'], prob: 1 }], { k: 2 })).toMatchInlineSnapshot(`"q.json: $.outcomes[0].responses: has 1 responses, "k" is 2"`);
    expect(ko([{ responses: ['a', 'c'], prob: 1 }])).toMatchInlineSnapshot(`"q.json: $.outcomes[0].responses[1]: unknown response "c""`);
    expect(ko([{ responses: ['a', 'b'], prob: '1/2' }, { responses: ['a', 'a'], prob: '-1/2' }])).toMatchInlineSnapshot(`"q.json: $.outcomes[1].prob: a probability must not be negative, got "-1/2""`);
    expect(ko([{ responses: ['a', 'b'], prob: 1 }, { responses: ['a', 'a'], prob: 0 }])).toBe('accepted');
    expect(ko([{ responses: ['a', 'b'], prob: '1/2' }])).toMatchInlineSnapshot(`"q.json: $.outcomes: probabilities sum to 1/2, not exactly 1"`);
    expect(ko([{ responses: ['a', 'b'], prob: 1 }], { kind: 'k-outputs' })).toMatchInlineSnapshot(`"q.json: $.kind: unknown model kind "k-outputs" (did you mean "k-output"?): expected "k-output" or "mixture" (a policy is {response id: probability})"`);
    expect(refusal(() => modelFromJson({ prompts: [{ kind: 'k-output', outcomes: [{ responses: ['a'], prob: 1 }] }, { kind: 'k-output', outcomes: [{ responses: ['a', 'b'], prob: 1 }] }] }, two, 'q.json'))).toMatchInlineSnapshot(`"q.json: $.prompts[1]: k = 2 here, k = 1 for prompt 0"`);
    expect(refusal(() => makeKOutput(0, [[]], 'm'))).toMatchInlineSnapshot(`"m: k must be an integer ≥ 1"`);
    expect(refusal(() => makeKOutput(1.5, [[]], 'm'))).toMatchInlineSnapshot(`"m: k must be an integer ≥ 1"`);
    expect(refusal(() => makeKOutput(2, [[{ items: [0], prob: ONE }]], 'm'))).toMatchInlineSnapshot(`"m: prompt 0: outcome 0 has 1 responses, expected k = 2"`);
    expect(refusal(() => makeKOutput(1, [[{ items: [0], prob: frac(2) }, { items: [1], prob: frac(-1) }]], 'm'))).toMatchInlineSnapshot(`"m: prompt 0: outcome 1 has negative probability"`);
    expect(refusal(() => makeKOutput(1, [[{ items: [0], prob: frac(1, 2) }]], 'm'))).toMatchInlineSnapshot(`"m: prompt 0: probabilities sum to 1/2, not exactly 1"`);
    const m = makeKOutput(2, [[{ items: [1, 0], prob: frac(1, 2) }, { items: [0, 1], prob: frac(1, 2) }, { items: [1, 1], prob: ZERO }]], 'm');
    expect(m.perPrompt[0].map((o) => [o.items, o.prob.toFraction()])).toEqual([[[0, 1], '1']]);
  });

  it('mixtures', () => {
    expect(refusal(() => modelFromJson({ kind: 'mixture', parts: [] }, profile, 'q.json'))).toMatchInlineSnapshot(`"q.json: $.parts: a mixture needs at least one part"`);
    expect(refusal(() => modelFromJson({ kind: 'mixture', parts: [{ weight: '1/2', policy: { a: 1 } }] }, profile, 'q.json'))).toMatchInlineSnapshot(`"q.json: $.parts: part weights sum to 1/2, not exactly 1"`);
    expect(refusal(() => modelFromJson({ kind: 'mixture', parts: [{ weight: 1, policy: { a: '1/2' } }] }, profile, 'q.json'))).toMatchInlineSnapshot(`"q.json: $.parts[0].policy: probabilities sum to 1/2, not exactly 1"`);
    expect(refusal(() => modelFromJson({ prompts: [{ kind: 'mixture', k: 2, parts: [{ weight: 1, policy: { a: 1 } }] }, { kind: 'mixture', parts: [{ weight: 1, policy: { a: 1 } }] }] }, two, 'q.json'))).toMatchInlineSnapshot(`"q.json: $.prompts[1]: k = unstated here, k = 2 for prompt 0"`);
    expect(refusal(() => modelFromJson({ kind: 'mixture', parts: [{ weight: 2, policy: { a: 1 } }, { weight: -1, policy: { a: 1 } }] }, profile, 'q.json'))).toMatchInlineSnapshot(`"q.json: $.parts[1].weight: a part weight must not be negative, got -1"`);
    expect(refusal(() => makeMixture([[{ weight: ONE, probs: [ONE, ZERO] }]], 0, 'mx'))).toMatchInlineSnapshot(`"mx: k must be an integer ≥ 1"`);
    expect(refusal(() => makeMixture([[]], undefined, 'mx'))).toMatchInlineSnapshot(`"mx: prompt 0: a mixture needs at least one part"`);
    expect(refusal(() => makeMixture([[{ weight: frac(2), probs: [ONE, ZERO] }, { weight: frac(-1), probs: [ONE, ZERO] }]], undefined, 'mx'))).toMatchInlineSnapshot(`"mx: prompt 0: part weights must be ≥ 0 and sum to exactly 1"`);
    expect(refusal(() => makeMixture([[{ weight: ONE, probs: [frac(1, 2), ZERO] }]], undefined, 'mx'))).toMatchInlineSnapshot(`"mx: prompt 0: part 0: probabilities sum to 1/2, not exactly 1"`);
  });
});

describe('structure', () => {
  it('hasLuce and impartial culture', () => {
    const mixed = profileFromJson({ responses: ['a', 'b'], users: [{ weight: 1, ranking: [['a'], ['b']] }, { weight: 1, strengths: { a: 1, b: 2 } }] }).prompts[0].prompt;
    expect([hasLuce(profile.prompts[0].prompt), hasLuce(mixed)]).toEqual([false, true]);
    const ic = profileFromJson({ responses: ['a', 'b'], users: [{ weight: 1, ranking: ['a', 'b'] }, { weight: 1, ranking: ['b', 'a'] }] }).prompts[0].prompt;
    expect(isImpartialCulture(ic)).toBe(true);
    const tied = profileFromJson({ responses: ['a', 'b'], users: [{ weight: 1, ranking: [['a', 'b']] }, { weight: 1, ranking: ['b', 'a'] }] }).prompts[0].prompt;
    expect(isImpartialCulture(tied)).toBe(false);
    const uneven = profileFromJson({ responses: ['a', 'b'], users: [{ weight: 1, ranking: ['a', 'b'] }, { weight: 2, ranking: ['b', 'a'] }] }).prompts[0].prompt;
    expect(isImpartialCulture(uneven)).toBe(false);
  });
});
