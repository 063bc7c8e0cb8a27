import { describe, expect, it } from 'vitest';
import { parseGraph } from '../../../data/loaders/graph';
import { nodeClassificationF1 } from '../../../eval/node-classification';
import { LineModel } from '../model';
import { requestLineDevice, trainLineGpu } from './trainer';

// The fused WGSL LINE kernel on Chromium's SwiftShader adapter: correctness against the CPU loop's
// quality on karate (speed on a real GPU is a bench, not a test). Kept tiny: SwiftShader is slow.
describe('LINE on WebGPU (SwiftShader)', () => {
  it('reaches the CPU path\'s node-classification quality on karate', async () => {
    const device = await requestLineDevice();
    expect(device, 'WebGPU adapter (run Chromium with --enable-unsafe-webgpu)').not.toBeNull();
    const text = await (await fetch('/data/graphs/karate.json')).text();
    const graph = parseGraph(text, { file: 'karate.json' });
    const config = { samples: 20_000, seed: 1 };
    let progress = 0;
    const gpu = await trainLineGpu(device as GPUDevice, graph, config, { threads: 256, samplesPerDispatch: 5_000, onProgress: (d) => (progress = d) });
    expect(progress).toBe(20_000);
    expect(gpu.embeddings.length).toBe(34 * 128);
    expect(gpu.embeddings.every(Number.isFinite)).toBe(true);
    const cpu = new LineModel(config);
    await cpu.fit(graph);
    const f1 = (emb: Float32Array) => nodeClassificationF1(emb, 128, graph.classes, { trainRatio: 0.5, seed: 1, repeats: 5 }).microF1;
    const [g, c] = [f1(gpu.embeddings), f1(cpu.embeddings())];
    expect(g).toBeGreaterThan(0.9);
    expect(g).toBeGreaterThan(c - 0.05);
    (device as GPUDevice).destroy();
  });
});
