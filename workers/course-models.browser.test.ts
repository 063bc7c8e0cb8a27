/**
 * GLMix in the real workers: its course data crosses into the training worker as typed arrays, the
 * model is trained there and stored in IndexedDB, and a fresh ranking worker (which never saw the
 * training) ranks it from the store, with reasons.
 */
import { afterEach, expect, it } from 'vitest';
import { courseDataFromWorld } from '../src/systems/courses/world-data.ts';
import { courseDataToWire } from '../src/models/glmix/wire.ts';
import { closeAll, connectWorkers } from '../src/testing/worker-clients.ts';
import type { TrainProgress } from '../src/rpc/protocol.ts';
import { generateWorld } from '../src/world/index.ts';

afterEach(closeAll);

it('trains GLMix in the training worker and ranks it from IndexedDB in a fresh ranking worker', async () => {
  const data = courseDataFromWorld(generateWorld({ seed: 11, members: 80, watchesPerMember: 4 }));
  const modelId = `glmix-${crypto.randomUUID()}`;
  const trainer = await connectWorkers();
  const statuses: TrainProgress['status'][] = [];
  const request = {
    modelId,
    kind: 'glmix',
    config: { rounds: 1, newtonSteps: 1 },
    data: { courses: courseDataToWire(data) },
    backend: 'wasm',
  } as const;
  const { info, backend } = await trainer.train(request, (p) => statuses.push(p.status)).done;
  expect(statuses).toEqual(['start', 'epoch', 'done']);
  expect(backend).toBe('wasm');
  expect(info).toMatchObject({ kind: 'glmix', version: 1 });

  const ranker = await connectWorkers();
  try {
    const top = await ranker.explain({ modelId, version: info.version, user: 'm1', k: 5, excludeSeen: true });
    expect(top.indices).toBeInstanceOf(Int32Array);
    expect(top.scores).toBeInstanceOf(Float32Array);
    expect(top.items).toHaveLength(5);
    expect(top.reasons.every((r) => r.source === 'glmix' && r.text.length > 0)).toBe(true);
    expect(await ranker.loadedModels()).toEqual([{ modelId, version: info.version, kind: 'glmix' }]);
  } finally {
    await ranker.delete(modelId);
  }
});
