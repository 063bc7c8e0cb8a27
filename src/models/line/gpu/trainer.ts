/**
 * LINE on WebGPU: the fused kernel of `kernel.ts` over a graph's alias tables, on a device the caller
 * gives (tfjs's own device from the webgpu backend, or one requested with raised limits). Samples are
 * dispatched in large chunks with no readback until `embeddings()`.
 */
/// <reference types="@webgpu/types" />
import { Rng } from '../../../data/rng';
import { AbortError } from '../../../errors';
import { ordersOf, resolveLineConfig, type LineConfig, type LineSettings } from '../config';
import { initVertex } from '../sgd';
import { buildLineTables, type LineGraph } from '../tables';
import { concatRows, normalizeRows } from '../vectors';
import { flatAlias } from './alias';
import { lineKernel, PARAM_WORDS } from './kernel';

const WORKGROUP = 64;
const STORAGE = 0x0080, COPY_SRC = 0x0004, COPY_DST = 0x0008, UNIFORM = 0x0040, MAP_READ = 0x0001;

/** Options of {@link trainLineGpu}. */
export interface LineGpuOptions {
  /** Concurrent threads (default 16,384): more saturate a big GPU, fewer collide less on tiny graphs. */
  threads?: number;
  /** Samples per dispatch (default 4,194,304). */
  samplesPerDispatch?: number;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
}

/** Result: the concatenated normalised embedding and each order's. */
export interface LineGpuResult {
  embeddings: Float32Array;
  dim: number;
  orders: Partial<Record<1 | 2, Float32Array>>;
  seconds: number;
  settings: LineSettings;
}

function buffer(device: GPUDevice, data: ArrayBufferView & { byteLength: number }, usage: number): GPUBuffer {
  const b = device.createBuffer({ size: Math.max(16, Math.ceil(data.byteLength / 4) * 4), usage: usage | COPY_DST });
  device.queue.writeBuffer(b, 0, data.buffer, data.byteOffset, data.byteLength);
  return b;
}

async function readBack(device: GPUDevice, src: GPUBuffer, bytes: number): Promise<Float32Array> {
  const staging = device.createBuffer({ size: bytes, usage: MAP_READ | COPY_DST });
  const enc = device.createCommandEncoder();
  enc.copyBufferToBuffer(src, 0, staging, 0, bytes);
  device.queue.submit([enc.finish()]);
  await staging.mapAsync(1 /* GPUMapMode.READ */);
  const out = new Float32Array(staging.getMappedRange().slice(0));
  staging.unmap();
  staging.destroy();
  return out;
}

function layout(device: GPUDevice): GPUBindGroupLayout {
  const entries: GPUBindGroupLayoutEntry[] = [{ binding: 0, visibility: 4 /* COMPUTE */, buffer: { type: 'uniform' } }];
  for (let b = 1; b <= 8; b++) entries.push({ binding: b, visibility: 4, buffer: { type: b <= 2 ? 'storage' : 'read-only-storage' } });
  return device.createBindGroupLayout({ entries });
}

/**
 * Trains LINE on `graph` with `device`; the same options and initial vectors as the CPU model.
 * @example const { embeddings } = await trainLineGpu(device, graph, { samples: 1e6 });
 */
export async function trainLineGpu(device: GPUDevice, graph: LineGraph, config: LineConfig = {}, opts: LineGpuOptions = {}): Promise<LineGpuResult> {
  const s = resolveLineConfig(config);
  const t0 = performance.now();
  const tables = buildLineTables(graph);
  const edge = flatAlias(tables.arcWeight);
  const node = flatAlias(Float64Array.from(tables.degree, (d) => d ** 0.75));
  const ro = (a: Int32Array | Float32Array) => buffer(device, a, STORAGE);
  const shared = [ro(tables.arcSrc), ro(tables.arcDst), ro(edge.prob), ro(edge.alias), ro(node.prob), ro(node.alias)];
  const bgl = layout(device);
  const pipelineLayout = device.createPipelineLayout({ bindGroupLayouts: [bgl] });
  const root = new Rng(s.seed);
  const bytes = graph.n * s.dim * 4;
  const orders: Partial<Record<1 | 2, Float32Array>> = {};
  const threads = Math.max(1, Math.min(opts.threads ?? 16_384, s.samples));
  const perDispatch = Math.max(threads, opts.samplesPerDispatch ?? 4_194_304);
  const owned: GPUBuffer[] = [...shared];
  try {
    for (const order of ordersOf(s.order)) {
      const vertex = buffer(device, initVertex(graph.n, s.dim, root.fork(`init${order}`)), STORAGE | COPY_SRC);
      const context = buffer(device, new Float32Array(order === 2 ? graph.n * s.dim : 4), STORAGE);
      const params = device.createBuffer({ size: PARAM_WORDS * 4, usage: UNIFORM | COPY_DST });
      owned.push(vertex, context, params);
      const pipeline = device.createComputePipeline({ layout: pipelineLayout, compute: { module: device.createShaderModule({ code: lineKernel(s.dim, order, WORKGROUP) }), entryPoint: 'main' } });
      const bind = device.createBindGroup({ layout: bgl, entries: [params, vertex, context, ...shared].map((b, i) => ({ binding: i, resource: { buffer: b } })) });
      for (let offset = 0; offset < s.samples; offset += perDispatch) {
        if (opts.signal?.aborted) throw new AbortError('line gpu fit aborted');
        const count = Math.min(perDispatch, s.samples - offset);
        const words = new Uint32Array(PARAM_WORDS);
        words.set([tables.arcSrc.length, graph.n, s.negatives, Math.ceil(count / threads), offset, s.samples, (s.seed * 2654435761 + order) >>> 0, threads]);
        new Float32Array(words.buffer, 32, 4)[0] = s.learningRate;
        device.queue.writeBuffer(params, 0, words);
        const enc = device.createCommandEncoder();
        const pass = enc.beginComputePass();
        pass.setPipeline(pipeline);
        pass.setBindGroup(0, bind);
        pass.dispatchWorkgroups(Math.ceil(threads / WORKGROUP));
        pass.end();
        device.queue.submit([enc.finish()]);
        if (opts.onProgress) {
          await device.queue.onSubmittedWorkDone();
          opts.onProgress(offset + count, s.samples);
        }
      }
      orders[order] = normalizeRows(await readBack(device, vertex, bytes), s.dim);
    }
  } finally {
    for (const b of owned) b.destroy();
  }
  const embeddings = orders[1] && orders[2] ? concatRows(orders[1], orders[2], s.dim) : ((orders[1] ?? orders[2]) as Float32Array);
  return { embeddings, dim: s.dim * ordersOf(s.order).length, orders, seconds: (performance.now() - t0) / 1000, settings: s };
}

/**
 * A device for LINE with the adapter's largest storage-buffer binding (tfjs's default device keeps
 * 128 MiB, too small for big graphs), or null where WebGPU is absent.
 */
export async function requestLineDevice(): Promise<GPUDevice | null> {
  const gpu = (globalThis.navigator as Navigator | undefined)?.gpu;
  const adapter = gpu ? await gpu.requestAdapter() : null;
  if (!adapter) return null;
  const { maxStorageBufferBindingSize, maxBufferSize } = adapter.limits;
  return adapter.requestDevice({ requiredLimits: { maxStorageBufferBindingSize, maxBufferSize } });
}
