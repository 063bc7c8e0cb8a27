/**
 * The seam between LINE and a multi-threaded runner. The model only sees {@link LineThreadPool};
 * the Node implementation (worker_threads) lives in `node-threads.ts` so browser bundles never
 * import `node:worker_threads`. In the browser, sharing memory between workers needs a
 * cross-origin-isolated page, which this project does not serve (see TOOLCHAIN.md): there
 * `browser-threads.ts` runs shards on workers with their own copies, merged every round.
 */
import type { LineBackendPreference, LineGpuRuntime } from './backend.ts';
import type { LineCpuKernel, SgdJob } from './sgd.ts';

/** Threads that run LINE's kernel Hogwild over tables in shared memory. */
export interface LineThreadPool {
  /** Number of threads. */
  readonly threads: number;
  /**
   * False when the pool copies the vectors itself, so the model leaves them in ordinary memory
   * (`browserLineThreads`, which runs where SharedArrayBuffer may not exist); default true.
   */
  readonly sharedVectors?: boolean;
  /**
   * Runs samples `from … to − 1` of `job` across the threads, each claiming slices of the schedule
   * from a shared counter (so ρ_t follows the global progress); resolves the mean tracked loss.
   * A pool may require `job.vertex` and `job.context` in a SharedArrayBuffer (`toShared`): Node's
   * JavaScript-kernel pool does.
   */
  run(job: SgdJob, from: number, to: number, seed: number): Promise<number>;
  /** Ends the threads. */
  close(): Promise<void>;
}

/** Starts a pool of `threads` threads. */
export type LineThreadPoolFactory = (threads: number) => LineThreadPool;

/** Options of a LINE model that are code, not configuration (never saved with its state). */
export interface LineRuntime {
  /** Thread pool for `threads > 1` (Node: `nodeLineThreads` from `models/line/node-threads`). */
  pool?: LineThreadPoolFactory;
  /**
   * Where `fit` trains (default `'auto'` where `navigator.gpu` exists, else `'cpu'`): `'auto'` runs the
   * WebGPU kernels and falls back to the CPU loop when WebGPU is missing or its device is lost;
   * `'webgpu'` rejects with BackendUnavailableError instead.
   */
  backend?: LineBackendPreference;
  /** WebGPU options (device, concurrency, kernel). */
  gpu?: LineGpuRuntime;
  /**
   * The CPU loop on one thread: `'auto'` (default) the WebAssembly SIMD kernel where it exists, `'js'`
   * the JavaScript one (same draws, f64 maths; for comparisons). A pool picks its own.
   */
  cpuKernel?: LineCpuKernel;
}

/** `a` itself when it already lives in a SharedArrayBuffer, else a copy that does. */
export function toShared<T extends Float32Array | Int32Array>(a: T): T {
  if (a.buffer instanceof SharedArrayBuffer) return a;
  const out = new (a.constructor as new (b: SharedArrayBuffer) => T)(new SharedArrayBuffer(a.byteLength));
  out.set(a);
  return out;
}
