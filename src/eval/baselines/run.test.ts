import { describe, expect, it } from 'vitest';
import { AbortError, DataFormatError } from '../../errors.ts';
import { fileSource } from '../../data/node.ts';
import { runBaselines, type BaselineProgress } from './run.ts';

const RATINGS = 'public/data/movielens-small/ratings.csv';

describe('runBaselines on MovieLens ml-latest-small', () => {
  it('lands within ±0.02 of the reference run of the NCF protocol, and reports its progress', async () => {
    const seen: BaselineProgress[] = [];
    const r = await runBaselines(fileSource(RATINGS), { file: RATINGS, seed: 42, onProgress: (p) => seen.push(p) });
    expect(r).toMatchObject({ users: 671, items: 9066, interactions: 100_004, protocol: 'loo-99neg' });
    // Reference implementation of this protocol, run on this data: popular 0.545 / 0.319, item-kNN 0.653 / 0.436.
    expect(Math.abs(r.popular.hr10 - 0.545)).toBeLessThan(0.02);
    expect(Math.abs(r.popular.ndcg10 - 0.319)).toBeLessThan(0.02);
    expect(Math.abs(r.itemknn.hr10 - 0.653)).toBeLessThan(0.02);
    expect(Math.abs(r.itemknn.ndcg10 - 0.436)).toBeLessThan(0.02);
    // Full ranking is far harder than 1-in-100, and item-kNN still beats popularity there.
    expect(r.full.itemknn.ndcg10).toBeLessThan(r.itemknn.ndcg10 / 5);
    expect(r.full.itemknn.ndcg10).toBeGreaterThan(r.full.popular.ndcg10);
    const stages = [...new Set(seen.map((p) => p.stage))];
    expect(stages).toEqual(['load', 'split', 'popular', 'neighbours', 'itemknn']);
    const last = seen.filter((p) => p.stage === 'itemknn').at(-1)!;
    expect(last.done).toBe(last.total);
  });

  it('is deterministic for a seed', async () => {
    const csv = await import('node:fs/promises').then((fs) => fs.readFile(RATINGS, 'utf8'));
    const a = await runBaselines(csv, { seed: 3, knnK: 20 });
    const b = await runBaselines(csv, { seed: 3, knnK: 20 });
    expect({ ...a, seconds: 0 }).toEqual({ ...b, seconds: 0 });
  });

  it('rejects malformed input with a DataFormatError and honours abort', async () => {
    await expect(runBaselines('userId,movieId,rating,timestamp\n1,2,x,3\n', { file: 'bad.csv' })).rejects.toThrow(
      DataFormatError,
    );
    const controller = new AbortController();
    controller.abort();
    await expect(runBaselines(fileSource(RATINGS), { signal: controller.signal })).rejects.toThrow(AbortError);
  });
});
