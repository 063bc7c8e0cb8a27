import { describe, expect, it } from 'vitest';
import { describeIdbStoreCases } from '../testing/idb-store-cases.ts';
import { describeModelStoreContract } from '../testing/store-contract.ts';
import { sampleState, stateMismatches } from '../testing/store-fixtures.ts';
import { IdbModelStore } from './idb-store.ts';

// Unique per run too: the browser project may keep one origin's databases between files.
const run = Math.random().toString(36).slice(2, 8);
let n = 0;
const newName = () => `browser-store-${run}-${n++}`;

describeModelStoreContract('IdbModelStore in Chromium', () => IdbModelStore.open(newName()));
describeIdbStoreCases('Chromium', newName);

describe('IdbModelStore in Chromium', () => {
  it('round-trips a 1M-parameter model bit-exact through a fresh connection', async () => {
    const name = newName();
    const state = sampleState({ rows: 15_625, dim: 32, seed: 0x5eed, extras: false });
    const writer = await IdbModelStore.open(name);
    const info = await writer.save('big', state, { metrics: { hr10: 0.7 } });
    expect(info).toMatchObject({ params: 1_000_000, bytes: 4_000_000, version: 1 });
    writer.close();

    const reader = await IdbModelStore.open(name);
    const loaded = await reader.load('big');
    expect(loaded.info).toEqual(info);
    expect(loaded.state.tensors.users.data.length).toBe(500_000);
    expect(stateMismatches(loaded.state, state)).toBe(0);
    reader.close();
  });

  it("reports the origin's real usage and quota from navigator.storage", async () => {
    const store = await IdbModelStore.open(newName());
    await store.save('m', sampleState({ rows: 1000, dim: 16 }));
    const estimate = await store.estimate();
    expect(estimate).toEqual(await navigator.storage.estimate().then(({ usage, quota }) => ({ usage, quota })));
    expect(estimate.usage).toBeGreaterThan(0);
    expect(estimate.quota).toBeGreaterThan(estimate.usage);
    store.close();
  });
});
