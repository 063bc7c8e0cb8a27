/**
 * LINE training speed, measured the same way in Node, in a browser worker and on WebGPU: edge
 * samples per second for one order at the reference's settings (64-d, K = 5).
 */
import { Rng } from '../../src/data/rng.ts';
import { resolveLineConfig, type LineConfig } from '../../src/models/line/config.ts';
import { initVertex, runSamples } from '../../src/models/line/sgd.ts';
import { buildLineTables, type LineGraph } from '../../src/models/line/tables.ts';
import { nodeLineThreads } from '../../src/models/line/node-threads.ts';
import { toShared } from '../../src/models/line/threads.ts';

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
  const job = {
    tables,
    dim: s.dim,
    vertex,
    context,
    negatives: s.negatives,
    total: samples,
    learningRate: s.learningRate,
  };
  runSamples(job, 0, Math.min(20_000, samples), rng); // let the JIT settle
  const proc = (globalThis as { process?: { cpuUsage(): { user: number; system: number } } }).process;
  const c0 = proc?.cpuUsage();
  const t0 = performance.now();
  runSamples(job, 0, samples, rng);
  const seconds = (performance.now() - t0) / 1000;
  const c1 = proc?.cpuUsage();
  const cpu = c0 && c1 ? (c1.user - c0.user + c1.system - c0.system) / 1e6 : 0;
  return {
    samples,
    seconds,
    samplesPerSec: samples / seconds,
    ...(cpu > 0 ? { samplesPerCpuSec: samples / cpu } : {}),
  };
}

/** Times `samples` Hogwild samples of one order on `threads` worker threads (after a short warm-up). */
export async function lineThreadedSpeed(
  graph: LineGraph,
  samples: number,
  threads: number,
  order: 1 | 2 = 2,
  config: LineConfig = {},
): Promise<LineSpeed> {
  const s = resolveLineConfig({ ...config, samples, threads });
  const rng = new Rng(s.seed);
  const vertex = toShared(initVertex(graph.n, s.dim, rng));
  const context = order === 1 ? vertex : toShared(new Float32Array(graph.n * s.dim));
  const job = {
    tables: buildLineTables(graph),
    dim: s.dim,
    vertex,
    context,
    negatives: s.negatives,
    total: samples,
    learningRate: s.learningRate,
  };
  const pool = nodeLineThreads(threads);
  try {
    await pool.run(job, 0, Math.min(20_000 * threads, samples), 1); // let every thread's JIT settle
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await pool.run(job, 0, samples, 2);
    const seconds = (performance.now() - t0) / 1000;
    const c = process.cpuUsage(c0);
    const cpu = (c.user + c.system) / 1e6;
    return {
      samples,
      seconds,
      samplesPerSec: samples / seconds,
      ...(cpu > 0 ? { samplesPerCpuSec: samples / cpu } : {}),
    };
  } finally {
    await pool.close();
  }
}
