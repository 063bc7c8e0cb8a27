import * as Comlink from 'comlink';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runBaselines, type BaselineProgress } from '../eval/baselines';
import { BaselineClient } from './baseline-client';
import { BaselineService, throttleProgress, type BaselineServiceDeps } from './baseline-service';

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

/** The worker path without a worker: comlink over the two ports of a Node MessageChannel. */
function connect(deps: BaselineServiceDeps = {}): BaselineClient {
  const { port1, port2 } = new MessageChannel();
  Comlink.expose(new BaselineService({ fetch: servedFetch, origin: ORIGIN, ...deps }), port1);
  const client = new BaselineClient(port2);
  cleanups.push(() => (client.dispose(), port1.close()));
  return client;
}

const cleanups: (() => void)[] = [];
afterEach(() => {
  cleanups.splice(0).forEach((f) => f());
  servedFetch.mockClear();
});

describe('BaselineService over a MessageChannel', () => {
  it('runs the real baselines and delivers every progress event before resolving', async () => {
    const events: BaselineProgress[] = [];
    const report = await connect().run({ ratingsUrl: '/data/ratings.csv', seed: 7 }, (p) => events.push(p));

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

  it('starts the requested tfjs backend through init()', async () => {
    const report = await connect().init('cpu');
    expect(report).toMatchObject({ backend: 'cpu', adapterInfo: null, reasonForFallback: null });
    expect(report.available).toContain('cpu');
  });

  it('refuses a ratings URL on another origin without fetching it', async () => {
    const run = connect().run({ ratingsUrl: 'https://elsewhere.example/ratings.csv' }, () => undefined);
    await expect(run).rejects.toMatchObject({ name: 'InvalidArgumentError' });
    expect(servedFetch).not.toHaveBeenCalled();
  });

  it('reports a missing file by its HTTP status', async () => {
    await expect(connect().run({ ratingsUrl: '/data/none.csv' }, () => undefined)).rejects.toThrow('HTTP 404');
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
