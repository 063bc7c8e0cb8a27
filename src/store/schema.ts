/**
 * The IndexedDB layout of the model store, typed for idb. Version 3 (current) keeps a small
 * `modelInfo` record apart from the `weights` record, so listing models never reads weights (as tfjs
 * `io/indexed_db.ts`); `versions` holds the last version ever issued per model id and outlives
 * `delete`, so a version never names two different models (ranking caches trust (id, version));
 * `quarantine` keeps, untouched, the old records an upgrade could not migrate.
 * Version 2 had only `modelInfo` and `weights`. Version 1, the first release's layout, kept both in
 * one `models` record; a v1 record that cannot be migrated is quarantined, the rest are migrated.
 */
import type { DBSchema, IDBPDatabase, IDBPTransaction } from 'idb';
import type { Json, ModelState } from '../models/recommender';
import type { ModelInfo } from './types';
import { fromLegacyRecord } from './codec';

/** Name of the database the store opens unless told otherwise. */
export const DEFAULT_DB_NAME = 'linkrec-models';

/** Schema version of the layout this build writes. */
export const DB_VERSION = 3;

/** One stored tensor: its bytes in an `ArrayBuffer` of exactly the tensor's size. */
export interface StoredTensor {
  name: string;
  shape: number[];
  dtype: 'float32' | 'int32';
  data: ArrayBuffer;
}

/** The heavy record of a model: weights plus the config and meta needed to rebuild its state. */
export interface WeightsRecord {
  id: string;
  /** Codec format of this record (`WEIGHTS_FORMAT` when written by this build). */
  format: number;
  config: { [key: string]: Json };
  meta: { [key: string]: Json };
  tensors: StoredTensor[];
}

/** The last version issued for a model id; kept after the model is deleted. */
export interface VersionRecord {
  id: string;
  version: number;
}

/** What is listed about a record the store could not migrate (see `IdbModelStore.listQuarantined`). */
export interface QuarantineInfo {
  /** Key of the entry: the old record's key as a string (`deleteQuarantined` takes it). */
  key: string;
  /** Where the record came from, e.g. `'schema v1 models'`. */
  source: string;
  /** Why it could not be migrated (the `DataFormatError` message). */
  reason: string;
  quarantinedAt: number;
}

/** A quarantined record: its info plus the record exactly as it was stored. */
export interface QuarantineRecord extends QuarantineInfo {
  record: unknown;
}

/** Schema version 3 (current). */
export interface LinkrecDB extends DBSchema {
  modelInfo: { key: string; value: ModelInfo };
  weights: { key: string; value: WeightsRecord };
  versions: { key: string; value: VersionRecord };
  quarantine: { key: string; value: QuarantineRecord };
}

/** A model as schema version 1 stored it: info and state in one record. */
export interface LegacyModelRecord {
  id: string;
  version: number;
  savedAt: number;
  metrics: { [name: string]: number };
  state: ModelState;
}

/** Schema version 1 (the first release): one `models` store. */
export interface LinkrecDBv1 extends DBSchema {
  models: { key: string; value: LegacyModelRecord };
}

type Store = 'modelInfo' | 'weights' | 'versions' | 'quarantine';
type UpgradeTx = IDBPTransaction<LinkrecDB, Store[], 'versionchange'>;

/**
 * Brings a database from `oldVersion` to `DB_VERSION` (idb's `upgrade` callback): creates the stores
 * it lacks, migrates v1 records, and seeds `versions` from the models kept. Resolves once done; on
 * any error (other than an unmigratable record, which is quarantined) it aborts the versionchange
 * transaction, so the database keeps its old version and every old record, and rejects with it.
 */
export async function upgradeSchema(db: IDBPDatabase<LinkrecDB>, oldVersion: number, tx: UpgradeTx): Promise<void> {
  try {
    if (oldVersion < 2) {
      db.createObjectStore('modelInfo', { keyPath: 'id' });
      db.createObjectStore('weights', { keyPath: 'id' });
    }
    db.createObjectStore('versions', { keyPath: 'id' });
    db.createObjectStore('quarantine', { keyPath: 'key' });
    if (oldVersion === 1) await migrateV1(db, tx);
    else if (oldVersion === 2) await seedVersions(tx);
  } catch (error) {
    try {
      tx.abort();
    } catch {
      // Already aborted or finished: nothing left to undo.
    }
    throw error;
  }
}

/** One version record per model already stored (v2 → v3), so a later delete keeps its number. */
async function seedVersions(tx: UpgradeTx): Promise<void> {
  const infos = await tx.objectStore('modelInfo').getAll();
  await Promise.all(infos.map(({ id, version }) => tx.objectStore('versions').put({ id, version })));
}

/**
 * Moves every v1 `models` record into `modelInfo` + `weights` (+ its `versions` mark), quarantines
 * those the codec refuses, then drops the v1 store.
 */
async function migrateV1(db: IDBPDatabase<LinkrecDB>, tx: UpgradeTx): Promise<void> {
  const legacyTx = tx as unknown as IDBPTransaction<LinkrecDBv1, ['models'], 'versionchange'>;
  // Only IndexedDB requests are awaited here, so the versionchange transaction stays active.
  const models = legacyTx.objectStore('models');
  const [keys, records] = await Promise.all([models.getAllKeys(), models.getAll()]);
  const puts: Promise<unknown>[] = [];
  const now = Date.now();
  const used = new Set<string>();
  records.forEach((record, i) => {
    const migrated = tryMigrate(record);
    if ('reason' in migrated) {
      const key = distinctKey(String(keys[i]), used); // keys 5 and '5' are two records
      const entry: QuarantineRecord = { key, source: 'schema v1 models', reason: migrated.reason, quarantinedAt: now, record };
      puts.push(tx.objectStore('quarantine').put(entry));
      // A version it may have been served under stays taken.
      const { id, version } = (record ?? {}) as Partial<LegacyModelRecord>;
      if (typeof id === 'string' && Number.isSafeInteger(version)) puts.push(tx.objectStore('versions').put({ id, version: version! }));
      return;
    }
    const { info, weights } = migrated;
    puts.push(tx.objectStore('weights').put(weights), tx.objectStore('modelInfo').put(info));
    puts.push(tx.objectStore('versions').put({ id: info.id, version: info.version }));
  });
  await Promise.all(puts);
  (db as unknown as IDBPDatabase<LinkrecDBv1>).deleteObjectStore('models');
}

function distinctKey(key: string, used: Set<string>): string {
  let k = key;
  for (let n = 2; used.has(k); n++) k = `${key} (${n})`;
  used.add(k);
  return k;
}

/** The migrated records of `record`, or why it cannot be migrated (any error: the record is data, not code). */
function tryMigrate(record: LegacyModelRecord): ReturnType<typeof fromLegacyRecord> | { reason: string } {
  try {
    return fromLegacyRecord(record);
  } catch (error) {
    return { reason: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  }
}
