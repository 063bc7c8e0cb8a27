/**
 * The model store's contract. Two implementations: `IdbModelStore` (IndexedDB through idb, the one
 * pages and workers use) and `MemoryModelStore` (Node tests). Saves are atomic: after a crash, a tab
 * kill or a quota error the store holds either the previous model or the new one, never a mix.
 *
 * Each id has two slots: its finished model (what `load` and `info` read, what ranking serves) and
 * the checkpoint of a training in progress, kept apart, so a retrain never replaces the finished
 * model until it is done. Both draw their versions from one per-id sequence.
 */
import type { Json, ModelState } from '../models/recommender.ts';

/** The small record listed without touching weights. */
export interface ModelInfo {
  id: string;
  kind: string;
  /** The model kind's state format version the weights were written with. */
  stateVersion: number;
  createdAt: number;
  updatedAt: number;
  /**
   * Bumped on every save of this id; requests name the version they expect. Never reused for the id,
   * even after `delete` (caches key models by id and version).
   */
  version: number;
  metrics: { [name: string]: number };
  /** Bytes of weights and number of parameters. */
  bytes: number;
  params: number;
  /** Present on a checkpoint (the id's checkpoint slot); absent on a finished model. */
  checkpoint?: { epoch: number; step: number };
  /**
   * The scalar entries (string, number, boolean, null) of the state's `meta`, listed without its id
   * maps. Models trained by the training service carry `dataSource` (`'url'`, `'file'` or `'courses'`)
   * and `dataName` (the ratings URL as requested, or the file's name), `trainedBy` (the request's
   * fingerprint) and, when a validation slice was held out, `validationUsers` (its HR@10 is in `metrics.hr10`).
   */
  meta?: { [key: string]: Json };
}

/** Storage use of the origin, from `navigator.storage.estimate()` (bytes). */
export interface StorageEstimate {
  usage: number;
  /** `Infinity` where the platform reports no quota (Node, a memory store without one). */
  quota: number;
}

/** Options of {@link ModelStore.save}. */
export interface SaveOptions {
  metrics?: { [name: string]: number };
  /**
   * Saves the state as the id's mid-training checkpoint, in its own slot: the finished model of the
   * id stays as it is. A save without it writes the finished model and drops the id's checkpoint.
   */
  checkpoint?: { epoch: number; step: number };
  /**
   * IndexedDB commit durability (default `'strict'`: committed only once on persistent storage).
   * `'relaxed'` suits frequent checkpoints that a crash may lose; the memory store ignores it.
   */
  durability?: 'strict' | 'relaxed';
}

/** Where trained models live. Every method rejects with a named error (`ModelNotFoundError`, `StorageQuotaError`…). */
export interface ModelStore {
  /**
   * Writes `state` under `id` atomically and returns the new info (with `version` bumped): as the
   * finished model (dropping the id's checkpoint), or with `options.checkpoint` into the checkpoint slot.
   */
  save(id: string, state: ModelState, options?: SaveOptions): Promise<ModelInfo>;
  /** The info and state of the finished model `id`; `ModelNotFoundError` when absent. */
  load(id: string): Promise<{ info: ModelInfo; state: ModelState }>;
  /** Info of the finished model `id` without reading its weights, or undefined. */
  info(id: string): Promise<ModelInfo | undefined>;
  /** Info of the checkpoint of `id` (a training in progress or interrupted), or undefined. */
  checkpointInfo(id: string): Promise<ModelInfo | undefined>;
  /** The info and state of the checkpoint of `id`; `ModelNotFoundError` when there is none. */
  loadCheckpoint(id: string): Promise<{ info: ModelInfo; state: ModelState }>;
  /**
   * Every finished model's and every checkpoint's info (`checkpoint` set), ordered by id, an id's
   * finished model before its checkpoint, without reading any weights.
   */
  list(): Promise<ModelInfo[]>;
  /**
   * Removes the finished model and the checkpoint of `id`, info and weights together; a no-op when
   * absent. A later save of `id` continues past the last version issued (save v1, v2, delete, save → v3).
   */
  delete(id: string): Promise<void>;
  /** Bytes used and available, so a page can warn before a save would hit `StorageQuotaError`. */
  estimate(): Promise<StorageEstimate>;
  /** Releases the store; later calls reject. */
  close(): void;
}
