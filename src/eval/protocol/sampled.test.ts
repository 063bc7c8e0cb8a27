import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AbortError, InvalidArgumentError } from '../../errors.ts';
import { naiveNdcg, naiveRank } from '../../testing/naive-metrics.ts';
import { evaluateSampled, type SampledEvalOptions } from './sampled.ts';

// Every user sees the same item scores; item 3 is best, item 1 worst, items 2 and 4 tie.
const itemScore = [0.6, 0.1, 0.5, 0.9, 0.5, 0.2];
const byItem = (_user: number, items: Int32Array): Float32Array => Float32Array.from(items, (i) => itemScore[i]);

const handCase = (): SampledEvalOptions => ({
  users: Int32Array.from([0, 1, 2]),
  targets: Int32Array.from([0, 2, 5]),
  negatives: Int32Array.from([1, 2, 3, 4, 1, 5, 0, 3, 2]),
  nNeg: 3,
  ks: [1, 2],
  score: byItem,
});

describe('evaluateSampled', () => {
  it('gives the hand-computed metrics (ranks 1, 1 by a tie, 3)', async () => {
    const r = await evaluateSampled(handCase());
    expect(r.users).toBe(3);
    expect(r.hr).toEqual({ 1: 0, 2: 2 / 3 });
    expect(r.ndcg[2]).toBeCloseTo(2 / (3 * Math.log2(3)), 12);
    expect(r.mrr).toBeCloseTo(5 / 12, 12);
  });

  it('lets the tie help the target when optimistic (rank 0 for row 1)', async () => {
    const r = await evaluateSampled({ ...handCase(), ties: 'optimistic' });
    expect(r.hr[1]).toBeCloseTo(1 / 3, 12);
    expect(r.mrr).toBeCloseTo(7 / 12, 12);
  });

  it("passes the target first, then the row's negatives, and accepts async scorers", async () => {
    const seen: number[][] = [];
    const r = await evaluateSampled({
      ...handCase(),
      score: async (u, items) => {
        seen.push([u, ...items]);
        return byItem(u, items);
      },
    });
    expect(seen).toEqual([
      [0, 0, 1, 2, 3],
      [1, 2, 4, 1, 5],
      [2, 5, 0, 3, 2],
    ]);
    expect(r).toEqual(await evaluateSampled(handCase()));
  });

  it('matches sorting each row by hand on random inputs', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 8 }),
        fc.nat(1000),
        async (nUsers, nNeg, salt) => {
          const users = Int32Array.from({ length: nUsers }, (_, i) => (i * 5 + salt) % 7);
          const targets = Int32Array.from({ length: nUsers }, (_, i) => 100 + i);
          const negatives = Int32Array.from({ length: nUsers * nNeg }, (_, j) => (j * 31 + salt) % 97);
          const s = (u: number, item: number): number => ((u * 7 + item * 13 + salt) % 5) / 4;
          const ks = [1, 3, 10];
          const r = await evaluateSampled({
            users,
            targets,
            negatives,
            nNeg,
            ks,
            score: (u, items) => Float32Array.from(items, (i) => s(u, i)),
          });
          const ranks = Array.from(users, (u, row) =>
            naiveRank(
              s(u, targets[row]),
              Array.from(negatives.subarray(row * nNeg, (row + 1) * nNeg), (i) => s(u, i)),
            ),
          );
          for (const k of ks) {
            expect(r.hr[k]).toBeCloseTo(ranks.filter((x) => x < k).length / nUsers, 12);
            const ndcg = ranks.map((x) =>
              naiveNdcg(
                Array.from({ length: nNeg + 1 }, (_, i) => (i === x ? 1 : 0)),
                k,
              ),
            );
            expect(r.ndcg[k]).toBeCloseTo(ndcg.reduce((a, b) => a + b, 0) / nUsers, 12);
          }
          expect(r.mrr).toBeCloseTo(ranks.reduce((a, x) => a + 1 / (x + 1), 0) / nUsers, 12);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('reports monotone progress ending at the total', async () => {
    const n = 250;
    const calls: number[] = [];
    await evaluateSampled({
      users: new Int32Array(n),
      targets: new Int32Array(n).fill(1),
      negatives: new Int32Array(n * 2).fill(2),
      nNeg: 2,
      score: (_u, items) => new Float32Array(items.length),
      onProgress: ({ done, total }) => {
        expect(total).toBe(n);
        calls.push(done);
      },
    });
    expect(calls.at(-1)).toBe(n);
    expect(calls.length).toBeLessThanOrEqual(101);
    expect(calls).toEqual([...calls].sort((a, b) => a - b));
  });

  it('rejects with AbortError and stops scoring once the signal fires', async () => {
    const ctrl = new AbortController();
    let calls = 0;
    const run = evaluateSampled({
      ...handCase(),
      score: (u, items) => {
        if (++calls === 2) ctrl.abort();
        return byItem(u, items);
      },
      signal: ctrl.signal,
    });
    await expect(run).rejects.toBeInstanceOf(AbortError);
    expect(calls).toBe(2);
    const pre = new AbortController();
    pre.abort();
    await expect(evaluateSampled({ ...handCase(), signal: pre.signal })).rejects.toBeInstanceOf(AbortError);
  });

  it('rejects malformed input with InvalidArgumentError', async () => {
    const bad: Partial<SampledEvalOptions>[] = [
      { negatives: Int32Array.from([0, 2, 3, 4, 1, 5, 0, 3, 2]) }, // row 0 samples its own target
      { negatives: new Int32Array(8) },
      { users: new Int32Array(0), targets: new Int32Array(0), negatives: new Int32Array(0) },
      { score: () => new Float32Array(2) },
      { score: () => Float32Array.from([1, NaN, 0, 0]) },
      { ks: [0] },
    ];
    for (const patch of bad) {
      await expect(evaluateSampled({ ...handCase(), ...patch })).rejects.toBeInstanceOf(InvalidArgumentError);
    }
  });
});
