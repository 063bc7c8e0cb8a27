import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AbortError, InvalidArgumentError, UnknownIdError } from '../../errors.ts';
import { naiveFullRank } from '../../testing/naive-metrics.ts';
import { evaluateFullRanking, type FullRankingEvalOptions, type SeenItems } from './full-ranking.ts';

/** CSR of per-user training items. */
function csr(rows: readonly (readonly number[])[]): SeenItems {
  const indptr = new Int32Array(rows.length + 1);
  rows.forEach((r, u) => (indptr[u + 1] = indptr[u] + r.length));
  return { indptr, indices: Int32Array.from(rows.flat()) };
}

// Item 3 (0.9) is the best item overall but user 0 and 1 trained on it; items 2 and 4 tie.
const itemScore = Float32Array.from([0.6, 0.1, 0.5, 0.9, 0.5, 0.2]);

const handCase = (): FullRankingEvalOptions => ({
  users: Int32Array.from([0, 1]),
  targets: Int32Array.from([0, 2]),
  seen: csr([[3], [0, 3]]),
  nItems: 6,
  ks: [1, 3],
  score: () => itemScore,
});

describe('evaluateFullRanking', () => {
  it('excludes training items and gives the hand-computed metrics (ranks 0 and 1)', async () => {
    const r = await evaluateFullRanking(handCase());
    expect(r.users).toBe(2);
    expect(r.distinctUsers).toBe(2);
    expect(r.hr).toEqual({ 1: 0.5, 3: 1 });
    expect(r.precision).toEqual({ 1: 0.5, 3: 1 / 3 });
    expect(r.recall).toEqual({ 1: 0.5, 3: 1 });
    expect(r.ndcg[3]).toBeCloseTo((1 + 1 / Math.log2(3)) / 2, 12);
    expect(r.mrr).toBeCloseTo(0.75, 12);
    const optimistic = await evaluateFullRanking({ ...handCase(), ties: 'optimistic' });
    expect(optimistic.hr[1]).toBe(1);
  });

  it('scores each user once and averages precision/recall over users with several held-out items', async () => {
    const calls: number[] = [];
    const r = await evaluateFullRanking({
      ...handCase(),
      users: Int32Array.from([0, 1, 0]),
      targets: Int32Array.from([0, 2, 2]),
      score: async (u) => (calls.push(u), itemScore),
    });
    expect(calls).toEqual([0, 1]);
    // user 0: item 0 ranks 0, item 2 ranks 2 (below item 0 and the tied item 4); user 1: item 2 ranks 1
    expect(r.users).toBe(3);
    expect(r.distinctUsers).toBe(2);
    expect(r.hr[3]).toBe(1);
    expect(r.hr[1]).toBeCloseTo(1 / 3, 12);
    expect(r.precision[3]).toBeCloseTo((2 / 3 + 1 / 3) / 2, 12);
    expect(r.recall[1]).toBeCloseTo((1 / 2 + 0) / 2, 12);
  });

  it('ignores NaN on training items but rejects NaN on candidates', async () => {
    const masked = Float32Array.from([0.6, 0.1, 0.5, NaN, 0.5, 0.2]);
    const r = await evaluateFullRanking({ ...handCase(), score: () => masked });
    expect(r.hr[1]).toBe(0.5);
    const broken = Float32Array.from([0.6, NaN, 0.5, 0.9, 0.5, 0.2]);
    await expect(evaluateFullRanking({ ...handCase(), score: () => broken })).rejects.toBeInstanceOf(
      InvalidArgumentError,
    );
  });

  it('matches sorting every unseen item on random inputs', async () => {
    const row = fc.tuple(fc.uniqueArray(fc.nat(19), { maxLength: 10 }), fc.nat(19));
    await fc.assert(
      fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 8 }), fc.nat(100), async (rows, salt) => {
        const usable = rows.filter(([seen, t]) => !seen.includes(t));
        fc.pre(usable.length > 0);
        const s = (u: number, i: number): number => ((u * 3 + i * 7 + salt) % 6) / 5;
        const scoresOf = (u: number): Float32Array => Float32Array.from({ length: 20 }, (_, i) => s(u, i));
        const r = await evaluateFullRanking({
          users: Int32Array.from(usable, (_, u) => u),
          targets: Int32Array.from(usable, ([, t]) => t),
          seen: csr(usable.map(([seen]) => seen)),
          nItems: 20,
          ks: [1, 5],
          score: scoresOf,
        });
        const ranks = usable.map(([seen, t], u) => naiveFullRank(Array.from(scoresOf(u)), seen, t));
        for (const k of [1, 5]) {
          const hr = ranks.filter((x) => x < k).length / ranks.length;
          expect(r.hr[k]).toBeCloseTo(hr, 12);
          expect(r.recall[k]).toBeCloseTo(hr, 12);
          expect(r.precision[k]).toBeCloseTo(hr / k, 12);
        }
        expect(r.mrr).toBeCloseTo(ranks.reduce((a, x) => a + 1 / (x + 1), 0) / ranks.length, 12);
      }),
      { numRuns: 60 },
    );
  });

  it('is deterministic', async () => {
    const opts = { ...handCase(), users: Int32Array.from([1, 0, 1]), targets: Int32Array.from([2, 0, 4]) };
    expect(await evaluateFullRanking(opts)).toEqual(await evaluateFullRanking(opts));
  });

  it('rejects with AbortError when aborted mid-run', async () => {
    const ctrl = new AbortController();
    const run = evaluateFullRanking({ ...handCase(), signal: ctrl.signal, score: () => (ctrl.abort(), itemScore) });
    await expect(run).rejects.toBeInstanceOf(AbortError);
  });

  it('rejects unknown ids, held-out items seen in training and wrong score lengths', async () => {
    await expect(evaluateFullRanking({ ...handCase(), users: Int32Array.from([0, 2]) })).rejects.toBeInstanceOf(
      UnknownIdError,
    );
    await expect(evaluateFullRanking({ ...handCase(), targets: Int32Array.from([0, 6]) })).rejects.toBeInstanceOf(
      UnknownIdError,
    );
    await expect(evaluateFullRanking({ ...handCase(), targets: Int32Array.from([3, 2]) })).rejects.toBeInstanceOf(
      InvalidArgumentError,
    );
    await expect(evaluateFullRanking({ ...handCase(), score: () => new Float32Array(5) })).rejects.toBeInstanceOf(
      InvalidArgumentError,
    );
  });
});
