/**
 * What every model on an `InteractionLog` remembers about the data it was fitted on: the sizes, the
 * id maps and each user's training items (so `recommend` can leave out what a user already has).
 * One small class so each model does not re-implement the same `meta` plumbing.
 */
import { type InteractionLog, type SparseRows, userItemRows } from '../../data/index.ts';
import { InvalidArgumentError } from '../../errors.ts';
import { checkObject, stateError } from './state-checks.ts';
import type { Json, ModelState, RecommendOptions, StateTensor } from '../recommender.ts';
import { idMapsMeta, intTensor, readCount, readRows } from './state.ts';
import { candidateItems } from './topk.ts';
import { checkIndex } from './validate.ts';

/** Sizes and id maps of the training log (empty until a fit or a state gives them). */
export class Catalogue {
  constructor(
    readonly nUsers = 0,
    readonly nItems = 0,
    private readonly ids: { userIds: Json; itemIds: Json } = { userIds: null, itemIds: null },
    /** Each user's distinct training items; null for a state saved without them. */
    readonly history: SparseRows | null = null,
  ) {}

  /** From a log about to be fitted. */
  static fromLog(log: InteractionLog): Catalogue {
    return new Catalogue(log.userIds.size, log.itemIds.size, idMapsMeta(log), userItemRows(log));
  }

  /**
   * From a state: sizes and id maps from `meta`, the history from its `seen.*` tensors when present
   * (offsets, item range and ascending rows checked: a `StateFormatError` naming the field otherwise).
   */
  static fromState(state: ModelState): Catalogue {
    const sizes = Catalogue.fromMeta(state.meta, state.kind);
    if (!Object.hasOwn(state.tensors, 'seen.ptr')) return sizes;
    return sizes.withHistory(readRows(state, 'seen', sizes.nUsers, sizes.nItems, true, 'items'));
  }

  /** The same catalogue with `history` (models that keep the rows anyway share them). */
  withHistory(history: SparseRows | null): Catalogue {
    return new Catalogue(this.nUsers, this.nItems, this.ids, history);
  }

  /** The history as state tensors (`seen.ptr`, `seen.items`), empty when there is none. */
  historyTensors(): Record<string, StateTensor> {
    const h = this.history;
    return h ? { 'seen.ptr': intTensor(h.indptr.slice()), 'seen.items': intTensor(h.indices.slice()) } : {};
  }

  /**
   * The items `recommend` may return for `user`: `candidates` less `exclude`, and less the user's
   * training items when `excludeSeen` is set (a typed error when the state carries no history).
   */
  candidates(user: number, options: RecommendOptions): Int32Array {
    if (!options.excludeSeen) return candidateItems(this.nItems, options);
    if (!this.history) throw new InvalidArgumentError('excludeSeen: this model was saved without its training history');
    const seen = this.history.indices.subarray(this.history.indptr[user], this.history.indptr[user + 1]);
    const exclude = options.exclude ? joined(options.exclude, seen) : seen;
    return candidateItems(this.nItems, { ...options, exclude });
  }

  /** From a state's `meta`: sizes checked, id maps (when present) checked to be as long as the sizes. */
  static fromMeta(meta: ModelState['meta'], kind = 'unknown'): Catalogue {
    const nUsers = readCount(meta, 'nUsers', MAX_ENTITIES, kind);
    const nItems = readCount(meta, 'nItems', MAX_ENTITIES, kind);
    const userIds = checkIdMapJson(kind, 'meta.userIds', meta.userIds, nUsers);
    const itemIds = checkIdMapJson(kind, 'meta.itemIds', meta.itemIds, nItems);
    return new Catalogue(nUsers, nItems, { userIds, itemIds });
  }

  /** The `meta` entries: `nUsers`, `nItems`, `userIds`, `itemIds` (IdMap JSON). */
  toMeta(): { [key: string]: Json } {
    return { nUsers: this.nUsers, nItems: this.nItems, userIds: this.ids.userIds, itemIds: this.ids.itemIds };
  }

  /** Throws unless `user` is a known dense user. */
  checkUser(user: number): void {
    checkIndex(user, this.nUsers, 'user');
  }

  /** Throws unless `item` is a known dense item. */
  checkItem(item: number): void {
    checkIndex(item, this.nItems, 'item');
  }
}

/** Most users or items a state may declare (an `Int32Array` index must reach every one). */
export const MAX_ENTITIES = 2 ** 30;

/**
 * An id map's JSON as a state carries it: absent (null) or `{ kind, ids }` with one string or finite
 * number per entity. One linear pass; repeated ids are found when the service builds the map.
 */
function checkIdMapJson(kind: string, field: string, v: Json | undefined, size: number): Json {
  if (v === undefined || v === null) return null;
  const o = checkObject(kind, field, v);
  if (typeof o.kind !== 'string' || !Array.isArray(o.ids))
    throw stateError(kind, field, 'must be {kind: string, ids: (string | number)[]} or null');
  if (o.ids.length !== size) throw stateError(kind, `${field}.ids`, `holds ${o.ids.length} ids for ${size} entities`);
  for (let i = 0; i < o.ids.length; i++) {
    const id = o.ids[i];
    if (typeof id !== 'string' && !(typeof id === 'number' && Number.isFinite(id)))
      throw stateError(kind, `${field}.ids`, `entry ${i} is not an id`);
  }
  return v;
}

/** `a` then `b` in one array (no spread: a user's history may hold 100k+ items). */
function joined(a: ArrayLike<number>, b: Int32Array): Int32Array {
  const out = new Int32Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
