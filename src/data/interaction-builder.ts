import { IdMap, type ExternalId } from './idmap.ts';
import type { InteractionLog } from './interactions.ts';

const INITIAL_CAPACITY = 1024;

/**
 * Appends interactions one at a time into growable typed columns (amortised O(1), no per-row
 * objects), mapping external ids to dense indices on the way. Used by the loaders and simulators.
 *
 * @example
 * const b = new InteractionLogBuilder();
 * b.add('alice', 'course-7', 1, 1700000000);
 * const log = b.build();
 */
export class InteractionLogBuilder {
  /** Users seen so far (shared with the built log). */
  readonly userIds: IdMap;
  /** Items seen so far (shared with the built log). */
  readonly itemIds: IdMap;
  private users = new Int32Array(INITIAL_CAPACITY);
  private items = new Int32Array(INITIAL_CAPACITY);
  private values = new Float32Array(INITIAL_CAPACITY);
  private times = new Float64Array(INITIAL_CAPACITY);
  private count = 0;

  /** @param ids existing maps to extend (e.g. a catalogue's item map); fresh ones by default. */
  constructor(ids: { userIds?: IdMap; itemIds?: IdMap } = {}) {
    this.userIds = ids.userIds ?? new IdMap([], 'user');
    this.itemIds = ids.itemIds ?? new IdMap([], 'item');
  }

  /** Entries added so far. */
  get length(): number {
    return this.count;
  }

  /** Appends one interaction; the caller validates `value` and `time` (they are stored as given). */
  add(userId: ExternalId, itemId: ExternalId, value = 1, time = 0): void {
    if (this.count === this.users.length) this.grow();
    const k = this.count++;
    this.users[k] = this.userIds.add(userId);
    this.items[k] = this.itemIds.add(itemId);
    this.values[k] = value;
    this.times[k] = time;
  }

  /** The log so far, trimmed to size (copies, so the builder may keep growing). */
  build(): InteractionLog {
    const n = this.count;
    return {
      users: this.users.slice(0, n),
      items: this.items.slice(0, n),
      values: this.values.slice(0, n),
      times: this.times.slice(0, n),
      userIds: this.userIds,
      itemIds: this.itemIds,
      length: n,
    };
  }

  private grow(): void {
    const capacity = this.users.length * 2;
    this.users = grown(this.users, new Int32Array(capacity));
    this.items = grown(this.items, new Int32Array(capacity));
    this.values = grown(this.values, new Float32Array(capacity));
    this.times = grown(this.times, new Float64Array(capacity));
  }
}

function grown<T extends Int32Array | Float32Array | Float64Array>(old: T, fresh: T): T {
  fresh.set(old as ArrayLike<number>);
  return fresh;
}
