/**
 * Where a {@link LineModel} trains: WebGPU (the fused WGSL kernels of `gpu/`) or the CPU loop. The
 * choice is code, not configuration (it is never saved with a state: the state holds the vectors,
 * whatever trained them).
 */
import type { ComputeDevice } from '../../backend/gpu-device.ts';
import { AbortError, BackendUnavailableError, InvalidArgumentError } from '../../errors.ts';
import type { LineSettings } from './config.ts';
import type { LineKernelVariant } from './gpu/select.ts';
import { kernelLabel, LineGpuSession } from './gpu/session.ts';
import { requestLineDevice } from './gpu/trainer.ts';
import type { LineTables } from './tables.ts';

/** `'auto'` tries WebGPU and falls back to the CPU loop; `'webgpu'` insists; `'cpu'` never asks. */
export type LineBackendPreference = 'auto' | 'webgpu' | 'cpu';

/** WebGPU options of a LINE model. */
export interface LineGpuRuntime {
  /** A device to train on (the caller's: never destroyed by the model); default: one from `requestLineDevice` per fit. */
  device?: ComputeDevice;
  /** Concurrent edge samples (default 4 per node, within 256 … 16,384: fewer collide less on small graphs). */
  threads?: number;
  /** Kernel (default `'auto'`: subgroups where the device has them). */
  variant?: LineKernelVariant;
}

/** `'auto'` where the global scope has `navigator.gpu` (browsers, workers), else `'cpu'` (Node). */
export function defaultLineBackend(): LineBackendPreference {
  return (globalThis.navigator as { gpu?: unknown } | undefined)?.gpu ? 'auto' : 'cpu';
}

/** Validates a preference; InvalidArgumentError on anything else. */
export function checkLineBackend(b: unknown): LineBackendPreference {
  if (b === 'auto' || b === 'webgpu' || b === 'cpu') return b;
  throw new InvalidArgumentError(`line: backend must be auto, webgpu or cpu, got ${String(b)}`);
}

/** The host's raw weights, which both paths train: per order its vertex table; second order also its context table. */
export interface LineWeights {
  n: number;
  first?: Float32Array;
  second?: Float32Array;
  context?: Float32Array;
  /** Samples done per order (index 0: first order, 1: second) — what the host vectors hold. */
  done: [number, number];
}

/** Reports one finished chunk: samples `from … to − 1`, started at `c0` (ms), with its loss. */
export type ChunkReport = (from: number, to: number, c0: number, loss: number) => void;

/**
 * An open WebGPU run. Each order's vectors go to the device, train chunk by chunk and come back at
 * the order's end, on abort, and when {@link nextRead} asks; the host weights then stand at the
 * device's sample count. Device loss rejects with GpuDeviceLost, the host weights as last read.
 */
export class LineGpuTrainer {
  /** E.g. `subgroups×4 (add)` or `thread`. */
  readonly kernel: string;
  private live: { order: 1 | 2; at: number; w: LineWeights } | null = null;
  private waiting: (() => void)[] = [];

  constructor(
    private readonly session: LineGpuSession,
    private readonly own: ComputeDevice | null,
  ) {
    this.kernel = kernelLabel(session.kernel);
  }

  /** Trains `order` from `w.done` to `s.samples`; the kernel tracks no loss, so chunks report NaN. */
  async trainOrder(
    order: 1 | 2,
    w: LineWeights,
    s: LineSettings,
    report: ChunkReport,
    signal?: AbortSignal,
  ): Promise<void> {
    const { session } = this;
    session.load(order, (order === 1 ? w.first : w.second) as Float32Array, w.context);
    const live = (this.live = { order, at: w.done[order - 1], w });
    try {
      while (live.at < s.samples) {
        if (signal?.aborted) {
          await this.pull();
          throw new AbortError('line fit aborted');
        }
        const from = live.at,
          to = Math.min(from + s.chunk, s.samples);
        const c0 = performance.now();
        session.run(from, to);
        await session.sync();
        live.at = to;
        report(from, to, c0, Number.NaN);
        if (this.waiting.length && to < s.samples) await this.pull(); // the order's end reads anyway
      }
      await this.pull();
    } finally {
      this.live = null;
      this.release();
      session.unload();
    }
  }

  /**
   * Resolves once the host weights have been read back at a chunk boundary (each call costs a GPU→CPU
   * copy at the next one), or null when no order is on the device.
   */
  nextRead(): Promise<void> | null {
    return this.live ? new Promise((resolve) => this.waiting.push(resolve)) : null;
  }

  /** Frees the run's buffers, and the device when the run requested it. */
  close(): void {
    this.release();
    this.session.dispose();
    this.own?.device.destroy();
  }

  private async pull(): Promise<void> {
    const live = this.live;
    if (!live) return;
    const { vertex, context } = await this.session.read();
    const w = live.w;
    (live.order === 1 ? (w.first as Float32Array) : (w.second as Float32Array)).set(vertex);
    if (context) (w.context as Float32Array).set(context);
    w.done[live.order - 1] = live.at;
    this.release();
  }

  private release(): void {
    for (const resolve of this.waiting.splice(0)) resolve();
  }
}

/**
 * Opens a WebGPU run for `tables`, or returns why not (`'auto'`). An explicit `'webgpu'` that cannot
 * run rejects: BackendUnavailableError without an adapter, GpuLimitError for a graph too big.
 */
export async function openLineGpu(
  pref: LineBackendPreference,
  rt: LineGpuRuntime,
  tables: LineTables,
  s: LineSettings,
): Promise<LineGpuTrainer | { why: string } | null> {
  if (pref === 'cpu') return null;
  const gpu = rt.device ?? (await requestLineDevice().catch(() => null));
  if (!gpu) {
    if (pref === 'webgpu') throw new BackendUnavailableError('webgpu', ['cpu'], 'no WebGPU adapter here');
    return { why: 'no WebGPU adapter here' };
  }
  const own = rt.device ? null : gpu;
  try {
    const threads = rt.threads ?? Math.min(16_384, Math.max(256, 4 * tables.n));
    return new LineGpuTrainer(new LineGpuSession(gpu, tables, s, { threads, variant: rt.variant }), own);
  } catch (e) {
    own?.device.destroy();
    if (pref === 'webgpu') throw e;
    return { why: (e as Error).message };
  }
}
