import { expect, it } from 'vitest';
import { describeTrainingLock } from '../testing/lock-cases.ts';
import { defaultLocks } from './locks.ts';

const run = Math.random().toString(36).slice(2, 8);
describeTrainingLock(`web-locks-${run}`, () => undefined);

it('uses the Web Locks API in the browser', () => {
  expect(defaultLocks()).toBe(navigator.locks);
});
