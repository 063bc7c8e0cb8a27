/**
 * A ModelStore that opens its real store on first use. Worker entry files expose their service
 * synchronously (a module worker may drop messages that arrive during a top-level await) and let the
 * IndexedDB connection open behind it.
 */
import type { ModelStore } from '../store/types.ts';

/**
 * The store `open()` gives, opened once: on the first call, or at once with `eager` (a ranking worker
 * opens IndexedDB while its backend starts, off the path to its first answer).
 */
export function lazyStore(open: () => Promise<ModelStore>, eager = false): ModelStore {
  let opening: Promise<ModelStore> | undefined;
  const store = (): Promise<ModelStore> => {
    opening ??= open().catch((err: unknown) => {
      opening = undefined; // a later call may try again
      throw err;
    });
    return opening;
  };
  if (eager) store().catch(() => undefined); // a failure surfaces (and is retried) on first use
  return {
    save: async (id, state, options) => (await store()).save(id, state, options),
    load: async (id) => (await store()).load(id),
    info: async (id) => (await store()).info(id),
    checkpointInfo: async (id) => (await store()).checkpointInfo(id),
    loadCheckpoint: async (id) => (await store()).loadCheckpoint(id),
    list: async () => (await store()).list(),
    delete: async (id) => (await store()).delete(id),
    estimate: async () => (await store()).estimate(),
    close: () =>
      void opening?.then(
        (s) => s.close(),
        () => undefined,
      ),
  };
}
