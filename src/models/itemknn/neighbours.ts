import type { SparseRows } from '../../data/index.ts';
/** Item-kNN's fitted form: each item's neighbour list (CSR by source item) and every user's history. */
export interface KnnLists {
  /** Neighbours of item i are `nbr[ptr[i] .. ptr[i+1])`, best first, with cosines `sim`. */
  ptr: Int32Array;
  nbr: Int32Array;
  sim: Float32Array;
  /** Training items of each user (binary, ascending). */
  history: SparseRows;
}

/**
 * Scores of every item for `user`: the sum of the neighbour rows of the user's training items — the
 * same sum as `ItemKnnScorer.scoreAll`, run on lists that may come from a stored state.
 */
export function scoreAllItems(lists: KnnLists, user: number): Float32Array {
  const { history, ptr, nbr, sim } = lists;
  const out = new Float32Array(history.nCols);
  for (let p = history.indptr[user]; p < history.indptr[user + 1]; p++) {
    const i = history.indices[p];
    for (let q = ptr[i]; q < ptr[i + 1]; q++) out[nbr[q]] += sim[q];
  }
  return out;
}

/** Scores of every item for a person whose distinct items are `items` (the sum {@link scoreAllItems} takes). */
export function scoreItemsOf(lists: KnnLists, items: Int32Array, nItems: number): Float32Array {
  const { ptr, nbr, sim } = lists;
  const out = new Float32Array(nItems);
  for (const i of items) for (let q = ptr[i]; q < ptr[i + 1]; q++) out[nbr[q]] += sim[q];
  return out;
}

/** How many training users had each item (`history.indices` of the lists). */
export function itemDegrees(indices: Int32Array, nItems: number): Float32Array {
  const out = new Float32Array(nItems);
  for (const i of indices) out[i]++;
  return out;
}

/** Empty lists (an unfitted model). */
export function emptyLists(): KnnLists {
  return {
    ptr: new Int32Array(1),
    nbr: new Int32Array(0),
    sim: new Float32Array(0),
    history: { nRows: 0, nCols: 0, indptr: new Int32Array(1), indices: new Int32Array(0) },
  };
}
