// vitest setup file of the unit mutation runs: switches the mutant on before any module of the test file
// is imported. Stryker 9.6's vitest runner switches it on in a beforeAll hook when tests are filtered
// (--testFiles, our per-folder runs), after module-level code ran, so a mutant in module-level code (a
// "static" mutant, such as codec.ts's input shapes) could never be killed (stryker-js issues 6144, 6209).
// Every test file runs in a fresh module graph (unit.vitest.config.mjs), so this is the mutant's whole life.
import { inject } from 'vitest';

if (inject('mode') === 'mutant') {
  const name = inject('globalNamespace');
  const ns = globalThis[name] ?? (globalThis[name] = {});
  ns.activeMutant = inject('activeMutant');
}
