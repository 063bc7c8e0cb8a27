/**
 * The registry's own models answering for a history through the courses client (in-thread and over
 * a MessageChannel "worker"): interaction-log kinds trained on the checkerboard, GLMix on the world.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { courseDataToWire } from '../models/glmix/wire.ts';
import { MemoryModelStore } from '../store/memory-store.ts';
import { courseDataFromWorld } from '../systems/courses/world-data.ts';
import { checkerboardCsv, NODE_MF, portWorkers } from '../testing/rpc-fixtures.ts';
import { generateWorld } from '../world/index.ts';
import { connectCourses, type CoursesClient } from './client.ts';
import type { CourseTrainRequest } from './protocol.ts';
import { RankingService } from './ranking-service.ts';

const clients: CoursesClient[] = [];
afterEach(() => clients.splice(0).forEach((c) => c.dispose()));

const store = new MemoryModelStore();
let courses: CoursesClient;
beforeAll(async () => {
  courses = await connectCourses({ inThread: true, store, backend: 'cpu' });
});

const csv = { csv: checkerboardCsv(), file: 'checkerboard.csv' };
const KINDS: CourseTrainRequest[] = [
  { modelId: 'h-popular', kind: 'popular', data: csv, backend: 'cpu' },
  { modelId: 'h-itemknn', kind: 'itemknn', config: { k: 5 }, data: csv, backend: 'cpu' },
  { modelId: 'h-mf', kind: 'mf', config: NODE_MF, data: csv, backend: 'cpu' },
];

describe('rankFor / foldIn on the registry models', () => {
  for (const request of KINDS) {
    it(`${request.kind}: reports unknown ids, leaves the history out, and ranks the same with the kept fold-in`, async () => {
      const { info } = await courses.train(request).done;
      const ref = { modelId: request.modelId, version: info.version };
      const history = { items: [102, 'unheard-of', 104, 106] };
      const ranked = await courses.rankFor({ ...ref, history, k: 5, excludeSeen: true });
      expect(ranked.unknown).toEqual(['unheard-of']);
      expect(ranked.items).toHaveLength(5);
      for (const seen of [102, 104, 106]) expect(ranked.items).not.toContain(seen);
      const { folded, unknown, kind } = await courses.foldIn({ ...ref, history });
      expect({ kind, unknown, folded: folded.kind }).toEqual({
        kind: request.kind,
        unknown: ['unheard-of'],
        folded: request.kind,
      });
      const again = await courses.rankFor({ ...ref, history, k: 5, excludeSeen: true, folded });
      expect(again.items).toEqual(ranked.items);
      expect(again.scores).toEqual(ranked.scores);
      // Warm-started from the solution, the fold-in stays a fold-in of this kind.
      const warm = await courses.foldIn({ ...ref, history, warm: folded });
      expect(warm.folded.kind).toBe(request.kind);
    });
  }

  it('glmix: explains for a history with features, through a worker, its own fold-in fields kept', async () => {
    const world = generateWorld({ seed: 7, members: 100, watchesPerMember: 5 });
    const data = { ...courseDataFromWorld(world), courseNames: world.courses.title };
    const local = new MemoryModelStore();
    const trainer = await connectCourses({ inThread: true, store: local, backend: 'wasm' });
    const rankers = portWorkers(() => new RankingService(local, { backend: 'wasm' }));
    const client = await connectCourses({ workers: { ranking: rankers.factory }, rankingBackend: 'wasm' });
    clients.push(trainer, client);
    const { info } = await trainer.train({
      modelId: 'h-glmix',
      kind: 'glmix',
      config: { rounds: 1 },
      data: { courses: courseDataToWire(data) },
      backend: 'wasm',
    }).done;
    const ref = { modelId: 'h-glmix', version: info.version };
    const items = data.log.items.filter((_, k) => data.log.users[k] === 0).slice(0, 3);
    const ids = Array.from(items, (i) => data.log.itemIds.id(i));
    const features = { seniority: 2, 'made-up': 1 };
    const history = { items: ids, features };
    const explained = await client.explainFor({ ...ref, history, k: 4, excludeSeen: true });
    expect(explained.items).toHaveLength(4);
    expect(explained.reasons).toHaveLength(4);
    for (const id of ids) expect(explained.items).not.toContain(id);
    expect(explained.folded).toMatchObject({ kind: 'glmix', unknownFeatures: ['made-up'] });
    // The kept fold-in (with its own fields) goes back as is and ranks the same.
    const again = await client.explainFor({ ...ref, history, k: 4, excludeSeen: true, folded: explained.folded });
    expect(again.items).toEqual(explained.items);
  });
});
