import { expect, it } from 'vitest';
import { describeTrainingLock } from '../testing/lock-cases';
import { defaultLocks } from './locks';

const run = Math.random().toString(36).slice(2, 8);
describeTrainingLock(`web-locks-${run}`, () => undefined);

it('uses the Web Locks API in the browser', () => {
  expect(defaultLocks()).toBe(navigator.locks);
});
