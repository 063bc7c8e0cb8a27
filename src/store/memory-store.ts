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
import { listingOrder, nextVersion } from './versions.ts';

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
  /** The checkpoint slot of each id (a training in progress), apart from its finished model. */
  private readonly checkpoints = new Map<string, { info: ModelInfo; weights: WeightsRecord }>();
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
    const checkpoint = this.checkpoints.get(id)?.info;
    // A checkpoint replaces the id's checkpoint; a finished model replaces the finished one and drops it.
    const freed = options.checkpoint ? (checkpoint?.bytes ?? 0) : (previous?.bytes ?? 0) + (checkpoint?.bytes ?? 0);
    const usage = this.usage() - freed + encoded.bytes;
    if (usage > this.quota) throw new StorageQuotaError(id, encoded.bytes, `${usage} bytes > quota ${this.quota}`);
    const info = {
      ...nextInfo(id, state, encoded, options, previous ?? checkpoint, Date.now()),
      version: nextVersion(previous, this.issued.get(id), checkpoint),
    };
    const record = structuredClone({ info, weights: encoded.record });
    if (options.checkpoint) this.checkpoints.set(id, record);
    else {
      this.records.set(id, record);
      this.checkpoints.delete(id);
    }
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

  async checkpointInfo(id: string): Promise<ModelInfo | undefined> {
    this.check();
    const record = this.checkpoints.get(id);
    return record && structuredClone(record.info);
  }

  async loadCheckpoint(id: string): Promise<{ info: ModelInfo; state: ModelState }> {
    this.check();
    const record = this.checkpoints.get(id);
    if (!record) throw new ModelNotFoundError(id);
    const { info, weights } = structuredClone(record);
    return { info, state: decodeState(info, weights) };
  }

  async list(): Promise<ModelInfo[]> {
    this.check();
    const all = [...this.records.values(), ...this.checkpoints.values()].map((r) => structuredClone(r.info));
    return all.sort(listingOrder);
  }

  async delete(id: string): Promise<void> {
    this.check();
    this.records.delete(id);
    this.checkpoints.delete(id);
  }

  /** Bytes of weights held, against the `quota` given (Infinity without one). */
  async estimate(): Promise<StorageEstimate> {
    this.check();
    return { usage: this.usage(), quota: this.quota };
  }

  close(): void {
    this.closed = true;
    this.records.clear();
    this.checkpoints.clear();
  }

  private usage(): number {
    let bytes = 0;
    for (const { info } of this.records.values()) bytes += info.bytes;
    for (const { info } of this.checkpoints.values()) bytes += info.bytes;
    return bytes;
  }

  private check(): void {
    if (this.closed) throw new LinkrecError('model store is closed');
  }
}
