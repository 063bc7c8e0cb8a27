/**
 * IndexedDB-specific store tests (schema upgrade, other tabs), run in Node over fake-indexeddb and in
 * real Chromium. Each test uses a database name of its own from `newName`.
 */
import { deleteDB, openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import { ModelNotFoundError, StoreVersionError } from '../errors.ts';
import { IdbModelStore } from '../store/idb-store.ts';
import type { ModelState } from '../models/recommender.ts';
import { DB_VERSION, type LegacyModelRecord } from '../store/schema.ts';
import {
  createV1Database,
  createV2Database,
  createV3Database,
  inspectDatabase,
  legacyRecord,
  rawRecords,
  v2Model,
} from './legacy-db.ts';
import { sampleState, stateMismatches } from './store-fixtures.ts';

/** Object stores of the current schema, sorted. */
const STORES = ['checkpointInfo', 'checkpointWeights', 'modelInfo', 'quarantine', 'versions', 'weights'];

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
      for (const [id, state] of Object.entries(states))
        expect(stateMismatches((await store.load(id)).state, state)).toBe(0);
      expect((await store.save('big', states.small)).version).toBe(5);
      store.close();
      expect(await inspectDatabase(name)).toEqual({ version: DB_VERSION, stores: STORES });
      expect(await rawRecords(name, 'versions')).toEqual([
        { id: 'big', version: 5 },
        { id: 'ints', version: 6 },
        { id: 'small', version: 5 },
      ]);
    });

    it('quarantines a v1 record it cannot migrate, migrates the rest and opens (v1 → v3)', async () => {
      const name = newName();
      const broken = sampleState();
      broken.tensors.users.shape = [1, 1];
      const good = [legacyRecord('a', sampleState({ seed: 1 }), 2), legacyRecord('b', sampleState({ seed: 2 }), 3)];
      await createV1Database(name, [...good, legacyRecord('broken', broken, 7)]);

      const store = await IdbModelStore.open(name);
      expect((await store.list()).map((i) => [i.id, i.version])).toEqual([
        ['a', 2],
        ['b', 3],
      ]);
      expect(stateMismatches((await store.load('a')).state, sampleState({ seed: 1 }))).toBe(0);
      expect(stateMismatches((await store.load('b')).state, sampleState({ seed: 2 }))).toBe(0);
      const [entry, ...more] = await store.listQuarantined();
      expect(more).toEqual([]);
      expect(entry).toMatchObject({ key: 'broken', source: 'schema v1 models' });
      expect(entry.reason).toMatch(/DataFormatError.*v1 model 'broken'.*users/);
      expect(Object.keys(entry)).not.toContain('record');
      // Kept untouched: the raw record is there to export or repair.
      const raw = await store.readQuarantined('broken');
      expect((raw?.record as LegacyModelRecord).state.tensors.users.shape).toEqual([1, 1]);
      expect(stateMismatches((raw?.record as LegacyModelRecord).state, broken)).toBe(0);
      // The id is free again, past the version the broken record was served under.
      expect(await store.save('broken', sampleState())).toMatchObject({ version: 8 });
      expect((await store.save('c', sampleState())).version).toBe(1);
      await store.deleteQuarantined('broken');
      await store.deleteQuarantined('never-there');
      expect(await store.listQuarantined()).toEqual([]);
      store.close();

      expect(await inspectDatabase(name)).toEqual({ version: DB_VERSION, stores: STORES });
      const again = await IdbModelStore.open(name);
      expect((await again.list()).map((i) => i.id)).toEqual(['a', 'b', 'broken', 'c']);
      again.close();
    });

    it('quarantines every kind of malformed v1 record, each with its reason, and keeps the good one', async () => {
      const name = newName();
      const wrongData = sampleState();
      (wrongData.tensors.items as { data: unknown }).data = [1, 2, 3];
      const malformed = [
        { id: 'no-state', version: 1, savedAt: 1, metrics: {} },
        { ...legacyRecord('bad-version', sampleState()), version: 'two' },
        legacyRecord('tensors-string', { ...sampleState(), tensors: 'nope' } as unknown as ModelState),
        legacyRecord('plain-array', wrongData),
        { ...legacyRecord('null-metrics', sampleState()), metrics: 7 },
      ];
      await createV1Database(name, [
        legacyRecord('ok', sampleState()),
        ...(malformed as unknown as LegacyModelRecord[]),
      ]);
      const store = await IdbModelStore.open(name);
      expect((await store.list()).map((i) => i.id)).toEqual(['ok']);
      expect(stateMismatches((await store.load('ok')).state, sampleState())).toBe(0);
      const quarantined = await store.listQuarantined();
      expect(quarantined.map((q) => q.key)).toEqual([
        'bad-version',
        'no-state',
        'null-metrics',
        'plain-array',
        'tensors-string',
      ]);
      for (const q of quarantined) expect(q.reason).toMatch(new RegExp(`^DataFormatError: .*'${q.key}'`));
      expect(quarantined.find((q) => q.key === 'plain-array')?.reason).toMatch(/items.*Float32Array/);
      store.close();
    });

    it("upgrades a v2 database in place, seeding every model's version mark (v2 → v3)", async () => {
      const name = newName();
      await createV2Database(name, [
        v2Model('x', sampleState({ seed: 3 }), 4),
        v2Model('y', sampleState({ seed: 4 }), 1),
      ]);
      const store = await IdbModelStore.open(name);
      expect(await inspectDatabase(name)).toEqual({ version: DB_VERSION, stores: STORES });
      expect((await store.list()).map((i) => [i.id, i.version])).toEqual([
        ['x', 4],
        ['y', 1],
      ]);
      expect(stateMismatches((await store.load('x')).state, sampleState({ seed: 3 }))).toBe(0);
      expect(await store.listQuarantined()).toEqual([]);
      await store.delete('x');
      expect((await store.save('x', sampleState())).version).toBe(5);
      expect((await store.save('y', sampleState())).version).toBe(2);
      store.close();
    });

    it('moves a v3 checkpoint into the checkpoint slot, so it resumes but is never served (v3 → v4)', async () => {
      const name = newName();
      const ckpt = v2Model('ck', sampleState({ seed: 5 }), 7);
      ckpt.info.checkpoint = { epoch: 1, step: 20 };
      await createV3Database(name, [ckpt, v2Model('done', sampleState({ seed: 6 }), 2)]);
      const store = await IdbModelStore.open(name);
      expect(await inspectDatabase(name)).toEqual({ version: DB_VERSION, stores: STORES });
      expect(await store.info('ck')).toBeUndefined();
      const resumed = await store.loadCheckpoint('ck');
      expect(resumed.info).toMatchObject({ version: 7, checkpoint: { epoch: 1, step: 20 } });
      expect(stateMismatches(resumed.state, sampleState({ seed: 5 }))).toBe(0);
      expect((await store.list()).map((i) => [i.id, i.version, !!i.checkpoint])).toEqual([
        ['ck', 7, true],
        ['done', 2, false],
      ]);
      expect((await store.save('ck', sampleState())).version).toBe(8);
      expect(await store.checkpointInfo('ck')).toBeUndefined();
      store.close();
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
      expect(await raw.getAllKeys('versions')).toEqual(['gone', 'kept']); // the mark outlives the model
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
      await expect(store.load('m')).rejects.toThrow(ModelNotFoundError);
      store.close();
    });
  });
}
