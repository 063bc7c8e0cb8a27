import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ItemKnnScorer } from './scorer.ts';
import { PopularityScorer } from '../popular/scorer.ts';
import type { SparseRows } from '../../data/index.ts';

/** A CSR from a list of rows of (distinct, sorted) item ids. */
function csr(rows: number[][], nCols: number): SparseRows {
  const indptr = new Int32Array(rows.length + 1);
  rows.forEach((r, i) => (indptr[i + 1] = indptr[i] + r.length));
  return { nRows: rows.length, nCols, indptr, indices: Int32Array.from(rows.flat()) };
}

/** Dense reference: cosine between item columns, top-k per row (ties to lower id), then user · S. */
function naiveKnnScores(rows: number[][], nCols: number, k: number): number[][] {
  const col = (j: number) => rows.map((r) => (r.includes(j) ? 1 : 0));
  const cos = (a: number[], b: number[]) => {
    const dot = a.reduce((s, x, i) => s + x * b[i], 0);
    const na = Math.sqrt(a.reduce((s, x) => s + x, 0)),
      nb = Math.sqrt(b.reduce((s, x) => s + x, 0));
    return na && nb ? dot / (na * nb) : 0;
  };
  const S = Array.from({ length: nCols }, (_, i) => {
    const sims = Array.from({ length: nCols }, (_, j) => ({ j, s: cos(col(i), col(j)) })).filter((x) => x.s > 0);
    sims.sort((a, b) => b.s - a.s || a.j - b.j);
    const row = new Array(nCols).fill(0);
    for (const { j, s } of sims.slice(0, k)) row[j] = s;
    return row;
  });
  return rows.map((r) => Array.from({ length: nCols }, (_, j) => r.reduce((s, i) => s + S[i][j], 0)));
}

const matrix = fc.integer({ min: 1, max: 12 }).chain((nCols) =>
  fc.record({
    nCols: fc.constant(nCols),
    rows: fc.array(fc.uniqueArray(fc.integer({ min: 0, max: nCols - 1 }), { maxLength: nCols }), {
      minLength: 1,
      maxLength: 10,
    }),
    k: fc.integer({ min: 1, max: 14 }),
  }),
);

describe('baseline scorers', () => {
  it('popularity counts training users per item', () => {
    const p = new PopularityScorer(csr([[0, 2], [2], [1, 2]], 4));
    expect(Array.from(p.scoreAll(0))).toEqual([1, 1, 3, 0]);
    expect(Array.from(p.scoreItems(5, Int32Array.of(3, 2)))).toEqual([0, 3]);
  });

  it('item-kNN matches a dense cosine reference on random matrices', () => {
    fc.assert(
      fc.property(matrix, ({ nCols, rows, k }) => {
        const sorted = rows.map((r) => [...r].sort((a, b) => a - b));
        const knn = new ItemKnnScorer(csr(sorted, nCols), k);
        const want = naiveKnnScores(sorted, nCols, k);
        sorted.forEach((_, u) => {
          const got = knn.scoreAll(u);
          want[u].forEach((w, j) => expect(got[j]).toBeCloseTo(w, 5));
        });
      }),
      { numRuns: 200, seed: 42 },
    );
  });

  it('item-kNN keeps at most k neighbours and rejects k < 1', () => {
    const knn = new ItemKnnScorer(
      csr(
        [
          [0, 1, 2, 3],
          [0, 1],
          [2, 3],
        ],
        4,
      ),
      2,
    );
    for (let i = 0; i < 4; i++) expect(knn.ptr[i + 1] - knn.ptr[i]).toBeLessThanOrEqual(2);
    expect(() => new ItemKnnScorer(csr([[0]], 1), 0)).toThrow(/k >= 1/);
  });
});
