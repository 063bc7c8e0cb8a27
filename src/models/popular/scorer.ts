import type { SparseRows } from '../../data/index.ts';
/**
 * Most-popular baseline: every user gets the same scores, the number of training users of each item.
 * It is the floor any personalised model must clear.
 */
export class PopularityScorer {
  /** Training interaction count per item. */
  readonly counts: Float32Array;

  constructor(userItems: SparseRows) {
    this.counts = new Float32Array(userItems.nCols);
    const { indices, indptr, nRows } = userItems;
    for (let i = 0; i < indptr[nRows]; i++) this.counts[indices[i]]++;
  }

  /** Scores of `items` (user-independent). */
  scoreItems(_user: number, items: Int32Array): Float32Array {
    const out = new Float32Array(items.length);
    for (let i = 0; i < items.length; i++) out[i] = this.counts[items[i]];
    return out;
  }

  /** Scores of every item (a copy, so callers may mask it). */
  scoreAll(_user: number): Float32Array {
    return this.counts.slice();
  }
}
