// `npm run build`: dist/ as valid Node ESM for every bundler.
// - tsc emits dist/src/** (the repository's layout under dist/, so relative URLs hold);
// - esbuild bundles the package's own workers (workers/*.worker.ts) into dist/workers/: self-contained
//   ES modules (shared and lazy chunks beside them) with no bare imports left. A worker file inside
//   node_modules is never pre-bundled by Vite's dev server, which then serves its CommonJS
//   dependencies (papaparse, long) raw and the worker dies; a bundled worker has none to serve;
// - the wasm binaries go to dist/wasm/, and the default workers point at the bundled files.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = join(root, 'dist');
const WORKERS = ['train', 'rank', 'talent', 'feed-train', 'feed-rank', 'baselines'];
const WASM = ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm-threaded-simd.wasm'];

rmSync(dist, { recursive: true, force: true });
execFileSync(
  process.execPath,
  [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'tsconfig.build.json')],
  {
    stdio: 'inherit',
  },
);

// The binaries the browser default (src/backend/wasm-urls.ts) points at, `../../wasm/` from it.
const wasmOut = join(
  dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm/package.json')),
  'wasm-out',
);
mkdirSync(join(dist, 'wasm'));
for (const name of WASM) copyFileSync(join(wasmOut, name), join(dist, 'wasm', name));

// The workers, bundled. Every output file sits in dist/workers/, so the wasm binaries are at
// '../wasm/' from whichever chunk holds src/backend/wasm-urls.ts ('../../wasm/' in the source tree).
const wasmUrlsAtDist = {
  name: 'wasm-urls-at-dist',
  setup(b) {
    b.onLoad({ filter: /[\\/]src[\\/]backend[\\/]wasm-urls\.ts$/ }, ({ path }) => {
      const text = readFileSync(path, 'utf8');
      const contents = text.replaceAll("new URL('../../wasm/", "new URL('../wasm/");
      if (contents.split("new URL('../wasm/").length !== WASM.length + 1)
        throw new Error(`${path}: expected ${WASM.length} wasm URLs`);
      return { contents, loader: 'ts' };
    });
  },
};
await build({
  entryPoints: WORKERS.map((name) => join(root, 'workers', `${name}.worker.ts`)),
  outdir: join(dist, 'workers'),
  bundle: true,
  splitting: true, // shared code once, each tfjs backend a lazy chunk: a worker loads only those it starts
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  minify: true,
  keepNames: true, // error classes cross the worker boundary by name
  // tfjs-backend-wasm's Emscripten glue reads `__filename` behind a typeof test; webpack answers that
  // test with "string" inside an ES module but leaves the name itself undefined (ReferenceError).
  define: { __filename: 'undefined', __dirname: 'undefined' },
  // No maps: minified tfjs maps add 2 MB (7 MB with sources) and apps' bundlers re-bundle these files;
  // linkrec's own code is mapped in dist/src. keepNames keeps class and function names in traces.
  sourcemap: false,
  legalComments: 'linked', // the bundled dependencies' licence notices, in *.LEGAL.txt
  logLevel: 'warning',
  plugins: [wasmUrlsAtDist],
});

// Source URLs name workers/*.worker.ts; the bundled entries are *.worker.js at the same place.
// Same length, so the source map's columns stay right. One module per system (6 workers in all).
let rewrittenWorkers = 0;
for (const system of ['courses', 'talent', 'feed']) {
  const file = join(dist, `src/rpc/default-workers/${system}.js`);
  const text = readFileSync(file, 'utf8');
  const rewritten = text.replace(/('(?:\.\.\/)+workers\/[a-z-]+\.worker)\.ts'/g, "$1.js'");
  if (/\.worker\.ts'/.test(rewritten)) throw new Error(`${file}: a worker URL still names a .ts file`);
  rewrittenWorkers += (rewritten.match(/new Worker\(new URL\('(?:\.\.\/)+workers\/[a-z-]+\.worker\.js'/g) ?? []).length;
  writeFileSync(file, rewritten);
}
if (rewrittenWorkers !== 6) throw new Error(`default workers: ${rewrittenWorkers} of 6 worker URLs rewritten`);

// tsc rewrites `.ts` specifiers in the .js it emits but not in the .d.ts; NodeNext consumers need
// `.js` there too. Relative specifiers only; same length, so the declaration maps stay right.
const RELATIVE_TS = /((?:from|import)\s*\(?\s*['"])(\.{1,2}\/[^'"]*?)\.ts(['"])/g;
for (const entry of readdirSync(dist, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || !entry.name.endsWith('.d.ts')) continue;
  const file = join(entry.parentPath, entry.name);
  const before = readFileSync(file, 'utf8');
  const after = before.replace(RELATIVE_TS, '$1$2.js$3');
  if (after !== before) writeFileSync(file, after);
}

// What Node ESM needs beside the code.
for (const file of ['src/world/vocab.json', 'workers/train.worker.js', 'src/worker.js']) {
  if (!existsSync(join(dist, file))) throw new Error(`dist/${file} missing after the build`);
}
