// node build.mjs → dist/: esbuild's defaults plus `format: 'esm'` (workers and `import.meta.url` need
// ES modules; esbuild's default for browsers is an IIFE). The workers are entry points of their own.
import { cpSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));

await build({
  entryPoints: [here('src/main.js'), here('src/train.worker.js'), here('src/rank.worker.js')],
  bundle: true,
  format: 'esm',
  splitting: true, // lazy chunks: the page loads no tfjs (what it never runs stays out of main.js)
  outdir: here('dist'),
  logLevel: 'warning',
});
// The wasm binaries, where src/main.js's `wasmPaths` points.
cpSync(here('node_modules/linkrec/dist/wasm'), here('dist/wasm'), { recursive: true });
