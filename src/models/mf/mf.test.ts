import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend, requiredKernels } from '../../backend/index.ts';
import { IdMap, makeInteractionLog } from '../../data/index.ts';
import { AbortError, InvalidArgumentError } from '../../errors.ts';
import { checkerboardFixture } from '../../testing/recommender-fixtures.ts';
import type { FitProgress, ModelState } from '../recommender.ts';
import { MF_KERNELS } from './kernels.ts';
import { MfModel } from './model.ts';

const board = checkerboardFixture();
/** 24 positives in 3 steps of 8 per epoch. */
const small = { dim: 4, epochs: 3, batchSize: 8, negatives: 2, learningRate: 0.05, seed: 5 };

const weightsOf = (s: ModelState) =>
  Object.fromEntries(['userEmb', 'itemEmb', 'userBias', 'itemBias'].map((k) => [k, Array.from(s.tensors[k].data)]));

async function fitToState(config: object, onCheckpoint?: (s: ModelState) => void): Promise<ModelState> {
  const m = new MfModel(config);
  await m.fit(board.log, { checkpointEvery: onCheckpoint ? 1 : 0, onCheckpoint });
  const state = await m.toState();
  m.dispose();
  return state;
}

beforeAll(async () => {
  await initBackend('cpu');
});

describe('MF training on cpu', () => {
  it('is deterministic for a seed, and the seed matters', async () => {
    const a = await fitToState(small);
    expect(weightsOf(await fitToState(small))).toEqual(weightsOf(a));
    expect(weightsOf(await fitToState({ ...small, seed: 6 }))).not.toEqual(weightsOf(a));
    expect(a.meta.cursor).toBeUndefined();
    expect(Object.keys(a.tensors).sort()).toEqual([
      'itemBias',
      'itemEmb',
      'seen.items',
      'seen.ptr',
      'userBias',
      'userEmb',
    ]);
  });

  it('reads the device once per epoch, never per step', async () => {
    const proto = tf.Tensor.prototype;
    const original = { data: proto.data, dataSync: proto.dataSync, array: proto.array, arraySync: proto.arraySync };
    let reads = 0;
    for (const [name, fn] of Object.entries(original)) {
      Object.assign(proto, {
        [name]: function (this: tf.Tensor) {
          reads++;
          return (fn as () => unknown).call(this);
        },
      });
    }
    try {
      const m = new MfModel({ ...small, epochs: 4 });
      await m.fit(board.log);
      expect(reads).toBe(4); // 4 epochs × 3 steps: one loss read per epoch
      m.dispose();
    } finally {
      Object.assign(proto, original);
    }
  });

  it('reports loss, samples/s and backend per epoch, and learns', async () => {
    const events: FitProgress[] = [];
    const m = new MfModel({ ...small, epochs: 12 });
    await m.fit(board.log, { onProgress: (e) => events.push(e) });
    m.dispose();
    expect(events[0]).toEqual({ status: 'start', backend: 'cpu', epochs: 12, samples: 24 * 3 });
    const epochs = events.filter((e) => e.status === 'epoch');
    expect(epochs[0].loss).toBeCloseTo(Math.LN2, 1);
    expect(epochs.at(-1)!.loss).toBeLessThan(epochs[0].loss * 0.6);
    for (const e of epochs) expect(e).toMatchObject({ backend: 'cpu', epochs: 12 });
    expect(epochs.every((e) => e.samplesPerSec > 0)).toBe(true);
  });

  it('runs only the kernels its preflight list names', async () => {
    const m = new MfModel(small);
    const ran = (await tf.profile(async () => void (await m.fit(board.log)))).kernelNames;
    const served = (await tf.profile(async () => void (await m.recommend(0), await m.similarItems(0, 2)))).kernelNames;
    m.dispose();
    // The profiler also lists scopes: a custom-gradient node as 'forward' (ours: GatherV2, and
    // UnsortedSegmentSum backward) and a tidy as 'unnamed scope'. Neither is a kernel.
    const kernels = (names: string[]) => names.filter((k) => k !== 'forward' && k !== 'unnamed scope');
    expect(kernels(ran).filter((k) => !requiredKernels(MF_KERNELS).includes(k))).toEqual([]);
    expect(ran).toContain('UnsortedSegmentSum');
    expect(kernels(served).filter((k) => !requiredKernels(MF_KERNELS, false).includes(k))).toEqual([]);
  });
});

describe('MF checkpoints and abort', () => {
  it('puts the sampler position, Adam and the loss so far in the cursor', async () => {
    const checkpoints: ModelState[] = [];
    await fitToState(small, (s) => checkpoints.push(s));
    expect(checkpoints.length).toBe(9);
    expect(checkpoints[4].meta.cursor).toEqual({
      epoch: 1,
      step: 2,
      extra: expect.objectContaining({ seed: 5, sampler: 'rng-fork(seed, epoch, step)', adamStep: 5, rows: 48 }),
    });
    expect(checkpoints[4].tensors['adam.m.itemEmb'].shape).toEqual([8, 4]);
  });

  it('aborts between steps with consistent weights, then resumes to the uninterrupted result', async () => {
    const straight = await fitToState(small);
    const m = new MfModel(small);
    const ctrl = new AbortController();
    let atAbort: ModelState | null = null;
    const run = m.fit(board.log, {
      signal: ctrl.signal,
      checkpointEvery: 4,
      onCheckpoint: (s) => ((atAbort = s), ctrl.abort()),
    });
    await expect(run).rejects.toBeInstanceOf(AbortError);
    const left = await m.toState();
    expect(weightsOf(left)).toEqual(weightsOf(atAbort!)); // no half-applied step
    expect(left.meta.cursor).toMatchObject({ epoch: 1, step: 1 });
    const resumed = new MfModel();
    await resumed.fromState(structuredClone(left));
    await resumed.fit(board.log);
    expect(weightsOf(await resumed.toState())).toEqual(weightsOf(straight));
    await m.fit(board.log); // the aborted model itself resumes too
    expect(weightsOf(await m.toState())).toEqual(weightsOf(straight));
    m.dispose();
    resumed.dispose();
  });

  it('stops with AbortError, leaking nothing, when the model is disposed mid-fit', async () => {
    const before = tf.memory().numTensors;
    const m = new MfModel(small);
    const run = m.fit(board.log, { onProgress: (e) => e.status === 'epoch' && m.dispose() });
    await expect(run).rejects.toThrow(/disposed/);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('refuses to resume on other data, or a second fit at once', async () => {
    const m = new MfModel(small);
    const ctrl = new AbortController();
    await expect(
      m.fit(board.log, { signal: ctrl.signal, onProgress: (e) => e.status === 'epoch' && ctrl.abort() }),
    ).rejects.toThrow(AbortError);
    const other = checkerboardFixture(8, 10).log;
    await expect(m.fit(other)).rejects.toThrow(/other data/);
    const first = m.fit(board.log);
    await expect(m.fit(board.log)).rejects.toThrow(/already running/);
    await first;
    m.dispose();
  });
});

describe('MF input checks', () => {
  it('rejects bad options and NaN values', async () => {
    expect(() => new MfModel({ dim: 0 })).toThrow(InvalidArgumentError);
    expect(() => new MfModel({ learningRate: NaN })).toThrow(InvalidArgumentError);
    expect(() => new MfModel({ batchSize: 2.5 })).toThrow(InvalidArgumentError);
    const log = { ...board.log, values: board.log.values.slice() };
    log.values[3] = NaN;
    await expect(new MfModel(small).fit(log)).rejects.toThrow(InvalidArgumentError);
    expect(() => makeInteractionLog({ ...log })).toThrow(InvalidArgumentError);
  });

  it('samples negatives for a user who has seen almost every item, and none for one who saw all', async () => {
    const log = makeInteractionLog({
      users: Int32Array.of(0, 0, 0, 1),
      items: Int32Array.of(0, 1, 2, 0),
      userIds: new IdMap(['a', 'b'], 'user'),
      itemIds: new IdMap(['x', 'y', 'z'], 'item'),
    });
    const events: FitProgress[] = [];
    const m = new MfModel({ ...small, negatives: 3 });
    await m.fit(log, { onProgress: (e) => events.push(e) });
    expect(events[0]).toMatchObject({ status: 'start', samples: 3 + 1 * 4 });
    m.dispose();
  });
});
