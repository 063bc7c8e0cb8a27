/**
 * The LINE SGD loop, the reference C++ design on typed arrays: draw an arc ∝ weight, then for the arc's
 * target and K negatives update `σ(⟨u, v⟩)` towards the label, accumulating u's step and applying it
 * once (as the reference does). Sigmoid from a table bounded at ±6, learning rate ρ₀(1 − t/T).
 */
import type { Rng } from '../../data/rng';
import type { LineTables } from './tables';

const SIGMOID_BOUND = 6;
const SIGMOID_SIZE = 1000;
const SIGMOID_TABLE = Float32Array.from({ length: SIGMOID_SIZE }, (_, k) => 1 / (1 + Math.exp(-((k * 2) / SIGMOID_SIZE - 1) * SIGMOID_BOUND)));

/** The reference's table sigmoid: exact 0 and 1 beyond ±6. */
export function fastSigmoid(x: number): number {
  if (x > SIGMOID_BOUND) return 1;
  if (x < -SIGMOID_BOUND) return 0;
  return SIGMOID_TABLE[((x + SIGMOID_BOUND) * (SIGMOID_SIZE / SIGMOID_BOUND / 2)) | 0];
}

/** One order's training job. `context` is the vertex table itself for first order. */
export interface SgdJob {
  tables: LineTables;
  dim: number;
  vertex: Float32Array;
  context: Float32Array;
  negatives: number;
  /** T, the samples of the whole run (sets the learning-rate schedule). */
  total: number;
  learningRate: number;
}

/**
 * Runs samples `from … to − 1` of `job` in place; returns the mean negative-sampling loss of every
 * 8th sample (a cheap progress figure).
 */
export function runSamples(job: SgdJob, from: number, to: number, rng: Rng): number {
  const { dim: d, vertex, context, negatives: K, total, learningRate: rho0 } = job;
  const { arcSrc, arcDst, edges, nodes } = job.tables;
  const err = new Float64Array(d);
  const floor = rho0 * 1e-4, decay = rho0 / (total + 1);
  let lossSum = 0;
  let lossCount = 0;
  for (let t = from; t < to; t++) {
    const rho = Math.max(rho0 - t * decay, floor);
    const arc = edges.sample(rng);
    const u = arcSrc[arc] * d;
    const track = (t & 7) === 0;
    for (let i = 0; i < d; i++) err[i] = 0;
    for (let k = 0; k <= K; k++) {
      const v = (k === 0 ? arcDst[arc] : nodes.sample(rng)) * d;
      const label = k === 0 ? 1 : 0;
      let x = 0;
      for (let i = 0; i < d; i++) x += vertex[u + i] * context[v + i];
      const p = fastSigmoid(x);
      if (track) lossSum -= Math.log(Math.max(label ? p : 1 - p, 1e-7));
      const g = (label - p) * rho;
      for (let i = 0; i < d; i++) {
        const c = context[v + i];
        err[i] += g * c;
        context[v + i] = c + g * vertex[u + i];
      }
    }
    for (let i = 0; i < d; i++) vertex[u + i] += err[i];
    if (track) lossCount++;
  }
  return lossCount ? lossSum / lossCount : 0;
}

/** The reference's initial vertex vectors: uniform in ±0.5/dim (context vectors start at zero). */
export function initVertex(n: number, dim: number, rng: Rng): Float32Array {
  return Float32Array.from({ length: n * dim }, () => (rng.next() - 0.5) / dim);
}
