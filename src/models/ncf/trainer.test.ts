import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../backend/index.ts';
import { AbortError } from '../../errors.ts';
import { checkerboardFixture } from '../../testing/recommender-fixtures.ts';
import type { FitProgress, ModelState } from '../recommender.ts';
import { resolveNcfConfig, type NcfArch, type NcfConfig } from './config.ts';
import { NcfModel } from './model.ts';
import { chooseTrainer } from './train.ts';

beforeAll(async () => {
  await initBackend('wasm');
}, 60_000);

const board = checkerboardFixture(16, 24);
const timedLog = {
  ...board.log,
  times: Float64Array.from(board.log.items, (i, k) => (board.log.users[k] * 3 + i) * 86_400),
};

const weightsOf = (s: ModelState) =>
  Object.fromEntries(
    Object.entries(s.tensors)
      .filter(([n]) => !n.startsWith('adam.'))
      .map(([n, t]) => [n, t.data]),
  );

async function fitToState(arch: NcfArch, config: NcfConfig): Promise<ModelState> {
  const m = new NcfModel(arch, config);
  await m.fit(timedLog);
  const s = await m.toState();
  m.dispose();
  return s;
}

describe('NCF trainer option', () => {
  it("is schema-checked; 'auto' takes the fused CPU loop on cpu, wasm and software GPUs, the WGSL kernels on a hardware GPU", () => {
    expect(resolveNcfConfig('gmf', {}).trainer).toBe('auto');
    expect(() => resolveNcfConfig('gmf', { trainer: 'gpu' as never })).toThrow(/trainer/);
    expect(chooseTrainer('auto', 'wasm')).toBe('fused-cpu');
    expect(chooseTrainer('auto', 'cpu')).toBe('fused-cpu');
    expect(chooseTrainer('auto', 'webgpu', 'nvidia hopper NVIDIA H100')).toBe('fused-webgpu');
    expect(chooseTrainer('auto', 'webgpu', 'google swiftshader SwiftShader driver')).toBe('fused-cpu');
    expect(chooseTrainer('auto', 'webgl')).toBe('tfjs');
    expect(chooseTrainer('tfjs', 'wasm')).toBe('tfjs');
  });
});

describe('NCF on the fused CPU trainer', () => {
  const seedConfig: NcfConfig = {
    trainer: 'fused-cpu',
    dim: 8,
    epochs: 30,
    batchSize: 64,
    learningRate: 0.05,
    window: 4,
    neighbours: 6,
    causal: true,
    timeWindowDays: 5,
  };

  it('trains seed-NCF end to end, reports its engine, and ranks the held-out items', async () => {
    const events: FitProgress[] = [];
    const m = new NcfModel('seed', seedConfig);
    const result = await m.fit(timedLog, { onProgress: (e) => events.push(e), stepEveryMs: 1 });
    expect(result.trainer).toBe('fused-cpu');
    expect(result.backend).toBe('wasm');
    const start = events.find((e) => e.status === 'start');
    const done = events.find((e) => e.status === 'done');
    expect(start && 'trainer' in start && start.trainer).toBe('fused-cpu');
    expect(done && 'trainer' in done && done.trainer).toBe('fused-cpu');
    const losses = events.flatMap((e) => (e.status === 'epoch' ? [e.loss] : []));
    expect(losses.length).toBe(30);
    expect(losses[29]).toBeLessThan(losses[0] * 0.8);
    let hits = 0;
    for (let u = 0; u < 16; u++) {
      const top = await m.recommend(u, { k: 3, excludeSeen: true });
      if (top.items.includes(board.heldOut[u])) hits++;
    }
    expect(hits).toBeGreaterThanOrEqual(12);
    m.dispose();
  });

  it('gives the tfjs reference’s model (same batches, same maths)', async () => {
    const config: NcfConfig = { dim: 8, layers: [16, 8], epochs: 3, batchSize: 32, l2: 1e-3 };
    const [a, b] = await Promise.all([
      fitToState('neumf', { ...config, trainer: 'tfjs' }),
      fitToState('neumf', { ...config, trainer: 'fused-cpu' }),
    ]);
    for (const [n, t] of Object.entries(weightsOf(a))) {
      const u = weightsOf(b)[n] as Float32Array;
      const diff = Math.max(...Array.from(t as Float32Array, (x, k) => Math.abs(x - u[k])));
      expect(diff, n).toBeLessThan(2e-3);
    }
  });

  it('aborts at a checkpoint with consistent weights, then resumes to the uninterrupted result bit for bit', async () => {
    const config: NcfConfig = { ...seedConfig, epochs: 4 };
    const straight = await fitToState('seed', config);
    const m = new NcfModel('seed', config);
    const ctrl = new AbortController();
    let atAbort: ModelState | null = null;
    const run = m.fit(timedLog, {
      signal: ctrl.signal,
      checkpointEvery: 5,
      onCheckpoint: (s) => {
        atAbort = s;
        ctrl.abort();
      },
    });
    await expect(run).rejects.toBeInstanceOf(AbortError);
    const left = await m.toState();
    expect(weightsOf(left)).toEqual(weightsOf(atAbort as unknown as ModelState));
    expect(left.meta.cursor).toMatchObject({ epoch: 1, step: 2 }); // 3 steps per epoch: step 5 of the run
    const resumed = new NcfModel('seed');
    await resumed.fromState(structuredClone(left));
    const result = await resumed.fit(timedLog);
    expect(result.trainer).toBe('fused-cpu');
    expect(weightsOf(await resumed.toState())).toEqual(weightsOf(straight));
    await m.fit(timedLog); // the aborted model itself resumes too
    expect(weightsOf(await m.toState())).toEqual(weightsOf(straight));
    m.dispose();
    resumed.dispose();
  });

  it('stops with AbortError, leaking nothing, when the model is disposed mid-fit', async () => {
    const before = tf.memory().numTensors;
    const m = new NcfModel('gmf', { trainer: 'fused-cpu', dim: 8, epochs: 5, batchSize: 32 });
    const run = m.fit(board.log, { onProgress: (e) => e.status === 'epoch' && m.dispose() });
    await expect(run).rejects.toThrow(/disposed/);
    expect(tf.memory().numTensors).toBe(before);
  });
});
