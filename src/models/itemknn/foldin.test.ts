import { beforeAll, expect, it } from 'vitest';
import { loadInteractions, userItemRows, type InteractionLog, type SparseRows } from '../../data/index.ts';
import { fileSource } from '../../data/node.ts';
import { UnknownIdError } from '../../errors.ts';
import { sliceLog } from '../../testing/log-slice.ts';
import { ItemKnnModel } from './model.ts';

const RATINGS = 'public/data/movielens-small/ratings.csv';
let log: InteractionLog;
let rows: SparseRows;

beforeAll(async () => {
  log = sliceLog(await loadInteractions(fileSource(RATINGS), { file: RATINGS }), 120);
  rows = userItemRows(log);
});

it("recommendFor a training user's history is exactly recommend(user), repeats and order ignored", async () => {
  const model = new ItemKnnModel({ k: 50 });
  await model.fit(log);
  for (const u of [0, 7, 42]) {
    const h = rows.indices.slice(rows.indptr[u], rows.indptr[u + 1]);
    const shuffled = Int32Array.from([...h].reverse().concat([h[0]]));
    const a = await model.recommend(u, { k: 15, excludeSeen: true });
    const b = await model.recommendFor({ items: shuffled }, { k: 15, excludeSeen: true });
    expect(Array.from(b.items)).toEqual(Array.from(a.items));
    expect(Array.from(b.scores)).toEqual(Array.from(a.scores));
    expect(b.items.some((i) => h.includes(i))).toBe(false);
  }
  const f = await model.foldIn({ items: Int32Array.of(1, 2) });
  expect(f).toMatchObject({ kind: 'itemknn', method: 'none', iterations: 0 });
  expect(f.vector.length).toBe(0);
  await expect(model.recommendFor({ items: Int32Array.of(rows.nCols) })).rejects.toThrow(UnknownIdError);
  // An empty history falls back to the most-watched items.
  const empty = await model.recommendFor({ items: new Int32Array(0) }, { k: 3 });
  const degree = new Float32Array(rows.nCols);
  for (const i of rows.indices) degree[i]++;
  expect(Array.from(empty.scores)).toEqual(
    Array.from(degree)
      .sort((x, y) => y - x)
      .slice(0, 3),
  );
});
