/**
 * The fused-webgpu NCF engine: weights, gradients and Adam's moments in flat GPU buffers (`layout.ts`),
 * one compute pass of the kernels of `kernels.ts` per mini-batch, and no readback until the loss sum,
 * the weights or Adam's state are asked for. The maths is the tfjs reference's (`forward.ts`,
 * `train.ts`, NamedAdam): dense Adam over every parameter, bias correction folded into the step size
 * on the host in float64.
 */
/// <reference types="@webgpu/types" />
import { assertFitsDevice } from '../../../backend/gpu-device.ts';
import { InvalidArgumentError } from '../../../errors.ts';
import type { AdamArrays } from '../../shared/adam.ts';
import type { ParamArrays } from '../params.ts';
import type { NcfStepInput, NcfStepper, NcfStepperInit } from '../stepper.ts';
import { ncfKernelSource, UNIFORM_FIELDS, UNIFORM_FLOATS, UNIFORM_WORDS, WORKGROUP } from './kernels.ts';
import { packBatch, paramLayout, type BatchOffsets, type ParamLayout } from './layout.ts';

const STORAGE = 0x0080,
  COPY_SRC = 0x0004,
  COPY_DST = 0x0008,
  UNIFORM = 0x0040,
  MAP_READ = 0x0001;
const BETA1 = 0.9;
const BETA2 = 0.999;
const MAX_GROUPS = 65_535;
/**
 * Workgroups of the row kernel at most: each one zeroes and flushes its workgroup copy of the dense
 * gradients once, so beyond this many rows loop inside the workgroups instead.
 */
const ROW_GROUPS = 1024;

type Entry = 'segSum' | 'rows' | 'segScatter' | 'lossReduce' | 'adam';

/** A GPU buffer that grows (to a power of two) when a batch needs more; zero-filled when new. */
class Growable {
  buffer: GPUBuffer;
  constructor(
    private readonly device: GPUDevice,
    private readonly usage: number,
    words: number,
  ) {
    this.buffer = this.make(words);
  }
  /** True when the buffer was replaced (bind groups must be rebuilt). */
  ensure(words: number): boolean {
    if (words * 4 <= this.buffer.size) return false;
    this.buffer.destroy();
    this.buffer = this.make(words);
    return true;
  }
  private make(words: number): GPUBuffer {
    const bytes = 4 * 2 ** Math.ceil(Math.log2(Math.max(words, 64)));
    return this.device.createBuffer({ size: bytes, usage: this.usage });
  }
}

/** The fused WGSL NCF trainer on `device` (the caller keeps the device). */
export class WebgpuNcfStepper implements NcfStepper {
  readonly name = 'fused-webgpu' as const;
  private readonly layout: ParamLayout;
  private readonly theta: GPUBuffer;
  private readonly grad: GPUBuffer;
  private readonly mom: GPUBuffer;
  private readonly vel: GPUBuffer;
  private readonly acc: GPUBuffer;
  private readonly params: GPUBuffer;
  private readonly batch: Growable;
  private readonly scratch: Growable;
  private readonly segGrad: Growable;
  private readonly bgl: GPUBindGroupLayout;
  private readonly pipes = new Map<Entry, GPUComputePipeline>();
  private bind: GPUBindGroup | null = null;
  private t: number;
  /** Whether the dense gradients are reduced in workgroup memory first. */
  readonly workgroupReduce: boolean;

  constructor(
    readonly device: GPUDevice,
    private readonly init: NcfStepperInit,
  ) {
    const { settings: s, nUsers, nItems } = init;
    const layout = (this.layout = paramLayout(s, nUsers, nItems));
    assertFitsDevice({ parameters: layout.total * 4 }, device.limits);
    this.workgroupReduce = layout.denseEnd * 4 <= Math.min(16_384, device.limits.maxComputeWorkgroupStorageSize) - 1024;
    const flat = (words: number, extra = 0) =>
      device.createBuffer({ size: Math.max(16, words * 4), usage: STORAGE | COPY_SRC | COPY_DST | extra });
    this.theta = flat(layout.total);
    this.grad = flat(layout.total);
    this.mom = flat(layout.total);
    this.vel = flat(layout.total);
    this.acc = flat(4);
    this.params = device.createBuffer({ size: UNIFORM_WORDS * 4, usage: UNIFORM | COPY_DST });
    this.batch = new Growable(device, STORAGE | COPY_DST, 1024);
    this.scratch = new Growable(device, STORAGE, 1024);
    this.segGrad = new Growable(device, STORAGE, 1024);
    this.setWeights(init.weights);
    if (init.adam) {
      device.queue.writeBuffer(this.mom, 0, this.pack(init.adam.m));
      device.queue.writeBuffer(this.vel, 0, this.pack(init.adam.v));
    }
    this.t = init.adam?.step ?? 0;
    const entries: GPUBindGroupLayoutEntry[] = [{ binding: 0, visibility: 4, buffer: { type: 'uniform' } }];
    for (let b = 1; b <= 8; b++)
      entries.push({ binding: b, visibility: 4, buffer: { type: b === 5 ? 'read-only-storage' : 'storage' } });
    this.bgl = device.createBindGroupLayout({ entries });
    const module = device.createShaderModule({ code: ncfKernelSource(s, layout, this.workgroupReduce) });
    const layoutP = device.createPipelineLayout({ bindGroupLayouts: [this.bgl] });
    const names: Entry[] = ['rows', 'lossReduce', 'adam'];
    if (s.arch === 'seed') names.push('segSum', 'segScatter');
    for (const e of names)
      this.pipes.set(e, device.createComputePipeline({ layout: layoutP, compute: { module, entryPoint: e } }));
  }

  step(input: NcfStepInput): void {
    const s = this.init.settings;
    const rows = input.users.length;
    if (rows === 0) return;
    if (s.arch === 'seed' && !input.seed)
      throw new InvalidArgumentError('fused-webgpu: the seed variant needs input.seed');
    this.t++;
    const lr = (input.learningRate * Math.sqrt(1 - BETA2 ** this.t)) / (1 - BETA1 ** this.t);
    const { words, at } = packBatch(input);
    const segWords = (at.nL + at.nC) * s.dim;
    const grown = [
      this.batch.ensure(at.words),
      this.scratch.ensure(rows + segWords),
      this.segGrad.ensure(segWords),
    ].some(Boolean);
    if (grown || !this.bind) this.bind = this.makeBind();
    const device = this.device;
    device.queue.writeBuffer(this.batch.buffer, 0, words);
    device.queue.writeBuffer(this.params, 0, this.uniform(at, lr, s.l2, rows));
    const enc = device.createCommandEncoder();
    const pass = enc.beginComputePass();
    pass.setBindGroup(0, this.bind);
    const run = (e: Entry, threads: number, most = MAX_GROUPS) => {
      pass.setPipeline(this.pipes.get(e) as GPUComputePipeline);
      pass.dispatchWorkgroups(Math.max(1, Math.min(most, Math.ceil(threads / WORKGROUP))));
    };
    if (s.arch === 'seed') run('segSum', segWords);
    run('rows', rows, ROW_GROUPS);
    if (s.arch === 'seed') run('segScatter', segWords);
    pass.setPipeline(this.pipes.get('lossReduce') as GPUComputePipeline);
    pass.dispatchWorkgroups(1);
    run('adam', this.layout.total);
    pass.end();
    device.queue.submit([enc.finish()]);
  }

  async lossSum(): Promise<number> {
    return (await this.read(this.acc, 1))[0];
  }

  setLossSum(value: number): void {
    this.device.queue.writeBuffer(this.acc, 0, new Float32Array([value, 0, 0, 0]));
  }

  async weights(): Promise<ParamArrays> {
    return this.unpack(await this.read(this.theta, this.layout.total));
  }

  async adamState(): Promise<AdamArrays> {
    const step = this.t;
    const [m, v] = await Promise.all([this.read(this.mom, this.layout.total), this.read(this.vel, this.layout.total)]);
    return { step, m: this.unpack(m), v: this.unpack(v) };
  }

  setWeights(weights: ParamArrays): void {
    this.device.queue.writeBuffer(this.theta, 0, this.pack(weights));
  }

  dispose(): void {
    for (const b of [this.theta, this.grad, this.mom, this.vel, this.acc, this.params]) b.destroy();
    for (const g of [this.batch, this.scratch, this.segGrad]) g.buffer.destroy();
  }

  /** Resolves when every queued step has run. */
  async sync(): Promise<void> {
    await this.device.queue.onSubmittedWorkDone();
  }

  private makeBind(): GPUBindGroup {
    const bufs = [
      this.params,
      this.theta,
      this.grad,
      this.mom,
      this.vel,
      this.batch.buffer,
      this.scratch.buffer,
      this.acc,
      this.segGrad.buffer,
    ];
    return this.device.createBindGroup({
      layout: this.bgl,
      entries: bufs.map((buffer, binding) => ({ binding, resource: { buffer } })),
    });
  }

  private uniform(at: BatchOffsets, lr: number, l2: number, rows: number): Uint32Array<ArrayBuffer> {
    const words = new Uint32Array(UNIFORM_WORDS);
    const floats = new Float32Array(words.buffer);
    const values: Record<string, number> = { ...at, pad0: 0, lr, l2, l2r2: (2 * l2) / rows, invRows: 1 / rows };
    UNIFORM_FIELDS.forEach((name, k) => {
      if (UNIFORM_FLOATS.has(name)) floats[k] = values[name];
      else words[k] = values[name];
    });
    return words;
  }

  private pack(arrays: ParamArrays): Float32Array<ArrayBuffer> {
    const out = new Float32Array(this.layout.total);
    for (const sl of this.layout.slots) {
      const a = arrays[sl.name];
      if (!a || a.length !== sl.size)
        throw new InvalidArgumentError(
          `fused-webgpu: parameter ${sl.name} must have ${sl.size} values, got ${a?.length}`,
        );
      out.set(a, sl.offset);
    }
    return out;
  }

  private unpack(flat: Float32Array): ParamArrays {
    const out: ParamArrays = {};
    // Spec order (as NcfParams.toArrays), not the buffer's.
    const bySpec = [...this.layout.slots].sort((a, b) => this.specIndex(a.name) - this.specIndex(b.name));
    for (const sl of bySpec) out[sl.name] = flat.slice(sl.offset, sl.offset + sl.size);
    return out;
  }

  private specOrder: Map<string, number> | null = null;
  private specIndex(name: string): number {
    if (!this.specOrder) this.specOrder = new Map(Object.keys(this.init.weights).map((n, k) => [n, k]));
    return this.specOrder.get(name) ?? 0;
  }

  private async read(src: GPUBuffer, words: number): Promise<Float32Array> {
    const bytes = Math.max(4, words * 4);
    const staging = this.device.createBuffer({ size: Math.ceil(bytes / 4) * 4, usage: MAP_READ | COPY_DST });
    try {
      const enc = this.device.createCommandEncoder();
      enc.copyBufferToBuffer(src, 0, staging, 0, bytes);
      this.device.queue.submit([enc.finish()]);
      await staging.mapAsync(1);
      const out = new Float32Array(staging.getMappedRange().slice(0));
      staging.unmap();
      return out;
    } finally {
      staging.destroy();
    }
  }
}
