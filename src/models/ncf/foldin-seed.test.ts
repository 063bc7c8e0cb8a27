import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../backend/index.ts';
import type { InteractionLog } from '../../data/index.ts';
import { UnknownIdError } from '../../errors.ts';
import type { History } from '../recommender.ts';
import { historyOf as historyOfUser, movieLensSlice, overlaps as overlapsOf } from '../../testing/log-slice.ts';
import { latestDistinct } from './foldin.ts';
import { NcfModel } from './model.ts';

/** The first 100 MovieLens users on the first 2000 movies: each architecture trains in seconds. */
let log: InteractionLog;
const historyOf = (u: number): History => historyOfUser(log, u);
const overlaps = (model: NcfModel, k?: number, users?: number) => overlapsOf(model, log, k, users);

beforeAll(async () => {
  await initBackend('wasm');
  log = await movieLensSlice(100, 2000);
});

describe('seed-NCF recommendFor (native: the learner tower reads the history)', () => {
  it('ranks a training user as recommend does, reading only the latest `window` courses at the latest time', async () => {
    const model = new NcfModel('seed', {
      dim: 16,
      epochs: 2,
      window: 10,
      neighbours: 20,
      batchSize: 4096,
      learningRate: 0.01,
      causal: true,
      timeWindowDays: 365,
    });
    await model.fit(log);
    const { own, other } = await overlaps(model);
    expect(own).toBeGreaterThan(0.9); // measured 0.985: the same input, scored on the host
    expect(own).toBeGreaterThan(other + 0.2);
    const h = historyOf(4);
    const f = await model.foldIn(h);
    expect(f).toMatchObject({ kind: 'ncf', method: 'native', iterations: 0 });
    expect(f.vector.length).toBe(16);
    // An interaction older than the latest 10 courses changes nothing (the window), a new one does.
    const first = h.times?.reduce((m, t) => Math.min(m, t), Infinity) ?? 0;
    const older = {
      items: Int32Array.from([...h.items, 1999]),
      times: Float64Array.from([...(h.times ?? []), first - 1]),
    };
    expect(Array.from((await model.foldIn(older)).vector)).toEqual(Array.from(f.vector));
    const newer = { items: Int32Array.from([...h.items, 1999]), times: Float64Array.from([...(h.times ?? []), 2e9]) };
    expect(Array.from((await model.foldIn(newer)).vector)).not.toEqual(Array.from(f.vector));
    await expect(model.recommendFor({ items: Int32Array.of(5, log.itemIds.size) })).rejects.toThrow(UnknownIdError);
    const empty = await model.recommendFor({ items: new Int32Array(0) }, { k: 5 });
    expect(empty.items.length).toBe(5);
    model.dispose();
  }, 60_000);

  it('latestDistinct keeps the latest `window` distinct items by time, else by position', () => {
    const items = Int32Array.of(5, 3, 5, 9, 1);
    expect(Array.from(latestDistinct({ items }, 2))).toEqual([1, 9]);
    expect(Array.from(latestDistinct({ items, times: Float64Array.of(50, 10, 0, 20, 30) }, 2))).toEqual([1, 5]);
    expect(Array.from(latestDistinct({ items }, 0))).toEqual([1, 3, 5, 9]);
  });
});
