/** One probe per backend. Each takes only what it needs from an injectable environment. */
import type { AdapterInfo, AdapterLimits, Capabilities, RuntimeScope } from './types.ts';

/** The part of a `GPUAdapter` the probe reads; a real adapter satisfies it, and so can a test fake. */
export interface GpuAdapterLike {
  readonly info?: Partial<Record<'vendor' | 'architecture' | 'device' | 'description', string>> & {
    readonly isFallbackAdapter?: boolean;
  };
  /** Older Chromium exposes it here rather than on `info`. */
  readonly isFallbackAdapter?: boolean;
  readonly features: Iterable<string>;
  readonly limits: Readonly<Partial<Record<keyof AdapterLimits, number>>>;
}

/** The part of `navigator.gpu` the probe calls. */
export interface GpuLike {
  requestAdapter(options?: { powerPreference?: 'high-performance' | 'low-power' }): Promise<GpuAdapterLike | null>;
}

/** Everything capability detection reads from the runtime; inject a fake one in tests. */
export interface CapabilityEnv {
  readonly scope: RuntimeScope;
  /** `navigator.gpu`, if any. */
  readonly gpu: GpuLike | undefined;
  /** Creates (and releases) a WebGL2 context; undefined where there is no canvas API at all. */
  readonly hasWebGL2: (() => boolean) | undefined;
  /** The `WebAssembly` namespace, if any. */
  readonly webAssembly: Pick<typeof WebAssembly, 'validate'> | undefined;
}

/** A requestAdapter that never settles (seen with broken drivers) must not hang detection. */
const ADAPTER_TIMEOUT_MS = 10_000;

// Smallest modules that validate only with SIMD (from wasm-feature-detect, as tfjs uses).
const WASM_EMPTY = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]);
const WASM_SIMD = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 96, 0, 0, 3, 2, 1, 0, 10, 9, 1, 7, 0, 65, 0, 253, 15, 26, 11,
]);

const LIMIT_KEYS: readonly (keyof AdapterLimits)[] = [
  'maxBufferSize',
  'maxStorageBufferBindingSize',
  'maxComputeWorkgroupStorageSize',
  'maxComputeInvocationsPerWorkgroup',
  'maxComputeWorkgroupSizeX',
  'maxStorageBuffersPerShaderStage',
];

/** WebGPU: `navigator.gpu` plus an adapter (tfjs asks for high-performance, so do we). */
export async function probeWebGpu(gpu: GpuLike | undefined): Promise<Capabilities['webgpu']> {
  if (!gpu) return { available: false, reason: 'no navigator.gpu', adapter: null };
  try {
    const adapter = await withTimeout(gpu.requestAdapter({ powerPreference: 'high-performance' }));
    if (!adapter) return { available: false, reason: 'requestAdapter() returned null', adapter: null };
    return { available: true, reason: null, adapter: describeAdapter(adapter) };
  } catch (err) {
    return { available: false, reason: `requestAdapter() failed: ${message(err)}`, adapter: null };
  }
}

/** Copies what we report out of a live adapter into a plain, cloneable object. */
export function describeAdapter(adapter: GpuAdapterLike): AdapterInfo {
  const info = adapter.info ?? {};
  const limits = Object.fromEntries(LIMIT_KEYS.map((k) => [k, Number(adapter.limits[k] ?? 0)]));
  return {
    vendor: info.vendor ?? '',
    architecture: info.architecture ?? '',
    device: info.device ?? '',
    description: info.description ?? '',
    isFallbackAdapter: Boolean(info.isFallbackAdapter ?? adapter.isFallbackAdapter ?? false),
    features: [...adapter.features].sort(),
    limits: limits as unknown as AdapterLimits,
  };
}

/** WebGL2: a context on an OffscreenCanvas (workers) or a DOM canvas (pages). */
export function probeWebGL2(hasWebGL2: (() => boolean) | undefined): Capabilities['webgl'] {
  if (!hasWebGL2) return { available: false, reason: 'no canvas API (OffscreenCanvas or document)' };
  try {
    return hasWebGL2()
      ? { available: true, reason: null }
      : { available: false, reason: "getContext('webgl2') returned null" };
  } catch (err) {
    return { available: false, reason: `webgl2 context failed: ${message(err)}` };
  }
}

/** WASM: the namespace exists and validates a module; SIMD decides which tfjs binary loads. */
export function probeWasm(wasm: CapabilityEnv['webAssembly']): Capabilities['wasm'] {
  try {
    if (!wasm || !wasm.validate(WASM_EMPTY)) {
      return { available: false, reason: 'no WebAssembly', simd: false };
    }
    return { available: true, reason: null, simd: wasm.validate(WASM_SIMD) };
  } catch (err) {
    return { available: false, reason: `WebAssembly.validate failed: ${message(err)}`, simd: false };
  }
}

function withTimeout<T>(p: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer in ${ADAPTER_TIMEOUT_MS} ms`)), ADAPTER_TIMEOUT_MS);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

/** An error's message, whatever was thrown. */
export function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
