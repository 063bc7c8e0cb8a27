/**
 * The seam between LINE and a multi-threaded runner. The model only sees {@link LineThreadPool};
 * the Node implementation (worker_threads) lives in `node-threads.ts` so browser bundles never
 * import `node:worker_threads`. The browser stays single-threaded: sharing memory between workers
 * there needs a cross-origin-isolated page, which this project does not serve (see TOOLCHAIN.md).
 */
import type { LineBackendPreference, LineGpuRuntime } from './backend.ts';
import type { SgdJob } from './sgd.ts';

/** Threads that run LINE's kernel Hogwild over tables in shared memory. */
export interface LineThreadPool {
  /** Number of threads. */
  readonly threads: number;
  /**
   * Runs samples `from … to − 1` of `job` across the threads, each claiming slices of the schedule
   * from a shared counter (so ρ_t follows the global progress); resolves the mean tracked loss.
   * `job.vertex` and `job.context` must live in a SharedArrayBuffer (`toShared`).
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
}

/** `a` itself when it already lives in a SharedArrayBuffer, else a copy that does. */
export function toShared<T extends Float32Array | Int32Array>(a: T): T {
  if (a.buffer instanceof SharedArrayBuffer) return a;
  const out = new (a.constructor as new (b: SharedArrayBuffer) => T)(new SharedArrayBuffer(a.byteLength));
  out.set(a);
  return out;
}
