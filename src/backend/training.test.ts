import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { checkerboard, trainTinyEmbedding } from '../testing/tiny-embedding.ts';
import { initBackend } from './select.ts';

describe('tiny embedding model in Node', () => {
  it('builds the checkerboard: even users like even items', () => {
    const { u, i, y } = checkerboard(3, 2);
    expect(Array.from(u)).toEqual([0, 0, 1, 1, 2, 2]);
    expect(Array.from(i)).toEqual([0, 1, 0, 1, 0, 1]);
    expect(Array.from(y)).toEqual([1, 0, 0, 1, 1, 0]);
  });

  it.each(['cpu', 'wasm'] as const)('trains on %s: loss falls, no tensor leaks', async (backend) => {
    await initBackend(backend);
    const before = tf.memory().numTensors;
    const result = await trainTinyEmbedding(20);
    expect(result.backend).toBe(backend);
    expect(result.losses[0]).toBeCloseTo(Math.LN2, 1);
    expect(result.losses.at(-1)).toBeLessThan(0.05);
    expect(new Set(result.numTensors.slice(1)).size).toBe(1);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('never loads the GPU backends in Node', async () => {
    expect((await initBackend('auto')).backend).toBe('wasm');
    expect(tf.findBackendFactory('webgpu')).toBeNull();
    expect(tf.findBackendFactory('webgl')).toBeNull();
  });

  it('starts from the same weights on every backend (seeded init)', async () => {
    await initBackend('cpu');
    const cpu = await trainTinyEmbedding(5);
    await initBackend('wasm');
    const wasm = await trainTinyEmbedding(5);
    cpu.losses.forEach((l, k) => expect(wasm.losses[k]).toBeCloseTo(l, 4));
  });
});
