/**
 * Upgrades of the IndexedDB layout (`schema.ts`) to `DB_VERSION`, run inside idb's `upgrade`
 * callback: creates missing stores, migrates v1 records through the codec, quarantines the rest.
 */
import type { IDBPDatabase, IDBPTransaction } from 'idb';
import { fromLegacyRecord } from './codec.ts';
import type { LegacyModelRecord, LinkrecDB, LinkrecDBv1, QuarantineRecord } from './schema.ts';

type Store = 'modelInfo' | 'weights' | 'versions' | 'quarantine' | 'checkpointInfo' | 'checkpointWeights';
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
    if (oldVersion < 3) {
      db.createObjectStore('versions', { keyPath: 'id' });
      db.createObjectStore('quarantine', { keyPath: 'key' });
    }
    if (oldVersion < 4) {
      db.createObjectStore('checkpointInfo', { keyPath: 'id' });
      db.createObjectStore('checkpointWeights', { keyPath: 'id' });
    }
    if (oldVersion === 1) await migrateV1(db, tx);
    else if (oldVersion === 2) await seedVersions(tx);
    if (oldVersion === 2 || oldVersion === 3) await moveCheckpoints(tx);
  } catch (error) {
    try {
      tx.abort();
    } catch {
      // Already aborted or finished: nothing left to undo.
    }
    throw error;
  }
}

/**
 * Moves each record marked as a checkpoint (v2/v3 kept it in place of the finished model) into the
 * checkpoint stores (v4), so it is resumed as before but never served as a finished model.
 */
async function moveCheckpoints(tx: UpgradeTx): Promise<void> {
  const infos = (await tx.objectStore('modelInfo').getAll()).filter((info) => info.checkpoint);
  const weights = await Promise.all(infos.map(({ id }) => tx.objectStore('weights').get(id)));
  const puts: Promise<unknown>[] = [];
  infos.forEach((info, i) => {
    const w = weights[i];
    if (w) puts.push(tx.objectStore('checkpointInfo').put(info), tx.objectStore('checkpointWeights').put(w));
    puts.push(tx.objectStore('modelInfo').delete(info.id), tx.objectStore('weights').delete(info.id));
  });
  await Promise.all(puts);
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
      const entry: QuarantineRecord = {
        key,
        source: 'schema v1 models',
        reason: migrated.reason,
        quarantinedAt: now,
        record,
      };
      puts.push(tx.objectStore('quarantine').put(entry));
      // A version it may have been served under stays taken.
      const { id, version } = (record ?? {}) as Partial<LegacyModelRecord>;
      if (typeof id === 'string' && Number.isSafeInteger(version))
        puts.push(tx.objectStore('versions').put({ id, version: version! }));
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
