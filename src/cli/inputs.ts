// Shared input handling of the commands: loading with a progress line, output paths checked before
// any work starts, the fault-injection variable.
import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { InputError } from '../model/errors.js';
import { loadProfile } from '../model/load.js';
import { Profile } from '../model/types.js';
import { FAULTS } from '../winrate/faults.js';
import { Progress, sizeText } from './progress.js';

/** Load a profile file, showing how far the reading is on a terminal. */
export function loadProfileShown(path: string, pr: Progress): Profile {
  let size = 0;
  try {
    size = statSync(path).size;
  } catch {
    /* loadProfile names the problem */
  }
  if (size > 1e6) pr.update(`reading ${path} (${sizeText(size)})…`, true);
  const p = loadProfile(path, { onProgress: (done, total) => pr.update(`reading ${path}: ${Math.floor((100 * done) / Math.max(1, total))}% of ${sizeText(total)}`) });
  pr.done();
  return p;
}

/** The first existing folder on the way up from `path` (for checks before creating it). */
function existingAncestor(path: string): string {
  let p = resolve(path);
  while (!existsSync(p)) {
    const up = dirname(p);
    if (up === p) break;
    p = up;
  }
  return p;
}

/** --out DIR: refused (one line) when it names an existing file, or a path below a file. */
export function checkOutDir(dir: string, cmd: string): void {
  if (dir === '') throw new InputError(`${cmd}: --out needs a folder name`);
  if (existsSync(dir)) {
    if (!statSync(dir).isDirectory()) throw new InputError(`${cmd}: --out ${dir} is an existing file, not a folder`);
    return;
  }
  const up = existingAncestor(dir);
  if (!statSync(up).isDirectory()) throw new InputError(`${cmd}: --out ${dir}: ${up} is a file, not a folder`);
}

/** --out FILE: refused when it names an existing folder or lies below a file. */
export function checkOutFile(file: string, cmd: string): void {
  if (existsSync(file) && statSync(file).isDirectory()) throw new InputError(`${cmd}: --out ${file} is an existing folder, not a file`);
  const up = existingAncestor(dirname(resolve(file)));
  if (!statSync(up).isDirectory()) throw new InputError(`${cmd}: --out ${file}: ${up} is a file, not a folder`);
}

/** UALIGN_FAULT (test-only fault injection): a known name, or an input error. */
export function faultName(): string | null {
  const v = process.env.UALIGN_FAULT;
  if (v === undefined || v === '') return null;
  if (!(v in FAULTS)) throw new InputError(`UALIGN_FAULT=${v.slice(0, 80)} is not a known fault (known: ${Object.keys(FAULTS).join(', ')})`);
  return v;
}
