/**
 * What every model on an `InteractionLog` remembers about the data it was fitted on: the sizes and
 * the id maps. One small class so each model does not re-implement the same `meta` plumbing.
 */
import type { InteractionLog } from '../../data';
import type { Json, ModelState } from '../recommender';
import { idMapsMeta, readCount } from './state';
import { checkIndex } from './validate';

/** Sizes and id maps of the training log (empty until a fit or a state gives them). */
export class Catalogue {
  constructor(
    readonly nUsers = 0,
    readonly nItems = 0,
    private readonly ids: { userIds: Json; itemIds: Json } = { userIds: null, itemIds: null },
  ) {}

  /** From a log about to be fitted. */
  static fromLog(log: InteractionLog): Catalogue {
    return new Catalogue(log.userIds.size, log.itemIds.size, idMapsMeta(log));
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
