import * as tf from '@tensorflow/tfjs-core';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../select.ts';
import { naiveSegmentSum, segmentCases, type SegmentCase } from '../../testing/segment-sum-reference.ts';
import {
  isOurUnsortedSegmentSum,
  registerUnsortedSegmentSum,
  segmentSumInto,
  unregisterUnsortedSegmentSum,
} from './unsorted-segment-sum.ts';

function runKernel(c: SegmentCase): { shape: number[]; dtype: string; values: number[] } {
  return tf.tidy(() => {
    const x = tf.tensor(c.x, [...c.idsShape, ...c.inner], c.dtype);
    // tfjs types the ids as 1-D; the kernel, like TensorFlow, takes any prefix of x's shape.
    const ids = tf.tensor(c.ids, c.idsShape, 'int32') as unknown as tf.Tensor1D;
    const out = tf.unsortedSegmentSum(x, ids, c.numSegments);
    return { shape: out.shape, dtype: out.dtype, values: Array.from(out.dataSync()) };
  });
}

describe('segmentSumInto', () => {
  it('accumulates rows by id and skips ids outside [0, numSegments)', () => {
    const out = new Float32Array(6);
    segmentSumInto([1, 2, 3, 4, 5, 6, 7, 8], [2, 0, 2, 3], 2, 3, out);
    expect(Array.from(out)).toEqual([3, 4, 0, 0, 6, 8]);
  });
});

describe.each(['cpu', 'wasm'] as const)('UnsortedSegmentSum on %s', (backend) => {
  beforeAll(async () => {
    expect((await initBackend(backend)).backend).toBe(backend);
  });

  it('is ours, registered once', () => {
    expect(isOurUnsortedSegmentSum(backend)).toBe(true);
    expect(registerUnsortedSegmentSum(backend)).toBe(false);
    expect(tf.getKernel('UnsortedSegmentSum', backend)?.backendName).toBe(backend);
  });

  it('matches the naive reference on random shapes', () => {
    fc.assert(
      fc.property(segmentCases(), (c) => {
        const got = runKernel(c);
        expect(got.shape).toEqual([c.numSegments, ...c.inner]);
        expect(got.dtype).toBe(c.dtype);
        expect(got.values).toEqual(naiveSegmentSum(c));
      }),
      { numRuns: 300 },
    );
  });

  it('leaks no tensors', () => {
    const before = tf.memory().numTensors;
    runKernel({ idsShape: [4], inner: [3], ids: [0, 1, 1, 0], x: Array(12).fill(1), numSegments: 2, dtype: 'float32' });
    expect(tf.memory().numTensors).toBe(before);
  });

  it('gives tf.gather the right gradient through tf.grad', () => {
    const table = tf.randomNormal([7, 3], 0, 1, 'float32', 1);
    const idx = tf.tensor1d([4, 0, 4, 6, 4, 1], 'int32');
    const w = tf.tensor2d([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18], [6, 3]);
    const grad = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(tf.gather(t, idx), w)))(table);
    // d/dtable[r] = Σ of w's rows whose index is r.
    const expected = [
      [4, 5, 6],
      [16, 17, 18],
      [0, 0, 0],
      [0, 0, 0],
      [1 + 7 + 13, 2 + 8 + 14, 3 + 9 + 15],
      [0, 0, 0],
      [10, 11, 12],
    ];
    expect(grad.arraySync()).toEqual(expected);
    tf.dispose([table, idx, w, grad]);
  });
});

describe('UnsortedSegmentSum on cpu vs the stock kernel', () => {
  beforeAll(async () => {
    await initBackend('cpu');
  });

  // Rank-1 ids only: with rank-2 ids the stock kernel returns [numSegments, ...x.shape.slice(1)],
  // not TensorFlow's [numSegments, ...x.shape.slice(ids.rank)] (ours follows TensorFlow).
  it('agrees with tfjs-backend-cpu on random float32 cases, and can be swapped back and forth', () => {
    const stockDomain = (c: SegmentCase) =>
      c.dtype === 'float32' && c.idsShape.length === 1 && c.numSegments > 0 && c.x.length > 0;
    fc.assert(
      fc.property(segmentCases().filter(stockDomain), (c) => {
        const ours = runKernel(c);
        unregisterUnsortedSegmentSum('cpu');
        expect(isOurUnsortedSegmentSum('cpu')).toBe(false);
        const stock = runKernel(c);
        expect(registerUnsortedSegmentSum('cpu')).toBe(true);
        expect(ours.values).toEqual(stock.values);
        expect(ours.shape).toEqual(stock.shape);
      }),
      { numRuns: 60 },
    );
  });
});
