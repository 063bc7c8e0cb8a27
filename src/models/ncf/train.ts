/**
 * The NCF training step (MF's, generalised): Adam on a mini-batch of positives and sampled negatives,
 * logistic loss plus L2 on the touched rows, the step size decayed per epoch. The epoch loop (batch
 * order, checkpoints, progress, abort, resume) is the shared `runEpochs`; NCF adds early stopping: with
 * `patience`, a validation metric is read after each epoch and the best epoch's weights are kept.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { BackendName } from '../../backend/index.ts';
import type { Batch, MfBatches } from '../mf/batches.ts';
import type { MfCursor } from '../mf/cursor.ts';
import type { FitOptions, FitResult, ModelState } from '../recommender.ts';
import type { NamedAdam } from '../shared/adam.ts';
import { runEpochs } from '../shared/epochs.ts';
import type { NcfSettings } from './config.ts';
import { deviceSeed, trainLogits, type DeviceBatch } from './forward.ts';
import type { NcfParams, ParamArrays } from './params.ts';
import type { SeedBatch } from './seed-batch.ts';

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
export function trainNcf(s: NcfSession, options: FitOptions): Promise<FitResult> {
  const { batches, cursor, backend, alive, snapshot, settings } = s;
  const { patience } = settings;
  const validate = patience > 0 ? s.validate : undefined;
  let best: { metric: number; epoch: number; weights: ParamArrays } | null = null;
  return runEpochs(
    {
      name: settings.arch,
      backend,
      epochs: settings.epochs,
      batches,
      cursor,
      alive,
      snapshot,
      step: (batch, epoch, lossSum) => {
        const lr = settings.learningRate * settings.lrDecay ** epoch;
        return step(s, batch, { seed: s.seedInputs?.(batch), context: s.context?.(batch) }, lr, lossSum);
      },
      validate: validate && (async () => ({ name: 'val_hr10', value: await validate() })),
      // Early stopping: keep the best epoch's weights; stop `patience` epochs after it.
      afterEpoch: async (epoch, metric) => {
        if (metric === undefined) return false;
        if (!best || metric.value > best.metric)
          best = { metric: metric.value, epoch, weights: await s.params.toArrays() };
        else if (epoch - best.epoch >= patience) return true;
        return false;
      },
      finish: () => {
        if (best) restore(s.params, best.weights);
      },
    },
    options,
  );
}

/** One Adam step; returns `lossSum + rows · loss` (call inside `tf.tidy`). */
function step(
  s: NcfSession,
  batch: Batch,
  host: { seed?: SeedBatch; context?: Float32Array },
  lr: number,
  lossSum: tf.Scalar,
): tf.Scalar {
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
