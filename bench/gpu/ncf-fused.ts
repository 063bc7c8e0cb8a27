/**
 * The fused-webgpu side of the GPU bench's NCF part: the copy bandwidth of the device (one large
 * buffer copy, timed), and the fused WGSL engine's training rows/s on the same host batches the
 * PyTorch twin gets, with the roofline estimate (bytes moved per row ÷ memory bandwidth) beside it.
 */
/// <reference types="@webgpu/types" />
import type { NcfSettings } from '../../src/models/ncf/config.ts';
import { paramLayout } from '../../src/models/ncf/gpu/layout.ts';
import { bytesPerRow, knownBandwidthGBs } from '../../src/models/ncf/gpu/roofline.ts';
import { WebgpuNcfStepper } from '../../src/models/ncf/gpu/session.ts';
import type { ParamArrays } from '../../src/models/ncf/params.ts';
import type { NcfStepInput } from '../../src/models/ncf/stepper.ts';

/** The device's memory bandwidth: measured by buffer copies (GB/s, read + write), and the card's table value. */
export async function deviceBandwidth(device: GPUDevice, description: string, mib = 256) {
  const bytes = Math.min(mib * 2 ** 20, device.limits.maxBufferSize, 2 ** 30);
  const usage = 0x0004 | 0x0008; // COPY_SRC | COPY_DST
  const [a, b] = [device.createBuffer({ size: bytes, usage }), device.createBuffer({ size: bytes, usage })];
  const copy = (n: number) => {
    const enc = device.createCommandEncoder();
    for (let k = 0; k < n; k++) enc.copyBufferToBuffer(k % 2 ? b : a, 0, k % 2 ? a : b, 0, bytes);
    device.queue.submit([enc.finish()]);
    return device.queue.onSubmittedWorkDone();
  };
  await copy(2);
  let n = 2;
  let s = 0;
  for (;;) {
    const t = performance.now();
    await copy(n);
    s = (performance.now() - t) / 1000;
    if (s > 0.3 || n >= 256) break;
    n *= 4;
  }
  a.destroy();
  b.destroy();
  const measured = (2 * bytes * n) / s / 1e9;
  const table = knownBandwidthGBs(description);
  return { copy_GBs: +measured.toFixed(1), table_GBs: table, used_GBs: table ?? +measured.toFixed(1) };
}

/** The step inputs of host batches as the engine takes them. */
export function stepInputs(
  hbs: {
    batch: { users: Int32Array; items: Int32Array; labels: Float32Array };
    seed?: NcfStepInput['seed'];
    context?: Float32Array;
  }[],
  learningRate: number,
): NcfStepInput[] {
  return hbs.map((h) => ({
    users: h.batch.users,
    items: h.batch.items,
    labels: h.batch.labels,
    seed: h.seed,
    context: h.context,
    learningRate,
  }));
}

/**
 * Trains the fused engine on `inputs` (cycled) for about `seconds` after a warm-up, the loss read back
 * once at the end; rows/s, the first step's loss (against the reference's `loss0`) and the roofline.
 */
export async function timeFused(
  device: GPUDevice,
  s: NcfSettings,
  nUsers: number,
  nItems: number,
  weights: ParamArrays,
  inputs: NcfStepInput[],
  bandwidthGBs: number,
  seconds = 3,
  maxSteps = 2000,
) {
  const init = { settings: s, nUsers, nItems, weights };
  const first = new WebgpuNcfStepper(device, init);
  first.step(inputs[0]);
  const loss0 = (await first.lossSum()) / inputs[0].users.length;
  first.dispose();
  const eng = new WebgpuNcfStepper(device, init);
  try {
    for (let k = 0; k < Math.min(3, inputs.length); k++) eng.step(inputs[k]);
    await eng.sync();
    let steps = 0;
    let rows = 0;
    const t0 = performance.now();
    // Queue in chunks, syncing between them, so the queue never runs far ahead of the clock.
    while (steps < maxSteps && performance.now() - t0 < seconds * 1000) {
      for (let k = 0; k < 8 && steps < maxSteps; k++, steps++) {
        const b = inputs[steps % inputs.length];
        eng.step(b);
        rows += b.users.length;
      }
      await eng.sync();
    }
    const lossSum = await eng.lossSum();
    const wall = (performance.now() - t0) / 1000;
    const layout = paramLayout(s, nUsers, nItems);
    const bpr = inputs.reduce((a, b) => a + bytesPerRow(s, layout, b), 0) / inputs.length;
    const roofline = (bandwidthGBs * 1e9) / bpr;
    const samplesPerS = rows / wall;
    return {
      samples_per_s: Math.round(samplesPerS),
      steps,
      seconds: +wall.toFixed(2),
      loss0_fused: loss0,
      loss_finite: Number.isFinite(lossSum),
      workgroup_reduce: eng.workgroupReduce,
      bytes_per_sample: Math.round(bpr),
      roofline_samples_per_s: Math.round(roofline),
      fraction_of_roofline: +(samplesPerS / roofline).toFixed(4),
    };
  } finally {
    eng.dispose();
  }
}
