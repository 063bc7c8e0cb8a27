/**
 * The LINE SGD loop on one thread: {@link runSamples} runs the WebAssembly SIMD kernel of
 * `wasm-kernel.ts` over a job's tables, or the typed-array kernel of `kernel.ts` (the same draws; the
 * reference C++ design) where WebAssembly SIMD is missing. `node-threads.ts` runs the same kernels
 * Hogwild on several threads.
 */
import type { Rng } from '../../data/rng.ts';
import { lineSgdKernel, SIGMOID_TABLE, type KernelJob } from './kernel.ts';
import type { LineTables } from './tables.ts';
import { lineWasmKernel } from './wasm-kernel.ts';

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

/** Which loop {@link runSamples} runs: WebAssembly SIMD where it exists (`'auto'`), or JavaScript. */
export type LineCpuKernel = 'auto' | 'js';

/**
 * Runs samples `from … to − 1` of `job` in place on this thread, drawing one seed from `rng` for the
 * kernel's own stream (so the run is a function of `rng`'s state); returns the mean
 * negative-sampling loss of every 8th sample (a cheap progress figure). Both kernels draw the same
 * samples; they differ in float rounding only (f32 lanes against f64).
 */
export function runSamples(job: SgdJob, from: number, to: number, rng: Rng, kernel: LineCpuKernel = 'auto'): number {
  const k = kernelJob(job);
  const seed = Math.floor(rng.next() * 4294967296) | 0;
  return (kernel === 'auto' ? lineWasmKernel(k, from, to, seed) : null) ?? lineSgdKernel(k, from, to, seed);
}

/** The reference's initial vertex vectors: uniform in ±0.5/dim (context vectors start at zero). */
export function initVertex(n: number, dim: number, rng: Rng): Float32Array {
  return Float32Array.from({ length: n * dim }, () => (rng.next() - 0.5) / dim);
}
