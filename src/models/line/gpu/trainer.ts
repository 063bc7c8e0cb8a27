/**
 * LINE on WebGPU: a fused kernel (`kernel-subgroups.ts` where the device has `subgroups`, else the
 * thread-per-edge `kernel.ts`) over a graph's alias tables, on a device the caller gives (one from
 * `requestLineDevice` with raised limits, or tfjs's own). Samples are dispatched in large chunks with
 * no readback until the end.
 */
/// <reference types="@webgpu/types" />
import { Rng } from '../../../data/rng.ts';
import { requestComputeDevice, type ComputeDevice } from '../../../backend/gpu-device.ts';
import { AbortError } from '../../../errors.ts';
import { ordersOf, resolveLineConfig, type LineConfig, type LineSettings } from '../config.ts';
import { initVertex } from '../sgd.ts';
import { buildLineTables, type LineGraph, type LineTables } from '../tables.ts';
import { concatRows, normalizeRows } from '../vectors.ts';
import type { LineKernelChoice, LineKernelVariant } from './select.ts';
import { LineGpuSession } from './session.ts';

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
  /** Cancels between dispatches; the run then rejects with `AbortError`. */
  signal?: AbortSignal;
  /** Called after each dispatch with the samples done and the total. */
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

/**
 * Trains LINE on `graph` with `device`; the same options and initial vectors as the CPU model.
 * @example const { embeddings } = await trainLineGpu(device, graph, { samples: 1e6 });
 */
export async function trainLineGpu(
  gpu: GPUDevice | ComputeDevice,
  graph: LineGraph,
  config: LineConfig = {},
  opts: LineGpuOptions = {},
): Promise<LineGpuResult> {
  const s = resolveLineConfig(config);
  const t0 = performance.now();
  const session = new LineGpuSession(gpu, opts.tables ?? buildLineTables(graph), s, opts);
  const root = new Rng(s.seed);
  const orders: Partial<Record<1 | 2, Float32Array>> = {};
  const step = opts.samplesPerDispatch ?? 4_194_304;
  try {
    for (const order of ordersOf(s.order)) {
      session.load(
        order,
        initVertex(graph.n, s.dim, root.fork(`init${order}`)),
        order === 2 ? new Float32Array(graph.n * s.dim) : undefined,
      );
      for (let offset = 0; offset < s.samples; offset += step) {
        if (opts.signal?.aborted) throw new AbortError('line gpu fit aborted');
        const end = Math.min(offset + step, s.samples);
        session.run(offset, end);
        if (opts.onProgress) {
          await session.sync();
          opts.onProgress(end, s.samples);
        }
      }
      orders[order] = normalizeRows((await session.read()).vertex, s.dim);
    }
  } finally {
    session.dispose();
  }
  const embeddings =
    orders[1] && orders[2] ? concatRows(orders[1], orders[2], s.dim) : ((orders[1] ?? orders[2]) as Float32Array);
  return {
    embeddings,
    dim: s.dim * ordersOf(s.order).length,
    orders,
    seconds: (performance.now() - t0) / 1000,
    settings: s,
    kernel: session.kernel,
  };
}

/**
 * A device for LINE: `subgroups` where the adapter has it, and the adapter's largest storage-buffer
 * binding and buffer sizes (the WebGPU default binding, 128 MiB, is too small for big graphs); null
 * where WebGPU is absent.
 */
export function requestLineDevice(): Promise<ComputeDevice | null> {
  return requestComputeDevice({ optionalFeatures: ['subgroups'] });
}
