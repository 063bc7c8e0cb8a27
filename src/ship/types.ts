/** The option and progress types of `loadShippedModel` (apart, so its lazily loaded half can share them). */
import type { ModelInfo, ModelStore } from '../store/types.ts';

/** What `loadShippedModel` reports as it goes. */
export type ShippedModelProgress =
  /** The store already holds this url + sha256: no request was made. */
  | { status: 'cached'; url: string; info: ModelInfo }
  /** Bytes received so far; `total` from `content-length` (null when absent). */
  | { status: 'download'; url: string; loaded: number; total: number | null }
  /** Verified, checked and saved. */
  | { status: 'saved'; url: string; info: ModelInfo };

/** Options of `loadShippedModel`. */
export interface ShippedModelOptions {
  /** The file's sha256, hex (64 digits, any case): a download with another hash is rejected. */
  sha256: string;
  /** Where to keep it (default: `IdbModelStore.open()`, the database linkrec's workers read). */
  store?: ModelStore;
  /** Store id (default: the URL's file name without `.safetensors`). */
  modelId?: string;
  /** Called as the load goes: `cached`, or `download` per chunk then `saved`. */
  onProgress?: (progress: ShippedModelProgress) => void;
  /** Cancels the download (an `AbortError`); the store is left as it was. */
  signal?: AbortSignal;
  /**
   * `'structural'` (default): the state's envelope and tensors are checked here, without tfjs; the
   * model's own decoder runs where it is loaded (the ranking worker). `'full'`: also load it through the
   * registry (`modelFromState`) in this thread — imported on demand, and it needs tfjs' backend ready.
   */
  validate?: 'structural' | 'full';
}
