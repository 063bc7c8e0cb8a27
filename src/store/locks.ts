/**
 * The training lock: two tabs (or workers) never train the same model at once. Web Locks
 * (`navigator.locks`) are shared by every tab and worker of the origin and released by the browser if
 * a tab dies; where they are missing (Node), an in-process lock with the same semantics stands in.
 */
import { AbortError, TrainingLockedError } from '../errors.ts';
import { InProcessLocks, type LockRequester } from './local-locks.ts';

/** Options of {@link withTrainingLock}. */
export interface TrainingLockOptions {
  /** Wait until the lock is free instead of failing with `TrainingLockedError`. */
  wait?: boolean;
  /** Stops waiting (rejects with `AbortError`); it does not interrupt `fn` once started. */
  signal?: AbortSignal;
  /** The lock manager (tests); default `navigator.locks`, or an in-process one where that is missing. */
  locks?: LockRequester;
}

let fallback: InProcessLocks | undefined;

/** `navigator.locks` where the platform has it, else one in-process manager shared by this realm. */
export function defaultLocks(): LockRequester {
  const locks = globalThis.navigator?.locks as LockRequester | undefined;
  return locks ?? (fallback ??= new InProcessLocks());
}

/** Name of the Web Lock that guards training of model `id`. */
export function trainingLockName(id: string): string {
  return `linkrec:train:${id}`;
}

/**
 * Runs `fn` while holding the training lock of model `id` and returns its result; the lock is released
 * when `fn` settles (or its tab dies). If another tab or worker holds it, rejects with
 * `TrainingLockedError(id)` without calling `fn` — or, with `{ wait: true }`, waits its turn.
 * @example await withTrainingLock('ncf', () => service.train('ncf', data));
 */
export async function withTrainingLock<T>(
  id: string,
  fn: () => Promise<T> | T,
  options: TrainingLockOptions = {},
): Promise<T> {
  const locks = options.locks ?? defaultLocks();
  const request = options.wait ? { signal: options.signal } : { ifAvailable: true, signal: options.signal };
  let started = false;
  try {
    return await locks.request(trainingLockName(id), request, async (lock) => {
      if (!lock) throw new TrainingLockedError(id);
      started = true;
      return fn();
    });
  } catch (error) {
    if (!started && options.signal?.aborted && !(error instanceof TrainingLockedError))
      throw new AbortError('training lock wait aborted');
    throw error;
  }
}
