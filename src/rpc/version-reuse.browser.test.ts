/**
 * Two "tabs" (two clients, each with its own real ranking worker, one origin's IndexedDB): a model
 * deleted in one tab and trained again under the same id gets a version never used before, so the
 * other tab's ranking worker, which still holds the deleted model, reloads instead of answering
 * with the deleted model's items.
 */
import { afterEach, expect, it } from 'vitest';
import { BROWSER_MF } from '../testing/rpc-fixtures.ts';
import { closeAll, connectWorkers } from '../testing/worker-clients.ts';
import type { CourseTrainRequest } from './protocol.ts';

afterEach(closeAll);

/** Checkerboard ratings over items `first`…`first + 23`, so two data sets share no item. */
function ratings(first: number): string {
  const lines = ['userId,movieId,rating,timestamp'];
  for (let u = 1; u <= 24; u++)
    for (let i = 0; i < 24; i++) if ((u + i) % 2 === 0) lines.push(`${u},${first + i},4.0,${lines.length}`);
  return `${lines.join('\n')}\n`;
}

const request = (modelId: string, firstItem: number): CourseTrainRequest => ({
  modelId,
  kind: 'mf',
  config: BROWSER_MF,
  data: { csv: ratings(firstItem), file: `items-${firstItem}.csv` },
  backend: 'wasm',
});

const inRange = (first: number) => (item: string | number) => Number(item) >= first && Number(item) < first + 24;

it("a tab's cached model never answers for a deleted-then-recreated model of the same id", async () => {
  const [tabA, tabB] = await Promise.all([connectWorkers(), connectWorkers()]);
  const modelId = `reuse-${crypto.randomUUID()}`;
  const first = (await tabA.train(request(modelId, 100)).done).info;
  const old = await tabB.rank({ modelId, version: first.version, user: 2, k: 5 });
  expect(old.items.every(inRange(100))).toBe(true);
  expect(await tabB.loadedModels()).toContainEqual(expect.objectContaining({ modelId, version: first.version }));

  await tabA.delete(modelId);
  const second = (await tabA.train(request(modelId, 500)).done).info;

  const fresh = await tabB.rank({ modelId, version: second.version, user: 2, k: 5 });
  expect(fresh).toMatchObject({ modelId, version: second.version });
  expect(fresh.items).toHaveLength(5);
  expect(fresh.items.every(inRange(500))).toBe(true); // the deleted model's items are all < 124
  expect(second.version).toBeGreaterThan(first.version);
  expect(await tabB.loadedModels()).toContainEqual(expect.objectContaining({ modelId, version: second.version }));
  await tabA.delete(modelId);
});
