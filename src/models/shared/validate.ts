/**
 * Argument checks shared by every model, so each rejects bad input the same way: NaN or a fraction
 * is an InvalidArgumentError (a caller bug), an integer outside the model's range an UnknownIdError
 * (an id the model never saw).
 */
import { AbortError, InvalidArgumentError, UnknownIdError } from '../../errors.ts';
import type { InteractionLog } from '../../data/index.ts';

/** Throws unless `index` is an integer in 0..size-1. */
export function checkIndex(index: number, size: number, kind: 'user' | 'item'): void {
  if (!Number.isInteger(index)) throw new InvalidArgumentError(`${kind} index must be an integer, got ${index}`);
  if (index < 0 || index >= size) throw new UnknownIdError(kind, index);
}

/** {@link checkIndex} over an array. */
export function checkIndices(indices: ArrayLike<number>, size: number, kind: 'user' | 'item'): void {
  for (let k = 0; k < indices.length; k++) checkIndex(indices[k], size, kind);
}

/** `k` of recommend / similarItems: an integer >= 0 (default 10). */
export function checkK(k: number | undefined): number {
  const value = k ?? 10;
  if (!Number.isInteger(value) || value < 0) throw new InvalidArgumentError(`k must be an integer >= 0, got ${value}`);
  return value;
}

/** `score`'s pair arrays: equal lengths, known users and items. */
export function checkPairs(users: Int32Array, items: Int32Array, nUsers: number, nItems: number): void {
  if (users.length !== items.length) {
    throw new InvalidArgumentError(`score: ${users.length} users but ${items.length} items`);
  }
  checkIndices(users, nUsers, 'user');
  checkIndices(items, nItems, 'item');
}

/**
 * A log a model can train on: not empty, indices inside its id maps, finite values. `makeInteractionLog`
 * checks the same, but a log may also be assembled by hand or cross a worker boundary.
 */
export function checkLog(log: InteractionLog, model: string): void {
  if (log.length === 0 || log.users.length === 0) {
    throw new InvalidArgumentError(`${model}: cannot fit on an empty interaction log (0 interactions)`);
  }
  if (log.users.length !== log.length || log.items.length !== log.length || log.values.length !== log.length) {
    throw new InvalidArgumentError(`${model}: log columns disagree with its length ${log.length}`);
  }
  const nUsers = log.userIds.size;
  const nItems = log.itemIds.size;
  for (let k = 0; k < log.length; k++) {
    const u = log.users[k];
    const i = log.items[k];
    if (!(u >= 0 && u < nUsers))
      throw new InvalidArgumentError(`${model}: entry ${k} has user index ${u} outside 0..${nUsers - 1}`);
    if (!(i >= 0 && i < nItems))
      throw new InvalidArgumentError(`${model}: entry ${k} has item index ${i} outside 0..${nItems - 1}`);
    if (!Number.isFinite(log.values[k]))
      throw new InvalidArgumentError(`${model}: entry ${k} has value ${log.values[k]}`);
  }
}

/** Rejects with AbortError when `signal` is aborted. */
export function throwIfAborted(signal: AbortSignal | undefined, what: string): void {
  if (signal?.aborted) throw new AbortError(`${what} aborted`);
}
