/**
 * The model store's contract. Two implementations: `IdbModelStore` (IndexedDB through idb, the one
 * pages and workers use) and `MemoryModelStore` (Node tests). Saves are atomic: after a crash, a tab
 * kill or a quota error the store holds either the previous model or the new one, never a mix.
 */
import type { Json, ModelState } from '../models/recommender';

/** The small record listed without touching weights. */
export interface ModelInfo {
  id: string;
  kind: string;
  /** The model kind's state format version the weights were written with. */
  stateVersion: number;
  createdAt: number;
  updatedAt: number;
  /** Bumped on every save of this id; requests name the version they expect. */
  version: number;
  metrics: { [name: string]: number };
  /** Bytes of weights and number of parameters. */
  bytes: number;
  params: number;
  /** Present while the saved state is a mid-training checkpoint. */
  checkpoint?: { epoch: number; step: number };
  meta?: { [key: string]: Json };
}

/** Storage use of the origin, from `navigator.storage.estimate()`. */
export interface StorageEstimate {
  usage: number;
  quota: number;
}

/** Options of {@link ModelStore.save}. */
export interface SaveOptions {
  metrics?: { [name: string]: number };
  checkpoint?: { epoch: number; step: number };
}

export interface ModelStore {
  /** Writes `state` under `id` atomically and returns the new info (with `version` bumped). */
  save(id: string, state: ModelState, options?: SaveOptions): Promise<ModelInfo>;
  /** The info and state of `id`; `ModelNotFoundError` when absent. */
  load(id: string): Promise<{ info: ModelInfo; state: ModelState }>;
  /** Info of `id` without reading its weights, or undefined. */
  info(id: string): Promise<ModelInfo | undefined>;
  list(): Promise<ModelInfo[]>;
  delete(id: string): Promise<void>;
  estimate(): Promise<StorageEstimate>;
  close(): void;
}
