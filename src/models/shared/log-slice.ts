/**
 * A part of an interaction log: the rows of its first users and first items, id maps cut to those
 * (so an index means the same in the part and the whole): small, fast fixtures for fold-in tests
 * and quick checks on a real data set.
 */
import { IdMap, makeInteractionLog, type InteractionLog } from '../../data/index.ts';

/** Rows of `log` whose user index is below `users` and item index below `items`. */
export function sliceLog(log: InteractionLog, users: number, items = log.itemIds.size): InteractionLog {
  const keep: number[] = [];
  for (let k = 0; k < log.length; k++) if (log.users[k] < users && log.items[k] < items) keep.push(k);
  const rows = Int32Array.from(keep);
  return makeInteractionLog({
    users: Int32Array.from(rows, (k) => log.users[k]),
    items: Int32Array.from(rows, (k) => log.items[k]),
    values: Float32Array.from(rows, (k) => log.values[k]),
    times: Float64Array.from(rows, (k) => log.times[k]),
    userIds: new IdMap(log.userIds.ids().slice(0, users), log.userIds.kind),
    itemIds: new IdMap(log.itemIds.ids().slice(0, items), log.itemIds.kind),
  });
}
