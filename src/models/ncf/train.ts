/**
 * The NCF training loop (MF's, generalised): Adam on mini-batches of positives and sampled negatives,
 * logistic loss plus L2 on the touched rows, the step size decayed per epoch. The loss is summed on the
 * device and read once per epoch (and at checkpoints), never per step; each step's tensors die in one
 * `tf.tidy`. With `patience`, a validation metric is read after each epoch and the best epoch's
 * weights are kept.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { BackendName } from '../../backend';
import { AbortError } from '../../errors';
import type { Batch, MfBatches } from '../mf/batches';
import type { MfCursor } from '../mf/cursor';
import type { FitOptions, FitResult, ModelState } from '../recommender';
import type { NamedAdam } from '../shared/adam';
import type { NcfSettings } from './config';
import { deviceSeed, trainLogits, type DeviceBatch } from './forward';
import type { NcfParams, ParamArrays } from './params';
import type { SeedBatch } from './seed-batch';

/** Everything one run touches; `cursor` advances as steps are applied. */
export interface NcfSession {
  params: NcfParams;
  adam: NamedAdam;
  batches: MfBatches;
  settings: NcfSettings;
  cursor: MfCursor;
  backend: BackendName;
  /** The seed variant's sparse inputs of a batch (absent for id architectures). */
  seedInputs?: (b: Batch) => SeedBatch;
  /** The time-context feature of a batch's rows (absent when off). */
  context?: (b: Batch) => Float32Array;
  /** Validation HR@10 of the current weights (early stopping). */
  validate?: () => Promise<number>;
  alive: () => boolean;
  snapshot: () => Promise<ModelState>;
}

/** Runs epochs from `s.cursor` to `settings.epochs` (or an early stop); rejects with AbortError between steps. */
export async function trainNcf(s: NcfSession, options: FitOptions): Promise<FitResult> {
  const { onProgress, signal, checkpointEvery = 0, onCheckpoint } = options;
  const { epochs, patience } = s.settings;
  const steps = s.batches.stepsPerEpoch;
  const started = performance.now();
  let lossSum = tf.scalar(s.cursor.lossSum);
  let loss = NaN;
  let best: { metric: number; epoch: number; weights: ParamArrays } | null = null;
  let last = performance.now();
  onProgress?.({ status: 'start', backend: s.backend, epochs, samples: s.batches.rowsPerEpoch });
  try {
    while (s.cursor.epoch < epochs) {
      const epochStart = performance.now();
      let rows = 0;
      const lr = s.settings.learningRate * s.settings.lrDecay ** s.cursor.epoch;
      while (s.cursor.step < steps) {
        if (signal?.aborted || !s.alive()) {
          s.cursor.lossSum = (await lossSum.data())[0];
          throw new AbortError(s.alive() ? `${s.settings.arch} fit aborted` : `${s.settings.arch} fit stopped: the model was disposed or reloaded`);
        }
        const batch = s.batches.batch(s.cursor.epoch, s.cursor.step);
        const seed = s.seedInputs?.(batch);
        const context = s.context?.(batch);
        const next = tf.tidy(() => step(s, batch, { seed, context }, lr, lossSum));
        lossSum.dispose();
        lossSum = next;
        s.cursor.step++;
        s.cursor.rows += batch.users.length;
        rows += batch.users.length;
        if (checkpointEvery > 0 && (s.cursor.epoch * steps + s.cursor.step) % checkpointEvery === 0) {
          s.cursor.lossSum = (await lossSum.data())[0];
          const state = await s.snapshot();
          onProgress?.({ status: 'checkpoint', backend: s.backend, cursor: { epoch: s.cursor.epoch, step: s.cursor.step } });
          await onCheckpoint?.(state);
        }
        if (performance.now() - last > 20) {
          // A turn for the event loop so an abort (or a UI) gets through between steps.
          await new Promise<void>((resolve) => setTimeout(resolve, 0));
          last = performance.now();
        }
      }
      loss = (await lossSum.data())[0] / Math.max(s.cursor.rows, 1);
      const seconds = (performance.now() - epochStart) / 1000;
      const metric = patience > 0 && s.validate ? await s.validate() : undefined;
      const epoch = s.cursor.epoch + 1;
      onProgress?.({
        status: 'epoch', backend: s.backend, epoch, epochs, loss, samplesPerSec: rows / Math.max(seconds, 1e-6),
        ...(metric === undefined ? {} : { metric: { name: 'val_hr10', value: metric } }),
      });
      Object.assign(s.cursor, { epoch, step: 0, lossSum: 0, rows: 0 });
      lossSum.dispose();
      lossSum = tf.scalar(0);
      if (metric !== undefined) {
        if (!best || metric > best.metric) best = { metric, epoch, weights: await s.params.toArrays() };
        else if (epoch - best.epoch >= patience) break;
      }
    }
  } finally {
    lossSum.dispose();
  }
  if (best) restore(s.params, best.weights);
  const seconds = (performance.now() - started) / 1000;
  const ran = s.cursor.epoch;
  onProgress?.({ status: 'done', backend: s.backend, epochs: ran, loss, seconds });
  return { epochs: ran, loss, seconds, backend: s.backend };
}

/** One Adam step; returns `lossSum + rows · loss` (call inside `tf.tidy`). */
function step(s: NcfSession, batch: Batch, host: { seed?: SeedBatch; context?: Float32Array }, lr: number, lossSum: tf.Scalar): tf.Scalar {
  const rows = batch.users.length;
  const input: DeviceBatch = {
    users: tf.tensor1d(batch.users, 'int32'),
    items: tf.tensor1d(batch.items, 'int32'),
    seed: host.seed && deviceSeed(host.seed),
    context: host.context && tf.tensor1d(host.context),
  };
  const labels = tf.tensor1d(batch.labels, 'float32');
  const { value, grads } = tf.variableGrads(() => {
    const { logits, reg } = trainLogits(s.settings, s.params.vars, input);
    // Sigmoid cross-entropy as softplus(z) − y·z (tf.logSigmoid's gradient breaks on intermediates).
    const ce = tf.mean(tf.sub(tf.softplus(logits), tf.mul(labels, logits)));
    return tf.add(ce, tf.mul(reg, s.settings.l2 / rows)) as tf.Scalar;
  }, s.params.list());
  s.adam.apply(s.params.vars, grads, lr);
  return tf.add(lossSum, tf.mul(value, rows));
}

function restore(params: NcfParams, arrays: ParamArrays): void {
  tf.tidy(() => {
    for (const n of params.names) params.vars[n].assign(tf.tensor(arrays[n], params.vars[n].shape, 'float32'));
  });
}
