/**
 * The model store contract, written once and run against every ModelStore: the memory store and the
 * IndexedDB store over fake-indexeddb in Node, the IndexedDB store in real Chromium.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { InvalidArgumentError, ModelNotFoundError } from '../errors.ts';
import type { ModelStore } from '../store/types.ts';
import { sampleState, stateMismatches } from './store-fixtures.ts';

/** Registers the contract tests for stores made by `create` (a fresh, empty store per test). */
export function describeModelStoreContract(label: string, create: () => Promise<ModelStore>): void {
  describe(`ModelStore contract: ${label}`, () => {
    let open: ModelStore[] = [];
    const fresh = async (): Promise<ModelStore> => {
      const store = await create();
      open.push(store);
      return store;
    };
    afterEach(() => {
      for (const s of open) s.close();
      open = [];
    });

    it('saves and loads a state bit-exact, with its config, meta and sizes', async () => {
      const store = await fresh();
      const state = sampleState({ rows: 50, dim: 8 });
      const info = await store.save('mf-1', state, { metrics: { hr10: 0.61 } });
      expect(info).toMatchObject({ id: 'mf-1', kind: 'mf', stateVersion: 3, version: 1, metrics: { hr10: 0.61 } });
      expect(info.bytes).toBe(2 * 50 * 8 * 4 + 50 * 4 + 4);
      expect(info.params).toBe(2 * 50 * 8 + 50 + 1);
      expect(info.createdAt).toBe(info.updatedAt);
      expect(info.checkpoint).toBeUndefined();
      const loaded = await store.load('mf-1');
      expect(loaded.info).toEqual(info);
      expect(stateMismatches(loaded.state, state)).toBe(0);
      expect(loaded.state.tensors.bias.shape).toEqual([]);
      expect(Object.is(loaded.state.tensors.bias.data[0], -0)).toBe(true);
      expect(loaded.state.tensors.counts.data).toBeInstanceOf(Int32Array);
      expect(loaded.state.config).toEqual(state.config);
      expect(loaded.state.meta).toEqual(state.meta);
    });

    it('bumps the version on every save, keeps createdAt and serves the latest state', async () => {
      const store = await fresh();
      const first = await store.save('m', sampleState({ seed: 1 }));
      const second = await store.save('m', sampleState({ seed: 2 }));
      expect([first.version, second.version]).toEqual([1, 2]);
      expect(second.createdAt).toBe(first.createdAt);
      expect(second.updatedAt).toBeGreaterThanOrEqual(first.updatedAt);
      const { info, state } = await store.load('m');
      expect(info.version).toBe(2);
      expect(stateMismatches(state, sampleState({ seed: 2 }))).toBe(0);
      expect(stateMismatches(state, sampleState({ seed: 1 }))).toBeGreaterThan(0);
    });

    it('gives concurrent saves of one id distinct, consecutive versions', async () => {
      const store = await fresh();
      const infos = await Promise.all([1, 2, 3, 4, 5].map((seed) => store.save('c', sampleState({ seed }))));
      expect(infos.map((i) => i.version).sort()).toEqual([1, 2, 3, 4, 5]);
      expect((await store.info('c'))?.version).toBe(5);
    });

    it('lists infos by id without weights; info() reads one', async () => {
      const store = await fresh();
      for (const id of ['b', 'a', 'c']) await store.save(id, sampleState());
      const list = await store.list();
      expect(list.map((i) => i.id)).toEqual(['a', 'b', 'c']);
      for (const i of list) expect(Object.keys(i)).not.toContain('tensors');
      expect(await store.info('b')).toEqual(list[1]);
      expect(list[0].meta).toEqual({ dataset: 'fixture', users: 8, note: 'ünïcødé ✓' });
    });

    it('deletes info and weights together; unknown ids are absent, not errors', async () => {
      const store = await fresh();
      await store.save('gone', sampleState());
      await store.save('kept', sampleState());
      await store.delete('gone');
      await store.delete('never-saved');
      expect(await store.info('gone')).toBeUndefined();
      expect((await store.list()).map((i) => i.id)).toEqual(['kept']);
      const error = await store.load('gone').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ModelNotFoundError);
      expect(error).toMatchObject({ name: 'ModelNotFoundError', id: 'gone' });
      expect((await store.save('gone', sampleState())).version).toBe(2);
    });

    it('never reuses a version after delete: save v1, v2, delete, save → v3', async () => {
      const store = await fresh();
      await store.save('r', sampleState({ seed: 1 }));
      expect((await store.save('r', sampleState({ seed: 2 }))).version).toBe(2);
      await store.delete('r');
      const again = await store.save('r', sampleState({ seed: 3 }));
      expect(again.version).toBe(3);
      expect(again.createdAt).toBe(again.updatedAt); // a new model, not the deleted one's continuation
      expect((await store.load('r')).info.version).toBe(3);
      await store.delete('r');
      await store.delete('r');
      expect((await store.save('r', sampleState())).version).toBe(4);
      expect((await store.save('other', sampleState())).version).toBe(1); // marks are per id
    });

    it('stores copies: mutating a saved or a loaded state never changes the stored one', async () => {
      const store = await fresh();
      const state = sampleState();
      await store.save('iso', state);
      (state.tensors.users.data as Float32Array).fill(7);
      (state.config as { dim: number }).dim = 999;
      const first = await store.load('iso');
      first.state.tensors.items.data.fill(9);
      first.state.meta.dataset = 'changed';
      const again = await store.load('iso');
      expect(stateMismatches(again.state, sampleState())).toBe(0);
      expect(again.state.config.dim).toBe(4);
      expect(again.state.meta.dataset).toBe('fixture');
    });

    it('keeps checkpoints in their own slot: the finished model stays served until a finished save replaces it', async () => {
      const store = await fresh();
      const v1 = await store.save('ck', sampleState({ seed: 1 }), { metrics: { hr10: 0.5 } });
      const ckpt = await store.save('ck', sampleState({ seed: 2 }), {
        checkpoint: { epoch: 2, step: 300 },
        durability: 'relaxed',
      });
      expect([v1.version, ckpt.version]).toEqual([1, 2]);
      expect(ckpt.checkpoint).toEqual({ epoch: 2, step: 300 });
      expect(ckpt.createdAt).toBe(v1.createdAt);
      // The finished model is untouched: info and load still give version 1 and its weights.
      expect(await store.info('ck')).toEqual(v1);
      const served = await store.load('ck');
      expect(served.info).toEqual(v1);
      expect(stateMismatches(served.state, sampleState({ seed: 1 }))).toBe(0);
      expect(await store.checkpointInfo('ck')).toEqual(ckpt);
      const resumed = await store.loadCheckpoint('ck');
      expect(resumed.info).toEqual(ckpt);
      expect(stateMismatches(resumed.state, sampleState({ seed: 2 }))).toBe(0);
      expect((await store.list()).map((i) => [i.id, i.version, i.checkpoint ?? null])).toEqual([
        ['ck', 1, null],
        ['ck', 2, { epoch: 2, step: 300 }],
      ]);
      const next = await store.save('ck', sampleState({ seed: 3 }), { checkpoint: { epoch: 3, step: 0 } });
      expect(next.version).toBe(3);
      const final = await store.save('ck', sampleState({ seed: 4 }), { metrics: { auc: 0.9 } });
      expect(final.checkpoint).toBeUndefined();
      expect((await store.load('ck')).info).toMatchObject({ version: 4, metrics: { auc: 0.9 } });
      expect(await store.checkpointInfo('ck')).toBeUndefined();
      await expect(store.loadCheckpoint('ck')).rejects.toBeInstanceOf(ModelNotFoundError);
      expect((await store.list()).map((i) => i.version)).toEqual([4]);
    });

    it('keeps a checkpoint of an id that has no finished model; delete removes both slots', async () => {
      const store = await fresh();
      await store.save('only', sampleState(), { checkpoint: { epoch: 0, step: 4 } });
      expect(await store.info('only')).toBeUndefined();
      await expect(store.load('only')).rejects.toBeInstanceOf(ModelNotFoundError);
      expect((await store.checkpointInfo('only'))?.version).toBe(1);
      await store.save('both', sampleState());
      await store.save('both', sampleState(), { checkpoint: { epoch: 0, step: 4 } });
      await store.delete('both');
      expect(await store.checkpointInfo('both')).toBeUndefined();
      expect((await store.list()).map((i) => i.id)).toEqual(['only']);
      expect((await store.save('both', sampleState())).version).toBe(3);
    });

    it('stores only the bytes a tensor view covers, and empty tensors', async () => {
      const store = await fresh();
      const big = new Float32Array(100).map((_, i) => i);
      const state = sampleState({ extras: false });
      state.tensors.view = { shape: [2, 5], dtype: 'float32', data: big.subarray(40, 50) };
      state.tensors.empty = { shape: [0, 3], dtype: 'int32', data: new Int32Array(0) };
      const info = await store.save('v', state);
      expect(info.bytes).toBe(2 * 8 * 4 * 4 + 40);
      const { tensors } = (await store.load('v')).state;
      expect(Array.from(tensors.view.data)).toEqual([40, 41, 42, 43, 44, 45, 46, 47, 48, 49]);
      expect(tensors.view.data.buffer.byteLength).toBe(40);
      expect(tensors.empty).toEqual({ shape: [0, 3], dtype: 'int32', data: new Int32Array(0) });
    });

    it('rejects malformed states with InvalidArgumentError and keeps the previous model', async () => {
      const store = await fresh();
      await store.save('x', sampleState());
      const bad = sampleState();
      bad.tensors.users.shape = [3, 3];
      await expect(store.save('x', bad)).rejects.toThrow(InvalidArgumentError);
      const wrongType = sampleState();
      wrongType.tensors.counts.dtype = 'float32';
      await expect(store.save('x', wrongType)).rejects.toThrow(/counts/);
      await expect(store.save('', sampleState())).rejects.toThrow(InvalidArgumentError);
      const { info, state } = await store.load('x');
      expect(info.version).toBe(1);
      expect(stateMismatches(state, sampleState())).toBe(0);
    });

    it('keeps the previous model whole when a save fails half-way (an uncloneable value)', async () => {
      const store = await fresh();
      await store.save('atomic', sampleState({ seed: 1 }));
      const poisoned = sampleState({ seed: 2 });
      (poisoned.config as Record<string, unknown>).callback = () => 0;
      await expect(store.save('atomic', poisoned)).rejects.toThrow();
      // Here the weights are written before the info fails to clone: the whole save must roll back.
      const badMetrics = { hr10: (() => 0) as unknown as number };
      await expect(store.save('atomic', sampleState({ seed: 3 }), { metrics: badMetrics })).rejects.toThrow();
      const { info, state } = await store.load('atomic');
      expect(info.version).toBe(1);
      expect(stateMismatches(state, sampleState({ seed: 1 }))).toBe(0);
      expect((await store.list()).map((i) => i.version)).toEqual([1]);
    });

    it('estimates storage and rejects calls after close()', async () => {
      const store = await fresh();
      await store.save('e', sampleState());
      const estimate = await store.estimate();
      expect(estimate.usage).toBeGreaterThanOrEqual(0);
      expect(estimate.quota).toBeGreaterThan(0);
      store.close();
      await expect(store.list()).rejects.toThrow(/closed/);
    });
  });
}
