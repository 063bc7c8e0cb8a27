/**
 * The personal profiles' own IndexedDB database, apart from the model store (whose shipped models stay
 * read-only and shared). `profiles` holds one record per (model id, person); `revisions` the last
 * revision issued per key, kept after `forgetAll`, so a revision never names two states.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { ProfileState } from './types.ts';

/** Name of the database profiles open unless told otherwise. */
export const PROFILE_DB_NAME = 'linkrec-personal';

const DB_VERSION = 1;

interface StoredProfile extends ProfileState {
  key: string;
}

interface ProfileDB extends DBSchema {
  profiles: { key: string; value: StoredProfile };
  revisions: { key: string; value: { key: string; revision: number } };
}

/** The record key of `person`'s profile for `modelId`. */
export function profileKey(modelId: string, person: string): string {
  return JSON.stringify([modelId, person]);
}

/** One connection to the profile database; steps aside when another tab upgrades or deletes it. */
export class ProfileDatabase {
  private db: Promise<IDBPDatabase<ProfileDB>> | null = null;

  constructor(readonly name: string) {}

  /** The stored state of `key`, or undefined when there is none. */
  async read(key: string): Promise<{ state: ProfileState | undefined; revision: number }> {
    const db = await this.open();
    const tx = db.transaction(['profiles', 'revisions'], 'readonly');
    const [stored, issued] = await Promise.all([
      tx.objectStore('profiles').get(key),
      tx.objectStore('revisions').get(key),
    ]);
    await tx.done;
    return { state: stored && withoutKey(stored), revision: issued?.revision ?? 0 };
  }

  /**
   * Writes `state` (or deletes the record: `null`) under the next revision, in one transaction; returns
   * that revision. `durability` as IndexedDB's hint: `'strict'` returns once the data is on disk.
   */
  async write(
    key: string,
    state: Omit<ProfileState, 'revision'> | null,
    durability: IDBTransactionDurability,
  ): Promise<number> {
    const db = await this.open();
    const tx = db.transaction(['profiles', 'revisions'], 'readwrite', { durability });
    const revisions = tx.objectStore('revisions');
    const revision = ((await revisions.get(key))?.revision ?? 0) + 1;
    await revisions.put({ key, revision });
    if (state) await tx.objectStore('profiles').put({ ...state, revision, key });
    else await tx.objectStore('profiles').delete(key);
    await tx.done;
    return revision;
  }

  close(): void {
    const db = this.db;
    this.db = null;
    void db?.then((d) => d.close()).catch(() => undefined);
  }

  private open(): Promise<IDBPDatabase<ProfileDB>> {
    if (!this.db) {
      const opening = openDB<ProfileDB>(this.name, DB_VERSION, {
        upgrade(db) {
          db.createObjectStore('profiles', { keyPath: 'key' });
          db.createObjectStore('revisions', { keyPath: 'key' });
        },
        // Another tab upgrades or deletes the database: close now, reopen on next use.
        blocking: (_current, _next, event) => {
          (event.target as IDBDatabase).close();
          this.db = null;
        },
        terminated: () => {
          this.db = null;
        },
      });
      this.db = opening;
      opening.catch(() => {
        if (this.db === opening) this.db = null; // a failed open is tried again next time
      });
    }
    return this.db;
  }
}

function withoutKey(stored: StoredProfile): ProfileState {
  const { key: _key, ...state } = stored;
  return { ...state, features: state.features ?? {} };
}
