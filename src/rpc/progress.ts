/**
 * The service side of a progress channel: ordered sends through the (comlink-proxied) callback, a
 * heartbeat so the client can tell a dead worker from a slow one, and a flush so a result is never
 * returned before the progress that preceded it has been handled.
 */
import { releaseProxy } from 'comlink';
import type { WireProgress } from './protocol.ts';

/** An open progress channel. */
export interface ProgressChannel {
  send(p: WireProgress): void;
  /** Resolves once every event sent so far has been handled by the receiver. */
  flush(): Promise<void>;
  /** Stops the heartbeat, flushes and releases the remote callback. */
  close(): Promise<void>;
}

/** Opens a channel over `onProgress`; `heartbeatMs > 0` adds a heartbeat for `modelId`. */
export function openProgress(onProgress: (p: WireProgress) => void, modelId: string, heartbeatMs = 0): ProgressChannel {
  let delivered: Promise<unknown> = Promise.resolve();
  const send = (p: WireProgress): void => {
    // A remote callback returns a promise; a closed page must not surface as an unhandled rejection.
    delivered = Promise.resolve()
      .then(() => onProgress(p))
      .catch(() => undefined);
  };
  const beat = (): void => send({ status: 'heartbeat', modelId, at: performance.now() });
  const timer = heartbeatMs > 0 ? setInterval(beat, heartbeatMs) : undefined;
  // Calls on one channel are handled in order, so the last acknowledgement covers all before it.
  const flush = (): Promise<void> => delivered.then(() => undefined);
  return {
    send,
    flush,
    async close() {
      clearInterval(timer);
      await flush();
      releaseRemote(onProgress);
    },
  };
}

/** Closes the port behind a comlink-proxied callback (a plain function has no such handle). */
export function releaseRemote(callback: unknown): void {
  const release = (callback as { [releaseProxy]?: unknown })[releaseProxy];
  if (typeof release === 'function') release();
}
