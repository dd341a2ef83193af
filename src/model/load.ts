// Reading profile and model files (JSON or PrefLib); every failure is one InputError naming the file.
import { readFileSync } from 'node:fs';
import { modelFromJson, profileFromJson, rankingProfileFromText } from './codec.js';
import { InputError } from './errors.js';
import { parseJson } from './json.js';
import { profileFromPrefLib } from './preflib.js';
import { Model, Profile } from './types.js';

export interface LoadOptions {
  /** Progress while reading a large file: (characters read, total). */
  readonly onProgress?: (done: number, total: number) => void;
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw new InputError(`${path}: cannot read file (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

/** A JSON file through the strict reader (json.ts): numbers are safe integers, nesting and strings bounded. */
export function readJsonFile(path: string, o: LoadOptions = {}): unknown {
  return parseJson(readText(path), path, o);
}

/** Load a profile file: .json (the common single-prompt ranking profile in one pass, codec.ts), or PrefLib (.soc/.soi/.toc/.toi). */
export function loadProfile(path: string, o: LoadOptions = {}): Profile {
  if (/\.(soc|soi|toc|toi)$/i.test(path)) return profileFromPrefLib(readText(path), path, o);
  const text = readText(path);
  const common = rankingProfileFromText(text, path);
  if (common !== null) {
    o.onProgress?.(text.length, text.length);
    return common;
  }
  return profileFromJson(parseJson(text, path, o), path);
}

export function loadModel(path: string, profile: Profile): Model {
  return modelFromJson(readJsonFile(path), profile, path);
}
