/**
 * What every system's client shares: `wasmPaths` reaches each new worker's service before any request,
 * and a worker that fires `error` before answering anything fails at once with `WorkerLoadError`
 * naming it (no restarts), while one that crashes later is restarted as before.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { InvalidArgumentError, WorkerLoadError } from '../errors.ts';
import { MemoryModelStore } from '../store/memory-store.ts';
import { connectTalent } from '../systems/talent/client.ts';
import { connectFeed } from '../systems/feed/client.ts';
import { checkerboardCsv, NODE_MF, portWorkers } from '../testing/rpc-fixtures.ts';
import { connectCourses, type CoursesClient } from './client.ts';
import { RankingService } from './ranking-service.ts';
import { TrainingService } from './training-service.ts';
import type { WorkerLike } from './worker-slot.ts';

const disposers: (() => void)[] = [];
afterEach(() => disposers.splice(0).forEach((d) => d()));

const WASM = {
  'tfjs-backend-wasm.wasm': '/w/a.wasm',
  'tfjs-backend-wasm-simd.wasm': '/w/b.wasm',
  'tfjs-backend-wasm-threaded-simd.wasm': '/w/c.wasm',
};

/** A "worker" whose script never loads: nothing answers, and it fires `error` at once. */
function missingScript(url: string): { factory: () => WorkerLike; made: () => number } {
  let made = 0;
  return {
    made: () => made,
    factory() {
      made++;
      const { port1, port2 } = new MessageChannel();
      disposers.push(() => (port1.close(), port2.close()));
      setTimeout(() => port2.dispatchEvent(new Event('error')), 10);
      return Object.assign(port2, { url });
    },
  };
}

async function track(client: Promise<CoursesClient>): Promise<CoursesClient> {
  const c = await client;
  disposers.push(() => c.dispose());
  return c;
}

describe('wasmPaths', () => {
  it('is sent to each new worker before any request', async () => {
    const store = new MemoryModelStore();
    const calls: string[] = [];
    const spied = <S extends { configure(c: object): Promise<void> }>(service: S, name: string): S => {
      const configure = service.configure.bind(service);
      service.configure = vi.fn(
        async (c: object) => (calls.push(`${name}.configure ${JSON.stringify(c)}`), configure(c)),
      );
      return service;
    };
    const trainers = portWorkers(() => spied(new TrainingService(store), 'training'));
    const rankers = portWorkers(() => spied(new RankingService(store, { backend: 'cpu' }), 'ranking'));
    const client = await track(
      connectCourses({
        workers: { training: trainers.factory, ranking: rankers.factory },
        rankingBackend: 'cpu',
        wasmPaths: WASM,
      }),
    );
    const { info } = await client.train(
      { modelId: 'w', kind: 'mf', config: NODE_MF, data: { csv: checkerboardCsv() }, backend: 'cpu' },
      (p) => {
        if (p.status === 'start') calls.push('training.start');
      },
    ).done;
    await client.rank({ modelId: 'w', version: info.version, user: 2, k: 2 });
    const sent = `configure ${JSON.stringify({ wasmPaths: WASM })}`;
    expect(calls).toEqual(expect.arrayContaining([`training.${sent}`, `ranking.${sent}`]));
    expect(calls.indexOf(`training.${sent}`)).toBeLessThan(calls.indexOf('training.start'));
  });

  it('is validated by the service', async () => {
    await expect(
      new TrainingService(new MemoryModelStore()).configure({ wasmPaths: 3 as unknown as string }),
    ).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(
      new RankingService(new MemoryModelStore()).configure({
        wasmPaths: { 'tfjs-backend-wasm.wasm': '/a' } as unknown as string,
      }),
    ).rejects.toThrow(/config\.wasmPaths/);
  });
});

describe('a worker script that fails to load', () => {
  it('rejects a training at once with WorkerLoadError naming the URL, without restarting it', async () => {
    const training = missingScript('http://app.test/missing-train.worker.js');
    const rankers = portWorkers(() => new RankingService(new MemoryModelStore(), { backend: 'cpu' }));
    const client = await track(
      connectCourses({
        workers: { training: training.factory, ranking: rankers.factory },
        rankingBackend: 'cpu',
        heartbeatTimeoutMs: 60_000,
      }),
    );
    const t0 = performance.now();
    const error = await client
      .train({ modelId: 'x', kind: 'popular', data: { csv: checkerboardCsv() } })
      .done.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkerLoadError);
    expect(error).toMatchObject({ worker: 'training', url: 'http://app.test/missing-train.worker.js' });
    expect((error as Error).message).toContain('http://app.test/missing-train.worker.js');
    expect(training.made()).toBe(1);
    expect(performance.now() - t0).toBeLessThan(2000);
  });

  it('rejects ranking, talent and feed calls the same way', async () => {
    const ranking = missingScript('http://app.test/rank.worker.js');
    const courses = await track(connectCourses({ workers: { ranking: ranking.factory } }));
    await expect(courses.list()).rejects.toMatchObject({
      name: 'WorkerLoadError',
      worker: 'ranking',
      url: 'http://app.test/rank.worker.js',
    });
    expect(ranking.made()).toBe(1);

    const talent = await connectTalent({
      workers: { talent: missingScript('http://app.test/talent.worker.js').factory },
    });
    disposers.push(() => talent.dispose());
    await expect(talent.train({ members: 200 }).done).rejects.toMatchObject({
      name: 'WorkerLoadError',
      url: 'http://app.test/talent.worker.js',
    });

    const feed = await connectFeed({
      workers: { ranking: missingScript('http://app.test/feed-rank.worker.js').factory },
    });
    disposers.push(() => feed.dispose());
    await expect(feed.stored()).rejects.toMatchObject({ name: 'WorkerLoadError', worker: 'feed ranking' });
  });
});
