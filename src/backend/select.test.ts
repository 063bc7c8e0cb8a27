import * as tf from '@tensorflow/tfjs-core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BackendUnavailableError, MissingKernelError } from '../errors.ts';
import { getCapabilities, overrideCapabilities } from './capabilities.ts';
import { currentBackend, initBackend } from './select.ts';
import type { Capabilities } from './types.ts';

// Node must never load the GPU backends; a test that pretends WebGPU exists gets an empty module.
vi.mock('@tensorflow/tfjs-backend-webgpu', () => ({}));

const withCaps = async (patch: Partial<Capabilities>): Promise<void> => {
  overrideCapabilities({ ...(await getCapabilities()), ...patch });
};

afterEach(() => overrideCapabilities(null));

describe('initBackend in Node', () => {
  it("'auto' skips webgpu and webgl with reasons and lands on wasm", async () => {
    const report = await initBackend();
    expect(report.backend).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
    expect(currentBackend()).toBe('wasm');
    expect(report.adapterInfo).toBeNull();
    expect(report.available).toEqual(['wasm', 'cpu']);
    expect(report.reasonForFallback).toBe(
      'webgpu: no navigator.gpu; webgl: no canvas API (OffscreenCanvas or document)',
    );
    expect(Object.isFrozen(report)).toBe(true);
  });

  it('runs explicit cpu and wasm and reports each', async () => {
    for (const name of ['cpu', 'wasm', 'cpu'] as const) {
      const report = await initBackend(name);
      expect(report).toEqual({ backend: name, adapterInfo: null, reasonForFallback: null, available: ['wasm', 'cpu'] });
      expect(tf.getBackend()).toBe(name);
      expect(tf.sum(tf.tensor1d([1, 2, 3])).dataSync()[0]).toBe(6);
    }
  });

  it('throws BackendUnavailableError for an unavailable explicit backend, listing what is available', async () => {
    await initBackend('cpu');
    const err = await initBackend('webgpu').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BackendUnavailableError);
    expect(err).toMatchObject({ requested: 'webgpu', available: ['wasm', 'cpu'], reason: 'no navigator.gpu' });
    expect(tf.getBackend()).toBe('cpu');
  });

  it("'auto' falls to cpu when wasm is unavailable", async () => {
    await withCaps({ wasm: { available: false, reason: 'no WebAssembly', simd: false } });
    const report = await initBackend('auto');
    expect(report.backend).toBe('cpu');
    expect(report.available).toEqual(['cpu']);
    expect(report.reasonForFallback).toMatch(/wasm: no WebAssembly$/);
  });

  it('treats a silent setBackend() === false as a failure, records its reason and falls back', async () => {
    // A factory that rejects: tfjs only console.warns and returns false from setBackend.
    tf.registerBackend('webgpu', () => Promise.reject(new Error('adapter vanished')), 3);
    const fakeGpu = { available: true, reason: null, adapter: null };
    await withCaps({ webgpu: fakeGpu, webgl: { available: false, reason: 'off' } });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const report = await initBackend('auto');
    warn.mockRestore();
    expect(report.backend).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
    expect(report.reasonForFallback).toBe(
      "webgpu: setBackend('webgpu') returned false: Error: adapter vanished; webgl: off",
    );
    expect(report.available).toEqual(['wasm', 'cpu']); // a backend that failed to start is not available
    const explicit = await initBackend('webgpu').catch((e: unknown) => e);
    expect(explicit).toMatchObject({
      name: 'BackendUnavailableError',
      reason: expect.stringContaining('returned false'),
    });
    tf.removeBackend('webgpu');
  });

  it('checks required kernels: auto skips, explicit throws MissingKernelError and restores', async () => {
    await initBackend('cpu');
    const err = await initBackend('wasm', { requiredKernels: ['GatherV2', 'NoSuchKernel'] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MissingKernelError);
    expect(err).toMatchObject({ backend: 'wasm', kernels: ['NoSuchKernel'] });
    expect(tf.getBackend()).toBe('cpu');
    const auto = await initBackend('auto', { requiredKernels: ['NoSuchKernel'] }).catch((e: unknown) => e);
    expect(auto).toBeInstanceOf(BackendUnavailableError);
    expect((auto as BackendUnavailableError).reason).toMatch(/wasm: missing kernels: NoSuchKernel; cpu: missing/);
  });

  it('serialises concurrent calls', async () => {
    const reports = await Promise.all([initBackend('cpu'), initBackend('wasm'), initBackend('cpu')]);
    expect(reports.map((r) => r.backend)).toEqual(['cpu', 'wasm', 'cpu']);
    expect(tf.getBackend()).toBe('cpu');
  });
});
