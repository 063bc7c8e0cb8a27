/**
 * Where measured backend choices are kept: IndexedDB where the runtime has it (a page and its workers
 * share it, and it outlives reloads), keyed by device fingerprint; memory elsewhere (Node) or when
 * IndexedDB refuses (private browsing). A cache that fails never fails the caller: it just measures again.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { BackendChoice } from './types.ts';

/** A store of measured choices by device fingerprint. */
export interface ChoiceCache {
  get(fingerprint: string): Promise<BackendChoice | undefined>;
  put(choice: BackendChoice): Promise<void>;
  /** Forgets every stored choice. */
  clear(): Promise<void>;
}

/** Name of the IndexedDB database holding measured choices (one small object per device). */
export const PROBE_DB_NAME = 'linkrec-backend-probe';
const STORE = 'choices';

interface ProbeDb extends DBSchema {
  choices: { key: string; value: BackendChoice };
}

/** A cache in memory, for Node and tests. */
export function memoryChoiceCache(): ChoiceCache {
  const map = new Map<string, BackendChoice>();
  return {
    get: async (fp) => map.get(fp),
    put: async (choice) => void map.set(choice.fingerprint, choice),
    clear: async () => map.clear(),
  };
}

/** A cache in this runtime's IndexedDB (`globalThis.indexedDB`), opened on first use. */
export function idbChoiceCache(): ChoiceCache {
  let db: Promise<IDBPDatabase<ProbeDb>> | null = null;
  const open = (): Promise<IDBPDatabase<ProbeDb>> => {
    db ??= openDB<ProbeDb>(PROBE_DB_NAME, 1, {
      upgrade: (d) => void d.createObjectStore(STORE, { keyPath: 'fingerprint' }),
    });
    return db;
  };
  return {
    get: async (fp) => (await open()).get(STORE, fp),
    put: async (choice) => void (await (await open()).put(STORE, choice)),
    clear: async () => (await open()).clear(STORE),
  };
}

/** A cache that tries `primary` and keeps a memory copy, so an IndexedDB failure costs one measurement, not an error. */
export function resilientCache(primary: ChoiceCache | null): ChoiceCache {
  const memory = memoryChoiceCache();
  return {
    async get(fp) {
      const hit = await memory.get(fp);
      if (hit || !primary) return hit;
      return primary.get(fp).catch(() => undefined);
    },
    async put(choice) {
      await memory.put(choice);
      await primary?.put(choice).catch(() => undefined);
    },
    async clear() {
      await memory.clear();
      await primary?.clear().catch(() => undefined);
    },
  };
}

let shared: ChoiceCache | null = null;

/** This runtime's cache: IndexedDB when present (with a memory copy), memory otherwise. */
export function defaultChoiceCache(): ChoiceCache {
  const hasIdb = (globalThis as { indexedDB?: IDBFactory }).indexedDB !== undefined;
  shared ??= resilientCache(hasIdb ? idbChoiceCache() : null);
  return shared;
}
