import { readFileSync } from 'node:fs';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { initBackend } from '../backend/index.ts';
import { AbortError, FormatError, InvalidArgumentError, StateFormatError } from '../errors.ts';
import { modelStateFromSafetensors, modelStateToSafetensors } from '../interop/model-file.ts';
import { modelFromState } from '../models/registry.ts';
import { MemoryModelStore } from '../store/memory-store.ts';
import { SHIPPED_MF } from '../testing/shipped-model.ts';
import { loadShippedModel, SHIPPED_SHA256_KEY, SHIPPED_URL_KEY, type ShippedModelProgress } from './load-shipped.ts';

const ORIGIN = 'http://app.test';
const FILE = new Uint8Array(readFileSync(new URL('../../public/models/mf-tiny.safetensors', import.meta.url)));
const URL_ = `${ORIGIN}${SHIPPED_MF.url}`;

/** What the mocked server answers for a request, and the requests it saw. */
interface Route {
  body: Uint8Array;
  status?: number;
  /** content-length to announce (default: the body's length; null: none). */
  length?: number | null;
  /** Chunk size of the stream. */
  chunk?: number;
  /** Error the stream raises after this many bytes. */
  breakAfter?: number;
}

let route: Route;
let requests: string[];

function serve(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const url = String(input);
  requests.push(url);
  if (init?.signal?.aborted) return Promise.reject(new DOMException('aborted', 'AbortError'));
  const { body, status = 200, length = body.length, chunk = 256, breakAfter } = route;
  let at = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (breakAfter !== undefined && at >= breakAfter) return controller.error(new TypeError('network error'));
      if (at >= body.length) return controller.close();
      const end = Math.min(body.length, at + chunk, breakAfter ?? Infinity);
      controller.enqueue(body.slice(at, end));
      at = end;
    },
  });
  const headers = new Headers(length === null ? {} : { 'content-length': String(length) });
  return Promise.resolve(new Response(status === 200 ? stream : null, { status, headers }));
}

beforeAll(() => initBackend('cpu'));

beforeEach(() => {
  route = { body: FILE };
  requests = [];
  vi.stubGlobal('location', new URL(`${ORIGIN}/app/index.html`));
  vi.stubGlobal('fetch', vi.fn(serve));
});

afterEach(() => vi.unstubAllGlobals());

async function rejection(p: Promise<unknown>): Promise<unknown> {
  return p.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: unknown) => e,
  );
}

describe('loadShippedModel (mocked fetch)', () => {
  it('the fixture is what fixture.ts says', () => {
    expect(FILE.length).toBe(SHIPPED_MF.bytes);
    expect(bytesToHex(sha256(FILE))).toBe(SHIPPED_MF.sha256);
  });

  it('downloads with progress, verifies, saves a finished model recording url + sha256, and it ranks the same', async () => {
    const store = new MemoryModelStore();
    const events: ShippedModelProgress[] = [];
    const info = await loadShippedModel(SHIPPED_MF.url, {
      sha256: SHIPPED_MF.sha256.toUpperCase(),
      store,
      onProgress: (p) => events.push(p),
      validate: 'full',
    });
    expect(requests).toEqual([URL_]);
    expect(info).toMatchObject({ id: 'mf-tiny', kind: 'mf', version: 1 });
    expect(info.checkpoint).toBeUndefined();
    expect(info.meta).toMatchObject({ [SHIPPED_URL_KEY]: URL_, [SHIPPED_SHA256_KEY]: SHIPPED_MF.sha256 });
    const downloads = events.filter((e) => e.status === 'download');
    expect(downloads.map((e) => e.loaded)).toEqual([0, 256, 512, 768, 1024, 1280, SHIPPED_MF.bytes]);
    expect(downloads.every((e) => e.total === SHIPPED_MF.bytes && e.url === URL_)).toBe(true);
    expect(events.at(-1)).toEqual({ status: 'saved', url: URL_, info });

    const { state } = await store.load('mf-tiny');
    const shipped = modelStateFromSafetensors(FILE);
    expect(state.tensors).toEqual(shipped.tensors);
    const [a, b] = [await modelFromState(state), await modelFromState(shipped)];
    expect((await a.recommend(0, { k: 4 })).scores).toEqual((await b.recommend(0, { k: 4 })).scores);
    a.dispose();
    b.dispose();
  });

  it('a second call with the same url + sha256 returns the cached model without a request (offline)', async () => {
    const store = new MemoryModelStore();
    const first = await loadShippedModel(SHIPPED_MF.url, { sha256: SHIPPED_MF.sha256, store });
    vi.stubGlobal(
      'fetch',
      vi.fn(() => Promise.reject(new TypeError('offline'))),
    );
    const events: ShippedModelProgress[] = [];
    const again = await loadShippedModel(`./../models/mf-tiny.safetensors`, {
      sha256: SHIPPED_MF.sha256,
      store,
      onProgress: (p) => events.push(p),
    });
    expect(again).toEqual(first);
    expect(events).toEqual([{ status: 'cached', url: URL_, info: first }]);
    expect(fetch).not.toHaveBeenCalled();
  });

  it('a new sha256 (a new release) downloads again and bumps the version', async () => {
    const store = new MemoryModelStore();
    await loadShippedModel(SHIPPED_MF.url, { sha256: SHIPPED_MF.sha256, store, modelId: 'movies' });
    const state = modelStateFromSafetensors(FILE);
    state.meta = { ...state.meta, release: 2 };
    route = { body: modelStateToSafetensors(state) };
    const next = await loadShippedModel(SHIPPED_MF.url, {
      sha256: bytesToHex(sha256(route.body)),
      store,
      modelId: 'movies',
    });
    expect(next).toMatchObject({ id: 'movies', version: 2 });
    expect(requests).toHaveLength(2);
  });

  describe('failures are typed, name the URL and the bytes received, and leave the cached copy', () => {
    let store: MemoryModelStore;
    beforeEach(async () => {
      store = new MemoryModelStore();
      await loadShippedModel(SHIPPED_MF.url, { sha256: SHIPPED_MF.sha256, store });
      requests = [];
    });

    async function failsWith(body: Route, sha: string, problem: RegExp, offset: number): Promise<void> {
      route = body;
      const before = await store.load('mf-tiny');
      const err = await rejection(loadShippedModel(SHIPPED_MF.url, { sha256: sha, store }));
      expect(err).toBeInstanceOf(FormatError);
      expect(err).toMatchObject({ file: URL_, offset });
      expect((err as Error).message).toMatch(problem);
      expect((err as Error).message).toContain(URL_);
      expect(await store.load('mf-tiny')).toEqual(before);
    }

    const other = 'ab'.repeat(32);

    it('a wrong sha256 (corrupt download)', () =>
      failsWith(
        { body: FILE },
        other,
        new RegExp(`sha256 of the ${FILE.length} bytes received is ${SHIPPED_MF.sha256}, expected ${other}`),
        FILE.length,
      ));

    it('a body shorter than content-length', () =>
      failsWith(
        { body: FILE.slice(0, 1000), length: FILE.length },
        other,
        /truncated: received 1000 of the 1292 bytes/,
        1000,
      ));

    it('a body longer than content-length', () =>
      failsWith({ body: FILE, length: 1000 }, other, /received 1024 bytes, more than the 1000/, 1024));

    it('a stream that breaks off', () =>
      failsWith({ body: FILE, breakAfter: 600 }, other, /broke off after 600 bytes: TypeError: network error/, 600));

    it('an HTTP error', () => failsWith({ body: FILE, status: 404 }, other, /HTTP 404 after 0 bytes/, 0));

    it('a body with the announced hash that is not a model file', async () => {
      const garbage = new TextEncoder().encode('<!doctype html><p>SPA fallback</p>');
      await failsWith(
        { body: garbage, length: null },
        bytesToHex(sha256(garbage)),
        /header length .* runs past|too large/,
        0,
      );
    });

    it('a model file whose state its kind cannot read (validate: full)', async () => {
      const state = modelStateFromSafetensors(FILE);
      const name = Object.keys(state.tensors).find((n) => state.tensors[n].dtype === 'float32')!;
      (state.tensors[name].data as Float32Array)[0] = Number.NaN;
      route = { body: modelStateToSafetensors(state) };
      const before = await store.load('mf-tiny');
      const err = await rejection(
        loadShippedModel(SHIPPED_MF.url, { sha256: bytesToHex(sha256(route.body)), store, validate: 'full' }),
      );
      expect(err).toBeInstanceOf(StateFormatError);
      expect(await store.load('mf-tiny')).toEqual(before);
    });

    it('another origin, a bad sha256 option: InvalidArgumentError, no request', async () => {
      const cross = await rejection(
        loadShippedModel('https://cdn.example/m.safetensors', { sha256: SHIPPED_MF.sha256, store }),
      );
      expect(cross).toBeInstanceOf(InvalidArgumentError);
      expect((cross as Error).message).toContain('https://cdn.example/m.safetensors');
      expect(await rejection(loadShippedModel(SHIPPED_MF.url, { sha256: 'abc', store }))).toBeInstanceOf(
        InvalidArgumentError,
      );
      expect(requests).toEqual([]);
    });

    it('an aborted signal: AbortError', async () => {
      const controller = new AbortController();
      controller.abort();
      const err = await rejection(
        loadShippedModel(SHIPPED_MF.url, { sha256: other, store, signal: controller.signal }),
      );
      expect(err).toBeInstanceOf(AbortError);
    });
  });
});
