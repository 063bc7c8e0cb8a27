/**
 * The blender's validation split: each member's latest watch (label: past the duration threshold) and
 * three sampled unwatched courses (label 0), on which the part weights are learned.
 */
import { type InteractionLog, Rng, userItemRows } from '../../data/index.ts';
import type { CourseData } from '../glmix/index.ts';

/** Held-out watches (label: past the threshold) and 3 sampled unwatched courses each (label 0). */
export function validationRows(
  data: CourseData,
  testItem: Int32Array,
  seed: number,
): { users: Int32Array; items: Int32Array; y: Float32Array } {
  const rng = new Rng(seed).fork('blend-validation');
  const seen = userItemRows(data.log);
  const users: number[] = [];
  const items: number[] = [];
  const y: number[] = [];
  const latestSeconds = latestWatchSeconds(data.log);
  const nItems = data.log.itemIds.size;
  testItem.forEach((i, u) => {
    if (i < 0) return;
    users.push(u), items.push(i), y.push(latestSeconds[u] >= data.relevantSeconds ? 1 : 0);
    for (let j = 0; j < 3 && seen.indptr[u + 1] - seen.indptr[u] < nItems; j++) {
      let c = rng.int(nItems);
      while (seen.indices.subarray(seen.indptr[u], seen.indptr[u + 1]).includes(c)) c = rng.int(nItems);
      users.push(u), items.push(c), y.push(0);
    }
  });
  return { users: Int32Array.from(users), items: Int32Array.from(items), y: Float32Array.from(y) };
}

/** Seconds of each user's latest watch (the one leaveOneOutLatest holds out). */
function latestWatchSeconds(log: InteractionLog): Float32Array {
  const out = new Float32Array(log.userIds.size);
  const t = new Float64Array(log.userIds.size).fill(-Infinity);
  for (let k = 0; k < log.length; k++)
    if (log.times[k] >= t[log.users[k]]) (t[log.users[k]] = log.times[k]), (out[log.users[k]] = log.values[k]);
  return out;
}
