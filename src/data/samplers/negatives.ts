import { InvalidArgumentError } from '../../errors.ts';
import { csrHas, csrRow, type SparseRows } from '../sparse-rows.ts';
import type { Rng } from '../rng.ts';

/**
 * Draws `count` distinct items in 0..nItems-1, uniformly, that are not in row `user` of `seen`
 * (the NCF protocol ranks a held-out item against 99 of these). Throws `InvalidArgumentError` when
 * the user has seen too many items to leave `count` unseen ones.
 */
export function sampleNegatives(seen: SparseRows, user: number, count: number, nItems: number, rng: Rng): Int32Array {
  if (!Number.isInteger(count) || count < 0)
    throw new InvalidArgumentError(`count must be an integer >= 0, got ${count}`);
  if (!Number.isInteger(nItems) || nItems < 0)
    throw new InvalidArgumentError(`nItems must be an integer >= 0, got ${nItems}`);
  const row = csrRow(seen, user).indices;
  const available = nItems - countDistinctBelow(row, nItems);
  if (count > available) {
    throw new InvalidArgumentError(
      `user ${user} has seen ${nItems - available} of ${nItems} items; cannot draw ${count} distinct unseen ones`,
    );
  }
  // Rejection is fast while most items are unseen and few are wanted; otherwise list the unseen.
  return 2 * count <= available && 2 * available >= nItems
    ? byRejection(seen, user, count, nItems, rng)
    : fromComplement(row, count, nItems, rng);
}

function byRejection(seen: SparseRows, user: number, count: number, nItems: number, rng: Rng): Int32Array {
  const out = new Int32Array(count);
  const chosen = new Set<number>();
  for (let k = 0; k < count; ) {
    const item = rng.int(nItems);
    if (chosen.has(item) || csrHas(seen, user, item)) continue;
    chosen.add(item);
    out[k++] = item;
  }
  return out;
}

/** Partial Fisher–Yates over the unseen items: exact and O(nItems). */
function fromComplement(row: Int32Array, count: number, nItems: number, rng: Rng): Int32Array {
  const unseen = new Int32Array(nItems - countDistinctBelow(row, nItems));
  let j = 0;
  let r = 0;
  for (let item = 0; item < nItems; item++) {
    while (r < row.length && row[r] < item) r++;
    if (r < row.length && row[r] === item) continue;
    unseen[j++] = item;
  }
  for (let k = 0; k < count; k++) {
    const pick = k + rng.int(unseen.length - k);
    const t = unseen[k];
    unseen[k] = unseen[pick];
    unseen[pick] = t;
  }
  return unseen.slice(0, count);
}

/** Distinct values of a sorted row inside 0..nItems-1. */
function countDistinctBelow(row: Int32Array, nItems: number): number {
  let distinct = 0;
  for (let k = 0; k < row.length; k++) {
    if (row[k] >= 0 && row[k] < nItems && (k === 0 || row[k] !== row[k - 1])) distinct++;
  }
  return distinct;
}
