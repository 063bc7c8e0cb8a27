/**
 * The IndexedDB layout of the model store, typed for idb. Version 2 (current) keeps a small
 * `modelInfo` record apart from the `weights` record, so listing models never reads weights (as tfjs
 * `io/indexed_db.ts`). Version 1, the first release's layout, kept both in one `models` record; the
 * upgrade migrates every v1 model inside the versionchange transaction, or aborts and keeps v1 intact.
 */
import type { DBSchema, IDBPDatabase, IDBPTransaction } from 'idb';
import type { Json, ModelState } from '../models/recommender';
import type { ModelInfo } from './types';
import { fromLegacyRecord } from './codec';

/** Name of the database the store opens unless told otherwise. */
export const DEFAULT_DB_NAME = 'linkrec-models';

/** Schema version of the layout this build writes. */
export const DB_VERSION = 2;

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

/** Schema version 2 (current). */
export interface LinkrecDB extends DBSchema {
  modelInfo: { key: string; value: ModelInfo };
  weights: { key: string; value: WeightsRecord };
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

type UpgradeTx = IDBPTransaction<LinkrecDB, ('modelInfo' | 'weights')[], 'versionchange'>;

/**
 * Brings a database from `oldVersion` to `DB_VERSION` (idb's `upgrade` callback). Resolves once
 * migrated; on any error it aborts the versionchange transaction, so the database keeps its old
 * version and every old record, and rejects with that error.
 */
export async function upgradeSchema(db: IDBPDatabase<LinkrecDB>, oldVersion: number, tx: UpgradeTx): Promise<void> {
  try {
    db.createObjectStore('modelInfo', { keyPath: 'id' });
    db.createObjectStore('weights', { keyPath: 'id' });
    if (oldVersion === 1) await migrateV1(db, tx);
  } catch (error) {
    try {
      tx.abort();
    } catch {
      // Already aborted or finished: nothing left to undo.
    }
    throw error;
  }
}

/** Moves every v1 `models` record into `modelInfo` + `weights`, then drops the v1 store. */
async function migrateV1(db: IDBPDatabase<LinkrecDB>, tx: UpgradeTx): Promise<void> {
  const legacyTx = tx as unknown as IDBPTransaction<LinkrecDBv1, ['models'], 'versionchange'>;
  // Only IndexedDB requests are awaited here, so the versionchange transaction stays active.
  const records = await legacyTx.objectStore('models').getAll();
  const puts: Promise<unknown>[] = [];
  for (const record of records) {
    const { info, weights } = fromLegacyRecord(record);
    puts.push(tx.objectStore('weights').put(weights), tx.objectStore('modelInfo').put(info));
  }
  await Promise.all(puts);
  (db as unknown as IDBPDatabase<LinkrecDBv1>).deleteObjectStore('models');
}
