/**
 * Lazy, per-backend module loading: each tfjs backend is imported only when tried, so Node never
 * loads webgpu or webgl. After any load our kernels are (re)registered for every backend present.
 */
import { env, findBackendFactory } from '@tensorflow/tfjs-core';
import { registerUnsortedSegmentSum, type SegmentSumBackend } from './kernels/unsorted-segment-sum.ts';
import { nodeModuleApi } from './node-builtins.ts';
import type { BackendName } from './types.ts';

/** Where the wasm binaries live: a folder (ending in `/`) or one URL per binary name. */
export type WasmPaths =
  | string
  | {
      readonly 'tfjs-backend-wasm.wasm': string;
      readonly 'tfjs-backend-wasm-simd.wasm': string;
      readonly 'tfjs-backend-wasm-threaded-simd.wasm': string;
    };

/** Options for loading backends. */
export interface LoadOptions {
  /** Overrides where the wasm binaries are fetched from (default: our own origin / node_modules). */
  readonly wasmPaths?: WasmPaths;
}

const OUR_KERNEL_BACKENDS: readonly SegmentSumBackend[] = ['cpu', 'wasm'];
let wasmConfigured = false;

/** Imports `name`'s tfjs backend (registering its factory and kernels) and adds our kernels. */
export async function loadBackend(name: BackendName, options: LoadOptions = {}): Promise<void> {
  switch (name) {
    case 'webgpu':
      await import('@tensorflow/tfjs-backend-webgpu');
      break;
    case 'webgl':
      await import('@tensorflow/tfjs-backend-webgl');
      break;
    case 'wasm':
      await loadWasm(options.wasmPaths);
      break;
    case 'cpu':
      await import('@tensorflow/tfjs-backend-cpu');
      break;
  }
  registerOurKernels();
}

/** Registers our kernels on every backend whose factory is present (wasm also brings cpu in). */
export function registerOurKernels(): void {
  for (const b of OUR_KERNEL_BACKENDS) if (findBackendFactory(b)) registerUnsortedSegmentSum(b);
}

async function loadWasm(paths: WasmPaths | undefined): Promise<void> {
  const wasm = await import('@tensorflow/tfjs-backend-wasm');
  // Threaded wasm crashes after minification and needs COOP/COEP; single-threaded SIMD is fast enough.
  env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  if (wasmConfigured) return;
  wasm.setWasmPaths(paths ?? (await defaultWasmPaths()));
  wasmConfigured = true;
}

/** Node: tfjs-backend-wasm's `wasm-out/` folder on disk. Browsers: the package's copies, on the app's origin. */
async function defaultWasmPaths(): Promise<WasmPaths> {
  const nodeModule = nodeModuleApi();
  if (nodeModule) {
    const pkg = nodeModule.createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm/package.json');
    return `${pkg.slice(0, -'package.json'.length)}wasm-out/`;
  }
  return (await import('./wasm-urls.ts')).WASM_URLS;
}
