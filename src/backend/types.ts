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
}
