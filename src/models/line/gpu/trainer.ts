/**
 * LINE on WebGPU: a fused kernel (`kernel-subgroups.ts` where the device has `subgroups`, else the
 * thread-per-edge `kernel.ts`) over a graph's alias tables, on a device the caller gives (one from
 * `requestLineDevice` with raised limits, or tfjs's own). Samples are dispatched in large chunks with
 * no readback until the end.
 */
/// <reference types="@webgpu/types" />
import { Rng } from '../../../data/rng';
import { requestComputeDevice, assertFitsDevice, type ComputeDevice } from '../../../backend/gpu-device';
import { AbortError, InvalidArgumentError } from '../../../errors';
import { ordersOf, resolveLineConfig, type LineConfig, type LineSettings } from '../config';
import { initVertex } from '../sgd';
import { buildLineTables, type LineGraph, type LineTables } from '../tables';
import { concatRows, normalizeRows } from '../vectors';
import { PARAM_WORDS } from './kernel';
import { chooseLineKernel, kernelSource, type LineKernelChoice, type LineKernelVariant } from './select';

const WORKGROUP = 64;
const STORAGE = 0x0080, COPY_SRC = 0x0004, COPY_DST = 0x0008, UNIFORM = 0x0040, MAP_READ = 0x0001;

/** Options of {@link trainLineGpu}. */
export interface LineGpuOptions {
  /**
   * Concurrent edge samples (default 16,384; threads, or lane groups for the subgroup kernel): more
   * saturate a big GPU, fewer collide less on tiny graphs.
   */
  threads?: number;
  /** Kernel (default `'auto'`: subgroups where the device has them). */
  variant?: LineKernelVariant;
  /** Lanes per edge for the subgroup kernel (default: up to 16, ≤ subgroupMinSize). */
  lanes?: number;
  /** `buildLineTables(graph)` when the caller already has it (benches reuse one for several runs). */
  tables?: LineTables;
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
  /** The kernel that ran. */
  kernel: LineKernelChoice;
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
export async function trainLineGpu(gpu: GPUDevice | ComputeDevice, graph: LineGraph, config: LineConfig = {}, opts: LineGpuOptions = {}): Promise<LineGpuResult> {
  const s = resolveLineConfig(config);
  if (s.samples > 0xfffffff0) throw new InvalidArgumentError(`line gpu: samples must be < 2^32 (u32 counters), got ${s.samples}`);
  const device = 'device' in gpu ? gpu.device : gpu;
  const choice = chooseLineKernel({ dim: s.dim, hasSubgroups: device.features.has('subgroups'), ...subgroupSizes(gpu), variant: opts.variant, lanes: opts.lanes });
  const lanes = choice.variant === 'subgroups' ? choice.lanes : 1;
  const t0 = performance.now();
  const tables = opts.tables ?? buildLineTables(graph);
  assertFitsDevice(
    { vertex: graph.n * s.dim * 4, context: s.order === 'first' ? 0 : graph.n * s.dim * 4, arcs: tables.arcSrc.length * 4, nodes: graph.n * 4 },
    device.limits,
  );
  const [edge, node] = [tables.edgeAlias, tables.nodeAlias];
  const ro = (a: Int32Array | Float32Array) => buffer(device, a, STORAGE);
  const shared = [ro(tables.arcSrc), ro(tables.arcDst), ro(edge.prob), ro(edge.alias), ro(node.prob), ro(node.alias)];
  const bgl = layout(device);
  const pipelineLayout = device.createPipelineLayout({ bindGroupLayouts: [bgl] });
  const root = new Rng(s.seed);
  const bytes = graph.n * s.dim * 4;
  const orders: Partial<Record<1 | 2, Float32Array>> = {};
  const maxThreads = Math.floor((device.limits.maxComputeWorkgroupsPerDimension * WORKGROUP) / lanes);
  const threads = Math.max(1, Math.min(opts.threads ?? 16_384, s.samples, maxThreads));
  // A whole number of samples per thread, so consecutive dispatches' counters never overlap.
  const perDispatch = Math.ceil(Math.max(threads, opts.samplesPerDispatch ?? 4_194_304) / threads) * threads;
  const owned: GPUBuffer[] = [...shared];
  try {
    for (const order of ordersOf(s.order)) {
      const vertex = buffer(device, initVertex(graph.n, s.dim, root.fork(`init${order}`)), STORAGE | COPY_SRC);
      const context = buffer(device, new Float32Array(order === 2 ? graph.n * s.dim : 4), STORAGE);
      const params = device.createBuffer({ size: PARAM_WORDS * 4, usage: UNIFORM | COPY_DST });
      owned.push(vertex, context, params);
      const pipeline = device.createComputePipeline({ layout: pipelineLayout, compute: { module: device.createShaderModule({ code: kernelSource(choice, s.dim, order, WORKGROUP) }), entryPoint: 'main' } });
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
        pass.dispatchWorkgroups(Math.ceil((threads * lanes) / WORKGROUP));
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
  return { embeddings, dim: s.dim * ordersOf(s.order).length, orders, seconds: (performance.now() - t0) / 1000, settings: s, kernel: choice };
}

/** Subgroup sizes of the device's adapter: from a `ComputeDevice`, else `GPUDevice.adapterInfo` (Chromium ≥ 130). */
function subgroupSizes(gpu: GPUDevice | ComputeDevice): { subgroupMinSize?: number; subgroupMaxSize?: number } {
  const info = 'device' in gpu ? gpu.info : (gpu as GPUDevice & { adapterInfo?: { subgroupMinSize?: number; subgroupMaxSize?: number } }).adapterInfo;
  return { subgroupMinSize: info?.subgroupMinSize, subgroupMaxSize: info?.subgroupMaxSize };
}

/**
 * A device for LINE: `subgroups` where the adapter has it, and the adapter's largest storage-buffer
 * binding and buffer sizes (the WebGPU default binding, 128 MiB, is too small for big graphs); null
 * where WebGPU is absent.
 */
export function requestLineDevice(): Promise<ComputeDevice | null> {
  return requestComputeDevice({ optionalFeatures: ['subgroups'] });
}
