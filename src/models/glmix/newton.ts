/**
 * One coordinate of GLMix's block coordinate descent: weighted L2-regularised logistic regressions,
 * one per entity (a member, a course, or the single global model), all fitted at once by Newton's
 * method. The data passes run on the tfjs device for every entity together (gradients and Hessians by
 * segment sums of per-row outer products, in row chunks); the many small d × d systems are then solved
 * on the host by Cholesky, in float64 (Zhang et al., KDD 2016; Photon-ML's GAME).
 */
import * as tf from '@tensorflow/tfjs-core';

/** One block's design: `x` row-major [n, d]; `entity[k]` the entity row k belongs to. */
export interface BlockData {
  x: Float32Array;
  d: number;
  entity: Int32Array;
  nEntities: number;
}

/** Labels, importance weights and the other blocks' contribution (the offset) of each row. */
export interface Targets {
  y: Float32Array;
  w: Float32Array;
  offset: Float32Array;
}

/** Newton steps on `beta` [nEntities, d] (updated in place); returns it. */
export async function newtonBlock(
  b: BlockData,
  t: Targets,
  beta: Float32Array,
  lambda: number,
  iters: number,
): Promise<Float32Array> {
  for (let it = 0; it < iters; it++) {
    const { g, h } = await gradHess(b, t, beta);
    solveAll(b, g, h, beta, lambda);
  }
  return beta;
}

/** This block's contribution x_k · beta[entity_k] for every row. */
export function blockScores(b: BlockData, beta: Float32Array): Float32Array {
  const n = b.entity.length;
  const out = new Float32Array(n);
  for (let k = 0; k < n; k++) {
    const e = b.entity[k];
    let s = 0;
    for (let j = 0; j < b.d; j++) s += b.x[k * b.d + j] * beta[e * b.d + j];
    out[k] = s;
  }
  return out;
}

/** Per-entity gradient [E, d] and Hessian [E, d, d] of the weighted log-loss, on the device. */
async function gradHess(b: BlockData, t: Targets, beta: Float32Array): Promise<{ g: Float32Array; h: Float32Array }> {
  const n = b.entity.length;
  const { d, nEntities: e } = b;
  const chunk = e === 1 ? 65_536 : Math.max(1, Math.floor(2_000_000 / (d * d)));
  let g = tf.zeros([e, d]);
  let h = tf.zeros([e, d * d]);
  const betaT = tf.tensor2d(beta, [e, d]);
  try {
    for (let from = 0; from < n; from += chunk) {
      const to = Math.min(n, from + chunk);
      const [g2, h2] = tf.tidy(() => {
        const x = tf.tensor2d(b.x.subarray(from * d, to * d), [to - from, d]);
        const ent = tf.tensor1d(b.entity.subarray(from, to), 'int32');
        const z = tf.add(tf.tensor1d(t.offset.subarray(from, to)), tf.sum(tf.mul(x, tf.gather(betaT, ent)), 1));
        const p = tf.sigmoid(z);
        const w = tf.tensor1d(t.w.subarray(from, to));
        const r = tf.mul(w, tf.sub(p, tf.tensor1d(t.y.subarray(from, to))));
        const s = tf.mul(w, tf.mul(p, tf.sub(1, p)));
        const xs = tf.mul(x, tf.expandDims(s, 1));
        // One entity (the global model): the Hessian is one matrix product, no per-row outer products.
        const hess =
          e === 1
            ? tf.reshape(tf.matMul(xs, x, true, false), [1, d * d])
            : tf.unsortedSegmentSum(
                tf.reshape(tf.mul(tf.expandDims(xs, 2), tf.expandDims(x, 1)), [to - from, d * d]),
                ent,
                e,
              );
        return [tf.add(g, tf.unsortedSegmentSum(tf.mul(x, tf.expandDims(r, 1)), ent, e)), tf.add(h, hess)];
      });
      g.dispose();
      h.dispose();
      g = g2;
      h = h2;
    }
    const [gd, hd] = await Promise.all([g.data(), h.data()]);
    return { g: gd as Float32Array, h: hd as Float32Array };
  } finally {
    tf.dispose([g, h, betaT]);
  }
}

/** β_e ← β_e − (H_e + λI)⁻¹ (g_e + λβ_e) for every entity, by Cholesky in float64. */
function solveAll(b: BlockData, g: Float32Array, h: Float32Array, beta: Float32Array, lambda: number): void {
  const d = b.d;
  const a = new Float64Array(d * d);
  const rhs = new Float64Array(d);
  for (let e = 0; e < b.nEntities; e++) {
    for (let i = 0; i < d * d; i++) a[i] = h[e * d * d + i];
    for (let i = 0; i < d; i++) {
      a[i * d + i] += lambda;
      rhs[i] = g[e * d + i] + lambda * beta[e * d + i];
    }
    cholSolve(a, rhs, d);
    for (let i = 0; i < d; i++) beta[e * d + i] -= rhs[i];
  }
}

/** Solves A x = rhs in place (A symmetric positive definite, overwritten by its Cholesky factor). */
export function cholSolve(a: Float64Array, rhs: Float64Array, d: number): void {
  for (let j = 0; j < d; j++) {
    let s = a[j * d + j];
    for (let k = 0; k < j; k++) s -= a[j * d + k] ** 2;
    const l = Math.sqrt(Math.max(s, 1e-12));
    a[j * d + j] = l;
    for (let i = j + 1; i < d; i++) {
      let t = a[i * d + j];
      for (let k = 0; k < j; k++) t -= a[i * d + k] * a[j * d + k];
      a[i * d + j] = t / l;
    }
  }
  for (let i = 0; i < d; i++) {
    let t = rhs[i];
    for (let k = 0; k < i; k++) t -= a[i * d + k] * rhs[k];
    rhs[i] = t / a[i * d + i];
  }
  for (let i = d - 1; i >= 0; i--) {
    let t = rhs[i];
    for (let k = i + 1; k < d; k++) t -= a[k * d + i] * rhs[k];
    rhs[i] = t / a[i * d + i];
  }
}
