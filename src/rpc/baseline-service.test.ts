import { afterEach, describe, expect, it, vi } from 'vitest';
import { initBackend } from '../backend/index.ts';
import type { AdapterInfo, BackendPreference, BackendReport } from '../backend/types.ts';
import { runBaselines, type BaselineProgress } from '../eval/baselines/index.ts';
import { MemoryModelStore } from '../store/memory-store.ts';
import { portWorkers } from '../testing/rpc-fixtures.ts';
import type { ProtocolProgress } from './baseline-protocol.ts';
import { connectCourses, type CoursesClient } from './client.ts';
import { RankingService } from './ranking-service.ts';
import { TrainingService } from './training-service.ts';
import { BaselineService, throttleProgress, type BaselineServiceDeps } from './baseline-service.ts';

const ORIGIN = 'http://demo.test';
const STAGES = ['load', 'split', 'popular', 'neighbours', 'itemknn'];

/** 40 users × 200 items, 25 ratings each, timestamps increasing: a small MovieLens-format file. */
function ratingsCsv(): string {
  const lines = ['userId,movieId,rating,timestamp'];
  for (let u = 1; u <= 40; u++) {
    for (let j = 0; j < 25; j++) lines.push(`${u},${1 + ((u * 7 + j * 13) % 200)},4.0,${1_000_000 + u * 100 + j}`);
  }
  return lines.join('\n') + '\n';
}

const servedFetch = vi.fn(async (url: string) =>
  url === `${ORIGIN}/data/ratings.csv` ? new Response(ratingsCsv()) : new Response('missing', { status: 404 }),
);

/** The courses client's worker path without workers: each service behind a Node MessageChannel. */
async function connect(deps: BaselineServiceDeps = {}): Promise<CoursesClient> {
  const baselines = portWorkers(() => new BaselineService({ fetch: servedFetch, origin: ORIGIN, ...deps }));
  const ranking = portWorkers(() => new RankingService(new MemoryModelStore(), { backend: 'cpu' }));
  const client = await connectCourses({
    workers: { baselines: baselines.factory, ranking: ranking.factory },
    rankingBackend: 'cpu',
  });
  cleanups.push(() => client.dispose());
  return client;
}

const cleanups: (() => void)[] = [];
afterEach(() => {
  cleanups.splice(0).forEach((f) => f());
  servedFetch.mockClear();
});

describe('baselines through the courses client (BaselineService over a MessageChannel)', () => {
  it('runs the real baselines and delivers every progress event before resolving', async () => {
    const events: BaselineProgress[] = [];
    const report = await (await connect()).baselines(
      { ratingsUrl: '/data/ratings.csv', seed: 7, backend: 'cpu' },
      (p) => events.push(p),
    ).done;

    const direct = await runBaselines(new Blob([ratingsCsv()]), { file: 'data/ratings.csv', seed: 7 });
    expect({ ...report, seconds: 0 }).toEqual({
      ...direct,
      seconds: 0,
      models: [],
      scoredOn: null,
      scoredOnReason: null,
    });
    expect(report).toMatchObject({ users: 40, interactions: 1000, seed: 7, protocol: 'loo-99neg' });

    // Stages arrive in order, each finishing, all before run() resolved.
    const order = events.map((e) => e.stage).filter((s, i, a) => s !== a[i - 1]);
    expect(order).toEqual(STAGES);
    for (const stage of STAGES) {
      const last = events.filter((e) => e.stage === stage).at(-1);
      expect(last && last.done).toBe(last?.total);
    }
  });

  it('starts the requested tfjs backend through baselinesBackend()', async () => {
    const report = await (await connect()).baselinesBackend('cpu');
    expect(report).toMatchObject({ backend: 'cpu', adapterInfo: null, reasonForFallback: null });
    expect(report.available).toContain('cpu');
  });

  it('refuses a ratings URL on another origin without fetching it', async () => {
    const run = (await connect()).baselines({
      ratingsUrl: 'https://elsewhere.example/ratings.csv',
      backend: 'cpu',
    }).done;
    await expect(run).rejects.toMatchObject({ name: 'InvalidArgumentError' });
    expect(servedFetch).not.toHaveBeenCalled();
  });

  it('reports a missing file by its HTTP status', async () => {
    await expect((await connect()).baselines({ ratingsUrl: '/data/none.csv', backend: 'cpu' }).done).rejects.toThrow(
      'HTTP 404',
    );
  });
});

describe('throttleProgress', () => {
  it('forwards stage changes, each stage end and ~1 % steps only', async () => {
    const seen: ProtocolProgress[] = [];
    const forward = throttleProgress((p) => seen.push(p));
    for (let i = 0; i <= 10_000; i++) forward.report({ stage: 'itemknn', done: i, total: 10_000 });
    forward.report({ stage: 'popular', done: 0, total: 3 });
    await forward.flush();
    expect(seen.length).toBeLessThanOrEqual(103);
    expect(seen.at(-2)).toEqual({ stage: 'itemknn', done: 10_000, total: 10_000 });
    expect(seen.at(-1)).toEqual({ stage: 'popular', done: 0, total: 3 });
  });
});

/**
 * 30 users × 149 items, 10 ratings each, then every user's LATEST rating is movie 999: held out by the
 * protocol, so most-popular on the training split never saw it, while a most-popular model trained on
 * the whole file (as the Models tab trains) ranks it first for everyone.
 */
function leakyCsv(): string {
  const lines = ['userId,movieId,rating,timestamp'];
  for (let u = 1; u <= 30; u++) {
    for (let j = 0; j < 10; j++) lines.push(`${u},${1 + ((u * 7 + j * 13) % 149)},4.0,${1_000 + u * 100 + j}`);
    lines.push(`${u},999,5.0,${1_000 + u * 100 + 50}`);
  }
  return `${lines.join('\n')}\n`;
}

describe("stored models on the baselines' protocol (compareModels)", () => {
  const leakyFetch = async (url: string) =>
    url === `${ORIGIN}/data/leaky.csv` ? new Response(leakyCsv()) : new Response('missing', { status: 404 });

  /** Training, ranking and baselines services over MessageChannels, sharing one model store. */
  async function connectAll(deps: BaselineServiceDeps = {}): Promise<CoursesClient> {
    const store = new MemoryModelStore();
    const origin = ORIGIN;
    const training = portWorkers(() => new TrainingService(store, { backend: 'cpu', fetch: leakyFetch, origin }));
    const ranking = portWorkers(() => new RankingService(store, { backend: 'cpu' }));
    const baselines = portWorkers(() => new BaselineService({ fetch: leakyFetch, origin, store, ...deps }));
    const client = await connectCourses({
      workers: { training: training.factory, ranking: ranking.factory, baselines: baselines.factory },
      rankingBackend: 'cpu',
    });
    cleanups.push(() => client.dispose());
    return client;
  }

  it('gives a model that ranks every held-out item first HR@10 = 1, and says it saw the held-out ratings', async () => {
    const client = await connectAll();
    const ratingsUrl = `${ORIGIN}/data/leaky.csv`;
    const trained = await client.train({ modelId: 'movielens-popular', kind: 'popular', data: { ratingsUrl } }).done;
    const events: ProtocolProgress[] = [];
    const report = await client.compareModels(
      {
        ratingsUrl,
        seed: 7,
        backend: 'cpu',
        models: [{ modelId: 'movielens-popular', version: trained.info.version }],
      },
      (p) => events.push(p),
    ).done;

    expect(report.users).toBe(30);
    expect(report.scoredOn).toBe('cpu');
    expect(report.popular.hr10).toBe(0); // the split's most-popular never saw movie 999
    const [row] = report.models;
    expect(row).toMatchObject({ modelId: 'movielens-popular', version: trained.info.version, kind: 'popular' });
    expect(row.trainedOn).toBe('all-ratings');
    expect(row.validationUsers).toBeNull(); // no validation slice was asked for
    expect(row.sampled).toEqual({ hr10: 1, ndcg10: 1, mrr: 1 });
    expect(row.full).toEqual({ hr10: 1, ndcg10: 1, mrr: 1 });
    expect({ unknownItems: row.unknownItems, unknownUsers: row.unknownUsers }).toEqual({
      unknownItems: 0,
      unknownUsers: 0,
    });
    const last = events.filter((e) => e.stage === 'model').at(-1);
    expect(last).toEqual({
      stage: 'model',
      modelId: 'movielens-popular',
      version: trained.info.version,
      done: 60,
      total: 60,
    });
  });

  it("a model trained on the protocol's split is marked so and matches the same-kind baseline exactly", async () => {
    const client = await connectAll();
    const ratingsUrl = `${ORIGIN}/data/leaky.csv`;
    const csv = await client.trainingSplitCsv({ ratingsUrl });
    expect(csv.split('\n').filter((l) => l.includes(',999,'))).toEqual([]); // no held-out rating in it
    const trained = await client.train({ modelId: 'split-popular', kind: 'popular', data: { csv } }).done;
    const report = await client.compareModels({
      ratingsUrl,
      backend: 'cpu',
      models: [{ modelId: 'split-popular', version: trained.info.version }],
    }).done;
    const [row] = report.models;
    expect(row.trainedOn).toBe('protocol-split');
    expect(row.unknownItems).toBe(1); // movie 999 occurs only in held-out rows
    expect(row.sampled).toEqual(report.popular);
    expect(row.full).toEqual(report.full.popular);
  });

  it('says how many users a validation slice kept from a model trained on the whole file', async () => {
    const client = await connectAll();
    const ratingsUrl = `${ORIGIN}/data/leaky.csv`;
    const request = { modelId: 'v', kind: 'popular' as const, data: { ratingsUrl }, validation: { users: 5 } };
    const trained = await client.train(request).done;
    const report = await client.compareModels({
      ratingsUrl,
      backend: 'cpu',
      models: [{ modelId: 'v', version: trained.info.version }],
    }).done;
    expect(report.models[0]).toMatchObject({ trainedOn: 'all-ratings', validationUsers: 5 });
  });

  it('refuses a version that is no longer the stored one', async () => {
    const client = await connectAll();
    const ratingsUrl = `${ORIGIN}/data/leaky.csv`;
    const trained = await client.train({ modelId: 'm', kind: 'popular', data: { ratingsUrl } }).done;
    const run = client.compareModels({
      ratingsUrl,
      backend: 'cpu',
      models: [{ modelId: 'm', version: trained.info.version + 1 }],
    }).done;
    await expect(run).rejects.toMatchObject({ name: 'StaleModelError' });
  });

  it('names a malformed model reference before any work starts', async () => {
    const client = await connectAll();
    const run = client.compareModels({
      ratingsUrl: `${ORIGIN}/data/leaky.csv`,
      backend: 'cpu',
      models: [{ modelId: 'm', version: 'latest' as unknown as number }],
    }).done;
    await expect(run).rejects.toMatchObject({
      name: 'InvalidArgumentError',
      message: expect.stringContaining('options.models[0].version'),
    });
  });

  it('scores on wasm while the worker runs WebGPU on a software adapter, then switches back', async () => {
    const cpu = await initBackend('cpu');
    const asked: string[] = [];
    let software = { isFallbackAdapter: true } as AdapterInfo;
    const fakeInit = async (prefer: BackendPreference): Promise<BackendReport> => {
      asked.push(prefer);
      if (prefer === 'wasm') return { ...cpu, backend: 'wasm' };
      return { ...cpu, backend: 'webgpu', adapterInfo: software, available: ['webgpu', 'wasm', 'cpu'] };
    };
    const client = await connectAll({ initBackend: fakeInit });
    const ratingsUrl = `${ORIGIN}/data/leaky.csv`;
    const trained = await client.train({ modelId: 'p', kind: 'popular', data: { ratingsUrl } }).done;
    const models = [{ modelId: 'p', version: trained.info.version }];
    const report = await client.compareModels({ ratingsUrl, models }).done;
    expect(asked).toEqual(['auto', 'wasm', 'webgpu']);
    expect(report.scoredOn).toBe('wasm');
    expect(report.scoredOnReason).toContain('software adapter');

    // A hardware adapter keeps the worker's own backend.
    software = { isFallbackAdapter: false } as AdapterInfo;
    asked.length = 0;
    const again = await client.compareModels({ ratingsUrl, models }).done;
    expect(asked).toEqual(['auto']);
    expect(again.scoredOnReason).toBeNull();
  });
});
