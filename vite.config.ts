/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import { playwright } from '@vitest/browser-playwright';
import { VitePWA } from 'vite-plugin-pwa';
import { CHROMIUM_ARGS, chromePath } from './src/testing/chromium.ts';

// Pre-bundled once, so Vite never re-optimises worker deps mid-run ("unexpectedly reloaded a test").
const browserDeps = [
  '@tensorflow/tfjs-core',
  '@tensorflow/tfjs-core/dist/register_all_gradients.js',
  '@tensorflow/tfjs-backend-cpu',
  '@tensorflow/tfjs-backend-webgl',
  '@tensorflow/tfjs-backend-webgpu',
  '@tensorflow/tfjs-backend-wasm',
  'comlink',
  'idb',
  'papaparse',
  'pure-rand/generator/xoroshiro128plus',
  'fast-check',
];

/**
 * The demo's offline copy (issue 13 §4): `vite build` writes a Workbox service worker (`sw.js`) that
 * precaches the whole built demo — HTML, JS (workers included), CSS, the tfjs wasm binaries — and the
 * data files under public/ (≈ 3 MB; ratings.csv alone is 2.2 MB, hence the raised per-file limit).
 * Only the build gets it: the dev server (`npm start`; devOptions stay off) and vitest never serve or
 * register a worker, so no stale cache can hide a code change while developing.
 * demo/offline.ts registers it and says in the header whether the copy is ready.
 */
const offlineCopy = VitePWA({
  injectRegister: false, // demo/offline.ts registers it (and only in a build)
  manifest: false, // an offline copy, not an installable app: no icons to keep
  registerType: 'autoUpdate',
  devOptions: { enabled: false },
  workbox: {
    globPatterns: ['**/*.{html,js,css,wasm}', 'data/**/*.{csv,json}', 'models/**/*.safetensors'],
    maximumFileSizeToCacheInBytes: 4 * 1024 * 1024,
    navigateFallback: 'index.html',
    cleanupOutdatedCaches: true,
    clientsClaim: true, // the first visit is served offline-ready without a reload
    skipWaiting: true,
  },
});

export default defineConfig({
  // Not under vitest at all: its projects and the e2e dev servers never see a service worker (the
  // offline e2e test builds the demo in a child process, as `npm run build:demo` does).
  plugins: process.env.VITEST ? [] : [offlineCopy],
  // `npm start` serves demo/; tests run from the repository root.
  root: process.env.VITEST ? undefined : 'demo',
  publicDir: process.env.VITEST ? 'public' : '../public',
  worker: { format: 'es' },
  optimizeDeps: { include: browserDeps },
  build: { outDir: '../dist-demo', emptyOutDir: true, target: 'es2022' },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          include: ['src/**/*.test.ts', 'bench/**/*.test.ts'],
          exclude: ['**/*.browser.test.ts', '**/*.e2e.test.ts', '**/node_modules/**'],
          environment: 'node',
          testTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: [
            'src/**/*.browser.test.ts',
            'workers/**/*.browser.test.ts',
            'demo/**/*.browser.test.ts',
            'bench/**/*.browser.test.ts',
          ],
          testTimeout: 120_000,
          browser: {
            enabled: true,
            headless: true,
            instances: [{ browser: 'chromium' }],
            provider: playwright({
              launchOptions: {
                executablePath: chromePath(),
                args: [...CHROMIUM_ARGS],
              },
            }),
          },
        },
      },
      {
        // Node drives its own dev server and Chromium (playwright-core): reloads, restarts, the demo.
        test: {
          name: 'e2e',
          include: ['**/*.e2e.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // One browser at a time: each file starts a dev server and a Chromium of its own.
          fileParallelism: false,
        },
      },
    ],
  },
});
