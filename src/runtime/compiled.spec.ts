// compiledModule: from the TypeScript sources, a module's compiled file is looked up in dist/.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compiledModule } from './compiled.js';

const DIST = join(__dirname, '..', '..', 'dist');

describe('compiledModule', () => {
  it('finds a built module in dist/ and says null for one that is not built', () => {
    const worker = join(DIST, 'claims', 'worker.js');
    expect(existsSync(worker)).toBe(true);
    expect(compiledModule('claims/worker.js')).toBe(worker);
    expect(compiledModule('equilibria/sumsWorker.js')).toBe(join(DIST, 'equilibria', 'sumsWorker.js'));
    expect(compiledModule('claims/no-such-module.js')).toBeNull();
  });
});
