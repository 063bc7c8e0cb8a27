/**
 * NCF training: the shared epoch loop (`runEpochs`: batch order, checkpoints, progress, abort, resume)
 * driving one engine (`NcfStepper`: the tfjs reference or a fused trainer) with the per-epoch step-size
 * decay. NCF adds early stopping: with `patience`, a validation metric is read after each epoch and the
 * best epoch's weights are kept.
 */
/// <reference types="@webgpu/types" />
import type { BackendName } from '../../backend/index.ts';
import { isSoftwareRenderer } from '../../backend/probe-choice.ts';
import { webgpuDevice } from '../../backend/webgpu-device.ts';
import type { Batch, MfBatches } from '../mf/batches.ts';
import type { MfCursor } from '../mf/cursor.ts';
import type { FitOptions, FitResult, ModelState } from '../recommender.ts';
import { runEpochs } from '../shared/epochs.ts';
import type { NcfSettings } from './config.ts';
import { createFusedCpuStepper } from './fused/index.ts';
import type { ParamArrays } from './params.ts';
import type { SeedBatch } from './seed-batch.ts';
import type { NcfStepper, NcfStepperInit, NcfTrainerName } from './stepper.ts';

/** Everything one run touches; `cursor` advances as steps are applied. */
export interface NcfSession {
  stepper: NcfStepper;
  batches: MfBatches;
  settings: NcfSettings;
  cursor: MfCursor;
  backend: BackendName;
  /** The seed variant's sparse inputs of a batch (absent for id architectures). */
  seedInputs?: (b: Batch) => SeedBatch;
  /** The time-context feature of a batch's rows (absent when off). */
  context?: (b: Batch) => Float32Array;
  /** Validation HR@10 of the stepper's current weights (early stopping). */
  validate?: () => Promise<number>;
  alive: () => boolean;
  snapshot: () => Promise<ModelState>;
}

/**
 * The engine `trainer` names. 'auto': on the CPU backends (cpu, wasm: tfjs's op graph is overhead-bound
 * there) the fused CPU loop; on WebGPU the fused WGSL kernels on a hardware adapter, and the fused CPU
 * loop on a software one (SwiftShader emulates the GPU on the same cores, ~7× slower than the CPU loop
 * here); on WebGL the tfjs graph. `gpuRenderer` describes the WebGPU adapter (default: tfjs's device's).
 */
export function chooseTrainer(
  trainer: 'auto' | NcfTrainerName,
  backend: BackendName,
  gpuRenderer: string = webgpuRenderer(),
): NcfTrainerName {
  if (trainer !== 'auto') return trainer;
  if (backend === 'webgpu') return isSoftwareRenderer(gpuRenderer) ? 'fused-cpu' : 'fused-webgpu';
  return backend === 'cpu' || backend === 'wasm' ? 'fused-cpu' : 'tfjs';
}

/** Vendor, architecture and description of tfjs's WebGPU adapter ('' when unknown). */
function webgpuRenderer(): string {
  const device = webgpuDevice() as (GPUDevice & { adapterInfo?: GPUAdapterInfo }) | null;
  const info = device?.adapterInfo;
  return info ? `${info.vendor} ${info.architecture} ${info.description}` : '';
}

/** A host engine of kind `name` from `init` ('tfjs' is built by the model on its own variables). */
export async function createHostStepper(
  name: Exclude<NcfTrainerName, 'tfjs'>,
  init: NcfStepperInit,
): Promise<NcfStepper> {
  if (name === 'fused-cpu') return createFusedCpuStepper(init);
  // Loaded on demand: the WGSL engine stays out of CPU-only bundles.
  const { createWebgpuStepper } = await import('./gpu/index.ts');
  return createWebgpuStepper(init);
}

/** Runs epochs from `s.cursor` to `settings.epochs` (or an early stop); rejects with AbortError between steps. */
export function trainNcf(s: NcfSession, options: FitOptions): Promise<FitResult> {
  const { batches, cursor, backend, alive, snapshot, settings, stepper } = s;
  const { patience } = settings;
  const validate = patience > 0 ? s.validate : undefined;
  let best: { metric: number; epoch: number; weights: ParamArrays } | null = null;
  return runEpochs(
    {
      name: settings.arch,
      backend,
      trainer: stepper.name,
      epochs: settings.epochs,
      batches,
      cursor,
      alive,
      snapshot,
      engine: {
        step: (batch, epoch) =>
          stepper.step({
            users: batch.users,
            items: batch.items,
            labels: batch.labels,
            seed: s.seedInputs?.(batch),
            context: s.context?.(batch),
            learningRate: settings.learningRate * settings.lrDecay ** epoch,
          }),
        lossSum: () => stepper.lossSum(),
        setLossSum: (value) => stepper.setLossSum(value),
      },
      validate: validate && (async () => ({ name: 'val_hr10', value: await validate() })),
      // Early stopping: keep the best epoch's weights; stop `patience` epochs after it.
      afterEpoch: async (epoch, metric) => {
        if (metric === undefined) return false;
        if (!best || metric.value > best.metric)
          best = { metric: metric.value, epoch, weights: await stepper.weights() };
        else if (epoch - best.epoch >= patience) return true;
        return false;
      },
      finish: () => {
        if (best) stepper.setWeights(best.weights);
      },
    },
    options,
  );
}
