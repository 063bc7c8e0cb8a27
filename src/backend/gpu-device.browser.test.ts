import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { GpuLimitError } from '../errors.ts';
import { parseGraph } from '../data/loaders/graph.ts';
import { trainLineGpu } from '../models/line/gpu/trainer.ts';
import { requestComputeDevice } from './gpu-device.ts';
import { useWebgpuDevice, webgpuDevice } from './webgpu-device.ts';

// A device requested with raised limits and `subgroups`, handed to tfjs's webgpu backend, shared by
// tfjs ops and our LINE kernel (Chromium's SwiftShader adapter: 1 GiB bindings, 4-lane subgroups).
const DEFAULT_BINDING = 134_217_728; // WebGPU's default maxStorageBufferBindingSize (128 MiB)

describe('requestComputeDevice + useWebgpuDevice (Chromium)', () => {
  it('raises the binding limit, enables subgroups, and tfjs and the LINE kernel share the device', async () => {
    const adapter = await navigator.gpu.requestAdapter();
    expect(adapter, 'WebGPU adapter').not.toBeNull();
    const gpu = await requestComputeDevice({ optionalFeatures: ['subgroups', 'no-such-feature'] });
    expect(gpu).not.toBeNull();
    const { device } = gpu!;
    expect(device.limits.maxStorageBufferBindingSize).toBe(adapter!.limits.maxStorageBufferBindingSize);
    expect(gpu!.maxStorageBufferBindingSize).toBeGreaterThan(DEFAULT_BINDING);
    expect(gpu!.features).toEqual(adapter!.features.has('subgroups') ? ['subgroups'] : []);
    expect(device.features.has('subgroups')).toBe(adapter!.features.has('subgroups'));

    // A buffer over the default binding limit binds only because the raised limit is in force.
    const big = device.createBuffer({ size: DEFAULT_BINDING + 1024, usage: GPUBufferUsage.STORAGE });
    const layout = device.createBindGroupLayout({
      entries: [{ binding: 0, visibility: GPUShaderStage.COMPUTE, buffer: { type: 'storage' } }],
    });
    device.pushErrorScope('validation');
    device.createBindGroup({ layout, entries: [{ binding: 0, resource: { buffer: big } }] });
    expect(await device.popErrorScope()).toBeNull();
    big.destroy();

    const report = await useWebgpuDevice(gpu!);
    expect(report.backend).toBe('webgpu');
    expect(webgpuDevice()).toBe(device);
    const sum = tf.add(tf.tensor1d([1, 2]), tf.tensor1d([3, 4]));
    expect(Array.from(await sum.data())).toEqual([4, 6]);
    tf.dispose(sum);

    const graph = parseGraph(await (await fetch('/data/graphs/karate.json')).text(), { file: 'karate.json' });
    const r = await trainLineGpu(gpu!, graph, { samples: 10_000, seed: 1, order: 'second' }, { threads: 256 });
    expect(r.kernel.variant).toBe(device.features.has('subgroups') ? 'subgroups' : 'thread');
    expect(r.embeddings.every(Number.isFinite)).toBe(true);
    expect(r.embeddings.some((x) => x !== 0)).toBe(true);
  });

  it('refuses a graph whose table exceeds the binding limit with a GpuLimitError naming the sizes', async () => {
    const adapter = await navigator.gpu.requestAdapter();
    const device = await adapter!.requestDevice(); // default limits: 128 MiB bindings
    // 33,000 nodes × 1024 dims × 4 bytes = 135,168,000 bytes > 134,217,728.
    const graph = {
      n: 33_000,
      src: Int32Array.of(0),
      dst: Int32Array.of(1),
      weight: Float32Array.of(1),
      directed: false,
    };
    const err = await trainLineGpu(device, graph, { dim: 1024, samples: 10 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GpuLimitError);
    expect(err).toMatchObject({
      buffer: 'vertex',
      bytes: 135_168_000,
      limit: DEFAULT_BINDING,
      limitName: 'maxStorageBufferBindingSize',
    });
    expect((err as Error).message).toContain('135168000 bytes');
    device.destroy();
  });
});
