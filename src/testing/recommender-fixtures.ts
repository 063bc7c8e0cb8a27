/**
 * Known-answer interaction logs for the model contract: implicit's checkerboard (even users like even
 * items, odd users odd items) for personalised models, and a log with known item counts for
 * non-personalised ones. External ids are strings (`u3`, `i5`) so id-map handling is exercised.
 */
import { IdMap, makeInteractionLog, type InteractionLog } from '../data/index.ts';

/** The checkerboard with one held-out same-parity item per user. */
export interface CheckerboardFixture {
  /** Training log: every same-parity (user, item) pair except the held-out ones. */
  log: InteractionLog;
  /** Per dense user, the held-out item (same parity as the user, unseen in training). */
  heldOut: Int32Array;
  /** Per dense user, its training items. */
  trainItems: Int32Array[];
}

/**
 * `users` users and `items` items (both even, `items` >= 4); user u holds out the
 * ((u >> 1) mod items/2)-th item of its parity, so same-parity users hold out different items.
 */
export function checkerboardFixture(users = 8, items = 8): CheckerboardFixture {
  const heldOut = Int32Array.from({ length: users }, (_, u) => (u % 2) + 2 * ((u >> 1) % (items / 2)));
  const pairs: [number, number][] = [];
  const trainItems: Int32Array[] = [];
  for (let u = 0; u < users; u++) {
    const mine: number[] = [];
    for (let i = u % 2; i < items; i += 2) if (i !== heldOut[u]) pairs.push([u, i]), mine.push(i);
    trainItems.push(Int32Array.from(mine));
  }
  return { log: logOf(pairs, users, items), heldOut, trainItems };
}

/** A log whose item counts are `counts` (user u interacts with item i when u < counts[i]). */
export interface PopularityFixture {
  log: InteractionLog;
  /** Items by descending count (ties by index): what a most-popular model must return. */
  expectedOrder: Int32Array;
}

/** Item counts [2, 5, 1, 4, 3] over 5 users: expected order 1, 3, 4, 0, 2. */
export function popularityFixture(counts: readonly number[] = [2, 5, 1, 4, 3]): PopularityFixture {
  const users = counts.reduce((m, c) => Math.max(m, c), -Infinity);
  const pairs: [number, number][] = [];
  for (let u = 0; u < users; u++) counts.forEach((c, i) => u < c && pairs.push([u, i]));
  const order = Array.from(counts.keys()).sort((a, b) => counts[b] - counts[a] || a - b);
  return { log: logOf(pairs, users, counts.length), expectedOrder: Int32Array.from(order) };
}

/** One user, one item, one interaction: the smallest log a model must fit. */
export function tinyLog(): InteractionLog {
  return logOf([[0, 0]], 1, 1);
}

/** A log with no interactions (but non-empty id maps). */
export function emptyLog(): InteractionLog {
  return logOf([], 2, 2);
}

function logOf(pairs: readonly [number, number][], users: number, items: number): InteractionLog {
  return makeInteractionLog({
    users: Int32Array.from(pairs, ([u]) => u),
    items: Int32Array.from(pairs, ([, i]) => i),
    times: Float64Array.from(pairs, (_, k) => k),
    userIds: new IdMap(
      Array.from({ length: users }, (_, u) => `u${u}`),
      'user',
    ),
    itemIds: new IdMap(
      Array.from({ length: items }, (_, i) => `i${i}`),
      'item',
    ),
  });
}
