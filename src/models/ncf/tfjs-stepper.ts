/**
 * The reference engine: the NCF step on tfjs's op graph (`forward.ts` trainLogits, logistic loss as
 * softplus(z) − y·z plus L2 on the touched rows, NamedAdam), behind the {@link NcfStepper} interface.
 * The running loss stays a device scalar, read back only when asked.
 */
import * as tf from '@tensorflow/tfjs-core';
import { NamedAdam, type AdamArrays } from '../shared/adam.ts';
import type { NcfSettings } from './config.ts';
import { deviceSeed, trainLogits, type DeviceBatch } from './forward.ts';
import { NcfParams, type ParamArrays } from './params.ts';
import type { NcfStepInput, NcfStepper, NcfStepperInit } from './stepper.ts';

/** A tfjs engine on its own copies of `init`'s weights and Adam state (disposed with it). */
export function createTfjsStepper(init: NcfStepperInit): NcfStepper {
  const params = NcfParams.fromArrays(init.settings, init.nUsers, init.nItems, init.weights);
  const adam = NamedAdam.create(params.vars, params.names, init.adam);
  return new TfjsStepper(init.settings, params, adam, { params: true, adam: true });
}

/**
 * A tfjs engine training `params` in place (a model's own variables: nothing is copied) with `adam`,
 * which it takes over: disposing the engine frees `adam` and its loss scalar, never `params`.
 */
export function tfjsStepperOn(settings: NcfSettings, params: NcfParams, adam: NamedAdam): NcfStepper {
  return new TfjsStepper(settings, params, adam, { params: false, adam: true });
}

class TfjsStepper implements NcfStepper {
  readonly name = 'tfjs' as const;
  private sum = tf.scalar(0);

  constructor(
    private readonly settings: NcfSettings,
    private readonly params: NcfParams,
    private readonly adam: NamedAdam,
    private readonly owns: { params: boolean; adam: boolean },
  ) {}

  step(input: NcfStepInput): void {
    const next = tf.tidy(() => tfjsStep(this.settings, this.params, this.adam, input, this.sum));
    this.sum.dispose();
    this.sum = next;
  }

  async lossSum(): Promise<number> {
    return (await this.sum.data())[0];
  }

  setLossSum(value: number): void {
    this.sum.dispose();
    this.sum = tf.scalar(value);
  }

  weights(): Promise<ParamArrays> {
    return this.params.toArrays();
  }

  adamState(): Promise<AdamArrays> {
    return this.adam.toArrays();
  }

  setWeights(weights: ParamArrays): void {
    assignParams(this.params, weights);
  }

  dispose(): void {
    this.sum.dispose();
    if (this.owns.params) this.params.dispose();
    if (this.owns.adam) this.adam.dispose();
  }
}

/** Copies `arrays` into the variables of `params`. */
export function assignParams(params: NcfParams, arrays: ParamArrays): void {
  tf.tidy(() => {
    for (const n of params.names) params.vars[n].assign(tf.tensor(arrays[n], params.vars[n].shape, 'float32'));
  });
}

/** One Adam step; returns `lossSum + rows · loss` (call inside `tf.tidy`). */
function tfjsStep(
  s: NcfSettings,
  params: NcfParams,
  adam: NamedAdam,
  host: NcfStepInput,
  lossSum: tf.Scalar,
): tf.Scalar {
  const rows = host.users.length;
  const input: DeviceBatch = {
    users: tf.tensor1d(host.users, 'int32'),
    items: tf.tensor1d(host.items, 'int32'),
    seed: host.seed && deviceSeed(host.seed),
    context: host.context && tf.tensor1d(host.context),
  };
  const labels = tf.tensor1d(host.labels, 'float32');
  const { value, grads } = tf.variableGrads(() => {
    const { logits, reg } = trainLogits(s, params.vars, input);
    // Sigmoid cross-entropy as softplus(z) − y·z (tf.logSigmoid's gradient breaks on intermediates).
    const ce = tf.mean(tf.sub(tf.softplus(logits), tf.mul(labels, logits)));
    return tf.add(ce, tf.mul(reg, s.l2 / rows)) as tf.Scalar;
  }, params.list());
  adam.apply(params.vars, grads, host.learningRate);
  return tf.add(lossSum, tf.mul(value, rows));
}
