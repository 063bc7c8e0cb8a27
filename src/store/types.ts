/**
 * The model store's contract. Two implementations: `IdbModelStore` (IndexedDB through idb, the one
 * pages and workers use) and `MemoryModelStore` (Node tests). Saves are atomic: after a crash, a tab
 * kill or a quota error the store holds either the previous model or the new one, never a mix.
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
  /** Present while the saved state is a mid-training checkpoint. */
  checkpoint?: { epoch: number; step: number };
  /** The scalar entries (string, number, boolean, null) of the state's `meta`, listed without its id maps. */
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
  /** Marks the state as a mid-training checkpoint; a save without it clears the mark. */
  checkpoint?: { epoch: number; step: number };
  /**
   * IndexedDB commit durability (default `'strict'`: committed only once on persistent storage).
   * `'relaxed'` suits frequent checkpoints that a crash may lose; the memory store ignores it.
   */
  durability?: 'strict' | 'relaxed';
}

/** Where trained models live. Every method rejects with a named error (`ModelNotFoundError`, `StorageQuotaError`…). */
export interface ModelStore {
  /** Writes `state` under `id` atomically and returns the new info (with `version` bumped). */
  save(id: string, state: ModelState, options?: SaveOptions): Promise<ModelInfo>;
  /** The info and state of `id`; `ModelNotFoundError` when absent. */
  load(id: string): Promise<{ info: ModelInfo; state: ModelState }>;
  /** Info of `id` without reading its weights, or undefined. */
  info(id: string): Promise<ModelInfo | undefined>;
  /** Every model's info, ordered by id, without reading any weights. */
  list(): Promise<ModelInfo[]>;
  /**
   * Removes the info and weights of `id` together; a no-op when absent. A later save of `id` continues
   * past the last version issued (save v1, v2, delete, save → v3).
   */
  delete(id: string): Promise<void>;
  /** Bytes used and available, so a page can warn before a save would hit `StorageQuotaError`. */
  estimate(): Promise<StorageEstimate>;
  /** Releases the store; later calls reject. */
  close(): void;
}
