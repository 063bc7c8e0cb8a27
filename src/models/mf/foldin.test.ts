import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../backend/index.ts';
import { loadInteractions, userItemRows, type SparseRows } from '../../data/index.ts';
import { fileSource } from '../../data/node.ts';
import { UnknownIdError } from '../../errors.ts';
import { sliceLog } from '../../testing/log-slice.ts';
import { MfModel } from './model.ts';

const RATINGS = 'public/data/movielens-small/ratings.csv';

/** MF on the first 150 MovieLens users (3 epochs on wasm: a few seconds). */
let model: MfModel;
let rows: SparseRows;
const historyOf = (u: number) => rows.indices.slice(rows.indptr[u], rows.indptr[u + 1]);

beforeAll(async () => {
  await initBackend('wasm');
  const log = sliceLog(await loadInteractions(fileSource(RATINGS), { file: RATINGS }), 150);
  rows = userItemRows(log);
  model = new MfModel({ dim: 16, epochs: 3, l2: 1e-3, seed: 7 });
  await model.fit(log);
}, 60_000);

describe('MF fold-in', () => {
  it("folding in a training user's own history ranks much like recommend(user)", async () => {
    let overlap = 0;
    let random = 0;
    const users = 30;
    for (let u = 0; u < users; u++) {
      const trained = await model.recommend(u, { k: 20, excludeSeen: true });
      const folded = await model.recommendFor({ items: historyOf(u) }, { k: 20, excludeSeen: true });
      const other = await model.recommendFor({ items: historyOf(u + 60) }, { k: 20, excludeSeen: true });
      const top = new Set(trained.items);
      overlap += folded.items.filter((i) => top.has(i)).length / 20;
      random += other.items.filter((i) => top.has(i)).length / 20;
    }
    // Measured: ~0.5 against ~0.2 for another person's fold-in (popular items are shared by everyone).
    expect(overlap / users).toBeGreaterThan(0.35);
    expect(overlap / users).toBeGreaterThan(random / users + 0.15);
  });

  it('is a pure function of the set of items: bit-identical across runs, orders and forgets', async () => {
    const h = historyOf(3);
    const a = await model.foldIn({ items: h });
    const b = await model.foldIn({ items: h.slice().reverse() });
    expect(a.method).toBe('newton');
    expect(a.iterations).toBeGreaterThan(0);
    expect(Buffer.from(b.vector.buffer)).toEqual(Buffer.from(a.vector.buffer));
    // Add an item, then forget it: the fresh fold-in of what is left equals never having seen it.
    const x = 4000;
    const added = Int32Array.from([...h, x]);
    const forgotten = added.filter((i) => i !== x);
    const f = await model.foldIn({ items: forgotten });
    expect(Buffer.from(f.vector.buffer)).toEqual(Buffer.from(a.vector.buffer));
    expect(f.loss).toBe(a.loss);
    const withX = await model.foldIn({ items: added });
    expect(Buffer.from(withX.vector.buffer)).not.toEqual(Buffer.from(a.vector.buffer));
  });

  it('a warm start after one more item converges to the fresh ranking in fewer steps', async () => {
    const h = historyOf(5);
    const before = await model.foldIn({ items: h });
    const more = { items: Int32Array.from([...h, historyOf(6)[0]]) };
    const warm = await model.foldIn(more, before);
    const fresh = await model.foldIn(more);
    expect(warm.iterations).toBeLessThan(fresh.iterations);
    expect(Math.abs(warm.loss - fresh.loss)).toBeLessThan(1e-3 * fresh.loss);
    const a = await model.recommendFor(more, { k: 10, folded: warm });
    const b = await model.recommendFor(more, { k: 10, folded: fresh });
    expect(Array.from(a.items)).toEqual(Array.from(b.items));
  });

  it('rejects unknown items, accepts an empty history (ranking by item bias) and honours excludeSeen', async () => {
    const nItems = rows.nCols;
    await expect(model.foldIn({ items: Int32Array.of(1, nItems) })).rejects.toThrow(UnknownIdError);
    await expect(model.recommendFor({ items: Int32Array.of(-1) })).rejects.toThrow(/-1/);
    const empty = await model.foldIn({ items: new Int32Array(0) });
    expect(Array.from(empty.vector).every((v) => v === 0)).toBe(true);
    const state = await model.toState();
    const bias = state.tensors.itemBias.data as Float32Array;
    const best = await model.recommendFor({ items: new Int32Array(0) }, { k: 1 });
    expect(bias[best.items[0]]).toBe(bias.reduce((m, v) => Math.max(m, v), -Infinity));
    const h = historyOf(2);
    const r = await model.recommendFor({ items: h }, { k: 50, excludeSeen: true });
    expect(r.items.length).toBe(50);
    expect(r.items.some((i) => h.includes(i))).toBe(false);
    const other = await model.foldIn({ items: h });
    await expect(model.recommendFor({ items: h }, { folded: { ...other, kind: 'gmf' } })).rejects.toThrow(/gmf/);
  });
});
