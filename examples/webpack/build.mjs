// node build.mjs → dist/: webpack 5's defaults; only entry, output and mode are set. webpack itself
// bundles the package's workers (`new Worker(new URL(…, import.meta.url))`) and wasm binaries.
import { fileURLToPath } from 'node:url';
import webpack from 'webpack';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));

const stats = await new Promise((resolve, reject) =>
  webpack(
    {
      mode: process.env.WEBPACK_MODE ?? 'production',
      entry: here('src/main.js'),
      output: { path: here('dist'), filename: 'main.js' },
    },
    (error, result) => (error ? reject(error) : resolve(result)),
  ),
);
if (stats.hasErrors()) throw new Error(stats.toString('errors-only'));
if (stats.hasWarnings()) console.warn(stats.toString('errors-warnings'));
