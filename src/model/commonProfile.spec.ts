// The one-pass reader of the common profile (rankingProfileFromText) against the strict path it stands in for:
// the strict JSON reader, PROMPT_SHAPE and profileFromJson. It may decline anything; what it accepts, the strict
// path must accept and build the same profile from.
import { test } from '@fast-check/vitest';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { profileFromRecord, profileRecordArb } from '../instances/arbitraries.js';
import { params } from '../../test/helpers/fc.js';
import { profileFromJson, profileToJson, promptToJson, rankingProfileFromText } from './codec.js';
import { parseJson } from './json.js';

/** The strict path: the profile as JSON text of its documented shape, or the one-line refusal. */
function strict(text: string): string {
  try {
    return JSON.stringify(profileToJson(profileFromJson(parseJson(text, 'f.json'), 'f.json')));
  } catch (e) {
    return `refused: ${(e as Error).message}`;
  }
}

function fast(text: string): string | null {
  const p = rankingProfileFromText(text, 'f.json');
  return p === null ? null : JSON.stringify(profileToJson(p));
}

/** A valid profile text: weights as integers, "p/q" strings or decimal strings; tiers as arrays or lone ids. */
const textArb = fc
  .record({
    record: profileRecordArb({ maxResponses: 5, maxUsers: 4, degenerateWeights: false }),
    weightForm: fc.constantFrom('int', 'ratio', 'decimal'),
    lone: fc.boolean(),
    space: fc.constantFrom('', ' ', '\n  '),
  })
  .map(({ record, weightForm, lone, space }) => {
    const { responses, users } = promptToJson(profileFromRecord(record).prompts[0].prompt) as { responses: string[]; users: { weight: string; ranking: string[][] }[] };
    const doc = {
      responses,
      users: users.map((u, i) => ({
        weight: weightForm === 'int' ? i + 1 : weightForm === 'ratio' ? u.weight : `${i + 1}.5`,
        ranking: u.ranking.map((t) => (lone && t.length === 1 ? t[0] : t)),
      })),
    };
    return JSON.stringify(doc, null, space);
  });

/** Small corruptions of a valid text, each something the strict path may refuse or read differently. */
const CORRUPTIONS: readonly ((t: string) => string)[] = [
  (t) => t.replace('"weight":', '"weight": 2, "weight":').replace('"weight" :', '"weight": 2, "weight" :'),
  (t) => t.replace('"weight":', '"weight" \n\t : 2, "weight":').replace('"weight" :', '"weight"\r\n  : 2, "weight" :'),
  (t) => t.replace(/"weight"(\s*):(\s*)("[^"]*"|\d+)/, '"weight"$1:$2 1.5'),
  (t) => t.replace(/"weight"(\s*):(\s*)("[^"]*"|\d+)/, '"weight"$1:$2 1e0'),
  (t) => t.replace(/"weight"(\s*):(\s*)("[^"]*"|\d+)/, '"weight"$1:$2 12345678901234567'),
  (t) => t.replace(/"weight"(\s*):(\s*)("[^"]*"|\d+)/, '"weight"$1:$2 1.00000000000000001'),
  (t) => t.replace(/"weight"(\s*):(\s*)("[^"]*"|\d+)/, '"weight"$1:$2 45035996273704975e-1'),
  (t) => t.replace(/"weight"(\s*):(\s*)("[^"]*"|\d+)/, '"weight"$1:$2 0'),
  (t) => t.replace(/"weight"(\s*):(\s*)("[^"]*"|\d+)/, '"weight"$1:$2 "-1/2"'),
  (t) => t.replace('"weight"', '"wieght"'),
  (t) => t.replace('"ranking"', '"strengths"'),
  (t) => t.replace('"users"', '"users": [], "extra"'),
  (t) => t.replace('"responses"', '"prompts": 1, "responses"'),
  (t) => `\uFEFF${t}`,
  (t) => t.replace(/"ranking"(\s*):(\s*)\[/, '"ranking"$1:$2[[], '),
  (t) => t.replace(/"ranking"(\s*):(\s*)\[/, '"ranking"$1:$2["zz", '),
  (t) => t.replace(/"ranking"(\s*):(\s*)\[/, '"ranking"$1:$2[7, '),
  (t) => t.replace(/"ranking"(\s*):(\s*)\[/, '"ranking"$1:$2[[["a"]], '),
  (t) => t.replace(/"ranking"(\s*):(\s*)\[/, '"ranking"$1:$2["a", "a", '),
  (t) => t.replace(/"responses"(\s*):(\s*)\[/, '"responses"$1:$2["q\\":r", '),
  (t) => t.replace(/"responses"(\s*):(\s*)\[/, '"responses"$1:$2["", '),
  (t) => t.replace(/"responses"(\s*):(\s*)\[/, '"responses"$1:$2["a", '),
  (t) => t.replace(/"responses"(\s*):(\s*)\[[^\]]*\]/, '"responses"$1:$2[]'),
  (t) => t.replace(/"users"(\s*):(\s*)\[[\s\S]*\]/, '"users"$1:$2[]'),
  (t) => t.replace(/"users"(\s*):(\s*)\[/, '"users"$1:$2[{"weight": 1, "ranking": [], "__proto__": 1}, '),
  (t) => t.slice(0, -1),
];

describe('the one-pass reader of the common profile', () => {
  test.prop([textArb], params(500))('reads every valid single-prompt ranking profile, as the strict path does', (text) => {
    expect(fast(text)).toBe(strict(text));
  });

  test.prop([textArb, fc.nat(CORRUPTIONS.length - 1)], params(1500))('what it accepts, the strict path accepts and builds the same', (text, c) => {
    const bad = CORRUPTIONS[c](text);
    const f = fast(bad);
    if (f !== null) expect(f).toBe(strict(bad));
  });

  it('declines each corruption of a valid profile that the strict path refuses', () => {
    const text = JSON.stringify({ responses: ['a', 'b', 'c'], users: [{ weight: 1, ranking: [['a'], 'b'] }, { weight: '2/3', ranking: [['c', 'b']] }] }, null, ' ');
    expect(fast(text)).toBe(strict(text));
    CORRUPTIONS.forEach((c, i) => {
      const bad = c(text);
      expect(bad, `corruption ${i} changes the text`).not.toBe(text);
      if (strict(bad).startsWith('refused: ')) expect(fast(bad), `corruption ${i}: ${bad}`).toBeNull();
    });
  });

  it('declines a string longer than the reader allows, and a multi-prompt profile', () => {
    const long = 'x'.repeat(1_000_001);
    expect(fast(JSON.stringify({ responses: [long], users: [{ weight: 1, ranking: [[long]] }] }))).toBeNull();
    expect(fast(JSON.stringify({ prompts: [{ responses: ['a'], users: [{ weight: 1, ranking: [['a']] }] }] }))).toBeNull();
  });
});
