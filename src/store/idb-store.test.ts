import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { describeIdbStoreCases } from '../testing/idb-store-cases.ts';
import { describeModelStoreContract } from '../testing/store-contract.ts';
import { sampleState } from '../testing/store-fixtures.ts';
import { IdbModelStore, isQuotaError } from './idb-store.ts';

let n = 0;
const newName = () => `node-store-${n++}`;

describeModelStoreContract('IdbModelStore over fake-indexeddb', () => IdbModelStore.open(newName()));
describeIdbStoreCases('fake-indexeddb', newName);

describe('IdbModelStore in Node', () => {
  it('estimates usage from the stored weights where navigator.storage is missing', async () => {
    const store = await IdbModelStore.open(newName());
    await store.save('a', sampleState());
    await store.save('b', sampleState({ extras: false }));
    expect(await store.estimate()).toEqual({ usage: 292 + 256, quota: Infinity });
    store.close();
  });

  it('recognises quota errors by name or legacy code', () => {
    expect(isQuotaError(new DOMException('full', 'QuotaExceededError'))).toBe(true);
    expect(isQuotaError({ name: 'Error', code: 22 })).toBe(true);
    expect(isQuotaError(new DOMException('x', 'AbortError'))).toBe(false);
    expect(isQuotaError(null)).toBe(false);
  });
});
