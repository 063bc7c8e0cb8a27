import { describe, expect, it } from 'vitest';
import { describeTrainingLock } from '../testing/lock-cases.ts';
import { InProcessLocks } from './local-locks.ts';
import { defaultLocks, trainingLockName } from './locks.ts';

const explicit = new InProcessLocks();
describeTrainingLock('in-process default', () => undefined);
describeTrainingLock('explicit InProcessLocks', () => explicit);

describe('training lock in Node', () => {
  it('falls back to one shared in-process manager where navigator.locks is missing', () => {
    expect(globalThis.navigator?.locks).toBeUndefined();
    expect(defaultLocks()).toBeInstanceOf(InProcessLocks);
    expect(defaultLocks()).toBe(defaultLocks());
    expect(trainingLockName('ncf')).toBe('linkrec:train:ncf');
  });

  it('grants queued waiters in request order', async () => {
    const locks = new InProcessLocks();
    const order: number[] = [];
    let release!: () => void;
    const first = locks.request('x', {}, () => new Promise<void>((r) => (release = r)));
    const rest = [1, 2, 3].map((i) => locks.request('x', {}, async () => void order.push(i)));
    await Promise.resolve();
    release();
    await Promise.all([first, ...rest]);
    expect(order).toEqual([1, 2, 3]);
  });
});
