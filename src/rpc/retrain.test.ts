/**
 * A retrain never takes the finished model away: checkpoints go to the id's checkpoint slot, ranking
 * keeps answering with the finished version until the new one is done; per-step progress; HR@10 on a
 * held-out validation slice with every epoch. The services are called directly, in this thread.
 */
import { describe, expect, it } from 'vitest';
import { StaleModelError } from '../errors.ts';
import { MemoryModelStore } from '../store/memory-store.ts';
import { checkerboardCsv, NODE_MF } from '../testing/rpc-fixtures.ts';
import type { TrainRequest, WireProgress } from './protocol.ts';
import { RankingService } from './ranking-service.ts';
import { TrainingService } from './training-service.ts';

const request = (over: Partial<TrainRequest> = {}): TrainRequest => ({
  modelId: 'mf-retrain',
  kind: 'mf',
  config: NODE_MF,
  data: { csv: checkerboardCsv(), file: 'checkerboard.csv' },
  checkpointEvery: 4,
  backend: 'cpu',
  stepEveryMs: 0,
  ...over,
});

const noProgress = (): void => undefined;

describe('retraining an id', () => {
  it('keeps ranking with the finished version while checkpoints of the retrain are stored, and switches when it is done', async () => {
    const store = new MemoryModelStore();
    const trainer = new TrainingService(store);
    const ranker = new RankingService(store, { backend: 'cpu' });
    const first = await trainer.train(request(), noProgress);
    expect(first.info).toMatchObject({ version: 5, meta: { dataSource: 'file', dataName: 'checkerboard.csv' } });
    const before = await ranker.recommend({ modelId: 'mf-retrain', version: 5, user: 2, k: 4 });

    // A retrain (other data, so other weights), cancelled after its second checkpoint.
    const other = request({ fresh: true, config: { ...NODE_MF, seed: 9 } });
    const during: { version: number; items: unknown[] }[] = [];
    const onProgress = async (p: WireProgress): Promise<void> => {
      if (p.status !== 'checkpoint') return;
      const served = await ranker.recommend({ modelId: 'mf-retrain', version: 5, user: 2, k: 4 });
      during.push({ version: p.version, items: served.items });
      if (during.length === 2) await trainer.cancel('mf-retrain');
    };
    await expect(trainer.train(other, onProgress)).rejects.toThrow(/aborted/);
    expect(during.map((d) => d.version)).toEqual([6, 7]);
    for (const d of during) expect(d.items).toEqual(before.items);
    expect((await store.info('mf-retrain'))?.version).toBe(5);
    expect((await store.list()).map((m) => [m.version, m.checkpoint ?? 'finished'])).toEqual([
      [5, 'finished'],
      [7, { epoch: 0, step: 8 }],
    ]);
    // The checkpoint ranks too, when named on purpose.
    const half = await ranker.recommend({ modelId: 'mf-retrain', version: 7, user: 2, k: 4 });
    expect(half.version).toBe(7);

    const done = await trainer.train({ ...other, fresh: false }, noProgress);
    expect(done.resumedFrom).toMatchObject({ epoch: 0, step: 8 });
    expect(done.info.version).toBe(10);
    expect((await store.list()).map((m) => m.version)).toEqual([10]);
    await expect(ranker.recommend({ modelId: 'mf-retrain', version: 5, user: 2, k: 4 })).rejects.toBeInstanceOf(
      StaleModelError,
    );
    expect((await ranker.recommend({ modelId: 'mf-retrain', version: 10, user: 2, k: 4 })).version).toBe(10);
    ranker.dispose();
  });
});

describe('step progress', () => {
  it('reports steps within an epoch with loss, speed and ETA, and trains the same weights as without', async () => {
    const long = { ...NODE_MF, epochs: 3 };
    const quiet = await new TrainingService(new MemoryModelStore()).train(request({ config: long }), noProgress);
    const events: WireProgress[] = [];
    const store = new MemoryModelStore();
    const loud = await new TrainingService(store).train(request({ config: long, stepEveryMs: 1 }), (p) =>
      events.push(p),
    );
    const steps = events.filter((e) => e.status === 'step');
    expect(steps.length).toBeGreaterThan(0);
    for (const s of steps) {
      expect(s).toMatchObject({ modelId: 'mf-retrain', backend: 'cpu', epochs: 3, stepsPerEpoch: 9 });
      expect(s.epoch).toBeGreaterThanOrEqual(1);
      expect(s.step).toBeGreaterThan(0);
      expect(s.step).toBeLessThan(9);
      expect(Number.isFinite(s.loss) && Number.isFinite(s.etaSeconds) && s.etaSeconds >= 0).toBe(true);
      expect(s.samplesPerSec).toBeGreaterThan(0);
    }
    // Each step event comes after its epoch's start and before that epoch's end.
    let epochsDone = 0;
    for (const e of events) {
      if (e.status === 'epoch') epochsDone = e.epoch;
      if (e.status === 'step') expect(e.epoch).toBe(epochsDone + 1);
    }
    expect(loud.loss).toBe(quiet.loss);
  });
});

describe('validation slice', () => {
  const wide = { csv: checkerboardCsv(40, 240), file: 'wide.csv' };

  it('reports HR@10 on held-out interactions with every epoch, the same on every run, and keeps the last', async () => {
    const run = async () => {
      const events: WireProgress[] = [];
      const config = { ...NODE_MF, batchSize: 256, epochs: 3 };
      const store = new MemoryModelStore();
      const result = await new TrainingService(store).train(
        request({ data: wide, config, validation: { users: 12 }, checkpointEvery: 0 }),
        (p) => events.push(p),
      );
      return { events: events.filter((e) => e.status === 'epoch'), result };
    };
    const a = await run();
    const b = await run();
    const values = a.events.map((e) => (e.status === 'epoch' ? e.metric : undefined));
    expect(values).toHaveLength(3);
    for (const m of values) {
      expect(m?.name).toBe('hr10');
      expect(m!.value).toBeGreaterThanOrEqual(0);
      expect(m!.value).toBeLessThanOrEqual(1);
    }
    expect(b.events.map((e) => (e.status === 'epoch' ? e.metric : undefined))).toEqual(values);
    expect(a.result.info.metrics.hr10).toBe(values.at(-1)!.value);
    expect(a.result.info.meta).toMatchObject({ dataSource: 'file', dataName: 'wide.csv', validationUsers: 12 });
  });

  it('works for one-pass kinds too (most-popular), and is refused for course data', async () => {
    const events: WireProgress[] = [];
    await new TrainingService(new MemoryModelStore()).train(
      { modelId: 'pop', kind: 'popular', data: wide, backend: 'cpu', validation: { users: 10 } },
      (p) => events.push(p),
    );
    const epoch = events.find((e) => e.status === 'epoch');
    expect(epoch?.status === 'epoch' && epoch.metric?.name).toBe('hr10');
    const bad = { modelId: 'g', kind: 'glmix', data: { courses: {} }, validation: {} } as unknown as TrainRequest;
    await expect(new TrainingService(new MemoryModelStore()).train(bad, noProgress)).rejects.toThrow(
      /validation|courses/,
    );
  });
});
