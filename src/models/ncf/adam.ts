/**
 * Adam over any named variables, written out as MF's is (see `../mf/adam.ts`): two moment slots per
 * parameter and a step counter, bias correction computed on the host, so a checkpoint restores it
 * exactly and a resumed run repeats an uninterrupted one bit for bit.
 */
import * as tf from '@tensorflow/tfjs-core';
import { readAll, type ParamArrays } from './params';

const BETA1 = 0.9;
const BETA2 = 0.999;
const EPSILON = 1e-7;

/** Host copies of the optimiser's state. */
export interface AdamArrays {
  step: number;
  m: ParamArrays;
  v: ParamArrays;
}

/** Adam's moment slots for a set of named variables. */
export class NamedAdam {
  private constructor(
    private readonly m: Record<string, tf.Variable>,
    private readonly v: Record<string, tf.Variable>,
    private readonly names: readonly string[],
    /** Updates applied so far. */
    public step: number,
  ) {}

  /** Slots shaped like `vars`: zeros, or copies of `arrays`. */
  static create(vars: Record<string, tf.Variable>, names: readonly string[], arrays?: AdamArrays): NamedAdam {
    const slot = (src?: ParamArrays) =>
      tf.tidy(() => {
        const out: Record<string, tf.Variable> = {};
        for (const n of names) {
          const t = src ? tf.tensor(src[n].slice(), vars[n].shape, 'float32') : tf.zeros(vars[n].shape);
          out[n] = tf.variable(t, false);
        }
        return out;
      });
    return new NamedAdam(slot(arrays?.m), slot(arrays?.v), names, arrays?.step ?? 0);
  }

  /** One update of `vars` by `grads` (keyed by variable name); call inside `tf.tidy`. */
  apply(vars: Record<string, tf.Variable>, grads: tf.NamedTensorMap, learningRate: number): void {
    this.step++;
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

  /** Host copies of the moments and the step counter. */
  async toArrays(): Promise<AdamArrays> {
    const step = this.step;
    const [m, v] = await Promise.all([readAll(this.m, this.names), readAll(this.v, this.names)]);
    return { step, m, v };
  }

  dispose(): void {
    tf.dispose([...Object.values(this.m), ...Object.values(this.v)]);
  }
}
