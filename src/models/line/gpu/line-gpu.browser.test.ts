import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ComputeDevice } from '../../../backend/gpu-device.ts';
import { parseGraph } from '../../../data/loaders/graph.ts';
import { Rng } from '../../../data/rng.ts';
import { embeddingScorer } from '../../../eval/link-scorers.ts';
import { holdOutEdges, linkPredictionAuc } from '../../../eval/link-prediction.ts';
import { nodeClassificationF1 } from '../../../eval/node-classification.ts';
import { LineModel } from '../model.ts';
import type { LineGraph } from '../tables.ts';
import { requestLineDevice, trainLineGpu, type LineGpuOptions } from './trainer.ts';

// The fused WGSL LINE kernels on Chromium's SwiftShader adapter (which offers `subgroups`, 4 lanes):
// correctness against the CPU loop and between kernels (speed on a real GPU is a bench, not a test).
// Kept tiny: SwiftShader is slow.
const graphOf = async (name: string) =>
  parseGraph(await (await fetch(`/data/graphs/${name}.json`)).text(), { file: `${name}.json` });

describe('LINE on WebGPU (SwiftShader)', () => {
  let gpu: ComputeDevice;
  beforeAll(async () => {
    const g = await requestLineDevice();
    expect(g, 'WebGPU adapter (run Chromium with --enable-unsafe-webgpu)').not.toBeNull();
    gpu = g as ComputeDevice;
  });
  afterAll(() => gpu?.device.destroy());

  const karateF1 = async (variant: LineGpuOptions['variant'], lanes?: number) => {
    const graph = await graphOf('karate');
    let progress = 0;
    const r = await trainLineGpu(
      gpu,
      graph,
      { samples: 20_000, seed: 1 },
      { threads: 256, samplesPerDispatch: 5_000, variant, lanes, onProgress: (d) => (progress = d) },
    );
    expect(progress).toBe(20_000);
    expect(r.embeddings.length).toBe(34 * 128);
    expect(r.embeddings.every(Number.isFinite)).toBe(true);
    return {
      r,
      f1: nodeClassificationF1(r.embeddings, 128, graph.classes, { trainRatio: 0.5, seed: 1, repeats: 5 }).microF1,
    };
  };

  it("thread-per-edge reaches the CPU path's node-classification quality on karate", async () => {
    const { r, f1 } = await karateF1('thread');
    expect(r.kernel.variant).toBe('thread');
    const graph = await graphOf('karate');
    const cpu = new LineModel({ samples: 20_000, seed: 1 }, { backend: 'cpu' });
    await cpu.fit(graph);
    const c = nodeClassificationF1(cpu.embeddings(), 128, graph.classes, {
      trainRatio: 0.5,
      seed: 1,
      repeats: 5,
    }).microF1;
    expect(f1).toBeGreaterThan(0.9);
    expect(f1).toBeGreaterThan(c - 0.05);
  });

  it('subgroup kernel (subgroupAdd and shuffle butterfly) matches thread-per-edge on karate', async (ctx) => {
    if (!gpu.features.includes('subgroups')) ctx.skip(); // the adapter decides; SwiftShader in Chromium 156 has it
    const auto = await karateF1('auto');
    expect(auto.r.kernel).toEqual({
      variant: 'subgroups',
      lanes: 4,
      reduce: gpu.info.subgroupMaxSize === 4 ? 'add' : 'shuffle',
    });
    const shuffle = await karateF1('subgroups', 2);
    expect(shuffle.r.kernel).toEqual({ variant: 'subgroups', lanes: 2, reduce: 'shuffle' });
    const thread = await karateF1('thread');
    for (const v of [auto, shuffle]) {
      expect(v.f1).toBeGreaterThan(0.9);
      expect(v.f1).toBeGreaterThan(thread.f1 - 0.05);
    }
  });

  it('subgroup kernel matches thread-per-edge on netscience link prediction (first order, equal samples)', async (ctx) => {
    if (!gpu.features.includes('subgroups')) ctx.skip();
    const graph = await graphOf('netscience');
    const split = holdOutEdges(graph, 0.1, new Rng(1).fork('holdout'));
    const train: LineGraph = { ...split.train, directed: graph.directed };
    const auc = async (variant: LineGpuOptions['variant']) => {
      const r = await trainLineGpu(
        gpu,
        train,
        { samples: 200_000, seed: 1, order: 'first', learningRate: 0.05 },
        { threads: 1024, variant },
      );
      expect(r.kernel.variant).toBe(variant);
      return linkPredictionAuc(embeddingScorer(r.orders[1] as Float32Array, 64), split.positives, split.negatives);
    };
    const [sub, thread] = [await auc('subgroups'), await auc('thread')];
    console.log(`netscience LP AUC, first order: subgroups ${sub.toFixed(4)}, thread ${thread.toFixed(4)}`);
    expect(thread).toBeGreaterThan(0.8);
    expect(Math.abs(sub - thread)).toBeLessThan(0.02);
  });
});
