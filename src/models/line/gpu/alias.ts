/**
 * Flat alias tables (Vose) for the GPU: `prob[i]` is the chance a uniform column i keeps itself,
 * `alias[i]` the index it otherwise yields — two arrays a kernel can read.
 */
import { InvalidArgumentError } from '../../../errors';

/** Alias table of `weights` (finite, ≥ 0, not all zero). */
export function flatAlias(weights: ArrayLike<number>): { prob: Float32Array; alias: Int32Array } {
  const n = weights.length;
  let total = 0;
  for (let i = 0; i < n; i++) {
    if (!(weights[i] >= 0 && Number.isFinite(weights[i]))) throw new InvalidArgumentError(`alias: weight ${i} is ${weights[i]}`);
    total += weights[i];
  }
  if (!(total > 0)) throw new InvalidArgumentError('alias: weights are all zero');
  const scaled = Float64Array.from(weights, (w) => (w * n) / total);
  const prob = new Float32Array(n).fill(1);
  const alias = Int32Array.from({ length: n }, (_, i) => i);
  const small: number[] = [], large: number[] = [];
  for (let i = 0; i < n; i++) (scaled[i] < 1 ? small : large).push(i);
  while (small.length && large.length) {
    const s = small.pop() as number, l = large.pop() as number;
    prob[s] = scaled[s];
    alias[s] = l;
    scaled[l] = scaled[l] + scaled[s] - 1;
    (scaled[l] < 1 ? small : large).push(l);
  }
  return { prob, alias };
}

/** Probability of each index under a flat alias table (to check one). */
export function aliasProbabilities(t: { prob: Float32Array; alias: Int32Array }): Float64Array {
  const n = t.prob.length;
  const p = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    p[i] += t.prob[i] / n;
    p[t.alias[i]] += (1 - t.prob[i]) / n;
  }
  return p;
}
