/**
 * A worker script that fails to load (here: a URL the server does not have) fails the call at once
 * with `WorkerLoadError` naming the URL — never four restarts ending in "worker error: error".
 */
import { afterEach, expect, it } from 'vitest';
import { WorkerLoadError } from '../src/errors.ts';
import { connectCourses } from '../src/rpc/client.ts';
import { defaultWorker } from '../src/rpc/default-workers/index.ts';
import { connectTalent } from '../src/systems/talent/client.ts';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

/** A module worker on a script that is not there, carrying its URL as `defaultWorker`'s workers do. */
function missing(name: string): { factory: () => Worker & { url: string }; url: string; made: () => number } {
  const url = new URL(`/no-such-folder/${name}.worker.js`, location.origin).href;
  let made = 0;
  return {
    url,
    made: () => made,
    factory: () => (made++, Object.assign(new Worker(url, { type: 'module' }), { url })),
  };
}

it('a training worker whose script is missing rejects the training within seconds, naming the URL', async () => {
  const training = missing('train');
  const courses = await connectCourses({ workers: { training: training.factory } });
  cleanups.push(() => courses.dispose());
  const t0 = performance.now();
  const error = await courses
    .train({
      modelId: `load-${crypto.randomUUID()}`,
      kind: 'popular',
      data: { csv: 'userId,movieId,rating,timestamp\n1,2,4,0\n' },
    })
    .done.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(WorkerLoadError);
  expect(error).toMatchObject({ worker: 'training', url: training.url });
  expect((error as Error).message).toContain(training.url);
  expect(training.made()).toBe(1); // not restarted
  expect(performance.now() - t0).toBeLessThan(5000);
});

it('a talent worker whose script is missing rejects every call the same way', async () => {
  const talent = missing('talent');
  const client = await connectTalent({ workers: { talent: talent.factory } });
  cleanups.push(() => client.dispose());
  await expect(client.stored()).rejects.toMatchObject({ name: 'WorkerLoadError', url: talent.url });
  await expect(client.train({ members: 200 }).done).rejects.toBeInstanceOf(WorkerLoadError);
  expect(talent.made()).toBe(2); // one per call: a later call tries a fresh worker, which fails the same way
});

it("the package's own workers carry their script URL", () => {
  const worker = defaultWorker('baselines');
  cleanups.push(() => worker.terminate());
  expect(worker.url).toBe(new URL('/workers/baselines.worker.ts', location.origin).href);
});
