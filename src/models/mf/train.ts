/**
 * The MF training loop: NamedAdam<WeightName> on mini-batches of positives and sampled negatives, logistic loss plus
 * L2. The loss is summed on the device and read once per epoch (and at checkpoints), never per step;
 * every step's tensors die inside one `tf.tidy`, so `tf.memory().numTensors` stays flat.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { BackendName } from '../../backend';
import { AbortError } from '../../errors';
import type { FitOptions, FitResult, ModelState } from '../recommender';
import type { NamedAdam } from '../shared/adam';
import type { Batch, MfBatches } from './batches';
import type { MfSettings } from './config';
import type { MfCursor } from './cursor';
import type { MfWeights, WeightName } from './weights';

/** Everything one run touches; `cursor` advances as steps are applied. */
export interface TrainSession {
  weights: MfWeights;
  adam: NamedAdam<WeightName>;
  batches: MfBatches;
  settings: MfSettings;
  cursor: MfCursor;
  backend: BackendName;
  /** False once the model was disposed or reloaded under the loop. */
  alive: () => boolean;
  /** The model's state now, cursor and optimiser included (for checkpoints). */
  snapshot: () => Promise<ModelState>;
}

/** Runs epochs from `s.cursor` to `settings.epochs`; rejects with AbortError between steps. */
export async function train(s: TrainSession, options: FitOptions): Promise<FitResult> {
  const { onProgress, signal, checkpointEvery = 0, onCheckpoint } = options;
  const { epochs } = s.settings;
  const steps = s.batches.stepsPerEpoch;
  const started = performance.now();
  const maybeYield = yielder();
  let lossSum = tf.scalar(s.cursor.lossSum);
  let loss = NaN;
  onProgress?.({ status: 'start', backend: s.backend, epochs, samples: s.batches.rowsPerEpoch });
  try {
    while (s.cursor.epoch < epochs) {
      const epochStart = performance.now();
      let rows = 0;
      while (s.cursor.step < steps) {
        if (signal?.aborted || !s.alive()) {
          s.cursor.lossSum = await readScalar(lossSum);
          throw new AbortError(s.alive() ? 'mf fit aborted' : 'mf fit stopped: the model was disposed or reloaded');
        }
        const batch = s.batches.batch(s.cursor.epoch, s.cursor.step);
        const next = tf.tidy(() => step(s, batch, lossSum));
        lossSum.dispose();
        lossSum = next;
        s.cursor.step++;
        s.cursor.rows += batch.users.length;
        rows += batch.users.length;
        const done = s.cursor.epoch * steps + s.cursor.step;
        if (checkpointEvery > 0 && done % checkpointEvery === 0) {
          s.cursor.lossSum = await readScalar(lossSum);
          const state = await s.snapshot();
          onProgress?.({ status: 'checkpoint', backend: s.backend, cursor: { epoch: s.cursor.epoch, step: s.cursor.step } });
          await onCheckpoint?.(state);
        }
        await maybeYield();
      }
      // The one readback of the epoch (it also waits for the GPU, so the timing is honest).
      loss = (await readScalar(lossSum)) / Math.max(s.cursor.rows, 1);
      const seconds = (performance.now() - epochStart) / 1000;
      const samplesPerSec = rows / Math.max(seconds, 1e-6);
      onProgress?.({ status: 'epoch', backend: s.backend, epoch: s.cursor.epoch + 1, epochs, loss, samplesPerSec });
      Object.assign(s.cursor, { epoch: s.cursor.epoch + 1, step: 0, lossSum: 0, rows: 0 });
      lossSum.dispose();
      lossSum = tf.scalar(0);
    }
  } finally {
    lossSum.dispose();
  }
  const seconds = (performance.now() - started) / 1000;
  onProgress?.({ status: 'done', backend: s.backend, epochs, loss, seconds });
  return { epochs, loss, seconds, backend: s.backend };
}

/** One NamedAdam<WeightName> step on `batch`; returns `lossSum + rows · loss` (call inside `tf.tidy`). */
function step(s: TrainSession, batch: Batch, lossSum: tf.Scalar): tf.Scalar {
  const rows = batch.users.length;
  const users = tf.tensor1d(batch.users, 'int32');
  const items = tf.tensor1d(batch.items, 'int32');
  const labels = tf.tensor1d(batch.labels, 'float32');
  const { value, grads } = tf.variableGrads(() => {
    const { logits, u, i } = s.weights.forward(users, items);
    // Sigmoid cross-entropy as softplus(z) − y·z (tf.logSigmoid's gradient breaks on intermediates).
    const ce = tf.mean(tf.sub(tf.softplus(logits), tf.mul(labels, logits)));
    const l2 = tf.mul(tf.add(tf.sum(tf.mul(u, u)), tf.sum(tf.mul(i, i))), s.settings.l2 / rows);
    return tf.add(ce, l2);
  }, s.weights.list());
  s.adam.apply(s.weights.vars, grads, s.settings.learningRate);
  return tf.add(lossSum, tf.mul(value, rows));
}

async function readScalar(t: tf.Scalar): Promise<number> {
  return (await t.data())[0];
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
