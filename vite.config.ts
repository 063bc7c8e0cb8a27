/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import { playwright } from '@vitest/browser-playwright';
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

export default defineConfig({
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
