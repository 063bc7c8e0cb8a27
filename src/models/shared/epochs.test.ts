import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../backend/index.ts';
import { AbortError } from '../../errors.ts';
import type { FitOptions, FitProgress, ModelState } from '../recommender.ts';
import { runEpochs, type EpochCursor, type EpochRun } from './epochs.ts';

/** A batch that knows its position; step s of every epoch holds 3 − s rows. */
interface ToyBatch {
  users: Int32Array;
  epoch: number;
  step: number;
}

const STEPS = 3;
const rowsOf = (step: number) => STEPS - step;
/** The toy step's per-row loss at (epoch, step): exact in float32, different everywhere. */
const lossAt = (epoch: number, step: number) => 1 + epoch + step / 4;

/** The expected `lossSum` after `steps` steps of `epoch`, and the rows they hold. */
function sumOf(epoch: number, steps: number): { lossSum: number; rows: number } {
  let lossSum = 0;
  let rows = 0;
  for (let s = 0; s < steps; s++) {
    lossSum += rowsOf(s) * lossAt(epoch, s);
    rows += rowsOf(s);
  }
  return { lossSum, rows };
}

const fresh = (): EpochCursor => ({ epoch: 0, step: 0, lossSum: 0, rows: 0 });

/** A toy run over `epochs` epochs of 3 steps; `applied` logs each step's position. */
function toyRun(cursor: EpochCursor, epochs = 2, extra: Partial<EpochRun<ToyBatch>> = {}) {
  const applied: string[] = [];
  const run: EpochRun<ToyBatch> = {
    name: 'toy',
    backend: 'cpu',
    epochs,
    cursor,
    batches: {
      stepsPerEpoch: STEPS,
      rowsPerEpoch: 6,
      batch: (epoch, step) => ({ users: new Int32Array(rowsOf(step)), epoch, step }),
    },
    step: (batch, epoch, lossSum) => {
      applied.push(`${epoch}:${batch.step}`);
      tf.ones([4]); // a step's garbage, which the loop's tidy must free
      return tf.add(lossSum, tf.scalar(batch.users.length * lossAt(batch.epoch, batch.step)));
    },
    alive: () => true,
    // The snapshot carries the cursor as the loop left it at the checkpoint.
    snapshot: async () => ({ kind: 'toy', stateVersion: 1, config: {}, tensors: {}, meta: { cursor: { ...cursor } } }),
    ...extra,
  };
  return { run, applied };
}

/** Runs `run` and records its events (timings dropped) and checkpoint states. */
async function record(run: EpochRun<ToyBatch>, options: FitOptions = {}) {
  const events: unknown[] = [];
  const checkpoints: ModelState[] = [];
  const onProgress = (e: FitProgress) => {
    const { samplesPerSec: _r, seconds: _s, ...rest } = e as FitProgress & { samplesPerSec?: number; seconds?: number };
    events.push(rest);
    options.onProgress?.(e);
  };
  const result = runEpochs(run, {
    ...options,
    onProgress,
    onCheckpoint: async (state) => {
      checkpoints.push(state);
      await options.onCheckpoint?.(state);
    },
  });
  return { result, events, checkpoints };
}

const epochEvent = (epoch: number, extra = {}) => ({
  status: 'epoch',
  backend: 'cpu',
  epoch,
  epochs: 2,
  loss: sumOf(epoch - 1, STEPS).lossSum / 6,
  ...extra,
});
const checkpointEvent = (epoch: number, step: number) => ({
  status: 'checkpoint',
  backend: 'cpu',
  cursor: { epoch, step },
});

beforeAll(async () => {
  await initBackend('cpu');
});

describe('runEpochs', () => {
  it('steps every batch in order and emits start, checkpoints every `checkpointEvery` steps, epochs, done', async () => {
    const before = tf.memory().numTensors;
    const { run, applied } = toyRun(fresh());
    const { result, events, checkpoints } = await record(run, { checkpointEvery: 2 });
    expect(await result).toMatchObject({ epochs: 2, loss: sumOf(1, STEPS).lossSum / 6, backend: 'cpu' });
    expect(applied).toEqual(['0:0', '0:1', '0:2', '1:0', '1:1', '1:2']);
    // Steps 2, 4 and 6 counted from the first step of epoch 0, across the epoch boundary.
    expect(events).toEqual([
      { status: 'start', backend: 'cpu', epochs: 2, samples: 6 },
      checkpointEvent(0, 2),
      epochEvent(1),
      checkpointEvent(1, 1),
      checkpointEvent(1, 3),
      epochEvent(2),
      { status: 'done', backend: 'cpu', epochs: 2, loss: sumOf(1, STEPS).lossSum / 6 },
    ]);
    // Each checkpoint's cursor holds the loss read back at that step.
    expect(checkpoints.map((s) => s.meta.cursor)).toEqual([
      { epoch: 0, step: 2, ...sumOf(0, 2) },
      { epoch: 1, step: 1, ...sumOf(1, 1) },
      { epoch: 1, step: 3, ...sumOf(1, 3) },
    ]);
    expect(run.cursor).toEqual({ epoch: 2, step: 0, lossSum: 0, rows: 0 });
    expect(tf.memory().numTensors).toBe(before);
  });

  it('an abort mid-epoch rejects with AbortError before the next step, and a resume replays the rest exactly', async () => {
    const whole = await record(toyRun(fresh()).run);
    await whole.result;

    const before = tf.memory().numTensors;
    const cursor = fresh();
    const controller = new AbortController();
    const first = toyRun(cursor);
    const step = first.run.step as NonNullable<typeof first.run.step>;
    // Aborted during the second step (no checkpoint): the loop must read the loss sum into the cursor itself.
    first.run.step = (batch, epoch, lossSum) => {
      if (batch.step === 1) controller.abort();
      return step(batch, epoch, lossSum);
    };
    const aborted = await record(first.run, { signal: controller.signal });
    await expect(aborted.result).rejects.toThrow(AbortError);
    await expect(aborted.result).rejects.toThrow('toy fit aborted');
    expect(first.applied).toEqual(['0:0', '0:1']);
    expect(aborted.events.map((e) => (e as FitProgress).status)).toEqual(['start']);
    expect(cursor).toEqual({ epoch: 0, step: 2, ...sumOf(0, 2) });
    expect(tf.memory().numTensors).toBe(before);

    const rest = toyRun(cursor);
    const resumed = await record(rest.run);
    expect(await resumed.result).toEqual({ ...(await whole.result), seconds: expect.any(Number) });
    expect(rest.applied).toEqual(['0:2', '1:0', '1:1', '1:2']);
    // The resumed epoch's loss counts the steps applied before the abort.
    expect(resumed.events).toEqual(whole.events);
  });

  it('a resumed run keeps the checkpoint cadence of the whole run', async () => {
    const { run, applied } = toyRun({ epoch: 1, step: 1, ...sumOf(1, 1) });
    const { result, events } = await record(run, { checkpointEvery: 2 });
    await result;
    expect(applied).toEqual(['1:1', '1:2']);
    expect(events.filter((e) => (e as FitProgress).status !== 'start')).toEqual([
      checkpointEvent(1, 3),
      epochEvent(2),
      expect.objectContaining({ status: 'done' }),
    ]);
  });

  it('stops with AbortError once the model is disposed under the loop', async () => {
    let live = true;
    const { run, applied } = toyRun(fresh(), 2, { alive: () => live });
    const { result } = await record(run, { checkpointEvery: 1, onCheckpoint: () => void (live = false) });
    await expect(result).rejects.toThrow('toy fit stopped: the model was disposed or reloaded');
    expect(applied).toEqual(['0:0']);
  });

  it('reports the validation metric with each epoch, stops when afterEpoch says so, finishes before done', async () => {
    const calls: string[] = [];
    const { run } = toyRun(fresh(), 5, {
      validate: async () => ({ name: 'hr', value: run.cursor.epoch / 10 }),
      afterEpoch: async (epoch, metric) => {
        calls.push(`after ${epoch} ${metric?.value}`);
        return epoch === 2;
      },
      finish: () => void calls.push('finish'),
    });
    const { result, events } = await record(run, { onProgress: (e) => void calls.push(e.status) });
    expect((await result).epochs).toBe(2);
    expect(calls).toEqual(['start', 'epoch', 'after 1 0', 'epoch', 'after 2 0.1', 'finish', 'done']);
    const metrics = events
      .filter((e) => (e as FitProgress).status === 'epoch')
      .map((e) => (e as { metric?: unknown }).metric);
    expect(metrics).toEqual([
      { name: 'hr', value: 0 },
      { name: 'hr', value: 0.1 },
    ]);
    expect(events.at(-1)).toMatchObject({ status: 'done', epochs: 2 });
  });
});
