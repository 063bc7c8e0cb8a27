/**
 * The MF training step: NamedAdam<WeightName> on a mini-batch of positives and sampled negatives, logistic
 * loss plus L2. The epoch loop (batch order, checkpoints, progress, abort, resume) is the shared `runEpochs`.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { BackendName } from '../../backend/index.ts';
import type { FitOptions, FitResult, ModelState } from '../recommender.ts';
import type { NamedAdam } from '../shared/adam.ts';
import { runEpochs } from '../shared/epochs.ts';
import type { Batch, MfBatches } from './batches.ts';
import type { MfSettings } from './config.ts';
import type { MfCursor } from './cursor.ts';
import type { MfWeights, WeightName } from './weights.ts';

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
export function train(s: TrainSession, options: FitOptions): Promise<FitResult> {
  const { batches, cursor, backend, alive, snapshot } = s;
  const run = { name: 'mf', backend, epochs: s.settings.epochs, batches, cursor, alive, snapshot };
  return runEpochs({ ...run, step: (batch, _epoch, lossSum) => step(s, batch, lossSum) }, options);
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
