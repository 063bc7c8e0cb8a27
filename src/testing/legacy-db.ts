/**
 * Builds model databases the way older (or newer) builds left them, with idb directly, to test the
 * store's upgrade path and its behaviour beside other tabs.
 */
import { openDB } from 'idb';
import type { LegacyModelRecord } from '../store/schema';
import type { ModelState } from '../models/recommender';

/** A schema-v1 record, as the first release wrote it. */
export function legacyRecord(id: string, state: ModelState, version = 1, savedAt = 1_700_000_000_000): LegacyModelRecord {
  return { id, version, savedAt, metrics: { hr10: 0.5 }, state };
}

/** Creates database `name` at schema version 1 (one `models` store) holding `records`. */
export async function createV1Database(name: string, records: LegacyModelRecord[]): Promise<void> {
  const db = await openDB(name, 1, {
    upgrade(database) {
      database.createObjectStore('models', { keyPath: 'id' });
    },
  });
  const tx = db.transaction('models', 'readwrite');
  await Promise.all([...records.map((r) => tx.store.put(r)), tx.done]);
  db.close();
}

/** Version and store names of database `name`, opened without upgrading it. */
export async function inspectDatabase(name: string): Promise<{ version: number; stores: string[] }> {
  const db = await openDB(name);
  const result = { version: db.version, stores: [...db.objectStoreNames].sort() };
  db.close();
  return result;
}
