import { describe, expect, it } from 'vitest';
import { parseGraph } from '../../data/loaders/graph.ts';
import { Rng } from '../../data/rng.ts';
import { nodeClassificationCv } from '../../eval/line/probe.ts';
import { browserLineThreads, mergeChanges } from './browser-threads.ts';
import { LineModel } from './model.ts';
import { initVertex } from './sgd.ts';
import { buildLineTables } from './tables.ts';
import { kernelJob } from './sgd.ts';
import { lineWasmKernel, loadLineWasm } from './wasm-kernel.ts';

// LINE on 2 shard workers in real Chromium, on a page that is not cross-origin isolated (no
// SharedArrayBuffer): the copies merge every round, the run draws exactly T samples, and the quality
// is the single thread's.
const shardWorker = () =>
  new Worker(new URL('../../../bench/workers/line-shard.worker.ts', import.meta.url), { type: 'module' });

describe('LINE WebAssembly kernel on the page', () => {
  it('runs on the main thread once loadLineWasm has compiled it asynchronously', async () => {
    expect(await loadLineWasm()).toBe(true);
    const graph = parseGraph(await (await fetch('/data/graphs/karate.json')).text(), { file: 'karate.json' });
    const vertex = initVertex(graph.n, 8, new Rng(1));
    const job = kernelJob({
      tables: buildLineTables(graph),
      dim: 8,
      vertex,
      context: vertex,
      negatives: 5,
      total: 1000,
      learningRate: 0.025,
    });
    expect(lineWasmKernel(job, 0, 1000, 1)).toBeGreaterThan(0);
  });
});

describe('browserLineThreads (Chromium workers, no shared memory)', () => {
  it('merges by summing the changes: a row one copy moved gets that full move', () => {
    const base = Float32Array.of(1, 1, 1);
    mergeChanges(base, [Float32Array.of(2, 1, 0), Float32Array.of(1, 3, 0)]);
    expect(Array.from(base)).toEqual([2, 3, -1]);
  });

  it("trains karate on 2 workers without SharedArrayBuffer to the single thread's quality", async () => {
    expect(crossOriginIsolated).toBe(false);
    const graph = parseGraph(await (await fetch('/data/graphs/karate.json')).text(), { file: 'karate.json' });
    const pool = browserLineThreads(shardWorker, { syncEvery: 4000 });
    const config = { samples: 100 * 2 * graph.src.length, chunk: 5000, seed: 1 };
    const two = new LineModel({ ...config, threads: 2 }, { backend: 'cpu', pool });
    const fit = await two.fit(graph);
    expect(fit.backend).toBe('cpu');
    expect((await two.toState()).meta.done).toEqual([15600, 15600]);
    expect(pool.stats.kernel).toBe('wasm');
    // Per order: chunks of 5000, 5000, 5000, 600 samples, each in rounds of ≤ 4000 → 2 + 2 + 2 + 1.
    expect(pool.stats.rounds).toBe(14);
    const one = new LineModel(config, { backend: 'cpu' });
    await one.fit(graph);
    const f1 = (m: LineModel) =>
      nodeClassificationCv(m.embeddings(), m.outputDim, graph.classes, { trainRatio: 0.5, seed: 1 }).microF1;
    expect(f1(two)).toBeGreaterThanOrEqual(0.95);
    expect(f1(two)).toBeGreaterThanOrEqual(f1(one) - 0.03);
  });

  it("updates the caller's vectors in place and reports a positive loss", async () => {
    const graph = parseGraph(await (await fetch('/data/graphs/karate.json')).text(), { file: 'karate.json' });
    const vertex = initVertex(graph.n, 8, new Rng(1));
    const before = vertex.slice();
    const pool = browserLineThreads(shardWorker)(3);
    try {
      const job = {
        tables: buildLineTables(graph),
        dim: 8,
        vertex,
        context: vertex,
        negatives: 5,
        total: 30_000,
        learningRate: 0.025,
      };
      expect(await pool.run(job, 0, 30_000, 7)).toBeGreaterThan(0);
      let moved = 0;
      for (let v = 0; v < graph.n; v++) if (vertex[v * 8] !== before[v * 8]) moved++;
      expect(moved).toBe(graph.n);
    } finally {
      await pool.close();
    }
  });
});
