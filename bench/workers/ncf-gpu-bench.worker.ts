/**
 * Bench worker: the fused-webgpu NCF engine in a Chromium worker (`bench/tools/ncf-gpu-chromium.ts`).
 * Loads MovieLens ml-latest-small's leave-latest-out training log, builds the first `steps` mini-batches
 * of a tuned registry kind (`neumf`, or `ncf` = seed-NCF) with the code NcfModel.fit uses, and on those
 * same batches and initial weights measures: the per-step loss and final weights of fused-webgpu against
 * the fused CPU engine (the CPU reference), and the wall time of fused-webgpu, tfjs-webgpu (the op graph
 * on tfjs's own WebGPU device) and fused-cpu, each with the loss read back once at the end.
 * Answers one request per message: `postMessage(request)` → `{ ok, value }` or `{ ok: false, error }`.
 */
/// <reference lib="webworker" />
import { initBackend } from '../../src/backend/index.ts';
import { requestComputeDevice } from '../../src/backend/gpu-device.ts';
import { loadInteractions } from '../../src/data/index.ts';
import { resolveNcfConfig, type NcfArch } from '../../src/models/ncf/config.ts';
import { createFusedCpuStepper } from '../../src/models/ncf/fused/index.ts';
import { maxDiff, stepLosses, timeSteps } from '../../src/models/ncf/gpu/agreement.ts';
import { createTfjsStepper } from '../../src/models/ncf/tfjs-stepper.ts';
import { WebgpuNcfStepper } from '../../src/models/ncf/gpu/session.ts';
import { initArrays } from '../../src/models/ncf/params.ts';
import type { NcfStepper, NcfStepperInit } from '../../src/models/ncf/stepper.ts';
import { TUNED } from '../../src/systems/courses/movielens-eval.ts';
import { leaveLatestOut } from '../../src/systems/courses/protocol.ts';
import { stepInputs } from '../gpu/ncf-fused.ts';
import { hostBatcher } from '../gpu/ncf-host-batches.ts';

/** One measurement request. */
export interface NcfGpuSpeedRequest {
  /** URL of ml-latest-small's `ratings.csv`. */
  url: string;
  kind: 'neumf' | 'ncf';
  /** Mini-batches timed (the first of epoch 0; capped at an epoch). */
  steps: number;
  /** Timed passes over those batches per engine (default 1). */
  epochs?: number;
}

/** What one measurement found (samples/s over the timed passes; a warm-up step runs before each). */
export interface NcfGpuSpeed {
  kind: 'neumf' | 'ncf';
  adapter: string;
  steps: number;
  rowsPerStep: number;
  fusedWebgpu: number;
  tfjsWebgpu: number | null;
  fusedCpu: number;
  /** Largest per-step mean-loss difference, fused-webgpu vs fused-cpu, and the final weights'. */
  maxLossDiff: number;
  maxWeightDiff: number;
  firstLoss: number;
  lastLoss: number;
  /** Whether the dense gradients were reduced in workgroup memory. */
  workgroupReduce: boolean;
}

const KIND_ARCH: Record<'neumf' | 'ncf', NcfArch> = { neumf: 'neumf', ncf: 'seed' };

async function samplesPerSec(make: () => NcfStepper, inputs: ReturnType<typeof stepInputs>, passes: number) {
  const warm = make();
  await timeSteps(warm, inputs.slice(0, 1)); // pipelines and shaders compile here
  warm.dispose();
  const st = make();
  try {
    const all = Array.from({ length: passes }, () => inputs).flat();
    const ms = await timeSteps(st, all);
    return (all.reduce((a, b) => a + b.users.length, 0) / ms) * 1000;
  } finally {
    st.dispose();
  }
}

/** Runs request `r` in this realm. */
export async function ncfGpuSpeed(r: NcfGpuSpeedRequest): Promise<NcfGpuSpeed> {
  const response = await fetch(r.url);
  if (!response.ok || !response.body) throw new Error(`${r.url}: HTTP ${response.status}`);
  const train = leaveLatestOut(await loadInteractions(response.body, { file: r.url }), 'movielens-small').train;
  const s = resolveNcfConfig(KIND_ARCH[r.kind], TUNED[r.kind] as object);
  const hb = hostBatcher(s, train);
  const steps = Math.max(1, Math.min(r.steps, hb.steps));
  const inputs = stepInputs(
    Array.from({ length: steps }, (_, k) => hb.build(k)),
    s.learningRate,
  );
  const nUsers = train.userIds.size;
  const nItems = train.itemIds.size;
  const init: NcfStepperInit = { settings: s, nUsers, nItems, weights: initArrays(s, nUsers, nItems) };
  const gpu = await requestComputeDevice();
  if (!gpu) throw new Error('no WebGPU adapter');
  const device = gpu.device;
  const cpu = createFusedCpuStepper(init);
  const fused = new WebgpuNcfStepper(device, init);
  try {
    const cpuLoss = await stepLosses(cpu, inputs);
    const gpuLoss = await stepLosses(fused, inputs);
    const maxLossDiff = cpuLoss.reduce((m, l, k) => Math.max(m, Math.abs(l - gpuLoss[k])), 0);
    const maxWeightDiff = maxDiff(await cpu.weights(), await fused.weights());
    const passes = r.epochs ?? 1;
    const fusedWebgpu = await samplesPerSec(() => new WebgpuNcfStepper(device, init), inputs, passes);
    const fusedCpu = await samplesPerSec(() => createFusedCpuStepper(init), inputs, passes);
    let tfjsWebgpu: number | null = null;
    if ((await initBackend('webgpu')).backend === 'webgpu')
      tfjsWebgpu = await samplesPerSec(() => createTfjsStepper(init), inputs, passes);
    return {
      kind: r.kind,
      adapter: `${gpu.info.vendor} / ${gpu.info.architecture}`,
      steps,
      rowsPerStep: Math.round(inputs.reduce((a, b) => a + b.users.length, 0) / steps),
      fusedWebgpu: Math.round(fusedWebgpu),
      tfjsWebgpu: tfjsWebgpu === null ? null : Math.round(tfjsWebgpu),
      fusedCpu: Math.round(fusedCpu),
      maxLossDiff,
      maxWeightDiff,
      firstLoss: gpuLoss[0],
      lastLoss: gpuLoss[gpuLoss.length - 1],
      workgroupReduce: fused.workgroupReduce,
    };
  } finally {
    cpu.dispose();
    fused.dispose();
    device.destroy();
  }
}

if (typeof WorkerGlobalScope !== 'undefined' && self instanceof WorkerGlobalScope) {
  self.onmessage = async (e: MessageEvent<NcfGpuSpeedRequest>) => {
    try {
      self.postMessage({ ok: true, value: await ncfGpuSpeed(e.data) });
    } catch (err) {
      self.postMessage({ ok: false, error: String((err as Error)?.stack ?? err) });
    }
  };
}
