/**
 * One LINE training run's GPU state: the graph's tables uploaded once, then per order the vertex and
 * context tables and a pipeline of the chosen kernel. Samples `from … to − 1` of the schedule run on
 * demand (so a caller can train in chunks with ρ_t over the whole run), and the raw vectors come back
 * only when asked. Device loss surfaces as {@link GpuDeviceLost} from `sync` and `read`, never a hang.
 */
/// <reference types="@webgpu/types" />
import { assertFitsDevice, type ComputeDevice } from '../../../backend/gpu-device.ts';
import { InvalidArgumentError } from '../../../errors.ts';
import type { LineSettings } from '../config.ts';
import type { LineTables } from '../tables.ts';
import { PARAM_WORDS } from './kernel.ts';
import { chooseLineKernel, kernelSource, type LineKernelChoice, type LineKernelVariant } from './select.ts';

const WORKGROUP = 64;
const STORAGE = 0x0080,
  COPY_SRC = 0x0004,
  COPY_DST = 0x0008,
  UNIFORM = 0x0040,
  MAP_READ = 0x0001;

/** The device went away (lost or destroyed); what it held since the last read is gone. */
export class GpuDeviceLost extends Error {
  override name = 'GpuDeviceLost';
}

/** How a session runs. */
export interface LineGpuSessionOptions {
  /** Concurrent edge samples (threads, or lane groups of the subgroup kernel; default 16,384). */
  threads?: number;
  variant?: LineKernelVariant;
  lanes?: number;
  /** Largest dispatch, in samples (default 4,194,304). */
  samplesPerDispatch?: number;
}

/** A short label of a kernel choice: `subgroups×4 (add)` or `thread`. */
export function kernelLabel(k: LineKernelChoice): string {
  return k.variant === 'thread' ? 'thread' : `subgroups×${k.lanes} (${k.reduce})`;
}

function upload(device: GPUDevice, data: ArrayBufferView & { byteLength: number }, usage: number): GPUBuffer {
  const b = device.createBuffer({ size: Math.max(16, Math.ceil(data.byteLength / 4) * 4), usage: usage | COPY_DST });
  device.queue.writeBuffer(b, 0, data.buffer, data.byteOffset, data.byteLength);
  return b;
}

/** Subgroup sizes of the device's adapter: from a `ComputeDevice`, else `GPUDevice.adapterInfo` (Chromium ≥ 130). */
function subgroupSizes(gpu: GPUDevice | ComputeDevice): { subgroupMinSize?: number; subgroupMaxSize?: number } {
  const info =
    'device' in gpu
      ? gpu.info
      : (gpu as GPUDevice & { adapterInfo?: { subgroupMinSize?: number; subgroupMaxSize?: number } }).adapterInfo;
  return { subgroupMinSize: info?.subgroupMinSize, subgroupMaxSize: info?.subgroupMaxSize };
}

interface OrderState {
  order: 1 | 2;
  vertex: GPUBuffer;
  context: GPUBuffer;
  params: GPUBuffer;
  pipeline: GPUComputePipeline;
  bind: GPUBindGroup;
}

/** LINE's GPU state for one run; `dispose` frees every buffer (the device stays the caller's). */
export class LineGpuSession {
  readonly device: GPUDevice;
  readonly kernel: LineKernelChoice;
  private lostReason: string | null = null;
  private readonly lostSignal: Promise<void>;
  private readonly shared: GPUBuffer[];
  private readonly bgl: GPUBindGroupLayout;
  private readonly threads: number;
  private readonly perDispatch: number;
  private cur: OrderState | null = null;

  /** Uploads `tables`; throws GpuLimitError when a table exceeds the device's limits. */
  constructor(
    gpu: GPUDevice | ComputeDevice,
    private readonly tables: LineTables,
    private readonly s: LineSettings,
    opts: LineGpuSessionOptions = {},
  ) {
    if (s.samples > 0xfffffff0)
      throw new InvalidArgumentError(`line gpu: samples must be < 2^32 (u32 counters), got ${s.samples}`);
    const device = (this.device = 'device' in gpu ? gpu.device : gpu);
    this.kernel = chooseLineKernel({
      dim: s.dim,
      hasSubgroups: device.features.has('subgroups'),
      ...subgroupSizes(gpu),
      variant: opts.variant,
      lanes: opts.lanes,
    });
    const n = tables.n;
    assertFitsDevice(
      {
        vertex: n * s.dim * 4,
        context: s.order === 'first' ? 0 : n * s.dim * 4,
        arcs: tables.arcSrc.length * 4,
        nodes: n * 4,
      },
      device.limits,
    );
    this.lostSignal = device.lost.then(
      (info) => void (this.lostReason = (info.message || info.reason || 'lost').replace(/\.$/, '')),
    );
    const [edge, node] = [tables.edgeAlias, tables.nodeAlias];
    this.shared = [tables.arcSrc, tables.arcDst, edge.prob, edge.alias, node.prob, node.alias].map((a) =>
      upload(device, a, STORAGE),
    );
    const entries: GPUBindGroupLayoutEntry[] = [
      { binding: 0, visibility: 4 /* COMPUTE */, buffer: { type: 'uniform' } },
    ];
    for (let b = 1; b <= 8; b++)
      entries.push({ binding: b, visibility: 4, buffer: { type: b <= 2 ? 'storage' : 'read-only-storage' } });
    this.bgl = device.createBindGroupLayout({ entries });
    const lanes = this.kernel.variant === 'subgroups' ? this.kernel.lanes : 1;
    const maxThreads = Math.floor((device.limits.maxComputeWorkgroupsPerDimension * WORKGROUP) / lanes);
    this.threads = Math.max(1, Math.min(opts.threads ?? 16_384, s.samples, maxThreads));
    this.perDispatch = Math.max(this.threads, opts.samplesPerDispatch ?? 4_194_304);
  }

  /** Uploads `order`'s raw vectors (context: second order only) and builds its pipeline; frees the previous order's. */
  load(order: 1 | 2, vertex: Float32Array, context?: Float32Array): void {
    this.unload();
    const device = this.device;
    const module = device.createShaderModule({ code: kernelSource(this.kernel, this.s.dim, order, WORKGROUP) });
    const layout = device.createPipelineLayout({ bindGroupLayouts: [this.bgl] });
    // The synchronous form, as Dawn's Node bindings (the GPU bench) have it too; a lost device shows at `sync`.
    const pipeline = device.createComputePipeline({ layout, compute: { module, entryPoint: 'main' } });
    const v = upload(device, vertex, STORAGE | COPY_SRC);
    const c = upload(device, order === 2 && context ? context : new Float32Array(4), STORAGE | COPY_SRC);
    const params = device.createBuffer({ size: PARAM_WORDS * 4, usage: UNIFORM | COPY_DST });
    const bind = device.createBindGroup({
      layout: this.bgl,
      entries: [params, v, c, ...this.shared].map((b, i) => ({ binding: i, resource: { buffer: b } })),
    });
    this.cur = { order, vertex: v, context: c, params, pipeline, bind };
  }

  /** Queues samples `from … to − 1` of the run (ρ_t over the whole run's T); returns at once. */
  run(from: number, to: number): void {
    const o = this.need();
    const { device, threads, s, tables } = this;
    const lanes = this.kernel.variant === 'subgroups' ? this.kernel.lanes : 1;
    for (let offset = from; offset < to; offset += this.perDispatch) {
      const end = Math.min(offset + this.perDispatch, to);
      const words = new Uint32Array(PARAM_WORDS);
      words.set([
        tables.arcSrc.length,
        tables.n,
        s.negatives,
        Math.ceil((end - offset) / threads),
        offset,
        s.samples,
        (s.seed * 2654435761 + o.order) >>> 0,
        threads,
      ]);
      new Float32Array(words.buffer, 32, 1)[0] = s.learningRate;
      words[9] = end;
      device.queue.writeBuffer(o.params, 0, words);
      const enc = device.createCommandEncoder();
      const pass = enc.beginComputePass();
      pass.setPipeline(o.pipeline);
      pass.setBindGroup(0, o.bind);
      pass.dispatchWorkgroups(Math.ceil((threads * lanes) / WORKGROUP));
      pass.end();
      device.queue.submit([enc.finish()]);
    }
  }

  /** Resolves when the queued work is done; GpuDeviceLost when the device went away. */
  async sync(): Promise<void> {
    await this.orLost(this.device.queue.onSubmittedWorkDone());
  }

  /** The current order's raw vertex (and, second order, context) vectors. */
  async read(): Promise<{ vertex: Float32Array; context?: Float32Array }> {
    const o = this.need();
    const bytes = this.tables.n * this.s.dim * 4;
    const vertex = await this.readBuffer(o.vertex, bytes);
    return o.order === 2 ? { vertex, context: await this.readBuffer(o.context, bytes) } : { vertex };
  }

  /** Frees the current order's buffers. */
  unload(): void {
    if (!this.cur) return;
    for (const b of [this.cur.vertex, this.cur.context, this.cur.params]) b.destroy();
    this.cur = null;
  }

  /** Frees every buffer of the run. */
  dispose(): void {
    this.unload();
    for (const b of this.shared) b.destroy();
    this.shared.length = 0;
  }

  private need(): OrderState {
    if (!this.cur) throw new InvalidArgumentError('line gpu: no order loaded');
    return this.cur;
  }

  private async readBuffer(src: GPUBuffer, bytes: number): Promise<Float32Array> {
    const staging = this.device.createBuffer({ size: bytes, usage: MAP_READ | COPY_DST });
    try {
      const enc = this.device.createCommandEncoder();
      enc.copyBufferToBuffer(src, 0, staging, 0, bytes);
      this.device.queue.submit([enc.finish()]);
      await this.orLost(staging.mapAsync(1 /* GPUMapMode.READ */));
      const out = new Float32Array(staging.getMappedRange().slice(0));
      staging.unmap();
      return out;
    } finally {
      staging.destroy();
    }
  }

  /** `p`, unless the device goes away first (or `p` fails because it did). */
  private async orLost<T>(p: Promise<T>): Promise<T> {
    const lostError = () => new GpuDeviceLost(`webgpu device lost: ${this.lostReason}`);
    const lost = this.lostSignal.then(() => Promise.reject(lostError()));
    lost.catch(() => undefined);
    try {
      const r = await Promise.race([p, lost]);
      if (this.lostReason !== null) throw lostError();
      return r;
    } catch (e) {
      if (e instanceof GpuDeviceLost) throw e;
      // A failed map or pipeline may precede the device's lost promise by a moment: wait for it briefly.
      await Promise.race([this.lostSignal, new Promise((r) => setTimeout(r, 250))]);
      throw this.lostReason !== null ? lostError() : e;
    }
  }
}
