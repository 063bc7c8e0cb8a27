/**
 * Adam on flat host arrays, the update `shared/adam.ts` (NamedAdam) applies on tfjs: β1 0.9, β2 0.999,
 * ε 1e-7 added to √v, the bias correction folded into the step size in float64 and rounded to float32
 * (NamedAdam's `tf.scalar`).
 *
 * DENSE over every element, whole embedding tables included: rows a batch did not touch still move by
 * their momentum. That is what NamedAdam does (its gradients are dense tensors, zeros outside the touched
 * rows), and the fused trainer must reproduce it to stay equal to the reference loss curve; a lazy
 * (touched-rows-only) Adam would be cheaper but would train a different model.
 */

const BETA1 = 0.9;
const BETA2 = 0.999;
const EPSILON = 1e-7;

/** The step size of update `step` (1-based): `learningRate · √(1 − β2^t) / (1 − β1^t)`, as float32. */
export function adamStepSize(learningRate: number, step: number): number {
  return Math.fround((learningRate * Math.sqrt(1 - BETA2 ** step)) / (1 - BETA1 ** step));
}

/**
 * One Adam update of `w` by `g + decay · w` (decay: the L2 term of a dense weight, 0 otherwise), the
 * moments `m` and `v` updated in place; `g` is zeroed on the way, ready for the next step's sums.
 */
export function adamDense(
  w: Float32Array,
  g: Float64Array,
  m: Float32Array,
  v: Float32Array,
  stepSize: number,
  decay: number,
): void {
  const b1 = 1 - BETA1;
  const b2 = 1 - BETA2;
  for (let k = 0; k < w.length; k++) {
    const gk = g[k] + decay * w[k];
    const mk = m[k] * BETA1 + gk * b1;
    const vk = v[k] * BETA2 + gk * gk * b2;
    m[k] = mk;
    v[k] = vk;
    w[k] -= (mk * stepSize) / (Math.sqrt(vk) + EPSILON);
    g[k] = 0;
  }
}
