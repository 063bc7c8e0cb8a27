import { describe, expect, it } from 'vitest';
import type { FeedContext } from './context.ts';
import { rerank } from './rerank.ts';

/** A tiny hand-made activity table: actor, inventory, object, age in days. */
function fixture(rows: [actor: number, inv: number, obj: number, age: number][]): FeedContext {
  const n = rows.length,
    now = 100 * 86400;
  const activities = {
    count: n,
    actor: Uint32Array.from(rows, (r) => r[0]),
    actorType: new Uint8Array(n),
    inventory: Uint8Array.from(rows, (r) => r[1]),
    objectType: new Uint8Array(n),
    object: Uint32Array.from(rows, (r) => r[2]),
    createdAt: Uint32Array.from(rows, (r) => now - r[3] * 86400),
  };
  return { world: { now, feed: { activities } } } as unknown as FeedContext;
}
const ids = (r: ReturnType<typeof rerank>): number[] => r.items.map((it) => it.activity);
const off = { maxSameActor: 0, maxSameInventory: 0, freshnessHalfLifeDays: 0, dedupe: false };

describe('re-ranker', () => {
  const scores = [0.5, 0.4, 0.3, 0.2];
  it('with every rule off keeps the SPR order', () => {
    const ctx = fixture([
      [1, 0, 1, 0],
      [1, 0, 1, 0],
      [1, 0, 1, 0],
      [1, 0, 1, 0],
    ]);
    const r = rerank(ctx, [0, 1, 2, 3], scores, 100 * 86400, off);
    expect(ids(r)).toEqual([0, 1, 2, 3]);
    expect(r.items.every((it) => it.changes.length === 0)).toBe(true);
  });

  it('freshness decay lets a fresh update pass an old one', () => {
    const ctx = fixture([
      [1, 0, 1, 20],
      [2, 1, 2, 0],
    ]);
    const r = rerank(ctx, [0, 1], [0.5, 0.4], 100 * 86400, { ...off, freshnessHalfLifeDays: 10 });
    expect(ids(r)).toEqual([1, 0]);
    expect(r.items[0].adjusted).toBeCloseTo(0.4);
    expect(r.items[1].adjusted).toBeCloseTo(0.125);
    expect(r.items[0].changes).toContain('freshness');
  });

  it('dedupe keeps only the best update about one object', () => {
    const ctx = fixture([
      [1, 0, 7, 0],
      [2, 0, 7, 0],
      [3, 0, 8, 0],
    ]);
    const r = rerank(ctx, [0, 1, 2], [0.3, 0.5, 0.1], 100 * 86400, { ...off, dedupe: true });
    expect(ids(r)).toEqual([1, 2]);
    expect(r.dropped).toEqual([{ activity: 0, duplicateOf: 1 }]);
  });

  it('no more than N consecutive updates from one actor', () => {
    const ctx = fixture([
      [1, 0, 1, 0],
      [1, 1, 2, 0],
      [1, 2, 3, 0],
      [2, 3, 4, 0],
    ]);
    const r = rerank(ctx, [0, 1, 2, 3], scores, 100 * 86400, { ...off, maxSameActor: 1 });
    expect(ids(r)).toEqual([0, 3, 1, 2]);
    expect(r.items[1].changes).toEqual([]);
    expect(r.items[2].changes).toContain('actor-run');
    expect(r.items[3].changes).toContain('rule-relaxed');
  });

  it('no more than N consecutive updates from one inventory', () => {
    const ctx = fixture([
      [1, 0, 1, 0],
      [2, 0, 2, 0],
      [3, 0, 3, 0],
      [4, 1, 4, 0],
    ]);
    const r = rerank(ctx, [0, 1, 2, 3], scores, 100 * 86400, { ...off, maxSameInventory: 2 });
    expect(ids(r)).toEqual([0, 1, 3, 2]);
    expect(r.items[3].changes).toContain('inventory-run');
  });

  it('truncates to size and rejects negative limits', () => {
    const ctx = fixture([
      [1, 0, 1, 0],
      [2, 1, 2, 0],
      [3, 2, 3, 0],
    ]);
    expect(rerank(ctx, [0, 1, 2], [0.3, 0.2, 0.1], 100 * 86400, { ...off, size: 2 }).items).toHaveLength(2);
    expect(() => rerank(ctx, [0], [1], 0, { maxSameActor: -1 })).toThrow(/>= 0/);
  });
});
