/**
 * One NCF training engine's view of a run: Adam steps on host mini-batches, a running loss sum read
 * back only when asked, and host copies of the weights and of Adam's state for checkpoints. Three
 * engines implement it — the tfjs op graph (the reference), the fused CPU loop (`fused/`) and the
 * fused WGSL kernels (`gpu/`) — so the epoch loop, checkpoints, resume and progress are shared.
 */
import type { AdamArrays } from '../shared/adam.ts';
import type { NcfSettings } from './config.ts';
import type { ParamArrays } from './params.ts';
import type { SeedBatch } from './seed-batch.ts';

/** Which engine trains an NCF model. */
export type NcfTrainerName = 'tfjs' | 'fused-cpu' | 'fused-webgpu';

/** One mini-batch as the host builds it (`MfBatches.batch` plus `hostInputs`), and its step size. */
export interface NcfStepInput {
  users: Int32Array;
  items: Int32Array;
  /** 1 for a positive, 0 for a sampled negative. */
  labels: Float32Array;
  /** The seed variant's sparse inputs of the batch. */
  seed?: SeedBatch;
  /** Each row's time-context feature (when `timeWindowDays` > 0). */
  context?: Float32Array;
  /** This step's Adam step size (the per-epoch decay applied; bias correction is the engine's). */
  learningRate: number;
}

/** A training engine holding the weights and Adam's state of one run. */
export interface NcfStepper {
  readonly name: NcfTrainerName;
  /**
   * One Adam step on `input`: loss = mean softplus(z) − y·z + l2 / rows · Σ squares of the rows the batch
   * touched (and of the dense weights), exactly as `train.ts` on tfjs; adds rows · loss to the running sum.
   */
  step(input: NcfStepInput): void;
  /** The running row-weighted loss sum (a readback: call it at epoch ends, checkpoints and step events only). */
  lossSum(): Promise<number>;
  /** Sets the running sum (0 at an epoch start; a checkpoint's on resume). */
  setLossSum(value: number): void;
  /** Host copies of the weights after the last step. */
  weights(): Promise<ParamArrays>;
  /** Host copies of Adam's moments and step counter after the last step. */
  adamState(): Promise<AdamArrays>;
  /** Replaces the weights (restoring the best epoch's after early stopping). */
  setWeights(weights: ParamArrays): void;
  dispose(): void;
}

/** What every engine starts from: the settings, the sizes, the weights and (on resume) Adam's state. */
export interface NcfStepperInit {
  settings: NcfSettings;
  nUsers: number;
  nItems: number;
  weights: ParamArrays;
  /** A checkpoint's optimiser state; absent for a fresh run (zeros, step 0). */
  adam?: AdamArrays;
}
