/**
 * The time context of NCF ("over a time window where timestamps exist"): how often a course was
 * watched within ±W days of a moment. A training row's moment is its positive's watch time (the
 * negatives drawn for it share it); a learner is scored at their latest training watch. The row's own
 * watch is left out of its count, otherwise the model would learn "this pair was watched".
 */
import { csrPosition, type InteractionLog, type SparseRows } from '../../data/index.ts';

const DAY = 86_400;

/** Each course's watch days (sorted), each learner's latest day, each positive's day. */
export interface Timeline {
  /** Course i's watch days are `days[ptr[i] .. ptr[i + 1])`, ascending: one per distinct learner. */
  ptr: Int32Array;
  days: Float32Array;
  /** Latest training day of each learner (the moment they are scored at). */
  learnerDay: Float32Array;
}

/**
 * The timeline of `log` over its distinct (learner, course) pairs (`rows`), each pair at its latest
 * watch; also each positive's day, aligned with `rows.indices`.
 */
export function buildTimeline(
  log: InteractionLog,
  rows: SparseRows,
): { timeline: Timeline; positiveDay: Float32Array } {
  const positiveDay = new Float32Array(rows.indices.length).fill(-Infinity);
  const learnerDay = new Float32Array(rows.nRows).fill(0);
  for (let k = 0; k < log.length; k++) {
    const p = csrPosition(rows, log.users[k], log.items[k]);
    const day = log.times[k] / DAY;
    if (p >= 0 && day > positiveDay[p]) positiveDay[p] = day;
  }
  const ptr = new Int32Array(rows.nCols + 1);
  for (const i of rows.indices) ptr[i + 1]++;
  for (let i = 0; i < rows.nCols; i++) ptr[i + 1] += ptr[i];
  const days = new Float32Array(rows.indices.length);
  const at = ptr.slice(0, rows.nCols);
  for (let u = 0; u < rows.nRows; u++) {
    let latest = -Infinity;
    for (let p = rows.indptr[u]; p < rows.indptr[u + 1]; p++) {
      days[at[rows.indices[p]]++] = positiveDay[p];
      latest = Math.max(latest, positiveDay[p]);
    }
    learnerDay[u] = Number.isFinite(latest) ? latest : 0;
  }
  for (let i = 0; i < rows.nCols; i++) days.subarray(ptr[i], ptr[i + 1]).sort();
  return { timeline: { ptr, days, learnerDay }, positiveDay };
}

/** log(1 + watches of `item` within ±`window` days of `day`, less `self`). */
export function recentWatches(t: Timeline, item: number, day: number, window: number, self: number): number {
  const from = t.ptr[item];
  const to = t.ptr[item + 1];
  const n = lowerBound(t.days, from, to, day + window, true) - lowerBound(t.days, from, to, day - window, false);
  return Math.log1p(Math.max(n - self, 0));
}

/** The context feature of a training batch: row k is (items[k], its positive's day), labels[k] = 1 if the watch is the row's own. */
export function batchFeature(
  t: Timeline,
  items: Int32Array,
  days: Float32Array,
  labels: Float32Array,
  window: number,
): Float32Array {
  return Float32Array.from(items, (item, k) => recentWatches(t, item, days[k], window, labels[k]));
}

/** Row-major [users.length, nItems]: each learner at their latest day against every course. */
export function learnerFeatures(t: Timeline, users: Int32Array, window: number): Float32Array {
  const nItems = t.ptr.length - 1;
  const out = new Float32Array(users.length * nItems);
  users.forEach((u, r) => {
    for (let i = 0; i < nItems; i++) out[r * nItems + i] = recentWatches(t, i, t.learnerDay[u], window, 0);
  });
  return out;
}

/** First index in [from, to) whose value is > x (`after`) or ≥ x. */
function lowerBound(a: Float32Array, from: number, to: number, x: number, after: boolean): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] < x || (after && a[mid] === x)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
