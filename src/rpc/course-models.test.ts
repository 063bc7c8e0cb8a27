/**
 * The course models (GLMix, the blender) through the recommender services: a `{ courses }` request
 * crosses a MessageChannel as typed arrays, trains in the training service, is stored, and is ranked
 * with reasons by a ranking service that only ever saw the store.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { courseDataFromWorld } from '../systems/courses/world-data.ts';
import { DataFormatError, InvalidArgumentError } from '../errors.ts';
import { courseDataToWire } from '../models/glmix/wire.ts';
import { MemoryModelStore } from '../store/memory-store.ts';
import { portWorkers } from '../testing/rpc-fixtures.ts';
import { generateWorld } from '../world/index.ts';
import { connectCourses, type CoursesClient } from './client.ts';
import type { TrainProgress } from './protocol.ts';
import { RankingService } from './ranking-service.ts';
import { TrainingService } from './training-service.ts';

const world = generateWorld({ seed: 7, members: 100, watchesPerMember: 5 });
const data = { ...courseDataFromWorld(world), courseNames: world.courses.title };
const courses = courseDataToWire(data);

const clients: CoursesClient[] = [];
afterEach(() => clients.splice(0).forEach((c) => c.dispose()));

async function remote(store: MemoryModelStore): Promise<CoursesClient> {
  const trainers = portWorkers(() => new TrainingService(store));
  const rankers = portWorkers(() => new RankingService(store, { backend: 'wasm' }));
  const client = await connectCourses({
    workers: { training: trainers.factory, ranking: rankers.factory },
    rankingBackend: 'wasm',
  });
  clients.push(client);
  return client;
}

describe('course models through the services', () => {
  it('train GLMix and the blender from { courses } and rank them from the store with reasons', async () => {
    const store = new MemoryModelStore();
    const rec = await remote(store);
    const events: TrainProgress['status'][] = [];
    const glmix = await rec.train(
      { modelId: 'g', kind: 'glmix', config: { rounds: 1 }, data: { courses }, backend: 'wasm' },
      (p) => events.push(p.status),
    ).done;
    expect(events).toEqual(['start', 'epoch', 'done']);
    expect(glmix.info).toMatchObject({ kind: 'glmix', version: 1 });
    const g = await rec.explain({ modelId: 'g', version: 1, user: 'm0', k: 5, excludeSeen: true });
    expect(g.items).toHaveLength(5);
    expect(g.reasons.map((r) => r.source)).toEqual(Array(5).fill('glmix'));
    expect(g.reasons[0].text).toMatch(/Teaches |where your skills are|learners at your level/);
    const watched = data.log.items.filter((_, k) => data.log.users[k] === 0);
    for (const i of g.indices) expect(watched).not.toContain(i);
    expect((await rec.rank({ modelId: 'g', version: 1, user: 'm0', k: 5, excludeSeen: true })).items).toEqual(g.items);

    const blendConfig = { ncf: { epochs: 1, batchSize: 512, neighbours: 5 }, glmix: { rounds: 1 } };
    const blend = await rec.train({
      modelId: 'b',
      kind: 'blend',
      config: blendConfig,
      data: { courses },
      backend: 'wasm',
    }).done;
    expect(blend.info.meta).toMatchObject({
      weightsLearned: true,
      weightNcf: expect.any(Number),
      weightGlmix: expect.any(Number),
    });
    const b = await rec.explain({ modelId: 'b', version: blend.info.version, user: 'm0', k: 5, excludeSeen: true });
    expect(b.reasons).toHaveLength(5);
    // Titles travel in the stored state: the co-watch reasons name real courses.
    const titles = new Set(world.courses.title);
    for (const r of b.reasons.filter((x) => x.source === 'ncf'))
      expect(titles.has(/"(.*)"/.exec(r.text)?.[1] ?? '')).toBe(true);
    expect(await rec.score({ modelId: 'b', version: 1, users: ['m0', 'm0'], items: b.items.slice(0, 2) })).toEqual(
      b.scores.slice(0, 2),
    );
    expect((await rec.loadedModels()).map((m) => m.kind).sort()).toEqual(['blend', 'glmix']);
  });

  it('rejects data of the wrong shape for the kind, and malformed course data', async () => {
    const rec = await remote(new MemoryModelStore());
    await expect(
      rec.train({ modelId: 'x', kind: 'glmix', data: { csv: 'userId,movieId,rating,timestamp\n1,2,1,0\n' } }).done,
    ).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(rec.train({ modelId: 'y', kind: 'mf', data: { courses } }).done).rejects.toBeInstanceOf(
      InvalidArgumentError,
    );
    const broken = {
      ...courses,
      log: { ...courses.log, users: Array.from(courses.log.users) as unknown as Int32Array },
    };
    await expect(rec.train({ modelId: 'z', kind: 'glmix', data: { courses: broken } }).done).rejects.toBeInstanceOf(
      DataFormatError,
    );
    const popular = await rec.train({
      modelId: 'p',
      kind: 'popular',
      data: { csv: 'userId,movieId,rating,timestamp\n1,2,1,0\n' },
    }).done;
    await expect(rec.explain({ modelId: 'p', version: popular.info.version, user: 1 })).rejects.toBeInstanceOf(
      InvalidArgumentError,
    );
  });
});
