/**
 * loadShippedModel in real Chromium: the dev server serves `public/models/mf-tiny.safetensors`; the
 * model goes into the origin's IndexedDB (the database the package's workers read), ranks through the
 * real ranking worker, and a second load is answered from IndexedDB without a request.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FormatError, InvalidArgumentError } from '../errors.ts';
import { IdbModelStore } from '../store/idb-store.ts';
import { closeAll, connectWorkers } from '../testing/worker-clients.ts';
import { SHIPPED_MF } from '../testing/shipped-model.ts';
import { loadShippedModel, type ShippedModelProgress } from './load-shipped.ts';

const realFetch = globalThis.fetch;
let requests: string[] = [];
const href = new URL(SHIPPED_MF.url, location.href).href;
/** Resource-timing entries of the file: a second, independent count of requests the page made. */
const timings = () => performance.getEntriesByType('resource').filter((e) => e.name === href).length;

beforeEach(() => {
  requests = [];
  globalThis.fetch = (input, init) => {
    requests.push(String(input instanceof Request ? input.url : input));
    return realFetch(input, init);
  };
});

afterEach(() => {
  globalThis.fetch = realFetch;
  closeAll();
});

describe('loadShippedModel in the browser', () => {
  it('downloads with progress, caches in IndexedDB, ranks in the worker, and reloads without a request', async () => {
    const modelId = `shipped-${crypto.randomUUID()}`;
    const events: ShippedModelProgress[] = [];
    const info = await loadShippedModel(SHIPPED_MF.url, {
      sha256: SHIPPED_MF.sha256,
      modelId,
      onProgress: (p) => events.push(p),
    });
    try {
      expect(requests).toEqual([href]);
      expect(info).toMatchObject({ id: modelId, kind: 'mf', version: 1 });
      const downloads = events.filter((e) => e.status === 'download');
      expect(downloads.length).toBeGreaterThanOrEqual(2);
      expect(downloads[0].loaded).toBe(0);
      expect(downloads.at(-1)).toMatchObject({ loaded: SHIPPED_MF.bytes, total: SHIPPED_MF.bytes, url: href });
      expect(events.at(-1)).toEqual({ status: 'saved', url: href, info });

      const courses = await connectWorkers();
      const ranked = await courses.rank({ modelId, version: info.version, user: 'u0', k: 3 });
      expect(ranked).toMatchObject({ modelId, version: info.version });
      expect(ranked.items).toHaveLength(3);
      expect(ranked.items.every((item) => /^i[0-7]$/.test(String(item)))).toBe(true);

      const seen = timings();
      expect(seen).toBeGreaterThanOrEqual(1);
      const again: ShippedModelProgress[] = [];
      const cached = await loadShippedModel(SHIPPED_MF.url, {
        sha256: SHIPPED_MF.sha256,
        modelId,
        onProgress: (p) => again.push(p),
      });
      expect(cached).toEqual(info);
      expect(again.map((e) => e.status)).toEqual(['cached']);
      expect(requests).toEqual([href]);
      expect(timings()).toBe(seen);

      // A corrupt download (the announced sha256 does not match): a FormatError, the cached copy intact.
      const wrong = 'f'.repeat(64);
      const err = await loadShippedModel(SHIPPED_MF.url, { sha256: wrong, modelId }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(FormatError);
      expect(err).toMatchObject({ file: href, offset: SHIPPED_MF.bytes });
      expect((err as Error).message).toContain(`expected ${wrong}`);
      const store = await IdbModelStore.open();
      expect(await store.info(modelId)).toEqual(info);
      store.close();
      expect((await courses.rank({ modelId, version: info.version, user: 'u0', k: 3 })).items).toEqual(ranked.items);
    } finally {
      const store = await IdbModelStore.open();
      await store.delete(modelId);
      store.close();
    }
  });

  it('refuses another origin without a request', async () => {
    const err = await loadShippedModel('https://models.example/mf.safetensors', { sha256: SHIPPED_MF.sha256 }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(InvalidArgumentError);
    expect((err as Error).message).toContain('https://models.example/mf.safetensors');
    expect(requests).toEqual([]);
  });
});
