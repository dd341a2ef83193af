// I1 with a one-pass reader that reads everything (the strict reader in its place): the claim must then fail
// on an edited profile in the one-pass reader's domain, and only there — it asks the one-pass reader about the
// profile file, never about a model file.
import { describe, expect, it, vi } from 'vitest';
import { ONE_PROMPT } from '../../test/helpers/profiles.js';

vi.mock('../model/codec.js', async (importOriginal) => {
  const codec = await importOriginal<typeof import('../model/codec.js')>();
  const { parseJson } = await import('../model/json.js');
  return { ...codec, rankingProfileFromText: (text: string, file: string) => codec.profileFromJson(parseJson(text, file), file) };
});

const { EDITS, I1 } = await import('./i1.js');

const edit = (name: string) => ({ kind: EDITS.findIndex((e) => e.name === name), at: 0 });

describe('I1 against a one-pass reader that accepts every file', () => {
  it('an edited profile it accepts: not declined, the claim fails', () => {
    const i = { profile: ONE_PROMPT, model: { a: 1 }, edit: edit('zero weight'), floats: false };
    expect(I1.evidence(i).edit.onePass).toMatch(/^InputError: profile\.json: \$\.users\[0\]\.weight: /);
    expect(I1.check(i).ok).toBe(false);
  });
  it('an edited model: the one-pass reader is not asked, the claim holds', () => {
    const i = { profile: ONE_PROMPT, model: { a: '1/2', b: '1/2' }, edit: edit('probabilities not summing to 1'), floats: false };
    expect(I1.evidence(i).edit.onePass).toBeNull();
    expect(I1.check(i).ok).toBe(true);
  });
});
