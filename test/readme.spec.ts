// The README's code, run as written. Fenced blocks tagged `ts readme` (library snippets), `ts readme-test`
// (a vitest test file) and `js readme-plugin` (a plug-in module) are extracted from README.md, written to a
// scratch folder under test/ (imports of 'ualign', 'ualign/testing', 'ualign/internal' pointed at src/),
// type-checked together with the project's compiler options, and run:
// - `ts readme`: imported; every `console.log(...)` line carries its expected output as a trailing
//   `// comment`, and the printed text must equal it;
// - `ts readme-test`: imported here, so its tests run as part of this file;
// - `js readme-plugin`: checked with `ualign check` (the built CLI), which must accept it;
// - `js readme-claim`: a claim module, run by `ualign verify --claims none --claim` (the built CLI), which must hold.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import ts from 'typescript';
import { afterAll, describe, expect, it, vi } from 'vitest';

const ROOT = join(__dirname, '..');
const BIN = join(ROOT, 'bin', 'ualign.mjs');

export type SnippetKind = 'readme' | 'readme-test' | 'readme-plugin' | 'readme-claim';
export interface Snippet {
  readonly kind: SnippetKind;
  /** 1-based line of the opening fence in README.md. */
  readonly line: number;
  readonly code: string;
}

/** The tagged fenced blocks of a Markdown text, in order. */
export function extractSnippets(md: string): Snippet[] {
  const out: Snippet[] = [];
  const lines = md.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(ts|js)\s+(readme(?:-test|-plugin|-claim)?)\s*$/.exec(lines[i]);
    if (!open) continue;
    const body: string[] = [];
    let j = i + 1;
    while (j < lines.length && !/^```\s*$/.test(lines[j])) body.push(lines[j++]);
    if (j === lines.length) throw new Error(`README.md:${i + 1}: unclosed code block`);
    out.push({ kind: open[2] as SnippetKind, line: i + 1, code: body.join('\n') + '\n' });
    i = j;
  }
  return out;
}

/** `console.log(...); // expected` lines of a snippet: the expected printed text of each, in order. */
export function expectedOutputs(code: string): string[] {
  return code
    .split('\n')
    .filter((l) => /^\s*console\.log\(/.test(l))
    .map((l) => {
      const m = /\/\/ (.*)$/.exec(l);
      if (!m) throw new Error(`a console.log line without its expected output as a trailing comment: ${l.trim()}`);
      return m[1].trim();
    });
}

const snippets = extractSnippets(readFileSync(join(ROOT, 'README.md'), 'utf8'));
const scratch = join(ROOT, 'test', '.readme-snippets.tmp', String(process.pid)); // dot folder: no glob sees it; *.tmp: git ignores it
rmSync(scratch, { recursive: true, force: true });
mkdirSync(scratch, { recursive: true });
afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
  try {
    rmdirSync(dirname(scratch)); // only when empty
  } catch {
    /* another run's folder is still there */
  }
});

const ENTRIES: Record<string, string> = { ualign: 'src/index.js', 'ualign/testing': 'src/testing/index.js', 'ualign/internal': 'src/internal.js' };
const toSrc = (code: string): string =>
  code.replace(/(from\s+|import\(\s*)(['"])(ualign(?:\/testing|\/internal)?)\2/g, (_, pre: string, q: string, spec: string) => {
    const rel = relative(scratch, join(ROOT, ENTRIES[spec])).split('\\').join('/');
    return `${pre}${q}${rel}${q}`;
  });

const files = snippets.map((s, i) => {
  const base = `snippet-${i + 1}-line-${s.line}`;
  const js = s.kind === 'readme-plugin' || s.kind === 'readme-claim'; // run by the built CLI: 'ualign' is the package itself
  const file = join(scratch, js ? `${base}.mjs` : `${base}.ts`);
  writeFileSync(file, js ? s.code : toSrc(s.code));
  return file;
});

describe('README code blocks', () => {
  it('has library snippets, a test file and a plug-in', () => {
    const kinds = new Set(snippets.map((s) => s.kind));
    expect([...kinds].sort()).toEqual(expect.arrayContaining(['readme', 'readme-plugin', 'readme-test']));
    expect(snippets.filter((s) => s.kind === 'readme').length).toBeGreaterThanOrEqual(4);
  });

  it('type-check with the project’s compiler options', () => {
    const cfg = ts.getParsedCommandLineOfConfigFile(join(ROOT, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
    if (!cfg) throw new Error('cannot read tsconfig.json');
    const tsFiles = files.filter((f) => f.endsWith('.ts'));
    const program = ts.createProgram(tsFiles, { ...cfg.options, noEmit: true });
    const diags = ts.getPreEmitDiagnostics(program);
    const text = ts.formatDiagnostics(diags, { getCanonicalFileName: (f) => f, getCurrentDirectory: () => ROOT, getNewLine: () => '\n' });
    expect(text).toBe('');
  });

  snippets.forEach((s, i) => {
    if (s.kind !== 'readme') return;
    it(`the snippet at README.md:${s.line} runs and prints what its comments say`, async () => {
      const printed: string[] = [];
      const spy = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void printed.push(args.map(String).join(' ')));
      try {
        await import(files[i]);
      } finally {
        spy.mockRestore();
      }
      const expected = expectedOutputs(s.code);
      expect(expected.length).toBeGreaterThan(0);
      expect(printed).toEqual(expected);
    });
  });

  snippets.forEach((s, i) => {
    if (s.kind !== 'readme-plugin') return;
    it(`the plug-in at README.md:${s.line} is accepted by ualign check (and fails the theory, as the README says)`, () => {
      const r = spawnSync(process.execPath, [BIN, 'check', '--algorithm', files[i], '--k', '1..2', '--runs', '10', '--json', '--out', join(scratch, 'check-out')], {
        encoding: 'utf8',
        cwd: scratch,
      });
      expect(r.stderr.split('\n').filter((l) => l.startsWith('ualign'))).toEqual([]);
      expect(r.status).toBe(1);
      expect(JSON.parse(r.stdout).meetsTheory).toBe(false);
    });
  });

  snippets.forEach((s, i) => {
    if (s.kind !== 'readme-claim') return;
    it(`the claim module at README.md:${s.line} runs under ualign verify --claim and holds`, () => {
      const r = spawnSync(process.execPath, [BIN, 'verify', '--claims', 'none', '--claim', files[i], '--runs', '50', '--out', join(scratch, 'verify-out')], {
        encoding: 'utf8',
        cwd: scratch,
      });
      expect(r.stderr).toBe('');
      expect(r.stdout).toMatch(/verify: ok\n$/);
      expect(r.status).toBe(0);
    });
  });
});

// `ts readme-test` blocks are vitest test files: importing them here registers their tests in this file.
for (const [i, s] of snippets.entries()) if (s.kind === 'readme-test') await import(files[i]);
