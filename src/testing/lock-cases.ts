/**
 * The training lock's semantics, run against the in-process manager in Node and `navigator.locks` in
 * Chromium. Ids are unique per test, so the browser's origin-wide locks never cross between tests.
 */
import { describe, expect, it } from 'vitest';
import { AbortError, TrainingLockedError } from '../errors.ts';
import type { LockRequester } from '../store/local-locks.ts';
import { withTrainingLock } from '../store/locks.ts';

/** A promise with its resolver, to hold a lock until the test lets go. */
function gate(): { open: () => void; wait: Promise<void> } {
  let open!: () => void;
  const wait = new Promise<void>((resolve) => (open = resolve));
  return { open, wait };
}

/** Registers the lock tests; `locks()` is the manager to pass (undefined: the default one). */
export function describeTrainingLock(label: string, locks: () => LockRequester | undefined): void {
  let n = 0;
  const newId = () => `${label}-model-${n++}`;

  describe(`withTrainingLock: ${label}`, () => {
    it('refuses a second trainer of the same model with TrainingLockedError naming it', async () => {
      const id = newId();
      const hold = gate();
      const first = withTrainingLock(id, () => hold.wait.then(() => 'first'), { locks: locks() });
      let ran = false;
      const error = await withTrainingLock(id, () => (ran = true), { locks: locks() }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TrainingLockedError);
      expect(error).toMatchObject({ name: 'TrainingLockedError', id });
      expect(ran).toBe(false);
      expect(await withTrainingLock(newId(), () => 'other model', { locks: locks() })).toBe('other model');
      hold.open();
      expect(await first).toBe('first');
      expect(await withTrainingLock(id, () => 'after', { locks: locks() })).toBe('after');
    });

    it('with { wait: true } queues behind the holder and runs once it is done', async () => {
      const id = newId();
      const hold = gate();
      const order: string[] = [];
      const first = withTrainingLock(
        id,
        async () => {
          await hold.wait;
          order.push('first');
        },
        { locks: locks() },
      );
      const second = withTrainingLock(id, () => order.push('second'), { wait: true, locks: locks() });
      await Promise.resolve();
      expect(order).toEqual([]);
      hold.open();
      await Promise.all([first, second]);
      expect(order).toEqual(['first', 'second']);
    });

    it('releases the lock when training throws', async () => {
      const id = newId();
      await expect(withTrainingLock(id, () => Promise.reject(new Error('boom')), { locks: locks() })).rejects.toThrow(
        'boom',
      );
      expect(await withTrainingLock(id, () => 'ok', { locks: locks() })).toBe('ok');
    });

    it('stops waiting with AbortError when the signal aborts, leaving the lock usable', async () => {
      const id = newId();
      const hold = gate();
      const first = withTrainingLock(id, () => hold.wait, { locks: locks() });
      const controller = new AbortController();
      const waiting = withTrainingLock(id, () => 'never', { wait: true, signal: controller.signal, locks: locks() });
      controller.abort();
      await expect(waiting).rejects.toThrow(AbortError);
      hold.open();
      await first;
      expect(await withTrainingLock(id, () => 'free', { locks: locks() })).toBe('free');
    });
  });
}
