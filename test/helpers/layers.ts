// The layer plan of src/ (README "Architecture"): data flows one way, model → winrate → lp/equilibria →
// claims → report/cli. A module may import from its own layer and the layers below it, never above.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

/** Layers, lowest first; a file's layer is its first folder under src/ (or its name at the top). */
export const LAYERS: readonly (readonly string[])[] = [
  ['exact', 'runtime'],
  ['model'],
  ['winrate'],
  ['lp'],
  ['equilibria'],
  ['instances'],
  ['claims'],
  ['algorithms'],
  ['report'],
  ['cli', 'testing', 'index.ts', 'internal.ts'],
];

export function layerOf(srcRelative: string): number {
  const top = srcRelative.split(/[\\/]/)[0];
  const i = LAYERS.findIndex((l) => l.includes(top));
  if (i < 0) throw new Error(`src/${srcRelative}: not in the layer plan`);
  return i;
}

/** One import edge: the importing file and the imported file, both relative to src/. */
export interface Edge {
  readonly from: string;
  readonly to: string;
}

/** Edges that run upward (from a lower layer to a higher one). */
export function upwardEdges(edges: readonly Edge[]): Edge[] {
  return edges.filter((e) => layerOf(e.to) > layerOf(e.from));
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

/** Every relative import (static or dynamic) of every non-test .ts file under src/. */
export function importEdges(srcDir: string): Edge[] {
  const edges: Edge[] = [];
  for (const file of walk(srcDir).filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts'))) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/(?:from\s+|import\(\s*)['"](\.{1,2}\/[^'"]+)['"]/g)) {
      const target = resolve(dirname(file), m[1]).replace(/\.js$/, '.ts');
      const to = relative(srcDir, target);
      if (to.startsWith('..')) continue;
      edges.push({ from: relative(srcDir, file).split(sep).join('/'), to: to.split(sep).join('/') });
    }
  }
  return edges;
}
