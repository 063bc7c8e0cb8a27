/**
 * Adam (Kingma & Ba 2015) written out instead of `tf.train.adam`: its whole state is two moment
 * slots per weight and a step counter, so a checkpoint saves and restores it exactly, and the
 * bias correction is computed on the host from the counter — a resumed run repeats, bit for bit,
 * the updates of an uninterrupted one (tfjs's `setWeights` recomputes `beta^t` with `pow`).
 */
import * as tf from '@tensorflow/tfjs-core';
import { readAll, WEIGHT_NAMES, type WeightArrays, type WeightName } from './weights';

const BETA1 = 0.9;
const BETA2 = 0.999;
const EPSILON = 1e-7;

/** Host copies of the optimiser's state. */
export interface AdamArrays {
  step: number;
  m: WeightArrays;
  v: WeightArrays;
}

/** Adam's moment slots for the MF weights. */
export class Adam {
  private constructor(
    private readonly m: Record<WeightName, tf.Variable>,
    private readonly v: Record<WeightName, tf.Variable>,
    /** Updates applied so far. */
    public step: number,
  ) {}

  /** Zero moments shaped like `vars`. */
  static zeros(vars: Record<WeightName, tf.Variable>): Adam {
    const zero = (name: WeightName) => tf.tidy(() => tf.variable(tf.zeros(vars[name].shape), false));
    return new Adam(slots(zero), slots(zero), 0);
  }

  /** Slots holding copies of `arrays`, shaped like `vars`. */
  static fromArrays(arrays: AdamArrays, vars: Record<WeightName, tf.Variable>): Adam {
    const make = (src: WeightArrays) => (name: WeightName) =>
      tf.tidy(() => tf.variable(tf.tensor(src[name].slice(), vars[name].shape, 'float32'), false));
    return new Adam(slots(make(arrays.m)), slots(make(arrays.v)), arrays.step);
  }

  /** One update of `vars` by `grads` (keyed by variable name); call inside `tf.tidy`. */
  apply(vars: Record<WeightName, tf.Variable>, grads: tf.NamedTensorMap, learningRate: number): void {
    this.step++;
    // Bias correction folded into the step size, computed in float64 on the host.
    const lr = tf.scalar((learningRate * Math.sqrt(1 - BETA2 ** this.step)) / (1 - BETA1 ** this.step));
    for (const name of WEIGHT_NAMES) {
      const g = grads[vars[name].name];
      const m = tf.add(tf.mul(this.m[name], BETA1), tf.mul(g, 1 - BETA1));
      const v = tf.add(tf.mul(this.v[name], BETA2), tf.mul(tf.square(g), 1 - BETA2));
      this.m[name].assign(m);
      this.v[name].assign(v);
      vars[name].assign(tf.sub(vars[name], tf.div(tf.mul(m, lr), tf.add(tf.sqrt(v), EPSILON))));
    }
  }

  /** Host copies of the moments and the step counter (reads issued at once, as `MfWeights.toArrays`). */
  async toArrays(): Promise<AdamArrays> {
    const step = this.step;
    const [m, v] = await Promise.all([readAll(this.m), readAll(this.v)]);
    return { step, m, v };
  }

  dispose(): void {
    tf.dispose([...Object.values(this.m), ...Object.values(this.v)]);
  }
}

function slots(make: (name: WeightName) => tf.Variable): Record<WeightName, tf.Variable> {
  return { userEmb: make('userEmb'), itemEmb: make('itemEmb'), userBias: make('userBias'), itemBias: make('itemBias') };
}
