// The layer plan holds with no exception: no module imports from a layer above its own.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importEdges, layerOf, upwardEdges } from './helpers/layers.js';

const SRC = join(__dirname, '..', 'src');

describe('layering (model → winrate → lp/equilibria → claims → report/cli)', () => {
  it('every module of src/ is in the plan and imports only from its own layer or below', () => {
    const edges = importEdges(SRC);
    expect(edges.length).toBeGreaterThan(100);
    for (const e of edges) {
      layerOf(e.from);
      layerOf(e.to);
    }
    expect(upwardEdges(edges)).toEqual([]);
  });

  it('the check fails on a reversed import', () => {
    const edges = [
      { from: 'winrate/product.ts', to: 'exact/rational.ts' },
      { from: 'model/codec.ts', to: 'claims/registry.ts' },
    ];
    expect(upwardEdges(edges)).toEqual([{ from: 'model/codec.ts', to: 'claims/registry.ts' }]);
    expect(() => layerOf('nowhere/x.ts')).toThrow(/not in the layer plan/);
  });
});
