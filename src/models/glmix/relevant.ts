import { makeInteractionLog, type InteractionLog } from '../../data/index.ts';
import type { CourseData } from './data.ts';

/** Only the watches past the duration threshold: the implicit positives NCF trains on. */
export function relevantWatches(data: CourseData): InteractionLog {
  const { log } = data;
  const keep: number[] = [];
  for (let k = 0; k < log.length; k++) if (log.values[k] >= data.relevantSeconds) keep.push(k);
  return makeInteractionLog({
    users: Int32Array.from(keep, (k) => log.users[k]),
    items: Int32Array.from(keep, (k) => log.items[k]),
    values: new Float32Array(keep.length).fill(1),
    times: Float64Array.from(keep, (k) => log.times[k]),
    userIds: log.userIds,
    itemIds: log.itemIds,
  });
}
