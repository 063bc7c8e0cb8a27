/**
 * The model store pages and workers use: IndexedDB through idb. A save writes `modelInfo` and
 * `weights` in ONE readwrite transaction, so a crash, a closed tab or a quota error leaves either the
 * previous model or the new one; all bytes are laid out before the transaction opens, because an
 * await on anything but IndexedDB inside it would let it commit early.
 */
import { ModelNotFoundError, StorageQuotaError } from '../errors.ts';
import type { ModelState } from '../models/recommender.ts';
import { decodeState, encodeWeights, nextInfo } from './codec.ts';
import { Connection, type ConnectionEvents } from './connection.ts';
import { DEFAULT_DB_NAME, type QuarantineInfo, type QuarantineRecord } from './schema.ts';
import { listingOrder, nextVersion } from './versions.ts';
import type { ModelInfo, ModelStore, SaveOptions, StorageEstimate } from './types.ts';

/** Every store a save may touch. */
const STORES = ['modelInfo', 'weights', 'versions', 'checkpointInfo', 'checkpointWeights'] as const;

/** Options of {@link IdbModelStore.open}. */
export type IdbStoreOptions = ConnectionEvents;

/** True for a `QuotaExceededError` (a DOMException, or Chromium's subclass of that name). */
export function isQuotaError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as { name?: unknown; code?: unknown };
  return e.name === 'QuotaExceededError' || e.code === 22;
}

/**
 * A ModelStore over IndexedDB, schema-versioned and migrated on open (see `schema.ts`): where the
 * package's workers keep models, so a page can list, load or delete what they trained.
 * @example
 * ```ts
 * import { IdbModelStore } from 'linkrec';
 * const store = await IdbModelStore.open();
 * for (const info of await store.list()) console.log(info.id, info.version, info.kind);
 * const { state } = await store.load('movies'); // ModelNotFoundError when absent
 * ```
 */
export class IdbModelStore implements ModelStore {
  private constructor(private readonly connection: Connection) {}

  /**
   * Opens (creating or upgrading) the model database `name`.
   * @example const store = await IdbModelStore.open(); await store.save('ncf', await model.toState());
   */
  static async open(name = DEFAULT_DB_NAME, options: IdbStoreOptions = {}): Promise<IdbModelStore> {
    const connection = new Connection(name, options);
    await connection.get(); // surfaces migration and version errors here rather than on first use
    return new IdbModelStore(connection);
  }

  /** Name of the database. */
  get name(): string {
    return this.connection.name;
  }

  async save(id: string, state: ModelState, options: SaveOptions = {}): Promise<ModelInfo> {
    const encoded = encodeWeights(id, state);
    const db = await this.connection.get();
    const tx = db.transaction(STORES, 'readwrite', { durability: options.durability ?? 'strict' });
    let info: ModelInfo | undefined;
    const write = async (): Promise<void> => {
      const [previous, checkpoint, issued] = await Promise.all([
        tx.objectStore('modelInfo').get(id),
        tx.objectStore('checkpointInfo').get(id),
        tx.objectStore('versions').get(id),
      ]);
      info = {
        ...nextInfo(id, state, encoded, options, previous ?? checkpoint, Date.now()),
        version: nextVersion(previous, issued?.version, checkpoint),
      };
      // A checkpoint goes to its own slot; a finished model replaces the finished one and drops it.
      const [infoStore, weightsStore] = options.checkpoint
        ? (['checkpointInfo', 'checkpointWeights'] as const)
        : (['modelInfo', 'weights'] as const);
      const pending: Promise<unknown>[] = [
        tx.objectStore(weightsStore).put(encoded.record),
        tx.objectStore('versions').put({ id, version: info.version }),
      ];
      if (!options.checkpoint && checkpoint)
        pending.push(tx.objectStore('checkpointInfo').delete(id), tx.objectStore('checkpointWeights').delete(id));
      for (const p of pending) p.catch(() => undefined); // if a later put throws, the abort below settles these
      await tx.objectStore(infoStore).put(info);
      await Promise.all(pending);
    };
    try {
      await Promise.all([write().catch((e: unknown) => abortWith(tx, e)), tx.done]);
    } catch (error) {
      // Chromium reports a full quota as the transaction's abort error at commit, not on `put`.
      if (isQuotaError(error) || isQuotaError(tx.error)) {
        throw new StorageQuotaError(id, encoded.bytes, describe(tx.error ?? error));
      }
      throw error;
    }
    return info!;
  }

  async load(id: string): Promise<{ info: ModelInfo; state: ModelState }> {
    const db = await this.connection.get();
    const tx = db.transaction(['modelInfo', 'weights'], 'readonly');
    const [info, weights] = await Promise.all([
      tx.objectStore('modelInfo').get(id),
      tx.objectStore('weights').get(id),
      tx.done,
    ]);
    if (!info) throw new ModelNotFoundError(id);
    // Info without weights: they vanished (evicted, or deleted behind the store's back) — the model is gone.
    if (!weights) throw new ModelNotFoundError(id);
    return { info, state: decodeState(info, weights) };
  }

  async info(id: string): Promise<ModelInfo | undefined> {
    return (await this.connection.get()).get('modelInfo', id);
  }

  async checkpointInfo(id: string): Promise<ModelInfo | undefined> {
    return (await this.connection.get()).get('checkpointInfo', id);
  }

  async loadCheckpoint(id: string): Promise<{ info: ModelInfo; state: ModelState }> {
    const db = await this.connection.get();
    const tx = db.transaction(['checkpointInfo', 'checkpointWeights'], 'readonly');
    const [info, weights] = await Promise.all([
      tx.objectStore('checkpointInfo').get(id),
      tx.objectStore('checkpointWeights').get(id),
      tx.done,
    ]);
    if (!info || !weights) throw new ModelNotFoundError(id);
    return { info, state: decodeState(info, weights) };
  }

  async list(): Promise<ModelInfo[]> {
    const db = await this.connection.get();
    const tx = db.transaction(['modelInfo', 'checkpointInfo'], 'readonly');
    const [finished, checkpoints] = await Promise.all([
      tx.objectStore('modelInfo').getAll(),
      tx.objectStore('checkpointInfo').getAll(),
      tx.done,
    ]);
    return [...finished, ...checkpoints].sort(listingOrder);
  }

  /** Removes the model and its checkpoint; the `versions` mark stays, so a later save of `id` gets a version never used. */
  async delete(id: string): Promise<void> {
    const db = await this.connection.get();
    const stores = ['modelInfo', 'weights', 'checkpointInfo', 'checkpointWeights'] as const;
    const tx = db.transaction(stores, 'readwrite', { durability: 'strict' });
    await Promise.all([...stores.map((s) => tx.objectStore(s).delete(id)), tx.done]);
  }

  /** Records an upgrade could not migrate, kept untouched beside the models (without the records). */
  async listQuarantined(): Promise<QuarantineInfo[]> {
    const entries = await (await this.connection.get()).getAll('quarantine');
    return entries.map(({ key, source, reason, quarantinedAt }) => ({ key, source, reason, quarantinedAt }));
  }

  /** A quarantined record as it was stored (to export or repair it), or undefined. */
  async readQuarantined(key: string): Promise<QuarantineRecord | undefined> {
    return (await this.connection.get()).get('quarantine', key);
  }

  /** Drops a quarantined record for good; a no-op when absent. */
  async deleteQuarantined(key: string): Promise<void> {
    await (await this.connection.get()).delete('quarantine', key);
  }

  /** The origin's usage and quota; where the platform has no estimate (Node), the stored weight bytes. */
  async estimate(): Promise<StorageEstimate> {
    const storage = globalThis.navigator?.storage;
    if (storage?.estimate) {
      const { usage, quota } = await storage.estimate();
      return { usage: usage ?? 0, quota: quota ?? Infinity };
    }
    const infos = await this.list();
    return { usage: infos.reduce((n, i) => n + i.bytes, 0), quota: Infinity };
  }

  close(): void {
    this.connection.close();
  }
}

/** Aborts `tx` (if still possible) and rethrows `error`, so a failed write never half-commits. */
function abortWith(tx: { abort(): void }, error: unknown): never {
  try {
    tx.abort();
  } catch {
    // The transaction already finished or aborted on its own.
  }
  throw error;
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}${error.message ? `: ${error.message}` : ''}` : String(error);
}
