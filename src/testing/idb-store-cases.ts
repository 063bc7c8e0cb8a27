/**
 * IndexedDB-specific store tests (schema upgrade, other tabs), run in Node over fake-indexeddb and in
 * real Chromium. Each test uses a database name of its own from `newName`.
 */
import { deleteDB, openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import { DataFormatError, StoreVersionError } from '../errors';
import { IdbModelStore } from '../store/idb-store';
import { DB_VERSION, type LegacyModelRecord } from '../store/schema';
import { createV1Database, inspectDatabase, legacyRecord } from './legacy-db';
import { sampleState, stateMismatches } from './store-fixtures';

/** Registers the IndexedDB schema and multi-tab tests. */
export function describeIdbStoreCases(label: string, newName: () => string): void {
  describe(`IdbModelStore schema and tabs: ${label}`, () => {
    it('migrates every model of a v1 database on open, losing none', async () => {
      const name = newName();
      const states = {
        big: sampleState({ rows: 1000, dim: 50, seed: 5 }),
        small: sampleState({ seed: 6 }),
        ints: sampleState({ rows: 3, dim: 1, seed: 7 }),
      };
      const records = Object.entries(states).map(([id, s], i) => legacyRecord(id, s, i + 4, 1_700_000_000_000 + i));
      await createV1Database(name, records);

      const store = await IdbModelStore.open(name);
      const list = await store.list();
      expect(list.map((i) => [i.id, i.version, i.createdAt])).toEqual([
        ['big', 4, 1_700_000_000_000],
        ['ints', 6, 1_700_000_000_002],
        ['small', 5, 1_700_000_000_001],
      ]);
      expect(list[0]).toMatchObject({ kind: 'mf', stateVersion: 3, metrics: { hr10: 0.5 }, params: 2 * 50_000 + 1001 });
      for (const [id, state] of Object.entries(states)) expect(stateMismatches((await store.load(id)).state, state)).toBe(0);
      expect((await store.save('big', states.small)).version).toBe(5);
      store.close();
      expect(await inspectDatabase(name)).toEqual({ version: DB_VERSION, stores: ['modelInfo', 'weights'] });
    });

    it('aborts a failing migration and leaves the v1 database as it was', async () => {
      const name = newName();
      const broken = sampleState();
      broken.tensors.users.shape = [1, 1];
      const records: LegacyModelRecord[] = [legacyRecord('good', sampleState()), legacyRecord('broken', broken)];
      await createV1Database(name, records);
      const error = await IdbModelStore.open(name).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DataFormatError);
      expect(String(error)).toMatch(/v1 model 'broken'.*users/);
      expect(await inspectDatabase(name)).toEqual({ version: 1, stores: ['models'] });
      const db = await openDB(name);
      expect(await db.getAllKeys('models')).toEqual(['broken', 'good']);
      db.close();
    });

    it('waits (reporting onBlocked) for an old tab that keeps its connection, then migrates', async () => {
      const name = newName();
      await createV1Database(name, [legacyRecord('m', sampleState())]);
      const oldTab = await openDB(name, 1); // an old build: no versionchange handler
      let blocked!: () => void;
      const wasBlocked = new Promise<void>((resolve) => (blocked = resolve));
      const opening = IdbModelStore.open(name, { onBlocked: blocked });
      await wasBlocked;
      oldTab.close();
      const store = await opening;
      expect((await store.info('m'))?.version).toBe(1);
      store.close();
    });

    it('steps aside for a newer schema in another tab, then reports StoreVersionError', async () => {
      const name = newName();
      const changes: (number | null)[] = [];
      const store = await IdbModelStore.open(name, { onVersionChange: (v) => changes.push(v) });
      await store.save('m', sampleState());
      let newerBlocked = false;
      const newer = await openDB(name, DB_VERSION + 1, {
        upgrade: (db) => void db.createObjectStore('v3'),
        blocked: () => (newerBlocked = true),
      });
      expect(newerBlocked).toBe(false);
      expect(changes).toEqual([DB_VERSION + 1]);
      const error = await store.list().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StoreVersionError);
      expect(error).toMatchObject({ found: DB_VERSION + 1, supported: DB_VERSION });
      newer.close();
      await expect(IdbModelStore.open(name)).rejects.toThrow(StoreVersionError);
      store.close();
    });

    it('lets another tab delete the database, then starts afresh', async () => {
      const name = newName();
      const store = await IdbModelStore.open(name);
      await store.save('m', sampleState());
      await deleteDB(name, { blocked: () => expect.unreachable('delete was blocked') });
      expect(await store.list()).toEqual([]);
      expect((await store.save('m', sampleState())).version).toBe(1);
      store.close();
    });

    it('deletes a model from both stores in one go', async () => {
      const name = newName();
      const store = await IdbModelStore.open(name);
      await store.save('gone', sampleState());
      await store.save('kept', sampleState());
      await store.delete('gone');
      const raw = await openDB(name);
      expect([await raw.getAllKeys('modelInfo'), await raw.getAllKeys('weights')]).toEqual([['kept'], ['kept']]);
      raw.close();
      store.close();
    });

    it('lists from modelInfo alone; a model whose weights vanished fails to load by name', async () => {
      const name = newName();
      const store = await IdbModelStore.open(name);
      await store.save('m', sampleState());
      const raw = await openDB(name);
      await raw.delete('weights', 'm');
      raw.close();
      expect((await store.list()).map((i) => i.id)).toEqual(['m']);
      await expect(store.load('m')).rejects.toThrow(DataFormatError);
      store.close();
    });
  });
}
