/**
 * The wasm binaries as URLs beside the package, so tfjs never fetches them from a CDN. The build
 * copies them to `dist/wasm/`; in the repository `wasm/` links to tfjs-backend-wasm's `wasm-out/`,
 * at the same relative path. `new URL('<literal>', import.meta.url)` is the form Vite, webpack 5 and
 * Rollup emit as assets of the app (esbuild does not: pass `wasmPaths` there). Imported only in
 * browsers and workers; Node reads the files from disk (see loaders.ts).
 */

/** `setWasmPaths` object form; it insists on all three names even though threads stay off. */
export const WASM_URLS = {
  'tfjs-backend-wasm.wasm': new URL('../../wasm/tfjs-backend-wasm.wasm', import.meta.url).href,
  'tfjs-backend-wasm-simd.wasm': new URL('../../wasm/tfjs-backend-wasm-simd.wasm', import.meta.url).href,
  'tfjs-backend-wasm-threaded-simd.wasm': new URL('../../wasm/tfjs-backend-wasm-threaded-simd.wasm', import.meta.url)
    .href,
} as const;
