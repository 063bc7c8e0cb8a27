/**
 * The client and the real worker entries in Chromium (WebGPU on SwiftShader, IndexedDB): a training
 * worker terminated mid-training is replaced and resumes from the stored checkpoint; a lost WebGPU
 * device moves training to the next backend without a restart.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { BROWSER_MF, checkerboardCsv, globalStep } from '../testing/rpc-fixtures.ts';
import { connectCourses, type CoursesClient } from './client.ts';
import type { CourseTrainRequest, TrainProgress } from './protocol.ts';

const STEPS_PER_EPOCH = 3; // 288 positives / batch 96
const TOTAL_STEPS = 12;
const EVERY = 2;

const trainers: Worker[] = [];
const modelIds: string[] = [];
let client: CoursesClient | undefined;

afterEach(async () => {
  // Only this file's models: other files share the origin's IndexedDB and may be running now.
  await Promise.all(modelIds.splice(0).map((id) => client?.delete(id)));
  client?.dispose();
  client = undefined;
  trainers.length = 0;
});

async function connect(): Promise<CoursesClient> {
  client = await connectCourses({
    workers: {
      training: () => {
        const worker = new Worker(new URL('../../workers/train.worker.ts', import.meta.url), { type: 'module' });
        trainers.push(worker);
        return worker;
      },
    },
    heartbeatMs: 200,
    heartbeatTimeoutMs: 4000, // generous: a loaded CI box must not look like a dead worker
  });
  return client;
}

function request(modelId: string): CourseTrainRequest {
  modelIds.push(modelId);
  return {
    modelId,
    kind: 'mf',
    config: BROWSER_MF,
    data: { csv: checkerboardCsv(), file: 'checkerboard.csv' },
    checkpointEvery: EVERY,
    backend: 'webgpu',
  };
}

const steps = (events: TrainProgress[]): number[] =>
  events.flatMap((e) => (e.status === 'checkpoint' ? [globalStep(e.cursor, STEPS_PER_EPOCH)] : []));

describe('training worker terminated mid-training', () => {
  it('is replaced; the new worker resumes from the stored checkpoint, redoing at most checkpointEvery steps', async () => {
    const rec = await connect();
    const modelId = `kill-${crypto.randomUUID()}`;
    const events: TrainProgress[] = [];
    const result = await rec.train(request(modelId), (p) => {
      events.push(p);
      // End of epoch 1 = step 3, one step past the checkpoint at step 2.
      if (p.status === 'epoch' && p.epoch === 1 && trainers.length === 1) trainers[0].terminate();
    }).done;

    const restart = events.findIndex((e) => e.status === 'restart');
    expect(restart).toBeGreaterThan(0);
    expect(trainers).toHaveLength(2);
    const before = events.slice(0, restart);
    const after = events.slice(restart + 1);
    expect(before.some((e) => e.status === 'epoch' && e.epoch === 1)).toBe(true);
    // Checkpoint 4 may already have been posted when the worker died; nothing later can have been.
    const seen = steps(before);
    expect(seen[0]).toBe(2);
    expect(Math.max(...seen)).toBeLessThanOrEqual(4);

    // The service waits for each checkpoint's acknowledgement before its next step, and the page
    // terminated the worker before acknowledging anything after epoch 1: it ran at most to step 4.
    const ranAtMost = Math.ceil(3 / EVERY) * EVERY;
    const start = after[0];
    if (start.status !== 'start' || !start.resumedFrom)
      throw new Error(`expected a resumed start, got ${JSON.stringify(start)}`);
    const resumedAt = globalStep(start.resumedFrom, STEPS_PER_EPOCH);
    expect(resumedAt).toBeGreaterThanOrEqual(Math.max(...seen)); // nothing stored was lost
    expect(ranAtMost - resumedAt).toBeLessThanOrEqual(EVERY); // steps redone

    const later = steps(after);
    expect(later[0]).toBe(resumedAt + EVERY);
    expect(later.at(-1)).toBe(TOTAL_STEPS);
    expect(after.at(-1)).toMatchObject({ status: 'done', epochs: 4 });
    expect(result.info.checkpoint).toBeUndefined();
    expect(Number.isFinite(result.loss)).toBe(true);

    // The ranking worker rehydrates the final version from IndexedDB.
    const ranked = await rec.rank({ modelId, version: result.info.version, user: 1, k: 3 });
    expect(ranked).toMatchObject({ modelId, version: result.info.version });
    expect(ranked.items).toHaveLength(3);
  });
});

describe('WebGPU device lost mid-training', () => {
  it('training continues on the next backend from the last checkpoint, and says so', async () => {
    const rec = await connect();
    const modelId = `lost-${crypto.randomUUID()}`;
    const events: TrainProgress[] = [];
    let loss: Promise<unknown> | undefined;
    const result = await rec.train(request(modelId), (p) => {
      events.push(p);
      if (p.status === 'checkpoint' && globalStep(p.cursor, STEPS_PER_EPOCH) === 4) loss ??= rec.debugLoseDevice();
    }).done;

    await expect(loss).resolves.toEqual({ backend: 'webgpu', destroyed: true });
    expect(events.some((e) => e.status === 'restart')).toBe(false);
    const at = events.findIndex((e) => e.status === 'backend-switch');
    const switched = events[at];
    if (switched?.status !== 'backend-switch') throw new Error(`no backend-switch in ${JSON.stringify(events)}`);
    expect(switched.from).toBe('webgpu');
    expect(switched.to).not.toBe('webgpu');
    expect(switched.reason).toMatch(/lost.*destroyed/);
    expect(switched.resumeFrom && globalStep(switched.resumeFrom, STEPS_PER_EPOCH)).toBe(4);

    const before = events.slice(0, at);
    const after = events.slice(at + 1);
    expect(steps(before)).toEqual([2, 4]);
    expect(after[0]).toMatchObject({ status: 'start', backend: switched.to });
    expect(steps(after)).toEqual([6, 8, 10, 12]);
    expect(after.every((e) => !('backend' in e) || e.backend === switched.to)).toBe(true);
    expect(result.backend).toBe(switched.to);
    expect((await rec.backend()).training?.backend).toBe(switched.to);
    expect((await rec.list()).find((m) => m.id === modelId)?.checkpoint).toBeUndefined();
  });
});
