import { afterEach, describe, expect, it } from 'vitest';
import {
  defaultCapabilityEnv,
  getCapabilities,
  overrideCapabilities,
  probeCapabilities,
  type CapabilityEnv,
  type GpuAdapterLike,
} from './capabilities.ts';

const swiftshader: GpuAdapterLike = {
  info: {
    vendor: 'google',
    architecture: 'swiftshader',
    device: '',
    description: 'SwiftShader',
    isFallbackAdapter: true,
  },
  features: new Set(['timestamp-query', 'float32-filterable']),
  limits: { maxBufferSize: 2 ** 30, maxComputeInvocationsPerWorkgroup: 256, maxStorageBufferBindingSize: 2 ** 27 },
};

const fakeEnv = (over: Partial<CapabilityEnv>): CapabilityEnv => ({
  scope: 'worker',
  gpu: undefined,
  hasWebGL2: undefined,
  webAssembly: WebAssembly,
  ...over,
});

describe('probeCapabilities with an injected environment', () => {
  it('describes a WebGPU adapter as a plain frozen object', async () => {
    const caps = await probeCapabilities(fakeEnv({ gpu: { requestAdapter: async () => swiftshader } }));
    expect(caps.webgpu.available).toBe(true);
    expect(caps.webgpu.adapter).toEqual({
      vendor: 'google',
      architecture: 'swiftshader',
      device: '',
      description: 'SwiftShader',
      isFallbackAdapter: true,
      features: ['float32-filterable', 'timestamp-query'],
      limits: {
        maxBufferSize: 2 ** 30,
        maxStorageBufferBindingSize: 2 ** 27,
        maxComputeWorkgroupStorageSize: 0,
        maxComputeInvocationsPerWorkgroup: 256,
        maxComputeWorkgroupSizeX: 0,
        maxStorageBuffersPerShaderStage: 0,
      },
    });
    expect(Object.isFrozen(caps.webgpu.adapter?.limits)).toBe(true);
    expect(structuredClone(caps)).toEqual(caps);
  });

  it('reads isFallbackAdapter from the adapter when info lacks it (older Chromium)', async () => {
    const old = { ...swiftshader, info: { vendor: 'google' }, isFallbackAdapter: true };
    const caps = await probeCapabilities(fakeEnv({ gpu: { requestAdapter: async () => old } }));
    expect(caps.webgpu.adapter?.isFallbackAdapter).toBe(true);
  });

  it('gives a reason for every way WebGPU can be missing', async () => {
    const none = await probeCapabilities(fakeEnv({}));
    const nullAdapter = await probeCapabilities(fakeEnv({ gpu: { requestAdapter: async () => null } }));
    const throwing = await probeCapabilities(
      fakeEnv({ gpu: { requestAdapter: () => Promise.reject(new Error('device lost')) } }),
    );
    expect(none.webgpu).toEqual({ available: false, reason: 'no navigator.gpu', adapter: null });
    expect(nullAdapter.webgpu.reason).toBe('requestAdapter() returned null');
    expect(throwing.webgpu.reason).toBe('requestAdapter() failed: device lost');
  });

  it('probes WebGL2 through the injected canvas check', async () => {
    expect((await probeCapabilities(fakeEnv({ hasWebGL2: () => true }))).webgl).toEqual({
      available: true,
      reason: null,
    });
    expect((await probeCapabilities(fakeEnv({ hasWebGL2: () => false }))).webgl.reason).toMatch(/returned null/);
    const boom = () => {
      throw new Error('context creation blocked');
    };
    expect((await probeCapabilities(fakeEnv({ hasWebGL2: boom }))).webgl.reason).toMatch(/blocked/);
  });

  it('reports wasm SIMD from WebAssembly.validate, and no wasm without the namespace', async () => {
    const noSimd = await probeCapabilities(fakeEnv({ webAssembly: { validate: (b) => b.byteLength <= 8 } }));
    expect(noSimd.wasm).toEqual({ available: true, reason: null, simd: false });
    const none = await probeCapabilities(fakeEnv({ webAssembly: undefined }));
    expect(none.wasm.available).toBe(false);
    expect(none.cpu).toEqual({ available: true, reason: null });
  });
});

describe('capabilities of this Node runtime', () => {
  afterEach(() => overrideCapabilities(null));

  it('has wasm with SIMD and cpu, and no WebGPU or WebGL', async () => {
    expect(defaultCapabilityEnv().scope).toBe('node');
    const caps = await getCapabilities();
    expect(caps.scope).toBe('node');
    expect(caps.webgpu.available).toBe(false);
    expect(caps.webgl).toEqual({ available: false, reason: 'no canvas API (OffscreenCanvas or document)' });
    expect(caps.wasm).toEqual({ available: true, reason: null, simd: true });
    expect(caps.cpu.available).toBe(true);
  });

  it('is detected once, frozen, and replaceable for tests', async () => {
    const a = await getCapabilities();
    expect(await getCapabilities()).toBe(a);
    expect(Object.isFrozen(a) && Object.isFrozen(a.wasm)).toBe(true);
    const injected = { ...a, wasm: { available: false, reason: 'injected', simd: false } };
    overrideCapabilities(injected);
    const b = await getCapabilities();
    expect(b.wasm.reason).toBe('injected');
    expect(Object.isFrozen(b.wasm)).toBe(true);
    overrideCapabilities(null);
    expect((await getCapabilities()).wasm.available).toBe(true);
  });
});
