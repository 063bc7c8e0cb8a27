/**
 * Host-side assembly of the seed variant's sparse inputs for one mini-batch: the distinct learners and
 * courses of the batch, their non-zeros flattened with segment ids (so the device sums embedding rows
 * with one gather and one segment sum), and each row's position among the distinct ones.
 */
import type { SparseRows } from '../../eval/baselines';
import { rowHas } from '../shared/rows';
import type { WeightedRows } from './inputs';
import { flatWindows, type CausalWindows } from './windows';

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

/** The seed inputs of a batch of (user, item) rows. */
export interface SeedBatch {
  learners: FlatRows;
  courses: FlatRows;
  /** Per row: index of its user in `learners`, of its item in `courses`. */
  rowUser: Int32Array;
  rowItem: Int32Array;
  /** Per row: 1 when the item is in the user's input (training leaves it out of the sum), else 0. */
  inHist: Float32Array;
}

/** Flattens rows `ids` of `m` (weights from `m.weights` when it has them). */
export function flatRows(m: SparseRows | WeightedRows, ids: ArrayLike<number>): FlatRows {
  let nnz = 0;
  for (let r = 0; r < ids.length; r++) nnz += m.indptr[ids[r] + 1] - m.indptr[ids[r]];
  const idx = new Int32Array(nnz);
  const seg = new Int32Array(nnz);
  const w = new Float32Array(nnz).fill(1);
  const count = new Float32Array(ids.length);
  const weights = 'weights' in m ? m.weights : null;
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

/** The seed inputs of rows (users[k], items[k]). */
export function seedBatch(users: Int32Array, items: Int32Array, learners: SparseRows, courses: WeightedRows): SeedBatch {
  const [uIds, rowUser] = distinct(users);
  const [iIds, rowItem] = distinct(items);
  const inHist = Float32Array.from(users, (u, k) => (rowHas(learners, u, items[k]) ? 1 : 0));
  return { learners: flatRows(learners, uIds), courses: flatRows(courses, iIds), rowUser, rowItem, inHist };
}

/** The seed inputs of rows whose learner input is their positive's own row of `windows` (causal training). */
export function causalSeedBatch(positive: Int32Array, items: Int32Array, windows: CausalWindows, courses: WeightedRows): SeedBatch {
  const [pIds, rowUser] = distinct(positive);
  const [iIds, rowItem] = distinct(items);
  // A window holds only earlier courses, never the row's own, so nothing leaves the sum.
  return { learners: flatWindows(windows, pIds), courses: flatRows(courses, iIds), rowUser, rowItem, inHist: new Float32Array(items.length) };
}

/** The distinct values of `a` (first-seen order) and each entry's position among them. */
function distinct(a: Int32Array): [Int32Array, Int32Array] {
  const pos = new Map<number, number>();
  const at = new Int32Array(a.length);
  for (let k = 0; k < a.length; k++) {
    let p = pos.get(a[k]);
    if (p === undefined) pos.set(a[k], (p = pos.size));
    at[k] = p;
  }
  return [Int32Array.from(pos.keys()), at];
}
