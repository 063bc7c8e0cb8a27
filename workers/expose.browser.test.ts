/**
 * Every worker entry installs the named-error transfer (through exposeService): an error thrown by the
 * talent or baseline service arrives on the page as its own class, not as a plain Error.
 */
import { afterEach, expect, it } from 'vitest';
import { InvalidArgumentError } from '../src/errors';
import { BaselineClient } from '../src/rpc/baseline-client';
import { TalentClient } from '../src/models/talent/client';

const workers: Worker[] = [];
afterEach(() => workers.splice(0).forEach((w) => w.terminate()));

function start(url: URL): Worker {
  const worker = new Worker(url, { type: 'module' });
  workers.push(worker);
  return worker;
}

it('a talent-service error arrives as InvalidArgumentError', async () => {
  const talent = new TalentClient(start(new URL('./talent.worker.ts', import.meta.url)));
  const err = await talent.search({ title: 0, skills: '', location: 255, minYears: 0, text: '', pooling: 'mean' }).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(InvalidArgumentError);
  expect((err as Error).message).toMatch(/train first/);
});

it('a baseline-service error arrives as InvalidArgumentError', async () => {
  const baselines = new BaselineClient(start(new URL('./baselines.worker.ts', import.meta.url)));
  const err = await baselines.run({ ratingsUrl: 'https://elsewhere.example/ratings.csv' }, () => undefined).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(InvalidArgumentError);
  expect((err as Error).message).toMatch(/same-origin/);
});
