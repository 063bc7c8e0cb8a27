/**
 * The LINE SGD loop on one thread: {@link runSamples} runs the typed-array kernel of `kernel.ts` (the
 * reference C++ design) over a job's tables. `node-threads.ts` runs the same kernel Hogwild on
 * several threads.
 */
import type { Rng } from '../../data/rng.ts';
import { lineSgdKernel, SIGMOID_TABLE, type KernelJob } from './kernel.ts';
import type { LineTables } from './tables.ts';

/** The reference's table sigmoid: exact 0 and 1 from ±6 on. */
export function fastSigmoid(x: number): number {
  if (x >= 6) return 1;
  if (x <= -6) return 0;
  return SIGMOID_TABLE[Math.min(999, ((x + 6) * (1000 / 12)) | 0)];
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

/** The flat arrays the kernel reads for `job`. */
export function kernelJob(job: SgdJob): KernelJob {
  const { tables, dim, vertex, context, negatives, total, learningRate } = job;
  return {
    arcSrc: tables.arcSrc,
    arcDst: tables.arcDst,
    edgeProb: tables.edgeAlias.prob,
    edgeAlias: tables.edgeAlias.alias,
    nodeProb: tables.nodeAlias.prob,
    nodeAlias: tables.nodeAlias.alias,
    vertex,
    context,
    dim,
    negatives,
    total,
    learningRate,
    sigmoid: SIGMOID_TABLE,
  };
}

/**
 * Runs samples `from … to − 1` of `job` in place on this thread, drawing one seed from `rng` for the
 * kernel's own stream (so the run is a function of `rng`'s state); returns the mean
 * negative-sampling loss of every 8th sample (a cheap progress figure).
 */
export function runSamples(job: SgdJob, from: number, to: number, rng: Rng): number {
  return lineSgdKernel(kernelJob(job), from, to, Math.floor(rng.next() * 4294967296) | 0);
}

/** The reference's initial vertex vectors: uniform in ±0.5/dim (context vectors start at zero). */
export function initVertex(n: number, dim: number, rng: Rng): Float32Array {
  return Float32Array.from({ length: n * dim }, () => (rng.next() - 0.5) / dim);
}
