/**
 * The worker entry files in Chromium: each installs the named-error transfer, shares IndexedDB and
 * the origin's Web Locks with the other workers, and sends typed arrays back.
 */
import { afterEach, expect, it } from 'vitest';
import { AbortError, StaleModelError, TrainingLockedError } from '../src/errors.ts';
import type { CoursesClient } from '../src/rpc/client.ts';
import type { CourseTrainRequest } from '../src/rpc/protocol.ts';
import { closeAll, connectWorkers } from '../src/testing/worker-clients.ts';
import { checkerboardCsv } from '../src/testing/rpc-fixtures.ts';

const clients: CoursesClient[] = [];
const modelIds: string[] = [];
afterEach(async () => {
  // Only this file's models: other files share the origin's IndexedDB and may be running now.
  const [first] = clients;
  await Promise.all(modelIds.splice(0).map((id) => first?.delete(id)));
  clients.length = 0;
  closeAll();
});

const newModelId = (prefix: string): string => {
  const id = `${prefix}-${crypto.randomUUID()}`;
  modelIds.push(id);
  return id;
};

async function connect(): Promise<CoursesClient> {
  const client = await connectWorkers();
  clients.push(client);
  return client;
}

it('a second worker training the same model gets TrainingLockedError; cancel aborts across the boundary', async () => {
  const [a, b] = [await connect(), await connect()];
  const modelId = newModelId('lock');
  // Thousands of wasm steps: busy until cancelled.
  const request: CourseTrainRequest = {
    modelId,
    kind: 'mf',
    config: { dim: 4, epochs: 500, batchSize: 16, negatives: 1 },
    data: { csv: checkerboardCsv() },
    backend: 'wasm',
  };
  let started: () => void = () => undefined;
  const running = new Promise<void>((resolve) => (started = resolve));
  const first = a.train(request, (p) => p.status === 'start' && started());
  await running;

  const second = await b.train(request).done.catch((e: unknown) => e);
  expect(second).toBeInstanceOf(TrainingLockedError);
  expect(second).toMatchObject({ id: modelId });

  await first.cancel();
  await expect(first.done).rejects.toBeInstanceOf(AbortError);
});

it('ranks from IndexedDB with typed arrays, and names a missing version with StaleModelError', async () => {
  const rec = await connect();
  const modelId = newModelId('rank');
  const { info } = await rec.train({ modelId, kind: 'popular', data: { csv: checkerboardCsv() } }).done;
  const ranked = await rec.rank({ modelId, version: info.version, user: 1, k: 4, exclude: [102] });
  expect(ranked.scores).toBeInstanceOf(Float32Array);
  expect(ranked.indices).toBeInstanceOf(Int32Array);
  expect(ranked.items).toHaveLength(4);
  expect(ranked.items).not.toContain(102);
  expect(await rec.loadedModels()).toEqual([{ modelId, version: info.version, kind: 'popular' }]);

  const stale = await rec.rank({ modelId, version: info.version + 1, user: 1 }).catch((e: unknown) => e);
  expect(stale).toBeInstanceOf(StaleModelError);
  expect(stale).toMatchObject({ id: modelId, expected: info.version + 1, found: info.version });
});
