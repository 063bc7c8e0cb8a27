import { describe, expect, it } from 'vitest';
import { loadGraphFile } from '../../data/node.ts';
import { Rng } from '../../data/rng.ts';
import { AbortError, InvalidArgumentError } from '../../errors.ts';
import type { FitProgress } from '../recommender.ts';
import { LineModel } from './model.ts';
import { nodeLineThreads } from './node-threads.ts';
import { nodeClassificationCv } from '../../eval/line/probe.ts';
import { initVertex } from './sgd.ts';
import { buildLineTables } from './tables.ts';
import { toShared } from './threads.ts';

describe('LINE Hogwild on Node worker threads', () => {
  it("separates karate's two factions with 2 threads, its second-order loss falling", async () => {
    const graph = await loadGraphFile('public/data/graphs/karate.json');
    const losses: number[] = [];
    const onProgress = (p: FitProgress) => p.status === 'epoch' && p.epoch > 4 && losses.push(p.loss);
    const model = new LineModel(
      { samples: 100 * 2 * graph.src.length, chunk: 4000, seed: 1, threads: 2 },
      { pool: nodeLineThreads },
    );
    await model.fit(graph, { onProgress });
    expect(losses[3]).toBeLessThan(losses[0] * 0.8);
    const r = nodeClassificationCv(model.embeddings(), model.outputDim, graph.classes, { trainRatio: 0.5, seed: 1 });
    expect(r.microF1).toBeGreaterThanOrEqual(0.95);
    expect(await model.toState().then((s) => s.meta.done)).toEqual([15600, 15600]);
  });

  it.each(['auto', 'js'] as const)('updates the vectors in place from every thread (%s kernel)', async (kernel) => {
    const graph = await loadGraphFile('public/data/graphs/karate.json');
    const vertex = toShared(initVertex(graph.n, 8, new Rng(1)));
    const before = vertex.slice();
    const pool = nodeLineThreads(3, { kernel });
    try {
      const job = {
        tables: buildLineTables(graph),
        dim: 8,
        vertex,
        context: vertex,
        negatives: 5,
        total: 50_000,
        learningRate: 0.025,
      };
      const loss = await pool.run(job, 0, 50_000, 7);
      expect(loss).toBeGreaterThan(0);
      let moved = 0;
      for (let v = 0; v < graph.n; v++) if (vertex[v * 8] !== before[v * 8]) moved++;
      expect(moved).toBe(graph.n);
      const plain = vertex.slice();
      const ordinary = pool.run({ ...job, vertex: plain, context: plain }, 0, 1000, 1);
      if (kernel === 'js') await expect(ordinary).rejects.toBeInstanceOf(InvalidArgumentError);
      else {
        // The wasm build copies ordinary vectors into its shared memory and back.
        expect(await ordinary).toBeGreaterThan(0);
        expect(plain.some((x, i) => x !== vertex[i])).toBe(true);
      }
    } finally {
      await pool.close();
    }
  });

  it('aborts a threaded fit between chunks with AbortError, and resumes to the full count', async () => {
    const graph = await loadGraphFile('public/data/graphs/karate.json');
    const model = new LineModel(
      { samples: 40_000, chunk: 10_000, order: 'second', threads: 2 },
      { pool: nodeLineThreads },
    );
    const ctl = new AbortController();
    const run = model.fit(graph, {
      signal: ctl.signal,
      onProgress: (p) => p.status === 'epoch' && p.epoch === 2 && ctl.abort(),
    });
    await expect(run).rejects.toBeInstanceOf(AbortError);
    expect((await model.toState()).meta.done).toEqual([0, 20_000]);
    await model.fit(graph);
    expect((await model.toState()).meta.done).toEqual([0, 40_000]);
  });

  it('validates the threads option with InvalidArgumentError', () => {
    for (const threads of [0, -1, 1.5, 65, Number.NaN])
      expect(() => new LineModel({ threads }), String(threads)).toThrow(InvalidArgumentError);
    expect(() => new LineModel({ threads: 2 })).toThrow(/needs a thread pool/);
    expect(() => nodeLineThreads(0)).toThrow(InvalidArgumentError);
    expect(new LineModel().settings.threads).toBe(1);
  });

  it('keeps threads: 1 deterministic: the same seed gives bit-identical vectors', async () => {
    const graph = await loadGraphFile('public/data/graphs/karate.json');
    const a = new LineModel({ samples: 20_000, chunk: 5_000, seed: 4, threads: 1 });
    const b = new LineModel({ samples: 20_000, chunk: 5_000, seed: 4 }, { pool: nodeLineThreads });
    await Promise.all([a.fit(graph), b.fit(graph)]);
    expect(b.embeddings()).toEqual(a.embeddings());
    expect(new LineModel({ samples: 20_000, chunk: 5_000, seed: 5 }).settings.seed).toBe(5);
  });
});
