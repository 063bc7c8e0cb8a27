/**
 * The blender's weights: a logistic regression of the validation labels on the parts' scores
 * (standardised), fitted by Newton's method with a small L2 prior — learned, not a fixed 50/50.
 */
import { cholSolve } from '../glmix/newton.ts';

/** `score = bias + Σ w_j · (x_j − mean_j) / std_j`. */
export interface BlendWeights {
  bias: number;
  w: number[];
  mean: number[];
  std: number[];
}

/** Fits the weights on rows `x[j][k]` (part j's score of row k) and labels `y`. */
export function fitBlendWeights(x: Float32Array[], y: Float32Array, lambda = 1e-2, iters = 20): BlendWeights {
  const parts = x.length;
  const n = y.length;
  const mean = x.map((col) => col.reduce((a, b) => a + b, 0) / Math.max(n, 1));
  const std = x.map((col, j) => Math.sqrt(col.reduce((a, b) => a + (b - mean[j]) ** 2, 0) / Math.max(n, 1)) || 1);
  const d = parts + 1;
  const beta = new Float64Array(d);
  const feat = (k: number, j: number) => (j === parts ? 1 : (x[j][k] - mean[j]) / std[j]);
  for (let it = 0; it < iters; it++) {
    const g = new Float64Array(d);
    const h = new Float64Array(d * d);
    for (let k = 0; k < n; k++) {
      let z = 0;
      for (let j = 0; j < d; j++) z += beta[j] * feat(k, j);
      const p = 1 / (1 + Math.exp(-z));
      for (let a = 0; a < d; a++) {
        g[a] += (p - y[k]) * feat(k, a);
        for (let b = 0; b < d; b++) h[a * d + b] += p * (1 - p) * feat(k, a) * feat(k, b);
      }
    }
    for (let a = 0; a < d; a++) {
      g[a] += lambda * beta[a];
      h[a * d + a] += lambda;
    }
    cholSolve(h, g, d);
    for (let a = 0; a < d; a++) beta[a] -= g[a];
  }
  return { bias: beta[parts], w: Array.from(beta.subarray(0, parts)), mean, std };
}

/** The blended score of one row from its parts' scores. */
export function blendScore(bw: BlendWeights, parts: number[]): number {
  let z = bw.bias;
  for (let j = 0; j < parts.length; j++) z += (bw.w[j] * (parts[j] - bw.mean[j])) / bw.std[j];
  return z;
}
