// I1 (exact, strict inputs): the independent reading (its number parser, normalisation, ranks, merged outcomes),
// every edit on a crafted instance with the exact message it must draw, and the judge fed its own evidence with
// one part perturbed (rejected).
import fc from 'fast-check';
import Fraction from 'fraction.js';
import { describe, expect, it } from 'vitest';
import { frac } from '../exact/rational.js';
import { EDITS, I1, I1Evidence, I1Instance, editOf, intsProblem, oracleNumber, profileView } from './i1.js';
import { luceType } from '../model/build.js';
import { SEED } from '../../test/helpers/fc.js';
import { refusal } from '../../test/helpers/refusal.js';
import { ONE_PROMPT } from '../../test/helpers/profiles.js';
import { profileFromJson, profileToJson } from '../model/codec.js';

const PROFILE = {
  prompts: [
    { weight: '3', responses: ['a', 'b', 'c'], users: [{ weight: '2/3', ranking: [['a'], ['b', 'c']] }, { weight: 1, strengths: { a: '1', b: '2.5', c: '1/2' } }] },
    { weight: '1.5e0', responses: ['a', 'b'], users: [{ weight: 2, ranking: ['b'] }] },
  ],
};
const MODEL = { prompts: [{ kind: 'mixture', parts: [{ weight: '0.25', policy: { a: '1' } }, { weight: '3/4', policy: { b: '1/2', c: '5e-1' } }] }, { kind: 'mixture', parts: [{ weight: 1, policy: { a: '0', b: 1 } }] }] };
const K_OUT = { prompts: [{ kind: 'k-output', outcomes: [{ responses: ['b', 'a'], prob: '1/4' }, { responses: ['a', 'b'], prob: '0.5' }, { responses: ['c', 'c'], prob: '1/4' }] }, { kind: 'k-output', k: 2, outcomes: [{ responses: ['a', 'b'], prob: 1 }] }] };

const at = (name: string): number => EDITS.findIndex((e) => e.name === name);
const inst = (profile: unknown, model: unknown, edit: string, where = 0, floats = false): I1Instance => ({ profile, model, edit: { kind: at(edit), at: where }, floats });

describe('I1: the independent reading', () => {
  it('reads integers, "p/q" (spaces allowed) and decimals with or without an exponent exactly', () => {
    const cases: [unknown, string][] = [
      [7, '7'],
      ['12', '12'],
      [' 3 / 6 ', '1/2'],
      ['-2/4', '-1/2'],
      ['0.25', '1/4'],
      ['-1.5', '-3/2'],
      ['125e-2', '5/4'],
      ['1.5E1', '15'],
      ['2e3', '2000'],
      ['0.0', '0'],
    ];
    for (const [v, want] of cases) expect(oracleNumber(v).toFraction(), String(v)).toBe(want);
    for (const v of [Infinity, -Infinity, NaN]) expect(() => oracleNumber(v)).toThrow(`I1's oracle: ${v} is not a finite number`);
  });

  it('normalises weights, ranks unlisted responses last, merges outcomes: the expected views of crafted files', () => {
    const e = I1.evidence(inst(PROFILE, MODEL, 'unknown key'));
    expect(JSON.parse(e.expected.profile)).toEqual([
      {
        weight: '2/3',
        responses: ['a', 'b', 'c'],
        users: [
          { weight: '2/5', rank: [0, 1, 1], numTiers: 2, tiers: [[0], [1, 2]] },
          { weight: '3/5', strengths: ['1', '5/2', '1/2'], ints: 'proportional' },
        ],
        structure: { luce: true, strict: false, unanimous: false, top: null, impartialCulture: false, clones: [[0], [1], [2]], tierCount: 5 },
      },
      {
        weight: '1/3',
        responses: ['a', 'b'],
        users: [{ weight: '1', rank: [1, 0], numTiers: 2, tiers: [[1]] }],
        // b first, a unlisted (below): distinct ranks, so strict
        structure: { luce: false, strict: true, unanimous: true, top: 1, impartialCulture: false, clones: [[0], [1]], tierCount: 2 },
      },
    ]);
    expect(JSON.parse(e.expected.model)).toEqual({ kind: 'mixture', k: null, prompts: [['1/4|1,0,0', '3/4|0,1/2,1/2'], ['1|0,1']] });
    expect(e.read.profile).toBe(e.expected.profile);
    expect(e.read.model).toBe(e.expected.model);
    const k = I1.evidence(inst(PROFILE, K_OUT, 'unknown key'));
    expect(JSON.parse(k.expected.model)).toEqual({ kind: 'k-output', k: 2, prompts: [['0,1|3/4', '2,2|1/4'], ['0,1|1']] });
    expect(k.read.model).toBe(k.expected.model);
    expect(I1.check(inst(PROFILE, K_OUT, 'unknown key')).ok).toBe(true);
  });

  it('reads a double as its exact value: doubled until it is an integer', () => {
    expect(oracleNumber(0.5).toFraction()).toBe('1/2');
    expect(oracleNumber(0.1).equals(frac(3602879701896397n, 36028797018963968n))).toBe(true);
    expect(oracleNumber(-2.75).toFraction()).toBe('-11/4');
    expect(oracleNumber(5e-324).equals(frac(1n, 2n ** 1074n))).toBe(true);
  });

  it('float probabilities: their exact values divided by their exact sum', () => {
    const i = inst(ONE_PROMPT, { a: 0.1, b: 0.2, c: 0.7 }, 'unknown key', 0, true);
    const e = I1.evidence(i);
    const [a, b, c] = [0.1, 0.2, 0.7].map(oracleNumber);
    const s = a.add(b).add(c);
    expect(s.equals(frac(1))).toBe(false);
    expect(JSON.parse(e.expected.model)).toEqual({ kind: 'policy', k: null, prompts: [[a.div(s), b.div(s), c.div(s)].map((x) => x.toFraction())] });
    expect(e.read.model).toBe(e.expected.model);
    expect(I1.check(i).ok).toBe(true);
    // read without floats, the same file is refused
    expect(I1.evidence({ ...i, floats: false }).read.model).toMatch(/^InputError: model\.json: \$\.a: the number 0\.1 is not a safe integer/);
  });

  it('structure by definition: impartial culture, unanimity (rankings; Luce strengths up to scale), clones, tiers', () => {
    const structure = (profile: unknown) => {
      const e = I1.evidence(inst(profile, { a: 1 }, 'unknown key'));
      expect(e.read.profile).toBe(e.expected.profile);
      return (JSON.parse(e.expected.profile) as { structure: unknown }[])[0].structure;
    };
    const orders = ['abc', 'acb', 'bac', 'bca', 'cab', 'cba'].map((o) => o.split(''));
    const ic = (w: (i: number) => string) => ({ responses: ['a', 'b', 'c'], users: orders.map((r, i) => ({ weight: w(i), ranking: r })) });
    expect(structure(ic(() => '1'))).toEqual({ luce: false, strict: true, unanimous: false, top: null, impartialCulture: true, clones: [[0], [1], [2]], tierCount: 18 });
    // the same six rankings with one weight off, or one ranking twice and another missing: not impartial culture
    expect(structure(ic((i) => (i === 5 ? '2' : '1')))).toMatchObject({ impartialCulture: false });
    expect(structure({ ...ic(() => '1'), users: [...ic(() => '1').users.slice(0, 5), { weight: '1', ranking: ['a', 'b', 'c'] }] })).toMatchObject({ impartialCulture: false });
    // two Luce types with the same strengths up to scale: unanimous, the first strongest on top; b and c clones
    expect(structure({ responses: ['a', 'b', 'c'], users: [{ weight: 1, strengths: { a: '1', b: '2', c: '2' } }, { weight: 1, strengths: { a: '3', b: '6', c: '6' } }] })).toEqual({
      luce: true,
      strict: false,
      unanimous: true,
      top: 1,
      impartialCulture: false,
      clones: [[0], [1, 2]],
      tierCount: 6,
    });
    expect(structure({ responses: ['a', 'b'], users: [{ weight: 1, strengths: { a: '1', b: '2' } }, { weight: 1, strengths: { a: '1', b: '3' } }] })).toMatchObject({ unanimous: false, top: null });
    // a ranking type and a Luce type never make a unanimous prompt; a tie makes clones
    expect(structure({ responses: ['a', 'b'], users: [{ weight: 1, ranking: [['a', 'b']] }, { weight: 1, strengths: { a: '1', b: '1' } }] })).toEqual({
      luce: true,
      strict: false,
      unanimous: false,
      top: null,
      impartialCulture: false,
      clones: [[0, 1]],
      tierCount: 3,
    });
    expect(structure({ responses: ['a', 'b', 'c'], users: [{ weight: 1, ranking: ['c', 'a', 'b'] }, { weight: 2, ranking: [['c'], ['a'], ['b']] }] })).toMatchObject({ strict: true, unanimous: true, top: 2 });
  });

  it('numbers past 2^1024 (reduced by rational.ts with Lehmer\'s gcd) against fraction.js\'s own reduction', () => {
    const [a, b, c] = [3n ** 700n, 5n ** 500n, 1n << 1100n];
    const huge = { responses: ['a', 'b'], users: [{ weight: `${2n * a}/${3n * b}`, ranking: ['a'] }, { weight: `${a}/${b}`, ranking: ['b'] }, { weight: `${a * 7n}/${c}`, strengths: { a: `${a}/${c}`, b: `${3n * a}/${2n * c}` } }] };
    const e = I1.evidence(inst(huge, { a: 1 }, 'unknown key'));
    const users = (JSON.parse(e.expected.profile) as { users: { weight: string; strengths?: string[]; ints?: string }[] }[])[0].users;
    const t = 5n * a * c + 21n * a * b; // 3bc times the sum of the weights 2a/3b + a/b + 7a/c
    expect(users.map((u) => u.weight)).toEqual([2n * a * c, 3n * a * c, 21n * a * b].map((n) => new Fraction(n, t).toFraction()));
    expect(users[2].strengths).toEqual([new Fraction(a, c).toFraction(), new Fraction(3n * a, 2n * c).toFraction()]);
    expect(users[2].ints).toBe('proportional');
    expect(e.read.profile).toBe(e.expected.profile);
    expect(I1.check(inst(huge, { a: 1 }, 'unknown key')).ok).toBe(true);
  });

  it('the one-pass reader reads a single prompt of ranking types, and only that', () => {
    const e = I1.evidence(inst(ONE_PROMPT, { a: '1/2', b: '0.5' }, 'unknown key'));
    expect(JSON.parse(e.expected.profile)).toEqual([
      {
        weight: '1',
        responses: ['a', 'b', 'c'],
        users: [
          { weight: '3/4', rank: [1, 2, 0], numTiers: 3, tiers: [[2], [0]] },
          { weight: '1/4', rank: [0, 0, 0], numTiers: 1, tiers: [] },
        ],
        structure: { luce: false, strict: false, unanimous: false, top: null, impartialCulture: false, clones: [[0], [1], [2]], tierCount: 4 },
      },
    ]);
    expect(e.read.onePass).toBe(e.expected.profile);
    expect(I1.evidence(inst(PROFILE, MODEL, 'unknown key')).read.onePass).toBeNull();
  });
});

describe('I1: the views of what the readers build name what is wrong with it', () => {
  it('a Luce type whose ints are not coprime positive integers, or whose scale·ints is not its strengths', () => {
    const u = luceType(frac(1), [frac(1, 2), frac(3, 2)]);
    expect(u.ints).toEqual([1, 3]);
    expect(intsProblem(u)).toBe('proportional');
    expect(intsProblem({ ...u, ints: [2, 6] })).toBe('ints 2,6 are not coprime positive integers');
    expect(intsProblem({ ...u, ints: [0, 1] })).toBe('ints 0,1 are not coprime positive integers');
    expect(intsProblem({ ...u, ints: [1, 1.5] })).toBe('ints 1,1.5 are not coprime positive integers');
    expect(intsProblem({ ...u, ints: [1, 2] })).toBe('scale·ints ≠ strengths at response 1');
    expect(intsProblem({ ...u, ints: [2, 3] })).toBe('scale·ints ≠ strengths at response 0');
  });

  it('a response the prompt indexes at another place', () => {
    const pr = profileFromJson(ONE_PROMPT);
    const prompt = pr.prompts[0].prompt;
    const index = new Map(prompt.index);
    index.set('b', 0);
    expect(profileView({ prompts: [{ ...pr.prompts[0], prompt: { ...prompt, index } }] })[0].responses).toEqual(['a', 'b (indexed 0)', 'c']);
    expect(profileView(pr)[0].responses).toEqual(['a', 'b', 'c']);
  });

  it('a response named "prompts": a model with that key is a policy, not a model per prompt', () => {
    const profile = { responses: ['prompts', 'b'], users: [{ weight: 1, ranking: ['b'] }] };
    const e = I1.evidence(inst(profile, { prompts: '1/4', b: '3/4' }, 'unknown key'));
    expect(JSON.parse(e.expected.model)).toEqual({ kind: 'policy', k: null, prompts: [['1/4', '3/4']] });
    expect(e.read.model).toBe(e.expected.model);
  });

  it('an outcome of probability 0 is not an outcome', () => {
    const model = { kind: 'k-output', outcomes: [{ responses: ['a', 'b'], prob: 1 }, { responses: ['b', 'c'], prob: 0 }] };
    const e = I1.evidence(inst(ONE_PROMPT, model, 'unknown key'));
    expect(JSON.parse(e.expected.model)).toEqual({ kind: 'k-output', k: 2, prompts: [['0,1|1']] });
    expect(I1.check(inst(ONE_PROMPT, model, 'unknown key')).ok).toBe(true);
  });

  it('states itself: title, rule, statement', () => {
    expect([I1.id, I1.title, I1.rule, I1.expect]).toEqual(['I1', 'exact, strict inputs', 'any', 'holds']);
    expect(I1.statement).toMatch(/^Every profile and model \(policy, k-output model, mixture; .* is refused with an input error at the JSON path of the edit\.$/);
  });
});

describe('I1: every edit draws its message', () => {
  const cases: [string, I1Instance, string][] = [
    ['misspelt key', inst(PROFILE, MODEL, 'misspelt key', 1), 'InputError: profile.json: $.prompts[1].users[0]: unknown key "wieght" (did you mean "weight"?)'],
    ['unknown key', inst(ONE_PROMPT, { a: 1 }, 'unknown key'), 'InputError: profile.json: $: unknown key "note"'],
    ['missing key', inst(PROFILE, MODEL, 'missing key', 1), 'InputError: profile.json: $.prompts[1]: missing key "responses"'],
    ['zero weight', inst(PROFILE, MODEL, 'zero weight', 0), 'InputError: profile.json: $.prompts[0].users[0].weight: a weight must be positive, got "0"'],
    ['negative weight', inst(PROFILE, MODEL, 'negative weight', 1), 'InputError: profile.json: $.prompts[1].users[0].weight: a weight must be positive, got "-1/2"'],
    ['zero denominator', inst(PROFILE, MODEL, 'zero denominator', 2), 'InputError: profile.json: $.prompts[0].users[0].weight: "3/0" has a zero denominator'],
    ['not a number', inst(PROFILE, MODEL, 'not a number', 0), 'InputError: profile.json: $.prompts[0].users[0].weight: expected an exact number'],
    ['inexact JSON number', inst(PROFILE, MODEL, 'inexact JSON number', 0), 'InputError: profile.json: $.prompts[0].users[0].weight: the number 0.5 is not a safe integer'],
    ['unknown response in a ranking', inst(PROFILE, MODEL, 'unknown response in a ranking', 1), 'InputError: profile.json: $.prompts[1].users[0].ranking[0]: unknown response "zz"'],
    ['duplicate response', inst(PROFILE, MODEL, 'duplicate response', 0), 'InputError: profile.json: $.prompts[0].responses[3]: duplicate response "a" in responses'],
    ['response ranked twice', inst(ONE_PROMPT, { a: 1 }, 'response ranked twice'), 'InputError: profile.json: $.users[0].ranking[1]: duplicate response "c" in the ranking'],
    ['empty tier', inst(ONE_PROMPT, { a: 1 }, 'empty tier', 1), 'InputError: profile.json: $.users[1].ranking[0]: an empty tier'],
    ['no users', inst(PROFILE, MODEL, 'no users', 0), 'InputError: profile.json: $.prompts[0].users: no users'],
    ['missing strength', inst(PROFILE, MODEL, 'missing strength', 1), 'InputError: profile.json: $.prompts[0].users[1].strengths: no strength for response "b"'],
    ['zero strength', inst(PROFILE, MODEL, 'zero strength', 2), 'InputError: profile.json: $.prompts[0].users[1].strengths.c: strength must be positive, got "0"'],
    ['ranking and strengths', inst(PROFILE, MODEL, 'ranking and strengths'), 'InputError: profile.json: $.prompts[0].users[1]: has both "ranking" and "strengths"'],
    ['neither ranking nor strengths', inst(PROFILE, MODEL, 'neither ranking nor strengths', 1), 'InputError: profile.json: $.prompts[1].users[0]: needs "ranking" (a weak order) or "strengths" (a Luce type)'],
    ['zero prompt weight', inst(PROFILE, MODEL, 'zero prompt weight', 1), 'InputError: profile.json: $.prompts[1].weight: a weight must be positive, got "0"'],
    ['malformed JSON', inst(PROFILE, MODEL, 'malformed JSON'), 'InputError: profile.json: malformed JSON at line 1'],
    ['duplicate key', inst(PROFILE, MODEL, 'duplicate key'), 'InputError: profile.json: $.prompts[0].users: duplicate key'],
    ['unknown response in a model', inst(PROFILE, MODEL, 'unknown response in a model', 0), 'InputError: model.json: $.prompts[0].parts[0].policy.zz: unknown response "zz"'],
    ['… of a k-output model', inst(PROFILE, K_OUT, 'unknown response in a model', 1), 'InputError: model.json: $.prompts[1].outcomes[0].responses[1]: unknown response "zz"'],
    ['probabilities not summing to 1', inst(ONE_PROMPT, { a: '1/2', b: '1/2' }, 'probabilities not summing to 1', 1), 'InputError: model.json: $: probabilities sum to 2, not exactly 1'],
    ['… of a mixture', inst(PROFILE, MODEL, 'probabilities not summing to 1', 0), 'InputError: model.json: $.prompts[0].parts: part weights sum to 2, not exactly 1'],
    ['… of a k-output model', inst(PROFILE, K_OUT, 'probabilities not summing to 1', 0), 'InputError: model.json: $.prompts[0].outcomes: probabilities sum to 2, not exactly 1'],
    ['negative probability', inst(PROFILE, MODEL, 'negative probability', 1), 'InputError: model.json: $.prompts[1].parts[0].policy.b: a probability must not be negative, got "-1"'],
    ['misspelt model kind', inst(PROFILE, K_OUT, 'misspelt model kind', 0), 'InputError: model.json: $.prompts[0].kind: unknown model kind "k-ouput" (did you mean "k-output"?)'],
    ['… of a mixture', inst(PROFILE, MODEL, 'misspelt model kind', 1), 'InputError: model.json: $.prompts[1].kind: unknown model kind "mixtur" (did you mean "mixture"?)'],
    ['outcome of another size', inst(PROFILE, K_OUT, 'outcome of another size', 0), 'InputError: model.json: $.prompts[0].outcomes[2].responses: has 3 responses, the first outcome has 2'],
    ['… k stated', inst(PROFILE, K_OUT, 'outcome of another size', 1), 'InputError: model.json: $.prompts[1].outcomes[0].responses: has 3 responses, "k" is 2'],
    ['models for another number of prompts', inst(PROFILE, MODEL, 'models for another number of prompts'), 'InputError: model.json: $.prompts: 3 prompt models for a profile with 2 prompts'],
    ['misspelt model key', inst(PROFILE, MODEL, 'misspelt model key', 1), 'InputError: model.json: $.prompts[1]: unknown key "part" (did you mean "parts"?)'],
    ['float probabilities further than 1e-9 from 1', inst(ONE_PROMPT, { a: 0.1, b: 0.2, c: 0.7 }, 'float probabilities further than 1e-9 from 1', 2, true), 'InputError: model.json: $: probabilities sum to 1.000001000000, further than 1e-9 from 1'],
    ['… of a mixture', inst(PROFILE, { prompts: [{ kind: 'mixture', parts: [{ weight: 0.3, policy: { a: 1 } }, { weight: 0.7, policy: { b: 0.5, c: 0.5 } }] }, { kind: 'mixture', parts: [{ weight: 1, policy: { a: 0.25, b: 0.75 } }] }] }, 'float probabilities further than 1e-9 from 1', 0, true), 'InputError: model.json: $.prompts[0].parts: part weights sum to 1.000000999999, further than 1e-9 from 1'],
    ['negative decimal weight', inst(PROFILE, MODEL, 'negative decimal weight', 1), 'InputError: profile.json: $.prompts[1].users[0].weight: a weight must be positive, got "-0.25"'],
    ['decimal too large to read', inst(PROFILE, MODEL, 'decimal too large to read', 0), 'InputError: profile.json: $.prompts[0].users[0].weight: "1e100001" is too large to read exactly (digits plus |exponent| above 100000)'],
    ['exponent too large to read', inst(PROFILE, MODEL, 'exponent too large to read', 2), 'InputError: profile.json: $.prompts[0].users[0].weight: "2.5e-1234567890" has an exponent too large to read'],
  ];
  for (const [name, i, message] of cases)
    it(name, () => {
      const e = I1.evidence(i);
      expect(e.edit.refusal.startsWith(message), e.edit.refusal).toBe(true);
      expect(e.edit.refusal.startsWith(`InputError: ${e.edit.prefix}`)).toBe(true);
      expect(e.edit.prefix.startsWith(`${e.edit.file}.json: `)).toBe(true);
      // the predicted problem is the message's own words: where the problem starts, or after a comma
      const rest = e.edit.refusal.slice(`InputError: ${e.edit.prefix}`.length);
      expect(e.edit.problem.length).toBeGreaterThanOrEqual(8);
      expect(rest.startsWith(e.edit.problem) || rest.includes(`, ${e.edit.problem}`), `${e.edit.problem} | ${rest}`).toBe(true);
      expect(I1.check(i).ok).toBe(true);
    });

  it('an edit that does not apply passes to the next one that does', () => {
    const policy = (edit: string) => editOf(inst(ONE_PROMPT, { a: 1 }, edit)).name;
    // a policy has no kind, no outcomes; one prompt has no prompt weight; ranking types have no strengths
    for (const edit of ['misspelt model kind', 'outcome of another size', 'models for another number of prompts', 'misspelt model key']) expect(policy(edit)).toBe('negative decimal weight');
    expect(policy('missing strength')).toBe('neither ranking nor strengths');
    expect(policy('zero prompt weight')).toBe('malformed JSON');
    expect(editOf(inst(PROFILE, K_OUT, 'negative probability')).name).toBe('misspelt model kind');
    expect(policy('float probabilities further than 1e-9 from 1')).toBe('negative probability'); // not read with floats
  });

  it('the generator reaches every edit, with one and several prompts, Luce types, k-output models and mixtures', () => {
    const seen = new Set<string>();
    const texts: string[] = [];
    for (const i of fc.sample(I1.arbitrary(), { seed: SEED, numRuns: 1500 })) {
      seen.add(editOf(i).name);
      texts.push(JSON.stringify(I1.toJson(i)));
    }
    expect([...seen].sort()).toEqual(EDITS.map((e) => e.name).sort());
    for (const pattern of [/"strengths"/, /"k-output"/, /"mixture"/, /^\{"profile":\{"responses"/, /^\{"profile":\{"prompts"/, /"\d+\.\d+"/, /"\d+e-\d+"/, /"weight":\d/, /"ranking":\["/, /"floats":true/, /"\d{300,}\/\d{300,}"/, /"\d{300,}\/\d*[02468]"/, /"\d{300,}"/, /"edit":\{[^}]*\}\}$/])
      expect(
        texts.some((t) => pattern.test(t)),
        String(pattern),
      ).toBe(true);
  });
});

describe('I1: the judge rejects wrong evidence', () => {
  const samples = fc.sample(I1.arbitrary(), { seed: SEED, numRuns: 40 });
  const perturb = (e: I1Evidence): [string, I1Evidence][] => {
    const other = e.expected.profile.replace(/"\d+\/\d+"|"1"/, '"7/9"');
    return [
      ['profile read differently', { ...e, read: { ...e.read, profile: other } }],
      ['profile refused', { ...e, read: { ...e.read, profile: 'InputError: profile.json: $: no' } }],
      ['one-pass reader differs', { ...e, read: { ...e.read, onePass: e.read.onePass === null ? e.expected.profile : other } }],
      ['model read differently', { ...e, read: { ...e.read, model: e.expected.model.replace('"k":', '"k":7,"x":') } }],
      ['rewritten profile differs', { ...e, read: { ...e.read, rewritten: { ...e.read.rewritten, profile: other } } }],
      ['rewritten model differs', { ...e, read: { ...e.read, rewritten: { ...e.read.rewritten, model: 'TypeError: x' } } }],
      ['edit accepted', { ...e, edit: { ...e.edit, refusal: '"accepted"' } }],
      // (an edit to the text itself, malformed JSON, has no JSON path: its line and column are in the problem)
      ...(e.edit.prefix.includes('$') ? [['edit refused at another path', { ...e, edit: { ...e.edit, refusal: e.edit.refusal.replace(e.edit.prefix, `${e.edit.prefix.split(':')[0]}: $.elsewhere: `) } }] as [string, I1Evidence]] : []),
      ['edit refused for another reason', { ...e, edit: { ...e.edit, refusal: `InputError: ${e.edit.prefix}something else` } }],
      ['edit refused as an internal error', { ...e, edit: { ...e.edit, refusal: e.edit.refusal.replace(/^InputError/, 'RangeError') } }],
      ['one-pass reader accepts the edit', { ...e, edit: { ...e.edit, onePass: e.expected.profile } }],
    ];
  };
  it('accepts its own evidence; rejects each perturbed part (slack −1)', () => {
    let onePass = 0;
    for (const i of samples) {
      const e = I1.evidence(i);
      if (e.read.onePass !== null) onePass++;
      expect(I1.judge(i, e).ok).toBe(true);
      for (const [name, bad] of perturb(e)) {
        const v = I1.judge(i, bad);
        expect(v.ok, `${name} on ${JSON.stringify(I1.toJson(i))}`).toBe(false);
        expect(v.slack.equals(frac(-1)), name).toBe(true);
      }
    }
    expect(onePass).toBeGreaterThan(0);
  });

  it('names each part in the certificate', () => {
    const i = samples[0];
    const e = I1.evidence(i);
    const v = I1.judge(i, { ...e, read: { ...e.read, model: 'x' } });
    expect(v.certificate.parts).toEqual({ profile: '0', onePass: '0', model: '-1', rewritten: '0', refused: '0', onePassDeclines: '0' });
  });
});

describe('I1: instances as JSON', () => {
  it('round-trip; "kind" is taken modulo the number of edits; bad edits are input errors', () => {
    for (const i of fc.sample(I1.arbitrary(), { seed: SEED, numRuns: 20 })) expect(I1.fromJson(JSON.parse(JSON.stringify(I1.toJson(i))))).toEqual(i);
    const files = { profile: ONE_PROMPT, model: {} };
    expect(I1.fromJson({ files, edit: { kind: EDITS.length + 2, at: 5 } })).toEqual({ profile: ONE_PROMPT, model: {}, edit: { kind: 2, at: 5 }, floats: false });
    expect(I1.fromJson({ files, edit: { kind: 0, at: 0 }, floats: true }).floats).toBe(true);
    expect(refusal(() => I1.fromJson({ files, edit: { kind: 0, at: 0 }, floats: 1 }))).toBe('instance.floats: expected true or false');
    for (const edit of [{ kind: -1, at: 0 }, { kind: 0, at: 0.5 }, { kind: '1', at: 0 }]) expect(refusal(() => I1.fromJson({ files, edit }))).toBe('instance.edit: "kind" and "at" must be integers ≥ 0');
    expect(refusal(() => I1.fromJson({ files, edit: 3 }))).toBe('instance.edit: expected {"kind", "at"}');
    expect(refusal(() => I1.fromJson({ files: { profile: ONE_PROMPT }, edit: { kind: 0, at: 0 } }))).toBe('instance.files: missing "model"');
    expect(refusal(() => I1.fromJson({ files: { model: {} }, edit: { kind: 0, at: 0 } }))).toBe('instance.files: missing "profile"');
    expect(refusal(() => I1.fromJson({ profile: ONE_PROMPT, edit: { kind: 0, at: 0 } }))).toBe('instance: missing "files"');
  });

  it('"profile" is the profile read, as profileToJson writes it; the file itself when it cannot be read', () => {
    const j = I1.toJson(inst(PROFILE, MODEL, 'unknown key'));
    expect(j.profile).toEqual(profileToJson(profileFromJson(PROFILE)));
    expect(j.files).toEqual({ profile: PROFILE, model: MODEL });
    const bad = { responses: ['a'], users: [] };
    expect(I1.toJson(inst(bad, {}, 'unknown key')).profile).toEqual(bad);
  });

  it('size: k of a k-output model, the largest prompt, the user model', () => {
    expect(I1.size(inst(PROFILE, K_OUT, 'unknown key'))).toEqual({ k: 2, n: 3, users: 2, prompts: 2, model: 'mixed' });
    expect(I1.size(inst(ONE_PROMPT, { a: 1 }, 'unknown key'))).toEqual({ n: 3, users: 2, prompts: 1, model: 'weak-orders' });
  });
});
