/**
 * LINE training speed, measured the same way in Node, in a browser worker and on WebGPU: edge
 * samples per second for one order at the reference's settings (64-d, K = 5).
 */
import { Rng } from '../../data/rng';
import { resolveLineConfig, type LineConfig } from './config';
import { initVertex, runSamples } from './sgd';
import { buildLineTables, type LineGraph } from './tables';

/** A speed measurement. */
export interface LineSpeed {
  samples: number;
  seconds: number;
  samplesPerSec: number;
  /** Samples per second of this process's CPU time (Node only): the figure free of other load on a shared machine. */
  samplesPerCpuSec?: number;
}

/** Times `samples` CPU SGD samples of one order on `graph` (after a short warm-up). */
export function lineCpuSpeed(graph: LineGraph, samples: number, order: 1 | 2 = 2, config: LineConfig = {}): LineSpeed {
  const s = resolveLineConfig({ ...config, samples });
  const tables = buildLineTables(graph);
  const rng = new Rng(s.seed);
  const vertex = initVertex(graph.n, s.dim, rng);
  const context = order === 1 ? vertex : new Float32Array(graph.n * s.dim);
  const job = { tables, dim: s.dim, vertex, context, negatives: s.negatives, total: samples, learningRate: s.learningRate };
  runSamples(job, 0, Math.min(20_000, samples), rng); // let the JIT settle
  const proc = (globalThis as { process?: { cpuUsage(): { user: number; system: number } } }).process;
  const c0 = proc?.cpuUsage();
  const t0 = performance.now();
  runSamples(job, 0, samples, rng);
  const seconds = (performance.now() - t0) / 1000;
  const c1 = proc?.cpuUsage();
  const cpu = c0 && c1 ? (c1.user - c0.user + c1.system - c0.system) / 1e6 : 0;
  return { samples, seconds, samplesPerSec: samples / seconds, ...(cpu > 0 ? { samplesPerCpuSec: samples / cpu } : {}) };
}
