import { describe, expect, it } from 'vitest';
import { AbortError, InvalidArgumentError, UnknownIdError } from '../../errors.ts';
import type { FitProgress } from '../recommender.ts';
import { fastSigmoid } from './sgd.ts';
import { LineModel } from './model.ts';
import { buildLineTables, type LineGraph } from './tables.ts';

/** Two 8-cliques joined by one bridge edge (0–8): communities any proximity embedding must separate. */
function twoCliques(): LineGraph {
  const src: number[] = [],
    dst: number[] = [];
  for (const base of [0, 8])
    for (let i = 0; i < 8; i++)
      for (let j = i + 1; j < 8; j++) {
        src.push(base + i);
        dst.push(base + j);
      }
  src.push(0);
  dst.push(8);
  return { n: 16, src: Int32Array.from(src), dst: Int32Array.from(dst) };
}

const small = { dim: 16, samples: 40_000, chunk: 10_000, seed: 3 };

describe('LINE (CPU)', () => {
  it("embeds two cliques apart: every node's nearest neighbours are in its own clique, for each order", async () => {
    for (const order of ['first', 'second', 'both'] as const) {
      const m = new LineModel({ ...small, order });
      await m.fit(twoCliques());
      for (const node of [1, 5, 9, 14]) {
        const { items } = await m.recommend(node, { k: 5 });
        for (const v of items) expect(Math.floor(v / 8), `${order} node ${node}`).toBe(Math.floor(node / 8));
      }
    }
  });

  it('L2-normalises each order and concatenates [u, u′]', async () => {
    const m = new LineModel({ ...small, order: 'both' });
    await m.fit(twoCliques());
    const e = m.embeddings();
    expect(e.length).toBe(16 * 32);
    const norm = (a: number, b: number) => Math.hypot(...e.subarray(a, b));
    expect(norm(0, 16)).toBeCloseTo(1, 5);
    expect(norm(16, 32)).toBeCloseTo(1, 5);
    expect(Array.from(e.subarray(16, 32))).toEqual(Array.from(m.orderEmbeddings(2).subarray(0, 16)));
  });

  it('reports progress chunk by chunk with a falling loss, then done', async () => {
    const events: FitProgress[] = [];
    await new LineModel({ ...small, order: 'second' }).fit(twoCliques(), { onProgress: (p) => events.push(p) });
    expect(events.map((e) => e.status)).toEqual(['start', 'epoch', 'epoch', 'epoch', 'epoch', 'done']);
    const losses = events.flatMap((e) => (e.status === 'epoch' ? [e.loss] : []));
    expect(losses[3]).toBeLessThan(losses[0]);
  });

  it('aborts between chunks, and resuming from the state gives the uninterrupted run exactly', async () => {
    const whole = new LineModel(small);
    await whole.fit(twoCliques());
    const part = new LineModel(small);
    const ctl = new AbortController();
    let seen = 0;
    const run = part.fit(twoCliques(), {
      signal: ctl.signal,
      onProgress: (p) => p.status === 'epoch' && ++seen === 2 && ctl.abort(),
    });
    await expect(run).rejects.toBeInstanceOf(AbortError);
    const resumed = new LineModel();
    await resumed.fromState(await part.toState());
    await resumed.fit(twoCliques());
    expect(resumed.embeddings()).toEqual(whole.embeddings());
  });

  it('round-trips through its state with identical scores', async () => {
    const m = new LineModel(small);
    await m.fit(twoCliques());
    const copy = new LineModel();
    await copy.fromState(await m.toState());
    const a = Int32Array.from([0, 3, 9]),
      b = Int32Array.from([1, 12, 15]);
    expect(await copy.score(a, b)).toEqual(await m.score(a, b));
  });

  it('rejects bad input with named errors', async () => {
    expect(() => new LineModel({ dim: 0 })).toThrow(InvalidArgumentError);
    await expect(new LineModel().fit({ n: 3, src: new Int32Array(0), dst: new Int32Array(0) })).rejects.toBeInstanceOf(
      InvalidArgumentError,
    );
    const m = new LineModel(small);
    await m.fit(twoCliques());
    await expect(m.recommend(99)).rejects.toBeInstanceOf(UnknownIdError);
  });

  it('samples both directions of undirected edges and draws negatives by degree^0.75', () => {
    const t = buildLineTables({
      n: 3,
      src: Int32Array.from([0, 0]),
      dst: Int32Array.from([1, 2]),
      weight: Float32Array.from([3, 1]),
    });
    expect(t.arcSrc.length).toBe(4);
    expect(Array.from(t.degree)).toEqual([4, 3, 1]);
    expect(t.nodes.probability(0) / t.nodes.probability(2)).toBeCloseTo(4 ** 0.75, 5);
    expect(t.edges.probability(0)).toBeCloseTo(3 / 8, 6);
  });

  it('has a table sigmoid within 0.01 of the exact one', () => {
    for (const x of [-7, -3, -0.5, 0, 0.4, 2.2, 5.9, 8])
      expect(Math.abs(fastSigmoid(x) - 1 / (1 + Math.exp(-x)))).toBeLessThan(0.01);
  });
});
