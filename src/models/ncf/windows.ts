/**
 * Causal learner inputs of the seed variant, one window per positive (aligned with `rows.indices`, the
 * distinct (learner, course) pairs): the latest `window` distinct courses the learner watched strictly
 * before that watch (0 = all before it; by time, ties by file order; a re-watched pair takes its latest
 * watch). Training on these asks what serving asks: the next course given the latest ones.
 *
 * Linear in the log: with `window: 0` a window is never copied out. Each pair gets the rank of its
 * course's first watch in the learner's history, each positive a cut, and its window is the courses of
 * the learner's row ranked below the cut (less its own), read in the row's ascending order when a batch
 * is flattened. With `window > 0` each window (at most `window` courses) is stored, found by walking a
 * recency list from its newest end, so building costs O(events + positives · window).
 */
import { csrPosition, type InteractionLog, type SparseRows } from '../../data/index.ts';
import type { FlatRows } from './flat-rows.ts';

/** Every window stored, ascending (`window > 0`). */
export interface StoredWindows {
  kind: 'stored';
  windows: SparseRows;
}

/** Windows as cuts into each learner's first-watch order (`window: 0`). */
export interface PrefixWindows {
  kind: 'prefix';
  /** The distinct (learner, course) pairs: `userItemRows(log)`. */
  rows: SparseRows;
  /** Per pair: its learner. */
  user: Int32Array;
  /** Per pair: rank of the course's first watch in its learner's history (0 = first course watched). */
  rank: Int32Array;
  /** Per positive: distinct courses watched up to and including its latest watch; its window is those less itself. */
  cut: Int32Array;
}

/** The causal windows of every positive. */
export type CausalWindows = StoredWindows | PrefixWindows;

/**
 * The causal windows of `log`'s positives; `rows` must be `userItemRows(log)` (every event's pair is a
 * row entry). O(events · log events) time, O(events) memory for `window: 0`.
 */
export function positiveWindows(log: InteractionLog, rows: SparseRows, window: number): CausalWindows {
  const order = eventsByUserInTime(log, rows.nRows);
  return window > 0
    ? { kind: 'stored', windows: latestWindows(log, rows, order, window) }
    : prefixWindows(log, rows, order);
}

/** Positive `p`'s window, ascending. */
export function windowOf(w: CausalWindows, p: number): Int32Array {
  return flatWindows(w, [p]).idx;
}

/** Flattens the windows of positives `ids` (weights 1), as `flatRows` does for stored rows. */
export function flatWindows(w: CausalWindows, ids: ArrayLike<number>): FlatRows {
  const m = w.kind === 'stored' ? w.windows : null;
  const size = (p: number): number => (m ? m.indptr[p + 1] - m.indptr[p] : (w as PrefixWindows).cut[p] - 1);
  let nnz = 0;
  for (let r = 0; r < ids.length; r++) nnz += size(ids[r]);
  const idx = new Int32Array(nnz);
  const seg = new Int32Array(nnz);
  const count = new Float32Array(ids.length);
  let o = 0;
  for (let r = 0; r < ids.length; r++) {
    const p = ids[r];
    const n = size(p);
    if (m) idx.set(m.indices.subarray(m.indptr[p], m.indptr[p + 1]), o);
    else fillPrefix(w as PrefixWindows, p, idx, o);
    seg.fill(r, o, o + n);
    count[r] = n;
    o += n;
  }
  return { idx, seg, w: new Float32Array(nnz).fill(1), count, n: ids.length };
}

/** Writes positive `p`'s prefix window into `out` at `at`: its learner's courses ranked below the cut, less its own. */
function fillPrefix(w: PrefixWindows, p: number, out: Int32Array, at: number): void {
  const { rows, rank, cut } = w;
  const u = w.user[p];
  for (let q = rows.indptr[u]; q < rows.indptr[u + 1]; q++) {
    if (q !== p && rank[q] < cut[p]) out[at++] = rows.indices[q];
  }
}

/** Event indices grouped by user (`ptr`), each user's in time order (ties by file order). */
function eventsByUserInTime(log: InteractionLog, nUsers: number): { ptr: Int32Array; events: Int32Array } {
  const ptr = new Int32Array(nUsers + 1);
  for (let k = 0; k < log.length; k++) ptr[log.users[k] + 1]++;
  for (let u = 0; u < nUsers; u++) ptr[u + 1] += ptr[u];
  const events = new Int32Array(log.length);
  const at = ptr.slice(0, nUsers);
  for (let k = 0; k < log.length; k++) events[at[log.users[k]]++] = k;
  for (let u = 0; u < nUsers; u++)
    events.subarray(ptr[u], ptr[u + 1]).sort((a, b) => log.times[a] - log.times[b] || a - b);
  return { ptr, events };
}

/** `window: 0`: first-watch ranks per pair, and per positive the distinct count at its latest watch. */
function prefixWindows(
  log: InteractionLog,
  rows: SparseRows,
  { ptr, events }: { ptr: Int32Array; events: Int32Array },
): PrefixWindows {
  const nPairs = rows.indices.length;
  const user = new Int32Array(nPairs);
  const rank = new Int32Array(nPairs).fill(-1);
  const cut = new Int32Array(nPairs);
  for (let u = 0; u < rows.nRows; u++) {
    user.fill(u, rows.indptr[u], rows.indptr[u + 1]);
    let distinct = 0;
    for (let e = ptr[u]; e < ptr[u + 1]; e++) {
      const p = csrPosition(rows, u, log.items[events[e]]);
      if (p < 0) continue;
      if (rank[p] < 0) rank[p] = distinct++;
      cut[p] = distinct; // a later watch of the same pair overwrites: the latest one counts
    }
  }
  return { kind: 'prefix', rows, user, rank, cut };
}

/** `window > 0`: each positive's latest `window` earlier courses, from a recency list (newest at the tail). */
function latestWindows(
  log: InteractionLog,
  rows: SparseRows,
  { ptr, events }: { ptr: Int32Array; events: Int32Array },
  window: number,
): SparseRows {
  const nPairs = rows.indices.length;
  // Doubly linked recency list over pair positions; -1 ends it.
  const prev = new Int32Array(nPairs).fill(-1);
  const next = new Int32Array(nPairs).fill(-1);
  const inList = new Uint8Array(nPairs);
  const lastEvent = new Int32Array(nPairs).fill(-1);
  const found: Int32Array[] = new Array(nPairs);
  for (let u = 0; u < rows.nRows; u++) {
    for (let e = ptr[u]; e < ptr[u + 1]; e++) {
      const p = rowPositionOf(log, rows, u, events[e]);
      if (p >= 0) lastEvent[p] = e;
    }
    let tail = -1;
    for (let e = ptr[u]; e < ptr[u + 1]; e++) {
      const p = rowPositionOf(log, rows, u, events[e]);
      if (p < 0) continue;
      if (lastEvent[p] === e) found[p] = collect(rows, prev, tail, p, window);
      if (inList[p]) {
        if (tail === p) continue; // already the newest
        unlink(prev, next, p);
      }
      prev[p] = tail;
      next[p] = -1;
      if (tail >= 0) next[tail] = p;
      tail = p;
      inList[p] = 1;
    }
  }
  return packRows(found, rows.nCols);
}

function rowPositionOf(log: InteractionLog, rows: SparseRows, u: number, k: number): number {
  return csrPosition(rows, u, log.items[k]);
}

/** The courses of the newest `window` list entries from `tail` back, less `self`, ascending. */
function collect(rows: SparseRows, prev: Int32Array, tail: number, self: number, window: number): Int32Array {
  const out: number[] = [];
  for (let q = tail; q >= 0 && out.length < window; q = prev[q]) if (q !== self) out.push(rows.indices[q]);
  return Int32Array.from(out).sort();
}

function unlink(prev: Int32Array, next: Int32Array, p: number): void {
  if (prev[p] >= 0) next[prev[p]] = next[p];
  if (next[p] >= 0) prev[next[p]] = prev[p];
}

/** Rows (missing ones empty) as one row-sparse matrix. */
function packRows(found: (Int32Array | undefined)[], nCols: number): SparseRows {
  const indptr = new Int32Array(found.length + 1);
  for (let p = 0; p < found.length; p++) indptr[p + 1] = indptr[p] + (found[p]?.length ?? 0);
  const indices = new Int32Array(indptr[found.length]);
  for (let p = 0; p < found.length; p++) if (found[p]) indices.set(found[p] as Int32Array, indptr[p]);
  return { nRows: found.length, nCols, indptr, indices };
}
