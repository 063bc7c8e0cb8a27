import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../errors.ts';
import { naiveNdcg, naivePrecision, naiveRank, naiveRecall } from '../../testing/naive-metrics.ts';
import { hitRateAt, ndcgAt, precisionAt, rankOfTarget, recallAt, reciprocalRank } from './ranking.ts';

// Small integer scores make ties frequent, which is where rank conventions differ.
const score = fc.integer({ min: -3, max: 3 });

describe('rankOfTarget', () => {
  it('puts ties above the target by default and below it when optimistic', () => {
    expect(rankOfTarget(0.5, [0.9, 0.5, 0.1])).toBe(2);
    expect(rankOfTarget(0.5, [0.9, 0.5, 0.1], 'optimistic')).toBe(1);
    expect(rankOfTarget(1, [1, 1, 1, 1])).toBe(4);
    expect(rankOfTarget(1, [1, 1, 1, 1], 'optimistic')).toBe(0);
    expect(rankOfTarget(7, [])).toBe(0);
  });

  it('orders infinities like any other score', () => {
    expect(rankOfTarget(-Infinity, [0, -Infinity], 'optimistic')).toBe(1);
    expect(rankOfTarget(Infinity, [0, 1e308])).toBe(0);
  });

  it('rejects NaN scores with a typed error', () => {
    expect(() => rankOfTarget(NaN, [1])).toThrow(InvalidArgumentError);
    expect(() => rankOfTarget(1, new Float32Array([0, NaN]))).toThrow(InvalidArgumentError);
  });

  it('matches sorting everything, for both tie conventions', () => {
    fc.assert(
      fc.property(
        score,
        fc.array(score, { maxLength: 40 }),
        fc.constantFrom('pessimistic' as const, 'optimistic' as const),
        (t, others, ties) => {
          expect(rankOfTarget(t, Float32Array.from(others), ties)).toBe(naiveRank(t, others, ties));
        },
      ),
    );
  });
});

describe('per-rank metrics', () => {
  it('gives the hand-computed values', () => {
    expect(hitRateAt(9, 10)).toBe(1);
    expect(hitRateAt(10, 10)).toBe(0);
    expect(ndcgAt(0, 10)).toBe(1);
    expect(ndcgAt(1, 10)).toBeCloseTo(1 / Math.log2(3), 12);
    expect(ndcgAt(2, 10)).toBeCloseTo(0.5, 12);
    expect(ndcgAt(10, 10)).toBe(0);
    expect(reciprocalRank(0)).toBe(1);
    expect(reciprocalRank(3)).toBe(0.25);
  });

  it('rejects ranks and cut-offs outside their domain', () => {
    expect(() => hitRateAt(-1, 10)).toThrow(InvalidArgumentError);
    expect(() => ndcgAt(1.5, 10)).toThrow(InvalidArgumentError);
    expect(() => ndcgAt(1, 0)).toThrow(InvalidArgumentError);
    expect(() => reciprocalRank(NaN)).toThrow(InvalidArgumentError);
  });

  it('NDCG of one relevant item equals the general graded-relevance definition', () => {
    fc.assert(
      fc.property(fc.nat(30), fc.integer({ min: 1, max: 30 }), (rank, k) => {
        const rel = Array.from({ length: rank + 5 }, (_, i) => (i === rank ? 1 : 0));
        expect(ndcgAt(rank, k)).toBeCloseTo(naiveNdcg(rel, k), 12);
      }),
    );
  });
});

describe('precisionAt / recallAt', () => {
  it('gives the hand-computed values and counts a repeated item once', () => {
    const rec = [3, 1, 4, 1, 5];
    expect(precisionAt(rec, [1, 5, 9], 3)).toBeCloseTo(1 / 3, 12);
    expect(recallAt(rec, [1, 5, 9], 3)).toBeCloseTo(1 / 3, 12);
    expect(precisionAt(rec, [1, 5, 9], 5)).toBeCloseTo(2 / 5, 12);
    expect(recallAt(rec, [1, 5, 9], 5)).toBeCloseTo(2 / 3, 12);
    expect(precisionAt([1], [1], 10)).toBeCloseTo(0.1, 12); // short lists are divided by k
  });

  it('rejects recall without relevant items', () => {
    expect(() => recallAt([1, 2], [], 2)).toThrow(InvalidArgumentError);
  });

  it('matches set intersection on random lists', () => {
    const item = fc.integer({ min: 0, max: 15 });
    fc.assert(
      fc.property(
        fc.array(item, { maxLength: 20 }),
        fc.array(item, { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 1, max: 25 }),
        (rec, rel, k) => {
          expect(precisionAt(Int32Array.from(rec), rel, k)).toBeCloseTo(naivePrecision(rec, rel, k), 12);
          expect(recallAt(rec, new Set(rel), k)).toBeCloseTo(naiveRecall(rec, rel, k), 12);
        },
      ),
    );
  });
});
