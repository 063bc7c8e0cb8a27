/**
 * What every model on an `InteractionLog` remembers about the data it was fitted on: the sizes, the
 * id maps and each user's training items (so `recommend` can leave out what a user already has).
 * One small class so each model does not re-implement the same `meta` plumbing.
 */
import type { InteractionLog } from '../../data';
import type { SparseRows } from '../../eval/baselines';
import { InvalidArgumentError } from '../../errors';
import type { Json, ModelState, RecommendOptions, StateTensor } from '../recommender';
import { userItemRows } from './rows';
import { idMapsMeta, intTensor, readCount, readInt } from './state';
import { candidateItems } from './topk';
import { checkIndex } from './validate';

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

  /** From a state: sizes and id maps from `meta`, the history from its `seen.*` tensors when present. */
  static fromState(state: ModelState): Catalogue {
    const sizes = Catalogue.fromMeta(state.meta);
    if (!state.tensors['seen.ptr']) return sizes;
    const indptr = readInt(state, 'seen.ptr', [sizes.nUsers + 1]).slice();
    const indices = readInt(state, 'seen.items', [indptr[sizes.nUsers]]).slice();
    if (!indices.every((i) => i >= 0 && i < sizes.nItems)) throw new InvalidArgumentError('state seen.items holds unknown items');
    return sizes.withHistory({ nRows: sizes.nUsers, nCols: sizes.nItems, indptr, indices });
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
    const exclude = options.exclude ? Int32Array.from([...options.exclude, ...seen]) : seen;
    return candidateItems(this.nItems, { ...options, exclude });
  }

  /** From a state's `meta` (sizes checked; id maps carried as they are). */
  static fromMeta(meta: ModelState['meta']): Catalogue {
    return new Catalogue(readCount(meta, 'nUsers'), readCount(meta, 'nItems'), {
      userIds: meta.userIds ?? null,
      itemIds: meta.itemIds ?? null,
    });
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
