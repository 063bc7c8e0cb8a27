import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UnknownIdError } from '../../errors.ts';
import { candidateItems, TopK, topK } from './topk.ts';

describe('topK', () => {
  it('orders by score, ties by lower item, NaN last', () => {
    const r = topK(Int32Array.of(4, 1, 3, 2, 0), Float32Array.of(0.5, NaN, 0.5, 0.9, -1), 5);
    expect(r.items).toEqual(Int32Array.of(2, 3, 4, 0, 1));
    expect(Array.from(r.scores)).toEqual([Math.fround(0.9), 0.5, 0.5, -1, NaN]);
  });

  it('matches a full sort on random scores, through its threshold shortcut too', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -3, max: 3 }), { maxLength: 80 }), fc.nat(30), (raw, k) => {
        const scores = Float32Array.from(raw, (v) => (v === 3 ? NaN : v));
        const items = Int32Array.from(raw.keys()).reverse();
        const key = (t: number) => (Number.isNaN(scores[t]) ? -Infinity : scores[t]);
        const naive = Array.from(raw.keys())
          .sort(
            (a, b) =>
              key(b) - key(a) ||
              (Number.isNaN(scores[a]) ? 1 : 0) - (Number.isNaN(scores[b]) ? 1 : 0) ||
              items[a] - items[b],
          )
          .slice(0, k)
          .map((t) => items[t]);
        expect(Array.from(topK(items, scores, k).items)).toEqual(naive);
      }),
      { numRuns: 300 },
    );
  });
});

describe('TopK (streaming)', () => {
  it('equals topK over everything pushed, in any arrival order, ties and NaN included', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -3, max: 3 }), { maxLength: 60 }), fc.nat(20), fc.nat(), (raw, k, rot) => {
        const scores = Float32Array.from(raw, (v) => (v === 3 ? NaN : v / 2));
        const items = Int32Array.from(raw.keys()).reverse(); // distinct ids, not in arrival order
        const heap = new TopK(k);
        for (let j = 0; j < raw.length; j++) {
          const t = (j + rot) % raw.length; // a rotated arrival order: the result must not depend on it
          heap.push(items[t], scores[t]);
        }
        const want = topK(items, scores, k);
        const got = heap.result();
        expect(Array.from(got.items)).toEqual(Array.from(want.items));
        expect(Array.from(got.scores)).toEqual(Array.from(want.scores));
      }),
      { numRuns: 300 },
    );
  });

  it('at capacity, admits an equal score only with a lower item index', () => {
    const t = new TopK(2);
    t.push(5, 1);
    t.push(6, 1);
    t.push(9, 1); // ties the worst kept but ranks after it
    t.push(1, 1); // ties and ranks before: replaces item 6
    expect(Array.from(t.result().items)).toEqual([1, 5]);
    expect(new TopK(0).result().items.length).toBe(0);
  });
});

describe('candidateItems', () => {
  it('takes candidates once, minus exclusions, ascending; rejects unknown items', () => {
    expect(candidateItems(5)).toEqual(Int32Array.of(0, 1, 2, 3, 4));
    expect(candidateItems(5, { candidates: Int32Array.of(3, 1, 3), exclude: Int32Array.of(1, 0) })).toEqual(
      Int32Array.of(3),
    );
    expect(() => candidateItems(5, { candidates: Int32Array.of(5) })).toThrow(UnknownIdError);
    expect(() => candidateItems(5, { exclude: Int32Array.of(-1) })).toThrow(UnknownIdError);
  });
});
