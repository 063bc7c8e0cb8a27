/**
 * The one mini-batch epoch loop of the step-trained models (MF, NCF). It owns what every such run
 * shares: the order of batches (epoch by epoch, step by step, from the cursor on), the loss summed where
 * the step runs (a tfjs scalar, a fused engine's host number or GPU buffer) and read once per epoch (and
 * at checkpoints and `step` events, never every step), checkpoints every
 * `checkpointEvery` steps, the progress events, cancellation between steps (AbortError) and resuming
 * from a cursor. A model supplies its step, and optionally a validation metric and early stopping; the
 * caller may add `step` events a few times a second (`stepEveryMs`) and its own metric (`validate`).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { BackendName } from '../../backend/index.ts';
import { AbortError } from '../../errors.ts';
import type { FitOptions, FitProgress, FitResult, ModelState, TrainerName } from '../recommender.ts';

/**
 * Where a run stands; `runEpochs` advances it in place as steps are applied, so the state a checkpoint
 * (or an aborted run) snapshots resumes exactly where it stopped.
 */
export interface EpochCursor {
  /** 0-based epoch in progress. */
  epoch: number;
  /** Steps of that epoch already applied. */
  step: number;
  /** Row-weighted loss summed over those steps (float32, read at checkpoints and aborts). */
  lossSum: number;
  /** Training rows in those steps. */
  rows: number;
}

/** A run's mini-batches. `batch(epoch, step)` must depend on its position only, so a resumed run draws the same batches. */
export interface EpochBatches<B> {
  readonly stepsPerEpoch: number;
  /** Rows of one epoch (the start event's `samples`). */
  readonly rowsPerEpoch: number;
  batch(epoch: number, step: number): B;
}

/** What the loop needs of a batch: its rows (`users.length`) weight the loss mean. */
export interface SizedBatch {
  readonly users: ArrayLike<number>;
}

/** A validation metric reported with an epoch event. */
export type EpochMetric = NonNullable<Extract<FitProgress, { status: 'epoch' }>['metric']>;

/**
 * A step engine that keeps its own running loss sum (where it computes: a host number, a GPU buffer),
 * read back only when the loop asks.
 */
export interface LossEngine<B> {
  /** Applies one optimiser step on `batch` of `epoch`, adding rows · loss to the running sum. */
  step(batch: B, epoch: number): void;
  /** The running row-weighted loss sum (a readback). */
  lossSum(): Promise<number>;
  /** Sets the running sum (the cursor's at the start, 0 at each epoch start). */
  setLossSum(value: number): void;
}

/** One run: the shared loop's inputs plus the model's step (or engine) and epoch-end hooks. */
export interface EpochRun<B extends SizedBatch> {
  /** Names the model in abort messages: `${name} fit aborted`. */
  name: string;
  backend: BackendName;
  /** The engine that trains, reported with every start, step, epoch and done event and the result (NCF). */
  trainer?: TrainerName;
  /** The run ends once `cursor.epoch` reaches this (or `afterEpoch` stops it). */
  epochs: number;
  batches: EpochBatches<B>;
  cursor: EpochCursor;
  /**
   * Applies one optimiser step on `batch` of `epoch`; returns `lossSum + rows · loss` as a new scalar
   * (rows: `batch.users.length`). Runs inside `tf.tidy`; `lossSum` is the loop's to dispose.
   * Either this or `engine`.
   */
  step?: (batch: B, epoch: number, lossSum: tf.Scalar) => tf.Scalar;
  /** An engine holding its own running loss (instead of `step`). */
  engine?: LossEngine<B>;
  /** After an epoch's loss is read: its validation metric, reported with the epoch event. */
  validate?: () => Promise<EpochMetric | undefined>;
  /** After the epoch event (the cursor already past epoch `epoch`, 1-based): true ends the run early. */
  afterEpoch?: (epoch: number, metric: EpochMetric | undefined) => Promise<boolean>;
  /** When the loop ends without an abort, before the done event (e.g. to restore the best epoch's weights). */
  finish?: () => void;
  /** False once the model was disposed or reloaded under the loop (the run stops with AbortError). */
  alive: () => boolean;
  /** The model's state now, cursor and optimiser included (a checkpoint). */
  snapshot: () => Promise<ModelState>;
}

/**
 * Runs `run` from its cursor to `run.epochs` (or an early stop). Events: `start`; per step reaching a
 * multiple of `checkpointEvery` (counted from epoch 0), `checkpoint` then `onCheckpoint` (awaited); per
 * epoch, `epoch`; then `done` with the epochs reached. Rejects with AbortError before the next step
 * once `signal` aborts or the model dies, the cursor holding the steps applied.
 */
export async function runEpochs<B extends SizedBatch>(run: EpochRun<B>, options: FitOptions): Promise<FitResult> {
  const { onProgress, signal, checkpointEvery = 0, onCheckpoint, stepEveryMs = 0 } = options;
  const { cursor, batches, backend, epochs, trainer } = run;
  const scalar = run.engine ? null : scalarEngine(run.step as NonNullable<EpochRun<B>['step']>);
  const engine = run.engine ?? (scalar as LossEngine<B>);
  const withTrainer = trainer === undefined ? {} : { trainer };
  const steps = batches.stepsPerEpoch;
  const started = performance.now();
  const maybeYield = yielder();
  const firstStep = cursor.epoch * steps + cursor.step;
  let lastStepEvent = started;
  engine.setLossSum(cursor.lossSum);
  let loss = NaN;
  onProgress?.({ status: 'start', backend, epochs, samples: batches.rowsPerEpoch, ...withTrainer });
  try {
    while (cursor.epoch < epochs) {
      const epochStart = performance.now();
      let rows = 0;
      while (cursor.step < steps) {
        if (signal?.aborted || !run.alive()) {
          cursor.lossSum = await engine.lossSum();
          throw new AbortError(
            run.alive() ? `${run.name} fit aborted` : `${run.name} fit stopped: the model was disposed or reloaded`,
          );
        }
        const batch = batches.batch(cursor.epoch, cursor.step);
        engine.step(batch, cursor.epoch);
        cursor.step++;
        cursor.rows += batch.users.length;
        rows += batch.users.length;
        if (checkpointEvery > 0 && (cursor.epoch * steps + cursor.step) % checkpointEvery === 0) {
          cursor.lossSum = await engine.lossSum();
          const state = await run.snapshot();
          onProgress?.({ status: 'checkpoint', backend, cursor: { epoch: cursor.epoch, step: cursor.step } });
          await onCheckpoint?.(state);
        }
        if (stepEveryMs > 0 && onProgress && performance.now() - lastStepEvent >= stepEveryMs && cursor.step < steps) {
          // A readback of the running loss, a few times a second at most: the bar moves within an epoch.
          const lossSoFar = (await engine.lossSum()) / Math.max(cursor.rows, 1);
          const now = performance.now();
          const done = cursor.epoch * steps + cursor.step;
          const secondsPerStep = (now - started) / 1000 / Math.max(done - firstStep, 1);
          onProgress({
            status: 'step',
            backend,
            epoch: cursor.epoch + 1,
            epochs,
            step: cursor.step,
            stepsPerEpoch: steps,
            loss: lossSoFar,
            samplesPerSec: rows / Math.max((now - epochStart) / 1000, 1e-6),
            etaSeconds: (epochs * steps - done) * secondsPerStep,
            ...withTrainer,
          });
          lastStepEvent = now;
        }
        await maybeYield();
      }
      // The one readback of the epoch (it also waits for the GPU, so the timing is honest).
      loss = (await engine.lossSum()) / Math.max(cursor.rows, 1);
      const seconds = (performance.now() - epochStart) / 1000;
      const metric = await run.validate?.();
      // The caller's metric (e.g. HR@10 on a held-out slice) is the one reported; early stopping keeps the model's.
      const reported = (await options.validate?.()) ?? metric;
      const epoch = cursor.epoch + 1;
      onProgress?.({
        status: 'epoch',
        backend,
        epoch,
        epochs,
        loss,
        samplesPerSec: rows / Math.max(seconds, 1e-6),
        ...(reported === undefined ? {} : { metric: reported }),
        ...withTrainer,
      });
      Object.assign(cursor, { epoch, step: 0, lossSum: 0, rows: 0 });
      engine.setLossSum(0);
      if (await run.afterEpoch?.(epoch, metric)) break;
    }
  } finally {
    scalar?.dispose();
  }
  run.finish?.();
  const seconds = (performance.now() - started) / 1000;
  onProgress?.({ status: 'done', backend, epochs: cursor.epoch, loss, seconds, ...withTrainer });
  return { epochs: cursor.epoch, loss, seconds, backend, ...withTrainer };
}

/** A `step` returning a new loss scalar, as an engine whose running sum is that scalar (the loop tidies each step). */
function scalarEngine<B>(
  step: (batch: B, epoch: number, lossSum: tf.Scalar) => tf.Scalar,
): LossEngine<B> & { dispose(): void } {
  let sum = tf.scalar(0);
  return {
    step(batch, epoch) {
      const next = tf.tidy(() => step(batch, epoch, sum));
      sum.dispose();
      sum = next;
    },
    lossSum: async () => (await sum.data())[0],
    setLossSum(value) {
      sum.dispose();
      sum = tf.scalar(value);
    },
    dispose: () => sum.dispose(),
  };
}

/** Gives the event loop a turn every ~20 ms so an abort (or a UI) gets through between steps. */
function yielder(): () => Promise<void> {
  let last = performance.now();
  return async () => {
    if (performance.now() - last < 20) return;
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
    last = performance.now();
  };
}
