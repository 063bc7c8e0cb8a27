/**
 * One system's state in the model store, under a fixed id: what the last `train` built waits here
 * until `keep()` saves it (so a quota error is the caller's to show while the trained state still
 * serves), and `load()` reads it back. Talent search and the feed each hold one.
 */
import { InvalidArgumentError, ModelNotFoundError, UnknownIdError } from '../errors.ts';
import type { ModelInfo, ModelStore } from './types.ts';
import type { ModelState } from '../models/recommender.ts';

export class StoredSlot {
  private unsaved: ModelState | null = null;

  /** `store` null: nothing is kept (Node tests, in-memory use); `label` names the system in errors. */
  constructor(
    private readonly store: ModelStore | null,
    readonly id: string,
    private readonly label: string,
  ) {}

  /** Whether there is a store to keep states in (callers skip building one otherwise). */
  get enabled(): boolean {
    return this.store !== null;
  }

  /** The state a finished `train` built (null when a run starts: a failed run never keeps an old one). */
  set(state: ModelState | null): void {
    this.unsaved = this.store ? state : null;
  }

  /**
   * Stores what `train` built last (one atomic save).
   * @throws StorageQuotaError when it does not fit; InvalidArgumentError without a store or before training.
   */
  async keep(): Promise<ModelInfo> {
    if (!this.store || !this.unsaved)
      throw new InvalidArgumentError(`${this.label}: nothing to keep (no store, or not trained)`);
    const info = await this.store.save(this.id, this.unsaved);
    this.unsaved = null;
    return info;
  }

  /** The stored info (no weights read), or null when nothing is stored (or there is no store). */
  async stored(): Promise<ModelInfo | null> {
    return (await this.store?.info(this.id)) ?? null;
  }

  /** Every stored state of this slot (none or one), without reading weights. */
  async list(): Promise<ModelInfo[]> {
    const info = await this.stored();
    return info ? [info] : [];
  }

  /** Deletes the stored state (a no-op when none is) and forgets an unsaved one; `id` must be this slot's. */
  async delete(id: string = this.id): Promise<void> {
    if (id !== this.id) throw new UnknownIdError('model', id);
    this.unsaved = null;
    await this.store?.delete(this.id);
  }

  /** @throws ModelNotFoundError when nothing (or only the info) is stored: the browser may have evicted it. */
  async load(): Promise<{ info: ModelInfo; state: ModelState }> {
    if (!this.store) throw new ModelNotFoundError(this.id);
    return this.store.load(this.id);
  }
}
