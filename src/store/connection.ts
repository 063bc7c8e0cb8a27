/**
 * One IndexedDB connection to the model database that steps aside for other tabs: when a newer build
 * upgrades (or someone deletes) the database, this connection closes at once instead of blocking it,
 * and reopens on next use — failing with `StoreVersionError` if the schema is now newer than ours.
 */
import { openDB, type IDBPDatabase } from 'idb';
import { LinkrecError, StoreVersionError } from '../errors.ts';
import { DB_VERSION, type LinkrecDB } from './schema.ts';
import { upgradeSchema } from './upgrade.ts';

/** Callbacks of `IdbModelStore.open` about other tabs. */
export interface ConnectionEvents {
  /** Our open waits for another tab (an older build) to close its connection. */
  onBlocked?: () => void;
  /** We closed our connection so another tab could upgrade to `newVersion` (`null`: delete). */
  onVersionChange?: (newVersion: number | null) => void;
}

export class Connection {
  private db: Promise<IDBPDatabase<LinkrecDB>> | null = null;
  private closed = false;

  constructor(
    readonly name: string,
    private readonly events: ConnectionEvents = {},
  ) {}

  /** The open database, (re)opening it when needed. */
  get(): Promise<IDBPDatabase<LinkrecDB>> {
    if (this.closed) return Promise.reject(new LinkrecError(`model store '${this.name}' is closed`));
    if (!this.db) {
      const opening = this.open();
      this.db = opening;
      // A failed open is not cached: the next call tries again.
      opening.catch(() => {
        if (this.db === opening) this.db = null;
      });
    }
    return this.db;
  }

  close(): void {
    this.closed = true;
    this.drop();
  }

  private drop(): void {
    const db = this.db;
    this.db = null;
    void db?.then((d) => d.close()).catch(() => undefined);
  }

  private async open(): Promise<IDBPDatabase<LinkrecDB>> {
    let migration: Promise<void> | undefined;
    try {
      const db = await openDB<LinkrecDB>(this.name, DB_VERSION, {
        upgrade: (database, oldVersion, _newVersion, tx) => {
          // Both failures surface through the open below; silence their orphan promises.
          tx.done.catch(() => undefined);
          migration = upgradeSchema(database, oldVersion, tx);
          migration.catch(() => undefined);
        },
        blocked: () => this.events.onBlocked?.(),
        blocking: (_current, newVersion, event) => {
          // Close synchronously, inside the event, so the other tab's open is not even blocked.
          (event.target as IDBDatabase).close();
          this.drop();
          this.events.onVersionChange?.(newVersion);
        },
        terminated: () => {
          this.db = null;
        },
      });
      await migration;
      return db;
    } catch (error) {
      await migration; // the migration's own error says what went wrong, not the AbortError
      if (error instanceof Error && error.name === 'VersionError') {
        throw new StoreVersionError(this.name, await storedVersion(this.name), DB_VERSION);
      }
      throw error;
    }
  }
}

/** The version the database has now (opening without a version never upgrades). */
async function storedVersion(name: string): Promise<number> {
  const db = await openDB(name);
  const version = db.version;
  db.close();
  return version;
}
