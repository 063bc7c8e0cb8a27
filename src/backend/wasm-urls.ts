/**
 * The wasm binaries as URLs on our own origin (Vite `?url`: served in dev, emitted as assets in
 * builds), so tfjs never fetches them from a CDN. Imported only in browsers and workers.
 */
import plain from '@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm.wasm?url';
import simd from '@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-simd.wasm?url';
import threadedSimd from '@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.wasm?url';

/** `setWasmPaths` object form; it insists on all three names even though threads stay off. */
export const WASM_URLS = {
  'tfjs-backend-wasm.wasm': plain,
  'tfjs-backend-wasm-simd.wasm': simd,
  'tfjs-backend-wasm-threaded-simd.wasm': threadedSimd,
} as const;
