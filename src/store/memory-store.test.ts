import { describe, expect, it } from 'vitest';
import { StorageQuotaError } from '../errors.ts';
import { describeModelStoreContract } from '../testing/store-contract.ts';
import { sampleState, stateMismatches } from '../testing/store-fixtures.ts';
import { MemoryModelStore } from './memory-store.ts';

describeModelStoreContract('MemoryModelStore', async () => new MemoryModelStore());

describe('MemoryModelStore quota', () => {
  const small = sampleState({ rows: 10, dim: 4 }); // 2·40·4 + 40 + 4 = 364 bytes
  const big = sampleState({ rows: 100, dim: 4, seed: 9 }); // 3604 bytes

  it('refuses a save past the quota with StorageQuotaError and keeps the previous model', async () => {
    const store = new MemoryModelStore({ quota: 1000 });
    await store.save('m', small);
    const error = await store.save('m', big).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageQuotaError);
    expect(error).toMatchObject({ name: 'StorageQuotaError', id: 'm', bytes: 3604 });
    const { info, state } = await store.load('m');
    expect(info.version).toBe(1);
    expect(stateMismatches(state, small)).toBe(0);
    expect(await store.estimate()).toEqual({ usage: 364, quota: 1000 });
  });

  it('counts a replaced model once: overwriting within the quota succeeds', async () => {
    const store = new MemoryModelStore({ quota: 800 });
    await store.save('a', small);
    await store.save('b', small);
    await expect(store.save('c', small)).rejects.toThrow(StorageQuotaError);
    expect((await store.save('a', small)).version).toBe(2);
    await store.delete('b');
    expect((await store.save('c', small)).version).toBe(1);
  });

  it('reports an unlimited quota when none was given', async () => {
    expect(await new MemoryModelStore().estimate()).toEqual({ usage: 0, quota: Infinity });
  });
});
