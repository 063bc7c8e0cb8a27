import { InvalidArgumentError, UnknownIdError } from '../errors.ts';

/** An external identifier as it appears in a data file: a number or a string (`1` and `'1'` differ). */
export type ExternalId = string | number;

/** The JSON form of an {@link IdMap}: its kind and its ids in dense-index order. */
export interface IdMapJSON {
  kind: string;
  ids: ExternalId[];
}

/**
 * A bijection between external ids and dense indices 0..size-1, assigned in first-seen order.
 * Models work on the dense indices; the map translates at the edges (loading, display, storage).
 *
 * @example
 * const users = new IdMap([], 'user');
 * users.add(42); // 0
 * users.index(42); // 0, users.id(0) === 42
 */
export class IdMap {
  private readonly byId = new Map<ExternalId, number>();
  private readonly list: ExternalId[] = [];

  /**
   * @param ids initial ids; repeats are ignored (first occurrence wins).
   * @param kind what the ids name ('user', 'item', 'node'…), used in error messages.
   */
  constructor(
    ids: Iterable<ExternalId> = [],
    readonly kind = 'id',
  ) {
    for (const id of ids) this.add(id);
  }

  /** Number of distinct ids. */
  get size(): number {
    return this.list.length;
  }

  /** The dense index of `id`, assigning the next free one if it is new. */
  add(id: ExternalId): number {
    const known = this.byId.get(id);
    if (known !== undefined) return known;
    if (typeof id === 'number' && !Number.isFinite(id)) {
      throw new InvalidArgumentError(`${this.kind} id must be finite, got ${id}`);
    }
    const index = this.list.length;
    this.byId.set(id, index);
    this.list.push(id);
    return index;
  }

  /** The dense index of `id`; throws {@link UnknownIdError} when it was never added. */
  index(id: ExternalId): number {
    const known = this.byId.get(id);
    if (known === undefined) throw new UnknownIdError(this.kind, id);
    return known;
  }

  /** The dense index of `id`, or -1 when it is unknown (for hot loops that must not throw). */
  indexOrMinusOne(id: ExternalId): number {
    return this.byId.get(id) ?? -1;
  }

  /** Whether `id` has a dense index. */
  has(id: ExternalId): boolean {
    return this.byId.has(id);
  }

  /** The external id at dense `index`; throws {@link InvalidArgumentError} when out of range. */
  id(index: number): ExternalId {
    if (!Number.isInteger(index) || index < 0 || index >= this.list.length) {
      throw new InvalidArgumentError(`${this.kind} index ${index} is outside 0..${this.list.length - 1}`);
    }
    return this.list[index];
  }

  /** All ids in dense-index order (a read-only view, not a copy). */
  ids(): readonly ExternalId[] {
    return this.list;
  }

  /** JSON form; `IdMap.fromJSON(JSON.parse(JSON.stringify(m)))` gives an equal map. */
  toJSON(): IdMapJSON {
    return { kind: this.kind, ids: this.list.slice() };
  }

  /** Rebuilds a map from {@link IdMap.toJSON}; rejects malformed input or repeated ids. */
  static fromJSON(json: unknown): IdMap {
    const candidate = json as Partial<IdMapJSON> | null;
    if (!candidate || typeof candidate.kind !== 'string' || !Array.isArray(candidate.ids)) {
      throw new InvalidArgumentError('IdMap JSON must be {kind: string, ids: (string | number)[]}');
    }
    const map = new IdMap([], candidate.kind);
    for (const id of candidate.ids as unknown[]) {
      if (typeof id !== 'string' && typeof id !== 'number') {
        throw new InvalidArgumentError(`IdMap JSON holds a non-id value ${JSON.stringify(id)}`);
      }
      if (map.has(id)) throw new InvalidArgumentError(`IdMap JSON repeats id ${JSON.stringify(id)}`);
      map.add(id);
    }
    return map;
  }
}
