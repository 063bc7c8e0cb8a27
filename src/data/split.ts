import type { InteractionLog } from './interactions.ts';
import { selectRows } from './interactions.ts';

/** A leave-one-out split: the training log and, per dense user, the held-out item and its time. */
export interface LeaveOneOutSplit {
  /** Every interaction except the held-out ones, in the input's order; shares its id maps. */
  train: InteractionLog;
  /** Per dense user: the held-out item, or -1 when the user has fewer than 2 interactions. */
  testItem: Int32Array;
  /** Per dense user: the held-out interaction's time, or NaN when nothing is held out. */
  testTime: Float64Array;
}

/**
 * Holds out each user's latest interaction (the NCF / BPR evaluation protocol). Among interactions
 * with the same latest timestamp, the one later in the log (file order) is held out, so the split is
 * deterministic. Users with fewer than 2 interactions keep everything in `train` (nothing to train on
 * otherwise) and get `testItem = -1`.
 */
export function leaveOneOutLatest(log: InteractionLog): LeaveOneOutSplit {
  const nUsers = log.userIds.size;
  const latestRow = new Int32Array(nUsers).fill(-1);
  const counts = new Int32Array(nUsers);
  for (let k = 0; k < log.length; k++) {
    const u = log.users[k];
    counts[u]++;
    // `>=` lets a later row win a tie on time.
    if (latestRow[u] < 0 || log.times[k] >= log.times[latestRow[u]]) latestRow[u] = k;
  }
  const testItem = new Int32Array(nUsers).fill(-1);
  const testTime = new Float64Array(nUsers).fill(NaN);
  const heldOut = new Uint8Array(log.length);
  let nHeld = 0;
  for (let u = 0; u < nUsers; u++) {
    if (counts[u] < 2) continue;
    const k = latestRow[u];
    testItem[u] = log.items[k];
    testTime[u] = log.times[k];
    heldOut[k] = 1;
    nHeld++;
  }
  const keep = new Int32Array(log.length - nHeld);
  for (let k = 0, j = 0; k < log.length; k++) if (!heldOut[k]) keep[j++] = k;
  return { train: selectRows(log, keep), testItem, testTime };
}
