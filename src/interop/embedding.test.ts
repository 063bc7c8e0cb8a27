import { describe, expect, it } from 'vitest';
import { initBackend } from '../backend/index.ts';
import { createModel } from '../models/registry.ts';
import { checkerboardFixture } from '../testing/recommender-fixtures.ts';
import { readWord2vecBinary, writeWord2vecBinary } from './word2vec.ts';
import { parseGraph } from '../data/loaders/graph.ts';
import { EmbeddingModel, matchToGraph } from '../models/embedding/index.ts';
import { topK } from '../models/shared/topk.ts';
import { stateItemVectors } from './embedding-export.ts';
import { readWord2vecText, writeWord2vecText } from './word2vec.ts';

describe('EmbeddingModel', () => {
  const model = new EmbeddingModel({
    names: ['a', 'b', 'c', 'd'],
    dim: 2,
    vectors: Float32Array.of(1, 0, 2, 0.2, 0, 1, -1, 0),
  });

  it('similarItems ranks by cosine, leaves out the query and excluded rows, equals topK', () => {
    const r = model.similarItems(0, 3);
    expect(Array.from(r.items)).toEqual([1, 2, 3]);
    const cos = Float32Array.of(2 / Math.hypot(2, 0.2), 0, -1);
    expect(Array.from(r.scores)).toEqual(Array.from(topK(Int32Array.of(1, 2, 3), cos, 3).scores));
    expect(Array.from(model.similarItems(0, 3, { exclude: [1] }).items)).toEqual([2, 3]);
  });

  it('matchToGraph aligns by id or label and counts what did not match', () => {
    const g = parseGraph(
      JSON.stringify({
        name: 'g',
        directed: false,
        n: 3,
        m: 1,
        nodes: [
          { id: 1, label: 'a' },
          { id: 2, label: 'zzz' },
          { id: 3, label: 'c' },
        ],
        edges: [[1, 2]],
      }),
      { file: 'g.json' },
    );
    const byLabel = matchToGraph(model, g);
    expect(byLabel.by).toBe('label');
    expect([byLabel.matched, byLabel.unmatched, byLabel.unused]).toEqual([2, 1, 2]);
    expect(Array.from(byLabel.vectors)).toEqual([1, 0, 0, 0, 0, 1]);
    expect(byLabel.unmatchedSample).toEqual(['zzz']);
    const ids = new EmbeddingModel(readWord2vecText('2 2\n3 1 1\n1 2 2\n'));
    const byId = matchToGraph(ids, g);
    expect([byId.by, byId.matched]).toEqual(['id', 2]);
    expect(Array.from(byId.vectors)).toEqual([2, 2, 0, 0, 1, 1]);
  });

  it('an MF state exports as word2vec named by item ids and imports bit-identically', () => {
    const itemEmb = Float32Array.of(0.1, -2, 3.5e-7, 4);
    const state = {
      kind: 'mf',
      stateVersion: 1,
      config: {},
      tensors: { itemEmb: { shape: [2, 2], dtype: 'float32' as const, data: itemEmb } },
      meta: { itemIds: { kind: 'item', ids: ['m1', 42] } },
    };
    const e = stateItemVectors(state);
    expect(e.names).toEqual(['m1', '42']);
    const back = readWord2vecText(writeWord2vecText(e));
    expect(new Uint32Array(back.vectors.buffer)).toEqual(new Uint32Array(itemEmb.buffer));
  });

  it("a trained MF model's item vectors export as binary word2vec and read back bit-identically", async () => {
    await initBackend('cpu');
    const board = checkerboardFixture(8, 12);
    const mf = createModel('mf', { dim: 4, epochs: 2 });
    await mf.fit(board.log);
    const state = await mf.toState();
    mf.dispose();
    const e = stateItemVectors(state);
    expect(e.names).toEqual(board.log.itemIds.ids().map(String));
    const back = readWord2vecBinary(writeWord2vecBinary(e));
    const stored = state.tensors.itemEmb.data as Float32Array;
    expect(new Uint32Array(back.vectors.buffer)).toEqual(new Uint32Array(Float32Array.from(stored).buffer));
    const similar = new EmbeddingModel(back).similarItems(0, 3);
    expect(similar.items.length).toBe(3);
  });
});
