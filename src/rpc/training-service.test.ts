import * as Comlink from 'comlink';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AbortError, InvalidArgumentError, TrainingLockedError } from '../errors.ts';
import { modelFromState } from '../models/registry.ts';
import { MemoryModelStore } from '../store/memory-store.ts';
import { checkerboardCsv, globalStep, NODE_MF } from '../testing/rpc-fixtures.ts';
import { installErrorTransfer } from './errors.ts';
import type { TrainingApi, TrainProgress, TrainRequest, WireProgress } from './protocol.ts';
import { TrainingService } from './training-service.ts';

installErrorTransfer();

const CSV = checkerboardCsv();
const STEPS_PER_EPOCH = 9; // 288 positives / batch 32
const request = (over: Partial<TrainRequest> = {}): TrainRequest => ({
  modelId: 'mf-node',
  kind: 'mf',
  config: NODE_MF,
  data: { csv: CSV, file: 'checkerboard.csv' },
  checkpointEvery: 4,
  backend: 'cpu',
  ...over,
});

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((f) => f()));

/** The service behind a MessageChannel, as a worker would expose it. */
function connect(service: TrainingService): Comlink.Remote<TrainingApi> {
  const { port1, port2 } = new MessageChannel();
  Comlink.expose(service, port1);
  const remote = Comlink.wrap<TrainingApi>(port2);
  cleanups.push(() => (remote[Comlink.releaseProxy](), port1.close()));
  return remote;
}

/** Collects the progress events but heartbeats and the timed `step` events (tested in retrain.test.ts). */
function collector(): { events: TrainProgress[]; onProgress: (p: WireProgress) => void } {
  const events: TrainProgress[] = [];
  const keep = (p: WireProgress): p is TrainProgress => p.status !== 'heartbeat' && p.status !== 'step';
  return { events, onProgress: Comlink.proxy((p: WireProgress) => void (keep(p) && events.push(p))) };
}

describe('TrainingService over a MessageChannel', () => {
  it('trains, stores each checkpoint then the final model, and delivers progress in order before the result', async () => {
    const store = new MemoryModelStore();
    const saves = vi.spyOn(store, 'save');
    const { events, onProgress } = collector();
    const result = await connect(new TrainingService(store)).train(request(), onProgress);

    expect(events.map((e) => e.status)).toEqual([
      'start',
      'checkpoint',
      'checkpoint',
      'epoch',
      'checkpoint',
      'checkpoint',
      'epoch',
      'done',
    ]);
    expect(events[0]).toMatchObject({
      status: 'start',
      modelId: 'mf-node',
      backend: 'cpu',
      epochs: 2,
      resumedFrom: null,
    });
    const checkpoints = events.filter((e) => e.status === 'checkpoint');
    expect(checkpoints.map((c) => globalStep(c.cursor, STEPS_PER_EPOCH))).toEqual([4, 8, 12, 16]);
    expect(checkpoints.map((c) => c.version)).toEqual([1, 2, 3, 4]);
    expect(saves.mock.calls.map(([, , o]) => o?.checkpoint ?? null)).toEqual([
      { epoch: 0, step: 4 },
      { epoch: 0, step: 8 },
      { epoch: 1, step: 3 },
      { epoch: 1, step: 7 },
      null,
    ]);

    expect(result.info).toMatchObject({ id: 'mf-node', kind: 'mf', version: 5 });
    expect(result.info.checkpoint).toBeUndefined();
    expect(result.info.metrics).toMatchObject({ epochs: 2, loss: result.loss });
    expect(events.at(-1)).toMatchObject({ status: 'done', version: 5, loss: result.loss });
    const stored = await store.load('mf-node');
    expect(stored.info).toEqual(result.info);
  });

  it('refuses a second trainer of the same model with TrainingLockedError (its class and id intact)', async () => {
    const store = new MemoryModelStore();
    const a = connect(new TrainingService(store));
    const b = connect(new TrainingService(store));
    const first = a.train(request({ modelId: 'locked' }), collector().onProgress);
    const second = await b.train(request({ modelId: 'locked' }), collector().onProgress).catch((e: unknown) => e);
    expect(second).toBeInstanceOf(TrainingLockedError);
    expect(second).toMatchObject({ id: 'locked' });
    await expect(first).resolves.toMatchObject({ modelId: 'locked' });
  });

  it('says which engine trains an NCF kind (the fused CPU loop on cpu) in start, epoch and done events', async () => {
    const { events, onProgress } = collector();
    const config = { dim: 4, layers: [8, 4], epochs: 1, batchSize: 64 };
    const result = await connect(new TrainingService(new MemoryModelStore())).train(
      request({ modelId: 'neumf-node', kind: 'neumf', config, checkpointEvery: 0 }),
      onProgress,
    );
    expect(events.map((e) => [e.status, 'trainer' in e ? e.trainer : null])).toEqual([
      ['start', 'fused-cpu'],
      ['epoch', 'fused-cpu'],
      ['done', 'fused-cpu'],
    ]);
    expect(result.info.kind).toBe('neumf');
  });

  it('resumes from the stored checkpoint of the same request and ends with the uninterrupted weights', async () => {
    const reference = await trainedScores(new MemoryModelStore(), 'ref');

    const store = new MemoryModelStore();
    const remote = connect(new TrainingService(store));
    const { events, onProgress } = collector();
    // The service waits for a checkpoint's acknowledgement, so the cancel lands before the next step.
    const onCheckpoint = Comlink.proxy(async (p: WireProgress) => {
      onProgress(p);
      if (p.status === 'checkpoint' && globalStep(p.cursor, STEPS_PER_EPOCH) === 8) await remote.cancel('mf-node');
    });
    await expect(remote.train(request(), onCheckpoint)).rejects.toBeInstanceOf(AbortError);
    expect(events.at(-1)).toMatchObject({ status: 'error', error: { name: 'AbortError' } });
    const info = await store.checkpointInfo('mf-node');
    expect(info?.checkpoint).toEqual({ epoch: 0, step: 8 });
    expect(await store.info('mf-node')).toBeUndefined(); // nothing finished yet

    const resumed = collector();
    const result = await remote.train(request(), resumed.onProgress);
    expect(resumed.events[0]).toMatchObject({ status: 'start', resumedFrom: { epoch: 0, step: 8 } });
    expect(result.resumedFrom).toMatchObject({ epoch: 0, step: 8 });
    const steps = resumed.events.flatMap((e) =>
      e.status === 'checkpoint' ? [globalStep(e.cursor, STEPS_PER_EPOCH)] : [],
    );
    expect(steps).toEqual([12, 16]);
    expect(await scoresOf(store, 'mf-node')).toEqual(reference);
  });

  it('starts over when the stored checkpoint came from another request, or when asked to', async () => {
    const store = new MemoryModelStore();
    const remote = connect(new TrainingService(store));
    const cancelAt2 = Comlink.proxy(async (p: WireProgress) => {
      if (p.status === 'checkpoint' && globalStep(p.cursor, STEPS_PER_EPOCH) === 8) await remote.cancel('mf-node');
    });
    await expect(remote.train(request(), cancelAt2)).rejects.toBeInstanceOf(AbortError);

    const other = collector();
    await remote.train(request({ config: { ...NODE_MF, seed: 4 } }), other.onProgress);
    expect(other.events[0]).toMatchObject({ status: 'start', resumedFrom: null });

    await expect(remote.train(request(), cancelAt2)).rejects.toBeInstanceOf(AbortError);
    const fresh = collector();
    await remote.train(request({ fresh: true }), fresh.onProgress);
    expect(fresh.events[0]).toMatchObject({ status: 'start', resumedFrom: null });
  });

  it('fetches same-origin ratings only, and rejects bad requests by name', async () => {
    const fetch = vi.fn(async () => new Response(CSV));
    const remote = connect(new TrainingService(new MemoryModelStore(), { fetch, origin: 'http://app.test' }));
    const ok = await remote.train(request({ data: { ratingsUrl: '/data/r.csv' } }), collector().onProgress);
    expect(fetch).toHaveBeenCalledWith('http://app.test/data/r.csv');
    expect(ok.info.version).toBe(5);

    const foreign = remote.train(
      request({ data: { ratingsUrl: 'https://elsewhere.example/r.csv' } }),
      collector().onProgress,
    );
    await expect(foreign).rejects.toBeInstanceOf(InvalidArgumentError);
    expect(fetch).toHaveBeenCalledTimes(1);
    await expect(remote.train(request({ checkpointEvery: -1 }), collector().onProgress)).rejects.toBeInstanceOf(
      InvalidArgumentError,
    );
    await expect(remote.train(request({ data: { csv: 'nonsense' } }), collector().onProgress)).rejects.toMatchObject({
      name: 'DataFormatError',
      file: 'inline.csv',
    });
  });
});

async function trainedScores(store: MemoryModelStore, modelId: string): Promise<Float32Array> {
  await new TrainingService(store).train(request({ modelId }), () => undefined);
  return scoresOf(store, modelId);
}

/** Every (user, item) score of a stored model. */
async function scoresOf(store: MemoryModelStore, modelId: string): Promise<Float32Array> {
  const model = await modelFromState((await store.load(modelId)).state);
  const n = 24;
  const users = Int32Array.from({ length: n * n }, (_, k) => Math.floor(k / n));
  const items = Int32Array.from({ length: n * n }, (_, k) => k % n);
  const scores = await model.score(users, items);
  model.dispose();
  return scores;
}
