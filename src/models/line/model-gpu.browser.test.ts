import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ComputeDevice } from '../../backend/gpu-device.ts';
import { parseGraph } from '../../data/loaders/graph.ts';
import type { Graph } from '../../data/graph.ts';
import { nodeClassificationF1 } from '../../eval/node-classification.ts';
import { AbortError, BackendUnavailableError } from '../../errors.ts';
import type { FitProgress } from '../recommender.ts';
import { requestLineDevice, trainLineGpu } from './gpu/trainer.ts';
import { LineModel } from './model.ts';

// LineModel's WebGPU path on Chromium's SwiftShader adapter: 'auto' picks WebGPU, chunks report and
// abort, and a device destroyed mid-fit hands over to the CPU loop. Karate only: SwiftShader is slow.
const config = { samples: 20_000, chunk: 5_000, seed: 1 };
const f1 = (e: Float32Array, g: Graph) =>
  nodeClassificationF1(e, 128, g.classes, { trainRatio: 0.5, seed: 1, repeats: 5 }).microF1;
const backends = (events: FitProgress[]) => events.flatMap((e) => (e.status === 'epoch' ? [e.backend] : []));

describe('LineModel on WebGPU (SwiftShader)', () => {
  let graph: Graph;
  let gpu: ComputeDevice;
  beforeAll(async () => {
    graph = parseGraph(await (await fetch('/data/graphs/karate.json')).text(), { file: 'karate.json' });
    gpu = (await requestLineDevice()) as ComputeDevice;
    expect(gpu, 'WebGPU adapter (run Chromium with --enable-unsafe-webgpu)').not.toBeNull();
  });
  afterAll(() => gpu?.device.destroy());

  it("'auto' (the browser default) trains on WebGPU, says which kernel, matches the CPU's quality, and its state round-trips exactly", async () => {
    const model = new LineModel(config, { gpu: { device: gpu } });
    expect(model.backend).toBe('auto');
    const events: FitProgress[] = [];
    const r = await model.fit(graph, { onProgress: (p) => events.push(p) });
    expect(r.backend).toBe('webgpu');
    expect(r.kernel).toBe(
      gpu.features.includes('subgroups')
        ? `subgroups×4 (${gpu.info.subgroupMaxSize === 4 ? 'add' : 'shuffle'})`
        : 'thread',
    );
    expect(r.fallback).toBeUndefined();
    expect(events.map((e) => e.status)).toEqual(['start', ...Array(8).fill('epoch'), 'done']);
    expect(
      new Set(events.map((e) => (e.status === 'error' || e.status === 'checkpoint' ? '' : `${e.backend} ${e.kernel}`))),
    ).toEqual(new Set([`webgpu ${r.kernel}`]));
    const cpu = new LineModel(config, { backend: 'cpu' });
    expect((await cpu.fit(graph)).backend).toBe('cpu');
    const [g, c] = [f1(model.embeddings(), graph), f1(cpu.embeddings(), graph)];
    console.log(`karate Micro-F1 (50% labels, 2×20k samples): webgpu ${r.kernel} ${g.toFixed(3)}, cpu ${c.toFixed(3)}`);
    expect(g).toBeGreaterThan(0.9);
    expect(g).toBeGreaterThan(c - 0.05);
    const state = await model.toState();
    expect(state.meta.done).toEqual([20_000, 20_000]);
    const copy = new LineModel({}, { backend: 'cpu' });
    await copy.fromState(state);
    expect(await copy.toState()).toEqual(state);
    expect(copy.embeddings()).toEqual(model.embeddings());
  });

  it('keeps one ρ schedule and one sample counter over the whole run: chunked equals one dispatch, bit for bit', async () => {
    // One thread runs the samples in order, so the GPU run is deterministic and chunking must not show.
    const one = { samples: 3_000, chunk: 1_000, seed: 5, dim: 16, order: 'second' as const };
    const model = new LineModel(one, { backend: 'webgpu', gpu: { device: gpu, threads: 1, variant: 'thread' } });
    expect((await model.fit(graph)).epochs).toBe(3);
    const whole = await trainLineGpu(gpu, graph, one, { threads: 1, variant: 'thread', samplesPerDispatch: 3_000 });
    expect(model.orderEmbeddings(2)).toEqual(whole.orders[2]);
  });

  it('reads back on demand, aborts between chunks keeping what the GPU trained, and resumes', async () => {
    const model = new LineModel(config, { backend: 'webgpu', gpu: { device: gpu } });
    const ctl = new AbortController();
    let snap: Promise<Float32Array> | null = null;
    const run = model.fit(graph, {
      signal: ctl.signal,
      onProgress: (p) => {
        if (p.status !== 'epoch') return;
        if (p.epoch === 1) snap = model.snapshot();
        if (p.epoch === 6) ctl.abort();
      },
    });
    await expect(run).rejects.toBeInstanceOf(AbortError);
    const live = await (snap as unknown as Promise<Float32Array>);
    expect(live.length).toBe(34 * 128);
    expect(live.every(Number.isFinite)).toBe(true);
    const state = await model.toState();
    expect(state.meta.done).toEqual([20_000, 10_000]); // order 1 done, order 2 read back after two chunks
    const resumed = new LineModel({}, { gpu: { device: gpu } });
    await resumed.fromState(state);
    const events: FitProgress[] = [];
    const r = await resumed.fit(graph, { onProgress: (p) => events.push(p) });
    expect(r.backend).toBe('webgpu');
    expect(events.filter((e) => e.status === 'epoch').map((e) => (e.status === 'epoch' ? e.epoch : 0))).toEqual([7, 8]);
    expect(f1(resumed.embeddings(), graph)).toBeGreaterThan(0.9);
  });

  it('falls back to the CPU from the last readback when the device is destroyed mid-fit, and says so', async () => {
    const own = (await requestLineDevice()) as ComputeDevice;
    const model = new LineModel(config, { gpu: { device: own } });
    const events: FitProgress[] = [];
    const r = await model.fit(graph, {
      onProgress: (p) => {
        events.push(p);
        if (p.status === 'epoch' && p.epoch === 2) void model.snapshot();
        if (p.status === 'epoch' && p.epoch === 3) own.device.destroy();
      },
    });
    expect(r.backend).toBe('cpu');
    console.log(`fallback: ${r.fallback}`);
    expect(r.fallback).toMatch(/webgpu device lost: .*continued on the CPU from sample 10000 of order 1/);
    const seen = backends(events);
    expect(seen.slice(0, 3)).toEqual(['webgpu', 'webgpu', 'webgpu']);
    expect(seen.at(-1)).toBe('cpu');
    expect(events.at(-1)).toMatchObject({ status: 'done', backend: 'cpu' });
    expect((await model.toState()).meta.done).toEqual([20_000, 20_000]);
    expect(f1(model.embeddings(), graph)).toBeGreaterThan(0.9);

    // An explicit 'webgpu' does not fall back: the loss is an error.
    const gone = new LineModel(config, { backend: 'webgpu', gpu: { device: own } });
    await expect(gone.fit(graph)).rejects.toBeInstanceOf(BackendUnavailableError);
  });
});
