import { afterEach, describe, expect, it, vi } from 'vitest';
import { runBaselines, type BaselineProgress } from '../eval/baselines/index.ts';
import { MemoryModelStore } from '../store/memory-store.ts';
import { portWorkers } from '../testing/rpc-fixtures.ts';
import { connectCourses, type CoursesClient } from './client.ts';
import { RankingService } from './ranking-service.ts';
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
    expect({ ...report, seconds: 0 }).toEqual({ ...direct, seconds: 0 });
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
    const seen: BaselineProgress[] = [];
    const forward = throttleProgress((p) => seen.push(p));
    for (let i = 0; i <= 10_000; i++) forward.report({ stage: 'itemknn', done: i, total: 10_000 });
    forward.report({ stage: 'popular', done: 0, total: 3 });
    await forward.flush();
    expect(seen.length).toBeLessThanOrEqual(103);
    expect(seen.at(-2)).toEqual({ stage: 'itemknn', done: 10_000, total: 10_000 });
    expect(seen.at(-1)).toEqual({ stage: 'popular', done: 0, total: 3 });
  });
});
