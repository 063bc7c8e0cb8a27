/** Types shared by capability detection, backend selection and kernel preflight. */

/** A tfjs backend linkrec can run on, in the order `'auto'` tries them. */
export type BackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu';

/** What a caller may ask `initBackend` for: one backend, or `'auto'` (first that works). */
export type BackendPreference = 'auto' | BackendName;

/** Every backend, best first: the order `'auto'` tries. */
export const BACKEND_ORDER: readonly BackendName[] = Object.freeze(['webgpu', 'webgl', 'wasm', 'cpu']);

/** Where the code runs; decides how canvases and wasm binaries are reached. */
export type RuntimeScope = 'window' | 'worker' | 'node' | 'unknown';

/** WebGPU adapter limits that decide model sizes and workgroup shapes. */
export interface AdapterLimits {
  readonly maxBufferSize: number;
  readonly maxStorageBufferBindingSize: number;
  readonly maxComputeWorkgroupStorageSize: number;
  readonly maxComputeInvocationsPerWorkgroup: number;
  readonly maxComputeWorkgroupSizeX: number;
  readonly maxStorageBuffersPerShaderStage: number;
}

/** What the WebGPU adapter says about itself (strings are empty where the browser hides them). */
export interface AdapterInfo {
  readonly vendor: string;
  readonly architecture: string;
  readonly device: string;
  readonly description: string;
  /** True for software adapters such as SwiftShader: correct but slow. */
  readonly isFallbackAdapter: boolean;
  readonly features: readonly string[];
  readonly limits: AdapterLimits;
}

/** One backend's verdict: usable here or not, and why not. */
export interface Probe {
  readonly available: boolean;
  /** Why it is unavailable; null when available. */
  readonly reason: string | null;
}

/** What this runtime can do, detected once. All objects are frozen. */
export interface Capabilities {
  readonly scope: RuntimeScope;
  readonly webgpu: Probe & { readonly adapter: AdapterInfo | null };
  readonly webgl: Probe;
  readonly wasm: Probe & { readonly simd: boolean };
  readonly cpu: Probe;
}

/** The outcome of `initBackend`: the backend running now and how it was reached. */
export interface BackendReport {
  /** The backend tfjs is running now (`tf.getBackend()` after a successful `setBackend`). */
  readonly backend: BackendName;
  /** The WebGPU adapter when `backend === 'webgpu'`, otherwise null. */
  readonly adapterInfo: AdapterInfo | null;
  /** Why better backends were skipped (`'auto'` only), e.g. `"webgpu: no navigator.gpu; webgl: …"`. */
  readonly reasonForFallback: string | null;
  /** Backends usable here, best first (those detected, minus any that failed to start). */
  readonly available: readonly BackendName[];
  /**
   * How a training service resolved `'auto'` (the measured probe, with its reason in words); absent
   * when the backend was named explicitly or started by `initBackend` directly.
   */
  readonly choice?: BackendChoice;
}

/** One backend's result in the training speed probe (`chooseTrainingBackend`). */
export interface BackendSpeed {
  readonly backend: BackendName;
  /** MF-shaped training steps per second measured here; null when it was not measured (see `error`). */
  readonly stepsPerSec: number | null;
  /**
   * True when no step finished within the probe's time limit: `stepsPerSec` is then an upper bound
   * (one step per limit), and the abandoned step finishes in the background.
   */
  readonly atMost: boolean;
  /** True for a software implementation of a GPU API (SwiftShader, a fallback adapter): correct but slow. */
  readonly software: boolean;
  /** What ran it, in words (e.g. `"google swiftshader"`, `"SIMD"`); empty when unknown. */
  readonly device: string;
  /** Why it has no measurement, as a phrase (`"failed: …"`, `"not measured: …"`); null when measured. */
  readonly error: string | null;
}

/**
 * How `'auto'` was resolved for training: by a short measured probe of each candidate backend, cached
 * per device (IndexedDB where there is one) and measured again when the device fingerprint changes.
 */
export interface BackendChoice {
  /** The backend chosen: the fastest measured, and never a software GPU that wasm beats. */
  readonly backend: BackendName;
  /** Why, in words, e.g. `"wasm: 41 steps/s vs webgpu (google swiftshader, software) 2.1 steps/s"`. */
  readonly reason: string;
  /** Every candidate's result, in BACKEND_ORDER (empty when nothing needed measuring). */
  readonly speeds: readonly BackendSpeed[];
  /** When the speeds were measured (ms since the epoch); for a cached choice, the original time. */
  readonly measuredAt: number;
  /** True when the choice came from the cache rather than a measurement just now. */
  readonly cached: boolean;
  /** Milliseconds the measurement took (0 when nothing was measured). */
  readonly probeMs: number;
  /** The device fingerprint the choice is keyed by (adapter, user agent, hardware concurrency). */
  readonly fingerprint: string;
}
