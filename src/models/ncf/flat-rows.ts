/**
 * The non-zeros of selected sparse rows, flattened with segment ids, so the device sums embedding rows
 * with one gather and one segment sum (the seed variant's learners, courses and causal windows).
 */
import type { SparseRows } from '../../data/index.ts';

/** The non-zeros of some rows of a sparse matrix, flattened. */
export interface FlatRows {
  /** Column of each non-zero. */
  idx: Int32Array;
  /** Which of the selected rows each non-zero belongs to. */
  seg: Int32Array;
  /** Weight of each non-zero (1 for a multi-hot). */
  w: Float32Array;
  /** Non-zeros per selected row. */
  count: Float32Array;
  /** Selected rows. */
  n: number;
}

/** Flattens rows `ids` of `m` (weights from `m.values` when it has them, else 1). */
export function flatRows(m: SparseRows, ids: ArrayLike<number>): FlatRows {
  let nnz = 0;
  for (let r = 0; r < ids.length; r++) nnz += m.indptr[ids[r] + 1] - m.indptr[ids[r]];
  const idx = new Int32Array(nnz);
  const seg = new Int32Array(nnz);
  const w = new Float32Array(nnz).fill(1);
  const count = new Float32Array(ids.length);
  const weights = m.values ?? null;
  let o = 0;
  for (let r = 0; r < ids.length; r++) {
    const from = m.indptr[ids[r]];
    const to = m.indptr[ids[r] + 1];
    idx.set(m.indices.subarray(from, to), o);
    seg.fill(r, o, o + to - from);
    if (weights) w.set(weights.subarray(from, to), o);
    count[r] = to - from;
    o += to - from;
  }
  return { idx, seg, w, count, n: ids.length };
}
