/**
 * Every worker entry installs the named-error transfer (through exposeService): an error thrown by the
 * talent or baseline service arrives on the page as its own class, not as a plain Error.
 */
import { afterEach, expect, it } from 'vitest';
import { InvalidArgumentError } from '../src/errors.ts';
import { connectCourses, type CoursesClient } from '../src/rpc/client.ts';
import { connectTalent, type TalentClient } from '../src/systems/talent/client.ts';

const clients: (CoursesClient | TalentClient)[] = [];
afterEach(() => clients.splice(0).forEach((c) => c.dispose()));

it('a talent-service error arrives as InvalidArgumentError', async () => {
  const talent = await connectTalent({
    workers: { talent: () => new Worker(new URL('./talent.worker.ts', import.meta.url), { type: 'module' }) },
  });
  clients.push(talent);
  const err = await talent
    .rank({ title: 0, skills: '', location: 255, minYears: 0, text: '', pooling: 'mean' })
    .catch((e: unknown) => e);
  expect(err).toBeInstanceOf(InvalidArgumentError);
  expect((err as Error).message).toMatch(/train first/);
});

it('a baseline-service error arrives as InvalidArgumentError', async () => {
  const courses = await connectCourses({
    workers: { baselines: () => new Worker(new URL('./baselines.worker.ts', import.meta.url), { type: 'module' }) },
  });
  clients.push(courses);
  const err = await courses
    .baselines({ ratingsUrl: 'https://elsewhere.example/ratings.csv', backend: 'cpu' })
    .done.catch((e: unknown) => e);
  expect(err).toBeInstanceOf(InvalidArgumentError);
  expect((err as Error).message).toMatch(/same-origin/);
});
