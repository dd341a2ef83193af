// Reading profile and model files (JSON or PrefLib); every failure is one InputError naming the file.
import { readFileSync } from 'node:fs';
import { modelFromJson, profileFromJson } from './codec.js';
import { InputError } from './errors.js';
import { profileFromPrefLib } from './preflib.js';
import { Model, Profile } from './types.js';

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw new InputError(`${path}: cannot read file (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

export function readJsonFile(path: string): unknown {
  const text = readText(path);
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new InputError(`${path}: malformed JSON (${(e as Error).message.split('\n')[0]})`);
  }
}

/** Load a profile file: .json, or PrefLib (.soc/.soi/.toc/.toi). */
export function loadProfile(path: string): Profile {
  if (/\.(soc|soi|toc|toi)$/i.test(path)) return profileFromPrefLib(readText(path), path);
  return profileFromJson(readJsonFile(path), path);
}

export function loadModel(path: string, profile: Profile): Model {
  return modelFromJson(readJsonFile(path), profile, path);
}
