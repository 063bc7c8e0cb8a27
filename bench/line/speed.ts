/**
 * LINE training speed, measured the same way in Node, in a browser worker and on WebGPU: edge
 * samples per second for one order at the reference's settings (64-d, K = 5).
 */
import { Rng } from '../../src/data/rng.ts';
import { resolveLineConfig, type LineConfig } from '../../src/models/line/config.ts';
import { initVertex, runSamples, type LineCpuKernel } from '../../src/models/line/sgd.ts';
import { buildLineTables, type LineGraph } from '../../src/models/line/tables.ts';
import { toShared } from '../../src/models/line/threads.ts';

/** A speed measurement. */
export interface LineSpeed {
  samples: number;
  seconds: number;
  samplesPerSec: number;
  /** Samples per second of this process's CPU time (Node only): the figure free of other load on a shared machine. */
  samplesPerCpuSec?: number;
}

/** This process's CPU time in µs (Node); undefined in a browser. */
function cpuMicros(): number | undefined {
  const proc = (globalThis as { process?: { cpuUsage(): { user: number; system: number } } }).process;
  const c = proc?.cpuUsage();
  return c && c.user + c.system;
}

/** The timing start: wall clock and CPU time. */
function startClock(): { t0: number; c0: number | undefined } {
  return { t0: performance.now(), c0: cpuMicros() };
}

/** The speed of `samples` run since `start`. */
function speedSince(samples: number, start: { t0: number; c0: number | undefined }): LineSpeed {
  const seconds = (performance.now() - start.t0) / 1000;
  const c1 = cpuMicros();
  const cpu = start.c0 !== undefined && c1 !== undefined ? (c1 - start.c0) / 1e6 : 0;
  return {
    samples,
    seconds,
    samplesPerSec: samples / seconds,
    ...(cpu > 0 ? { samplesPerCpuSec: samples / cpu } : {}),
  };
}

/** Fresh vectors for one order on `graph` (`share` moves them into SharedArrayBuffers for threads). */
function speedJob(
  graph: LineGraph,
  s: ReturnType<typeof resolveLineConfig>,
  order: 1 | 2,
  rng: Rng,
  share: (a: Float32Array) => Float32Array = (a) => a,
) {
  const vertex = share(initVertex(graph.n, s.dim, rng));
  const context = order === 1 ? vertex : share(new Float32Array(graph.n * s.dim));
  const tables = buildLineTables(graph);
  return { tables, dim: s.dim, vertex, context, negatives: s.negatives, learningRate: s.learningRate };
}

/**
 * Times `samples` CPU SGD samples of one order on `graph` (after a short warm-up), in chunks of 100k
 * as `LineModel.fit` runs them; `kernel` `'js'` times the JavaScript loop instead of WebAssembly.
 */
export function lineCpuSpeed(
  graph: LineGraph,
  samples: number,
  order: 1 | 2 = 2,
  config: LineConfig = {},
  kernel: LineCpuKernel = 'auto',
): LineSpeed {
  const s = resolveLineConfig({ ...config, samples });
  const rng = new Rng(s.seed);
  const job = { ...speedJob(graph, s, order, rng), total: samples };
  runSamples(job, 0, Math.min(20_000, samples), rng, kernel); // let the JIT settle
  const start = startClock();
  for (let from = 0; from < samples; from += s.chunk)
    runSamples(job, from, Math.min(samples, from + s.chunk), rng, kernel);
  return speedSince(samples, start);
}

/** Times `samples` Hogwild samples of one order on `threads` worker threads (after a short warm-up). */
export async function lineThreadedSpeed(
  graph: LineGraph,
  samples: number,
  threads: number,
  order: 1 | 2 = 2,
  config: LineConfig = {},
  kernel: LineCpuKernel = 'auto',
): Promise<LineSpeed> {
  const s = resolveLineConfig({ ...config, samples, threads });
  const job = { ...speedJob(graph, s, order, new Rng(s.seed), toShared), total: samples };
  // Imported here: this file also runs in a browser worker, where node:worker_threads cannot load.
  const { nodeLineThreads } = await import('../../src/models/line/node-threads.ts');
  const pool = nodeLineThreads(threads, { kernel });
  try {
    await pool.run(job, 0, Math.min(20_000 * threads, samples), 1); // let every thread's JIT settle
    const start = startClock();
    for (let from = 0; from < samples; from += s.chunk)
      await pool.run(job, from, Math.min(samples, from + s.chunk), 2 + from);
    return speedSince(samples, start);
  } finally {
    await pool.close();
  }
}
