/** The model store every package worker uses: the shared IndexedDB store, opened on first use. */
import { lazyStore } from '../rpc/lazy-store.ts';
import { IdbModelStore } from '../store/idb-store.ts';
import type { ModelStore } from '../store/types.ts';

/** `IdbModelStore.open()`, opened on first use (or at once with `eager`). */
export function idbStore(eager = false): ModelStore {
  return lazyStore(() => IdbModelStore.open(), eager);
}
