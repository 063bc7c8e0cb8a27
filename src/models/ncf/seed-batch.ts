/**
 * Host-side assembly of the seed variant's sparse inputs for one mini-batch: the distinct learners and
 * courses of the batch, their non-zeros flattened with segment ids (so the device sums embedding rows
 * with one gather and one segment sum), and each row's position among the distinct ones.
 */
import { flatRows, type FlatRows } from './flat-rows.ts';
import { flatWindows, type CausalWindows } from './windows.ts';
import { csrHas, type SparseRows } from '../../data/index.ts';

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

/** The seed inputs of rows (users[k], items[k]). */
export function seedBatch(
  users: Int32Array,
  items: Int32Array,
  learners: SparseRows,
  courses: Required<SparseRows>,
): SeedBatch {
  const [uIds, rowUser] = distinct(users);
  const [iIds, rowItem] = distinct(items);
  const inHist = Float32Array.from(users, (u, k) => (csrHas(learners, u, items[k]) ? 1 : 0));
  return { learners: flatRows(learners, uIds), courses: flatRows(courses, iIds), rowUser, rowItem, inHist };
}

/** The seed inputs of rows whose learner input is their positive's own row of `windows` (causal training). */
export function causalSeedBatch(
  positive: Int32Array,
  items: Int32Array,
  windows: CausalWindows,
  courses: Required<SparseRows>,
): SeedBatch {
  const [pIds, rowUser] = distinct(positive);
  const [iIds, rowItem] = distinct(items);
  // A window holds only earlier courses, never the row's own, so nothing leaves the sum.
  return {
    learners: flatWindows(windows, pIds),
    courses: flatRows(courses, iIds),
    rowUser,
    rowItem,
    inHist: new Float32Array(items.length),
  };
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
