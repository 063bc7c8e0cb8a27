import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../../backend/index.ts';
import { checkerboardFixture } from '../../../testing/recommender-fixtures.ts';
import type { FitProgress, ModelState } from '../../recommender.ts';
import type { NcfConfig } from '../config.ts';
import { NcfModel } from '../model.ts';

// NcfModel end to end on the fused WGSL engine (SwiftShader here), on tfjs's own WebGPU device: the
// trainer is reported, and the trained weights match the fused CPU loop's on the same batches.
const board = checkerboardFixture(12, 16);
const config: NcfConfig = { dim: 8, layers: [16, 8], epochs: 2, batchSize: 32, negatives: 2, seed: 3 };

async function train(trainer: 'fused-webgpu' | 'fused-cpu'): Promise<{ state: ModelState; events: FitProgress[] }> {
  const m = new NcfModel('neumf', { ...config, trainer });
  const events: FitProgress[] = [];
  const result = await m.fit(board.log, { onProgress: (e) => events.push(e) });
  expect(result.trainer).toBe(trainer);
  expect(result.backend).toBe('webgpu');
  const state = await m.toState();
  const ranked = await m.recommend(0, { k: 3 });
  expect(ranked.items.length).toBe(3);
  m.dispose();
  return { state, events };
}

describe('NcfModel on the fused-webgpu trainer', () => {
  beforeAll(async () => {
    await initBackend('webgpu');
  }, 60_000);
  afterAll(async () => {
    await initBackend('cpu');
  });

  it('trains NeuMF through the WGSL engine and lands where the fused CPU loop does', async () => {
    const gpu = await train('fused-webgpu');
    const cpu = await train('fused-cpu');
    expect(gpu.events.find((e) => e.status === 'start')).toMatchObject({ trainer: 'fused-webgpu' });
    let maxDiff = 0;
    for (const [name, t] of Object.entries(cpu.state.tensors)) {
      if (name.startsWith('adam.')) continue;
      const g = gpu.state.tensors[name].data as Float32Array;
      (t.data as Float32Array).forEach((v, k) => (maxDiff = Math.max(maxDiff, Math.abs(v - g[k]))));
    }
    expect(maxDiff).toBeLessThan(1e-3);
    const loss = (e: { events: FitProgress[] }) => (e.events.at(-1) as { loss: number }).loss;
    expect(Math.abs(loss(gpu) - loss(cpu))).toBeLessThan(1e-3);
  }, 120_000);
});
