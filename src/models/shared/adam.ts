/**
 * Adam (Kingma & Ba 2015) over named tfjs variables, written out instead of `tf.train.adam`: its whole
 * state is two moment slots per variable and a step counter, so a checkpoint saves and restores it
 * exactly, and the bias correction is computed on the host from the counter — a resumed run repeats,
 * bit for bit, the updates of an uninterrupted one (tfjs's `setWeights` recomputes `beta^t` with `pow`).
 */
import * as tf from '@tensorflow/tfjs-core';

const BETA1 = 0.9;
const BETA2 = 0.999;
const EPSILON = 1e-7;

/** Host copies of the optimiser's state. */
export interface AdamArrays<N extends string = string> {
  step: number;
  m: Record<N, Float32Array>;
  v: Record<N, Float32Array>;
}

/** Adam's moment slots for the variables `names` of a model. */
export class NamedAdam<N extends string = string> {
  private constructor(
    private readonly m: Record<N, tf.Variable>,
    private readonly v: Record<N, tf.Variable>,
    private readonly names: readonly N[],
    private step: number,
  ) {}

  /** Slots shaped like `vars`: zeros, or copies of `arrays` (a checkpoint's). */
  static create<N extends string>(
    vars: Record<N, tf.Variable>,
    names: readonly N[],
    arrays?: AdamArrays<N>,
  ): NamedAdam<N> {
    const slot = (src?: Record<N, Float32Array>) =>
      tf.tidy(() => {
        const out = {} as Record<N, tf.Variable>;
        for (const n of names) {
          const t = src ? tf.tensor(src[n].slice(), vars[n].shape, 'float32') : tf.zeros(vars[n].shape);
          out[n] = tf.variable(t, false);
        }
        return out as unknown as tf.TensorContainer;
      }) as unknown as Record<N, tf.Variable>;
    return new NamedAdam(slot(arrays?.m), slot(arrays?.v), names, arrays?.step ?? 0);
  }

  /** One update of `vars` by `grads` (keyed by variable name); call inside `tf.tidy`. */
  apply(vars: Record<N, tf.Variable>, grads: tf.NamedTensorMap, learningRate: number): void {
    this.step++;
    // Bias correction folded into the step size, computed in float64 on the host.
    const lr = tf.scalar((learningRate * Math.sqrt(1 - BETA2 ** this.step)) / (1 - BETA1 ** this.step));
    for (const name of this.names) {
      const g = grads[vars[name].name];
      const m = tf.add(tf.mul(this.m[name], BETA1), tf.mul(g, 1 - BETA1));
      const v = tf.add(tf.mul(this.v[name], BETA2), tf.mul(tf.square(g), 1 - BETA2));
      this.m[name].assign(m);
      this.v[name].assign(v);
      vars[name].assign(tf.sub(vars[name], tf.div(tf.mul(m, lr), tf.add(tf.sqrt(v), EPSILON))));
    }
  }

  /** Host copies of the moments and the step counter (reads issued at once, so they belong to one step). */
  async toArrays(): Promise<AdamArrays<N>> {
    const step = this.step;
    const [m, v] = await Promise.all([readAll(this.m, this.names), readAll(this.v, this.names)]);
    return { step, m, v };
  }

  dispose(): void {
    tf.dispose([...Object.values<tf.Variable>(this.m), ...Object.values<tf.Variable>(this.v)]);
  }
}

/** Reads `names` of `tensors`, all issued before the first await, into own buffers. */
export async function readAll<N extends string>(
  tensors: Record<N, tf.Tensor>,
  names: readonly N[],
): Promise<Record<N, Float32Array>> {
  const data = await Promise.all(names.map((n) => tensors[n].data()));
  return Object.fromEntries(names.map((n, k) => [n, (data[k] as Float32Array).slice()])) as Record<N, Float32Array>;
}
