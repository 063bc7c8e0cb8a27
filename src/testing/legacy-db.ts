/**
 * Builds model databases the way older (or newer) builds left them, with idb directly, to test the
 * store's upgrade path and its behaviour beside other tabs.
 */
import { openDB } from 'idb';
import { fromLegacyRecord } from '../store/codec.ts';
import type { LegacyModelRecord, WeightsRecord } from '../store/schema.ts';
import type { ModelInfo } from '../store/types.ts';
import type { ModelState } from '../models/recommender.ts';

/** A schema-v1 record, as the first release wrote it. */
export function legacyRecord(
  id: string,
  state: ModelState,
  version = 1,
  savedAt = 1_700_000_000_000,
): LegacyModelRecord {
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

/** A stored model as schema version 2 kept it: its info and weights records. */
export interface V2Model {
  info: ModelInfo;
  weights: WeightsRecord;
}

/** Creates database `name` at schema version 2 (`modelInfo` + `weights`, no `versions`) holding `models`. */
export async function createV2Database(name: string, models: V2Model[]): Promise<void> {
  const db = await openDB(name, 2, {
    upgrade(database) {
      database.createObjectStore('modelInfo', { keyPath: 'id' });
      database.createObjectStore('weights', { keyPath: 'id' });
    },
  });
  const tx = db.transaction(['modelInfo', 'weights'], 'readwrite');
  const puts = models.flatMap((m) => [
    tx.objectStore('modelInfo').put(m.info),
    tx.objectStore('weights').put(m.weights),
  ]);
  await Promise.all([...puts, tx.done]);
  db.close();
}

/** The v2 records of `state` saved as `version` of `id` (what a v2 build wrote). */
export function v2Model(id: string, state: ModelState, version: number): V2Model {
  const { info, weights } = fromLegacyRecord(legacyRecord(id, state, version));
  return { info, weights };
}

/** Every record of `store` in database `name`, read raw (for checks behind the store's back). */
export async function rawRecords(name: string, store: string): Promise<unknown[]> {
  const db = await openDB(name);
  const records = await db.getAll(store);
  db.close();
  return records;
}

/** Creates database `name` at schema version 3 (checkpoints kept in place of the finished model) holding `models`. */
export async function createV3Database(name: string, models: V2Model[]): Promise<void> {
  const db = await openDB(name, 3, {
    upgrade(database) {
      database.createObjectStore('modelInfo', { keyPath: 'id' });
      database.createObjectStore('weights', { keyPath: 'id' });
      database.createObjectStore('versions', { keyPath: 'id' });
      database.createObjectStore('quarantine', { keyPath: 'key' });
    },
  });
  const tx = db.transaction(['modelInfo', 'weights', 'versions'], 'readwrite');
  const puts = models.flatMap((m) => [
    tx.objectStore('modelInfo').put(m.info),
    tx.objectStore('weights').put(m.weights),
    tx.objectStore('versions').put({ id: m.info.id, version: m.info.version }),
  ]);
  await Promise.all([...puts, tx.done]);
  db.close();
}
