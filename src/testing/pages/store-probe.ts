/**
 * What the store test page (`store.html`) installs on `window.storeProbe`, shared by the page, the
 * e2e test and the store bench. Results are plain data: errors come back as `{ name, message, … }`
 * because `page.evaluate` would drop their class and fields.
 */
import type { ModelInfo, SaveOptions, StorageEstimate } from '../../store/types.ts';

/** A sample model by recipe (see `sampleState`), so both sides can rebuild the same bytes. */
export interface StateSpec {
  rows: number;
  dim: number;
  seed: number;
}

/** A named error's name, message and the fields the store's errors carry. */
export interface ErrorData {
  name: string;
  message: string;
  id?: string;
  bytes?: number;
}

/** A result, or the error that took its place. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; error: ErrorData };

/** The page's API. Times are measured in the page, around the store call only. */
export interface StoreProbe {
  save(id: string, spec: StateSpec, options?: SaveOptions): Promise<Outcome<{ info: ModelInfo; ms: number }>>;
  /** Loads `id` and counts bits that differ from `spec`'s state. */
  load(id: string, spec: StateSpec): Promise<Outcome<{ info: ModelInfo; mismatches: number; ms: number }>>;
  list(): Promise<ModelInfo[]>;
  estimate(): Promise<StorageEstimate>;
  /** Takes the training lock of `id` and keeps it until `finishTraining(id)`. */
  startTraining(id: string): Promise<Outcome<'holding'>>;
  /** Saves `spec` as `id` (the training's result) and releases the lock. */
  finishTraining(id: string, spec: StateSpec): Promise<Outcome<ModelInfo>>;
  /** Takes the lock (refused, or waiting with `wait`), saves `spec` as `id`, releases. */
  train(id: string, spec: StateSpec, wait: boolean): Promise<Outcome<ModelInfo>>;
}

/** The page's window. */
export type ProbeWindow = Window & { storeProbe: StoreProbe; marker?: string };
