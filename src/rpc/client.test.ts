import { afterEach, describe, expect, it } from 'vitest';
import { AbortError, StaleModelError, TrainingLockedError, WorkerLostError } from '../errors.ts';
import { MemoryModelStore } from '../store/memory-store.ts';
import { checkerboardCsv, globalStep, NODE_MF, portWorkers } from '../testing/rpc-fixtures.ts';
import { connectCourses, type CoursesClient } from './client.ts';
import type { CourseTrainRequest, TrainProgress } from './protocol.ts';
import { RankingService } from './ranking-service.ts';
import { TrainingService } from './training-service.ts';

const STEPS_PER_EPOCH = 9;
const request: CourseTrainRequest = {
  modelId: 'mf-client',
  kind: 'mf',
  config: NODE_MF,
  data: { csv: checkerboardCsv(), file: 'checkerboard.csv' },
  checkpointEvery: 4,
  backend: 'cpu',
};

const clients: CoursesClient[] = [];
afterEach(() => clients.splice(0).forEach((c) => c.dispose()));

/** The worker client, each "worker" a service behind a MessageChannel in this thread. */
async function remoteClient(store: MemoryModelStore, liveness = {}) {
  const trainers = portWorkers(() => new TrainingService(store));
  const rankers = portWorkers(() => new RankingService(store, { backend: 'cpu' }));
  const client = await connectCourses({
    workers: { training: trainers.factory, ranking: rankers.factory },
    rankingBackend: 'cpu',
    ...liveness,
  });
  clients.push(client);
  return { client, trainers, rankers };
}

async function inThreadClient(store: MemoryModelStore): Promise<CoursesClient> {
  const client = await connectCourses({ inThread: true, store, backend: 'cpu' });
  clients.push(client);
  return client;
}

describe('connectCourses', () => {
  it('gives the same answers in-thread and through workers', async () => {
    const results = [];
    for (const make of [inThreadClient, async (s: MemoryModelStore) => (await remoteClient(s)).client]) {
      const client = await make(new MemoryModelStore());
      const events: TrainProgress[] = [];
      // `step` events are timed (a few a second), so their number differs from run to run.
      const { info } = await client.train(request, (p) => p.status !== 'step' && events.push(p)).done;
      const ranked = await client.rank({ modelId: request.modelId, version: info.version, user: 2, k: 4 });
      const models = await client.list();
      const backends = await client.backend();
      results.push({
        statuses: events.map((e) => e.status),
        version: info.version,
        ranked,
        ids: models.map((m) => m.id),
        backends,
      });
    }
    const [inThread, remote] = results;
    expect(remote).toEqual(inThread);
    expect(inThread.statuses).toEqual([
      'start',
      'checkpoint',
      'checkpoint',
      'epoch',
      'checkpoint',
      'checkpoint',
      'epoch',
      'done',
    ]);
    expect(inThread.ranked.items).toHaveLength(4);
    expect(inThread.backends.training?.backend).toBe('cpu');
  });

  it('errors keep their class through the client; delete cancels its training first', async () => {
    const store = new MemoryModelStore();
    const { client } = await remoteClient(store);
    const first = client.train(request);
    const second = await client.train(request).done.catch((e: unknown) => e);
    expect(second).toBeInstanceOf(TrainingLockedError);
    await first.done;

    const stale = await client.rank({ modelId: request.modelId, version: 999, user: 1 }).catch((e: unknown) => e);
    expect(stale).toBeInstanceOf(StaleModelError);

    // Long enough (1,800 steps) that it is surely still running when the delete comes.
    const long = { ...request, fresh: true, config: { ...NODE_MF, epochs: 200 } };
    let started: () => void = () => undefined;
    const checkpointed = new Promise<void>((resolve) => (started = resolve));
    const running = client.train(long, (p) => p.status === 'checkpoint' && started());
    await checkpointed;
    await client.delete(request.modelId);
    await expect(running.done).rejects.toBeInstanceOf(AbortError);
    expect((await client.list()).map((m) => m.id)).not.toContain(request.modelId);
  });

  it('replaces a training worker that went silent; the new one resumes from the last checkpoint', async () => {
    const store = new MemoryModelStore();
    const { client, trainers } = await remoteClient(store, { heartbeatMs: 20, heartbeatTimeoutMs: 300 });
    const events: TrainProgress[] = [];
    const handle = client.train(request, (p) => {
      events.push(p);
      // Dies right after the second checkpoint is stored, silently (no error event).
      if (p.status === 'checkpoint' && globalStep(p.cursor, STEPS_PER_EPOCH) === 8 && trainers.services.length === 1) {
        trainers.services[0].kill();
      }
    });
    const result = await handle.done;

    expect(trainers.services).toHaveLength(2);
    const restart = events.findIndex((e) => e.status === 'restart');
    expect(events[restart]).toMatchObject({
      status: 'restart',
      attempt: 1,
      reason: expect.stringContaining('no message'),
    });
    expect(events[restart + 1]).toMatchObject({ status: 'start', resumedFrom: { epoch: 0, step: 8 } });
    const after = events
      .slice(restart)
      .flatMap((e) => (e.status === 'checkpoint' ? [globalStep(e.cursor, STEPS_PER_EPOCH)] : []));
    expect(after).toEqual([12, 16]);
    expect(result.resumedFrom).toMatchObject({ epoch: 0, step: 8 });
    expect((await store.info(request.modelId))?.checkpoint).toBeUndefined();
  });

  it('gives up with WorkerLostError after maxRestarts', async () => {
    const { client, trainers } = await remoteClient(new MemoryModelStore(), {
      heartbeatMs: 20,
      heartbeatTimeoutMs: 200,
      maxRestarts: 1,
    });
    const handle = client.train(request, (p) => {
      if (p.status === 'checkpoint') trainers.services.at(-1)?.kill();
    });
    await expect(handle.done).rejects.toBeInstanceOf(WorkerLostError);
    expect(trainers.services).toHaveLength(2);
  });

  it("restarts at once on the worker's error event, and retries a ranking on a fresh ranking worker", async () => {
    const store = new MemoryModelStore();
    // A heartbeat timeout far beyond the test: only the error event can explain a quick restart.
    const { client, trainers, rankers } = await remoteClient(store, { heartbeatMs: 1000, heartbeatTimeoutMs: 60_000 });
    const events: TrainProgress[] = [];
    const { info } = await client.train(request, (p) => {
      events.push(p);
      if (p.status === 'checkpoint' && trainers.services.length === 1) trainers.services[0].crash();
    }).done;
    expect(events.find((e) => e.status === 'restart')).toMatchObject({ reason: 'worker error: error', attempt: 1 });
    expect(trainers.services).toHaveLength(2);

    const ref = { modelId: request.modelId, version: info.version, user: 5, k: 3 };
    const expected = await client.rank(ref);
    const pending = client.rank(ref);
    rankers.services[0].crash();
    expect(await pending).toEqual(expected);
    expect(rankers.services).toHaveLength(2);
  });
});
