import * as tf from '@tensorflow/tfjs-core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { getCapabilities } from './capabilities.ts';
import { naiveSegmentSum, segmentCases } from '../testing/segment-sum-reference.ts';
import { isOurUnsortedSegmentSum } from './kernels/unsorted-segment-sum.ts';
import { currentBackend, initBackend } from './select.ts';

describe('backends in Chromium (page)', () => {
  it('detects every backend in the page', async () => {
    const caps = await getCapabilities();
    expect(caps.scope).toBe('window');
    expect(caps.webgpu.available && caps.webgl.available && caps.wasm.available && caps.cpu.available).toBe(true);
    expect(caps.wasm.simd).toBe(true);
  });

  it("'auto' resolves to webgpu on the SwiftShader adapter", async () => {
    const report = await initBackend('auto');
    expect(report.backend).toBe('webgpu');
    expect(tf.getBackend()).toBe('webgpu');
    expect(currentBackend()).toBe('webgpu');
    expect(report.reasonForFallback).toBeNull();
    expect(report.available).toEqual(['webgpu', 'webgl', 'wasm', 'cpu']);
    expect(report.adapterInfo).toMatchObject({
      vendor: 'google',
      architecture: 'swiftshader',
      isFallbackAdapter: true,
    });
    expect(report.adapterInfo?.limits.maxComputeInvocationsPerWorkgroup).toBeGreaterThanOrEqual(256);
    expect(await tf.sum(tf.tensor1d([1, 2, 3])).data()).toEqual(new Float32Array([6]));
  });

  it('runs explicit webgl, wasm and cpu, each reporting itself', async () => {
    for (const name of ['webgl', 'wasm', 'cpu'] as const) {
      const report = await initBackend(name);
      expect(report.backend).toBe(name);
      expect(report.adapterInfo).toBeNull();
      expect(tf.getBackend()).toBe(name);
      if (name !== 'webgl') expect(isOurUnsortedSegmentSum(name)).toBe(true);
      expect(await tf.matMul(tf.ones([2, 3]), tf.ones([3, 1])).data()).toEqual(new Float32Array([3, 3]));
    }
    // The wasm binary came from our own origin (Vite `?url`), never from a CDN.
    const wasmFetches = performance
      .getEntriesByType('resource')
      .map((e) => e.name)
      .filter((n) => /\.wasm(\?|$)/.test(n));
    expect(wasmFetches.length).toBeGreaterThan(0);
    for (const url of wasmFetches) expect(new URL(url).origin).toBe(location.origin);
    expect(wasmFetches.some((u) => u.includes('tfjs-backend-wasm-simd.wasm'))).toBe(true);
  });

  it('our wasm UnsortedSegmentSum matches the naive reference in the browser', async () => {
    await initBackend('wasm');
    fc.assert(
      fc.property(segmentCases(), (c) => {
        const values = tf.tidy(() => {
          const x = tf.tensor(c.x, [...c.idsShape, ...c.inner], c.dtype);
          const ids = tf.tensor(c.ids, c.idsShape, 'int32') as unknown as tf.Tensor1D;
          return Array.from(tf.unsortedSegmentSum(x, ids, c.numSegments).dataSync());
        });
        expect(values).toEqual(naiveSegmentSum(c));
      }),
      { numRuns: 100 },
    );
  });

  it('tf.gather gradients agree on webgpu, webgl, wasm and cpu', async () => {
    const grads: number[][] = [];
    for (const name of ['webgpu', 'webgl', 'wasm', 'cpu'] as const) {
      await initBackend(name);
      const table = tf.randomNormal([50, 8], 0, 1, 'float32', 3);
      const idx = tf.tensor1d(
        Array.from({ length: 200 }, (_, i) => (i * 7) % 50),
        'int32',
      );
      const w = tf.randomNormal([200, 8], 0, 1, 'float32', 4);
      const g = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(tf.gather(t, idx), w)))(table);
      grads.push(Array.from(await g.data()));
      tf.dispose([table, idx, w, g]);
    }
    for (const g of grads.slice(1)) g.forEach((v, i) => expect(v).toBeCloseTo(grads[0][i], 4));
  });
});
