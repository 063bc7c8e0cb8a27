/**
 * The model store in memory, with the IndexedDB store's contract: same codec, same version bumps,
 * every save and load structured-cloned (so callers can never mutate what is stored), and an optional
 * byte quota to exercise the quota path in Node.
 */
import { LinkrecError, ModelNotFoundError, StorageQuotaError } from '../errors.ts';
import type { ModelState } from '../models/recommender.ts';
import { decodeState, encodeWeights, nextInfo } from './codec.ts';
import type { WeightsRecord } from './schema.ts';
import type { ModelInfo, ModelStore, SaveOptions, StorageEstimate } from './types.ts';
import { nextVersion } from './versions.ts';

/** Options of {@link MemoryModelStore}. */
export interface MemoryStoreOptions {
  /** Bytes of weights the store may hold in all; a save past it fails with `StorageQuotaError`. */
  quota?: number;
}

/**
 * A ModelStore held in memory (tests, Node tools); its contents die with it.
 * @example
 * ```ts
 * import { connectCourses, MemoryModelStore } from 'linkrec';
 * const courses = await connectCourses({ inThread: true, store: new MemoryModelStore({ quota: 50e6 }) });
 * ```
 */
export class MemoryModelStore implements ModelStore {
  private readonly records = new Map<string, { info: ModelInfo; weights: WeightsRecord }>();
  /** Last version issued per id, kept past `delete` (see `versions.ts`). */
  private readonly issued = new Map<string, number>();
  private readonly quota: number;
  private closed = false;

  constructor(options: MemoryStoreOptions = {}) {
    this.quota = options.quota ?? Infinity;
  }

  async save(id: string, state: ModelState, options: SaveOptions = {}): Promise<ModelInfo> {
    this.check();
    const encoded = encodeWeights(id, state);
    const previous = this.records.get(id)?.info;
    const usage = this.usage() - (previous?.bytes ?? 0) + encoded.bytes;
    if (usage > this.quota) throw new StorageQuotaError(id, encoded.bytes, `${usage} bytes > quota ${this.quota}`);
    const info = {
      ...nextInfo(id, state, encoded, options, previous, Date.now()),
      version: nextVersion(previous, this.issued.get(id)),
    };
    this.records.set(id, structuredClone({ info, weights: encoded.record }));
    this.issued.set(id, info.version);
    return structuredClone(info);
  }

  async load(id: string): Promise<{ info: ModelInfo; state: ModelState }> {
    this.check();
    const record = this.records.get(id);
    if (!record) throw new ModelNotFoundError(id);
    const { info, weights } = structuredClone(record);
    return { info, state: decodeState(info, weights) };
  }

  async info(id: string): Promise<ModelInfo | undefined> {
    this.check();
    const record = this.records.get(id);
    return record && structuredClone(record.info);
  }

  async list(): Promise<ModelInfo[]> {
    this.check();
    const ids = [...this.records.keys()].sort();
    return ids.map((id) => structuredClone(this.records.get(id)!.info));
  }

  async delete(id: string): Promise<void> {
    this.check();
    this.records.delete(id);
  }

  /** Bytes of weights held, against the `quota` given (Infinity without one). */
  async estimate(): Promise<StorageEstimate> {
    this.check();
    return { usage: this.usage(), quota: this.quota };
  }

  close(): void {
    this.closed = true;
    this.records.clear();
  }

  private usage(): number {
    let bytes = 0;
    for (const { info } of this.records.values()) bytes += info.bytes;
    return bytes;
  }

  private check(): void {
    if (this.closed) throw new LinkrecError('model store is closed');
  }
}
