import { InvalidArgumentError } from '../errors.ts';
import { cooToCsr, distinctRows, type SparseRows } from './sparse-rows.ts';
import type { IdMap } from './idmap.ts';

/**
 * An interaction log as parallel columns (COO), one entry per event, in source (file) order.
 * `users[k]` and `items[k]` are dense indices into `userIds` / `itemIds`.
 */
export interface InteractionLog {
  users: Int32Array;
  items: Int32Array;
  /** Rating, count or 1 for implicit feedback. */
  values: Float32Array;
  /** Event time (MovieLens: Unix seconds); order matters for splits. */
  times: Float64Array;
  userIds: IdMap;
  itemIds: IdMap;
  length: number;
}

/** The columns of an {@link InteractionLog}; `values` default to 1 and `times` to 0. */
export interface InteractionColumns {
  users: Int32Array;
  items: Int32Array;
  values?: Float32Array;
  times?: Float64Array;
  userIds: IdMap;
  itemIds: IdMap;
}

/** Assembles and validates a log: equal lengths, indices inside the id maps, finite values and times. */
export function makeInteractionLog(columns: InteractionColumns): InteractionLog {
  const n = columns.users.length;
  const values = columns.values ?? new Float32Array(n).fill(1);
  const times = columns.times ?? new Float64Array(n);
  if (columns.items.length !== n || values.length !== n || times.length !== n) {
    throw new InvalidArgumentError('users, items, values and times must have the same length');
  }
  const nUsers = columns.userIds.size;
  const nItems = columns.itemIds.size;
  for (let k = 0; k < n; k++) {
    const u = columns.users[k];
    const i = columns.items[k];
    if (u < 0 || u >= nUsers) throw new InvalidArgumentError(`entry ${k}: user index ${u} outside 0..${nUsers - 1}`);
    if (i < 0 || i >= nItems) throw new InvalidArgumentError(`entry ${k}: item index ${i} outside 0..${nItems - 1}`);
    if (!Number.isFinite(values[k]) || !Number.isFinite(times[k])) {
      throw new InvalidArgumentError(`entry ${k}: value and time must be finite`);
    }
  }
  return { ...columns, values, times, length: n };
}

/**
 * The log as {@link SparseRows} with values: rows are users and columns items (`'user'`), or the reverse (`'item'`).
 * Values are the log's values; a repeated (user, item) pair stays as repeated entries.
 */
export function toCsr(log: InteractionLog, by: 'user' | 'item'): Required<SparseRows> {
  return by === 'user'
    ? cooToCsr(log.users, log.items, log.values, log.userIds.size, log.itemIds.size)
    : cooToCsr(log.items, log.users, log.values, log.itemIds.size, log.userIds.size);
}

/**
 * The log as a 0/1 user → items matrix: each user's distinct items, ascending. A repeated
 * (user, item) event is one positive, not several.
 */
export function userItemRows(log: InteractionLog): SparseRows {
  return distinctRows(toCsr(log, 'user'));
}

/** Number of log entries per dense item. */
export function itemCounts(log: InteractionLog): Int32Array {
  return countIndices(log.items, log.itemIds.size);
}

/** Number of log entries per dense user. */
export function userCounts(log: InteractionLog): Int32Array {
  return countIndices(log.users, log.userIds.size);
}

/** The entries at `rows` (in the given order) as a new log sharing the id maps. */
export function selectRows(log: InteractionLog, rows: Int32Array): InteractionLog {
  const n = rows.length;
  const out = {
    users: new Int32Array(n),
    items: new Int32Array(n),
    values: new Float32Array(n),
    times: new Float64Array(n),
  };
  for (let k = 0; k < n; k++) {
    const r = rows[k];
    if (!(r >= 0 && r < log.length)) throw new InvalidArgumentError(`row ${r} outside 0..${log.length - 1}`);
    out.users[k] = log.users[r];
    out.items[k] = log.items[r];
    out.values[k] = log.values[r];
    out.times[k] = log.times[r];
  }
  return { ...out, userIds: log.userIds, itemIds: log.itemIds, length: n };
}

function countIndices(indices: Int32Array, n: number): Int32Array {
  const counts = new Int32Array(n);
  for (let k = 0; k < indices.length; k++) counts[indices[k]]++;
  return counts;
}
