/**
 * The ranking service's models in memory, keyed by id and holding exactly one version each. A request
 * for a version not held rehydrates it from the store (once, however many requests wait on it); a
 * model is disposed only when evicted or replaced AND no request is using it. A held (id, version)
 * is trusted without asking the store: stores never issue a version twice for an id, not even after
 * `delete` (see `store/versions.ts`), so it always names the same weights.
 */
import type { IdMap } from '../data/idmap.ts';
import { ModelNotFoundError, StaleModelError } from '../errors.ts';
import type { ModelState, Recommender } from '../models/recommender.ts';
import { modelFromState, type ModelData } from '../models/registry.ts';
import { modelIdMaps } from '../models/shared/state.ts';
import type { ModelInfo, ModelStore } from '../store/types.ts';
import type { LoadedModel, ModelRef } from './protocol.ts';

/** Builds a model from a stored state. */
export type StateLoader = (state: ModelState) => Promise<Recommender<ModelData>>;

/** A model held in memory with its id maps. */
export interface HeldModel {
  readonly modelId: string;
  readonly version: number;
  readonly kind: string;
  readonly model: Recommender<ModelData>;
  readonly users: IdMap;
  readonly items: IdMap;
}

interface Entry extends HeldModel {
  inUse: number;
  retired: boolean;
}

/** Least-recently-used cache of rehydrated models. */
export class ModelCache {
  private readonly held = new Map<string, Entry>(); // insertion order = least recently used first
  private readonly loading = new Map<string, Promise<Entry>>();

  constructor(
    private readonly store: ModelStore,
    private readonly ready: () => Promise<unknown>,
    private readonly capacity: number,
    private readonly fromState: StateLoader = modelFromState,
  ) {}

  /** Runs `fn` on the model `ref` names, rehydrating it first when needed. */
  async use<T>(ref: ModelRef, fn: (held: HeldModel) => Promise<T>): Promise<T> {
    let entry = await this.get(ref);
    // A newer load may have retired (and disposed) it while this request waited for its turn.
    while (entry.retired) entry = await this.get(ref);
    entry.inUse++;
    try {
      return await fn(entry);
    } finally {
      entry.inUse--;
      if (entry.retired && entry.inUse === 0) entry.model.dispose();
    }
  }

  list(): LoadedModel[] {
    return [...this.held.values()].map(({ modelId, version, kind }) => ({ modelId, version, kind }));
  }

  unload(modelId: string): void {
    const entry = this.held.get(modelId);
    if (!entry) return;
    this.held.delete(modelId);
    this.retire(entry);
  }

  clear(): void {
    for (const id of [...this.held.keys()]) this.unload(id);
  }

  private get(ref: ModelRef): Promise<Entry> {
    const entry = this.held.get(ref.modelId);
    if (entry?.version === ref.version) {
      this.held.delete(ref.modelId); // move to the most recently used end
      this.held.set(ref.modelId, entry);
      return Promise.resolve(entry);
    }
    const key = `${ref.modelId}@${ref.version}`;
    let pending = this.loading.get(key);
    if (!pending) {
      pending = this.load(ref).finally(() => this.loading.delete(key));
      this.loading.set(key, pending);
    }
    return pending;
  }

  private async load({ modelId, version }: ModelRef): Promise<Entry> {
    // Read the weights while the backend starts: both sit on the path to a first ranking.
    const [stored] = await Promise.all([this.read(modelId, version), this.ready()]);
    const { users, items } = modelIdMaps(stored.state);
    const model = await this.fromState(stored.state);
    const entry: Entry = { modelId, version, kind: stored.state.kind, model, users, items, inUse: 0, retired: false };
    this.unload(modelId); // an older version of this id
    this.held.set(modelId, entry);
    for (const [id] of this.held) {
      if (this.held.size <= this.capacity) break;
      this.unload(id);
    }
    return entry;
  }

  /**
   * The stored state of `modelId` at `version`: the finished model, or the id's checkpoint when that
   * is the version named (a caller ranking with a half-trained model on purpose).
   */
  private async read(modelId: string, version: number): Promise<{ info: ModelInfo; state: ModelState }> {
    const [finished, checkpoint] = await Promise.all([this.store.info(modelId), this.store.checkpointInfo(modelId)]);
    const which = finished?.version === version ? 'finished' : checkpoint?.version === version ? 'checkpoint' : null;
    const stored = which
      ? await (which === 'finished' ? this.store.load(modelId) : this.store.loadCheckpoint(modelId)).catch(
          (err: unknown) => {
            if (err instanceof ModelNotFoundError) return null; // deleted or replaced meanwhile
            throw err;
          },
        )
      : null;
    if (stored?.info.version === version) return stored;
    throw new StaleModelError(modelId, version, finished?.version ?? null);
  }

  private retire(entry: Entry): void {
    entry.retired = true;
    if (entry.inUse === 0) entry.model.dispose();
  }
}
