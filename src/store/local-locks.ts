/**
 * The slice of the Web Locks API the training lock uses, and an in-process implementation of it for
 * places without `navigator.locks` (Node): exclusive locks by name, granted in request order,
 * `ifAvailable` (callback gets `null` when held) and `signal` (stops waiting).
 */

/** A granted lock (or `null` under `ifAvailable` when it is held elsewhere). */
export interface HeldLock {
  readonly name: string;
}

/** Options of {@link LockRequester.request}, as in the Web Locks API. */
export interface LockRequestOptions {
  ifAvailable?: boolean;
  signal?: AbortSignal;
}

/** What `navigator.locks` offers and the training lock needs. */
export interface LockRequester {
  /** Runs `callback` holding the lock `name` (or with null under `ifAvailable` when it is taken), as `navigator.locks.request`. */
  request<T>(name: string, options: LockRequestOptions, callback: (lock: HeldLock | null) => Promise<T>): Promise<T>;
}

/** The abort reason, or a DOMException named AbortError as the Web Locks API rejects with. */
function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('the lock request was aborted', 'AbortError');
}

/** Exclusive named locks within one JavaScript realm. */
export class InProcessLocks implements LockRequester {
  private readonly queues = new Map<string, (() => void)[]>();

  /** Runs `callback` holding the lock `name`; waiters are granted in request order. */
  async request<T>(
    name: string,
    options: LockRequestOptions,
    callback: (lock: HeldLock | null) => Promise<T>,
  ): Promise<T> {
    const { signal, ifAvailable } = options;
    if (signal?.aborted) throw abortReason(signal);
    const queue = this.queues.get(name);
    if (queue && ifAvailable) return callback(null);
    if (queue) await waitTurn(queue, signal);
    else this.queues.set(name, []);
    try {
      return await callback({ name });
    } finally {
      this.release(name);
    }
  }

  private release(name: string): void {
    const next = this.queues.get(name)?.shift();
    if (next) next();
    else this.queues.delete(name);
  }
}

/** Waits until `queue` hands over the lock, or rejects when `signal` aborts first. */
function waitTurn(queue: (() => void)[], signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const grant = (): void => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    };
    const onAbort = (): void => {
      const i = queue.indexOf(grant);
      if (i >= 0) queue.splice(i, 1);
      reject(abortReason(signal!));
    };
    queue.push(grant);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
