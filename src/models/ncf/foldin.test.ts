import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../backend/index.ts';
import type { InteractionLog } from '../../data/index.ts';
import { UnknownIdError } from '../../errors.ts';
import type { History } from '../recommender.ts';
import { historyOf as historyOfUser, movieLensSlice, overlaps as overlapsOf } from '../../testing/log-slice.ts';
import { NcfModel } from './model.ts';

/** The first 100 MovieLens users on the first 2000 movies: each architecture trains in seconds. */
let log: InteractionLog;
const historyOf = (u: number): History => historyOfUser(log, u);
const overlaps = (model: NcfModel, k?: number, users?: number) => overlapsOf(model, log, k, users);

beforeAll(async () => {
  await initBackend('wasm');
  log = await movieLensSlice(100, 2000);
});

describe('GMF / MLP / NeuMF fold-in', () => {
  for (const arch of ['gmf', 'mlp', 'neumf'] as const) {
    it(`${arch}: close to recommend(user), deterministic, warm-startable`, async () => {
      const model = new NcfModel(arch, { dim: 8, layers: [16, 8], epochs: 6, learningRate: 0.02, l2: 1e-3, seed: 3 });
      await model.fit(log);
      const { own, other } = await overlaps(model, 10, 12);
      // Measured: GMF 0.76 vs 0.42, MLP 0.88 vs 0.58, NeuMF 0.68 vs 0.38.
      expect(own).toBeGreaterThan(0.55);
      expect(own).toBeGreaterThan(other + 0.2);
      const h = historyOf(7);
      const a = await model.foldIn(h);
      expect(a.method).toBe(arch === 'gmf' ? 'newton' : 'gauss-newton');
      expect(a.vector.length).toBe(arch === 'gmf' ? 8 : arch === 'mlp' ? 8 : 16);
      const reordered = { items: h.items.slice().reverse() };
      expect(Buffer.from((await model.foldIn(reordered)).vector.buffer)).toEqual(Buffer.from(a.vector.buffer));
      const more = { items: Int32Array.from([...h.items, 1500]) };
      const warm = await model.foldIn(more, a);
      const fresh = await model.foldIn(more);
      expect(warm.iterations).toBeLessThanOrEqual(3);
      expect(warm.loss).toBeLessThan(fresh.loss * 1.05);
      const byWarm = await model.recommendFor(more, { k: 10, folded: warm });
      const byFresh = new Set((await model.recommendFor(more, { k: 10, folded: fresh })).items);
      expect(byWarm.items.filter((i) => byFresh.has(i)).length).toBeGreaterThanOrEqual(8);
      await expect(model.foldIn({ items: Int32Array.of(-2) })).rejects.toThrow(UnknownIdError);
      model.dispose();
    }, 60_000);
  }
});
