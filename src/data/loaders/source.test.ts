import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { AbortError, DataFormatError } from '../../errors.ts';
import { loadInteractions } from './interactions.ts';
import { readText } from './source.ts';

const TEXT = 'userId,movieId,rating,timestamp\n1,31,2.5,100\n1,32,3,101\n2,31,4,102\n';
const BYTES = new TextEncoder().encode(TEXT);

/** The bytes cut into pieces of `size`, as an async iterable. */
async function* pieces(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

function webStream(bytes: Uint8Array, size: number): ReadableStream<Uint8Array> {
  let at = 0;
  return new ReadableStream({
    pull(controller) {
      if (at >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(at, (at += size)));
    },
  });
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => 'resolved',
    (e: unknown) => e,
  );
}

describe('data sources', () => {
  const sources: [string, () => Parameters<typeof loadInteractions>[0]][] = [
    ['string', () => TEXT],
    ['Blob', () => new Blob([BYTES])],
    ['ReadableStream (3-byte chunks)', () => webStream(BYTES, 3)],
    ['AsyncIterable of bytes (1-byte chunks)', () => pieces(BYTES, 1)],
    [
      'AsyncIterable of strings',
      () => Readable.from(['userId,movieId,rating,timestamp\n1,31,2.', '5,100\n1,32,3,101\n2,31,4,102\n']),
    ],
    ['Node Readable stream', () => Readable.from([Buffer.from(BYTES)])],
  ];
  for (const [name, make] of sources) {
    it(`loads from a ${name}`, async () => {
      const log = await loadInteractions(make(), { file: 'f.csv' });
      expect(log.userIds.ids()).toEqual([1, 2]);
      expect(log.itemIds.ids()).toEqual([31, 32]);
      expect([...log.values]).toEqual([2.5, 3, 4]);
    });
  }

  it('keeps multi-byte characters whole across chunk and piece boundaries', async () => {
    const short = `${'é'.repeat(9_999)}😀${'ü'.repeat(9_999)}`;
    expect(await readText(pieces(new TextEncoder().encode(short), 7), { file: 'u' })).toBe(short);
    // Strings are encoded in pieces of 2^20 characters: put a surrogate pair across that boundary.
    const long = `${'a'.repeat(2 ** 20 - 1)}😀${'ü'.repeat(1000)}`;
    expect(await readText(long, { file: 'u' })).toBe(long);
  });

  it('rejects a source of the wrong kind with a typed error', async () => {
    const notBytes = (async function* () {
      yield 42 as unknown as Uint8Array;
    })();
    await expect(readText(notBytes, { file: 'x' })).rejects.toThrow(/not bytes or text/);
    await expect(readText(7 as unknown as string, { file: 'x' })).rejects.toThrow(/source must be/);
  });

  it('names the line of invalid UTF-8', async () => {
    const bytes = new Uint8Array([...new TextEncoder().encode('1,2,3,4\n1,3,3,4\n1,'), 0xff, 0xfe, 0x0a]);
    const error = await rejection(loadInteractions(pieces(bytes, 5), { file: 'bin' }));
    expect(error).toBeInstanceOf(DataFormatError);
    expect(error).toMatchObject({ line: 3, problem: expect.stringMatching(/not valid UTF-8/) });
  });

  it('reports progress in bytes, ending at the file size', async () => {
    const seen: number[] = [];
    await loadInteractions(pieces(BYTES, 10), { file: 'f', onProgress: (b) => seen.push(b) });
    expect(seen.length).toBe(Math.ceil(BYTES.length / 10));
    expect(seen.at(-1)).toBe(BYTES.length);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
  });

  it('enforces maxBytes with a typed error naming the sizes', async () => {
    const blobError = await rejection(loadInteractions(new Blob([BYTES]), { file: 'big.csv', maxBytes: 20 }));
    expect(blobError).toBeInstanceOf(DataFormatError);
    expect((blobError as DataFormatError).message).toBe(
      `big.csv: input of ${BYTES.length} bytes exceeds the maxBytes limit of 20 bytes`,
    );
    const streamError = await rejection(loadInteractions(pieces(BYTES, 16), { file: 'big.csv', maxBytes: 20 }));
    expect(streamError).toBeInstanceOf(DataFormatError);
    expect((streamError as DataFormatError).problem).toMatch(/at least 32 bytes exceeds the maxBytes limit of 20/);
    expect((await loadInteractions(TEXT, { file: 'f', maxBytes: BYTES.length })).length).toBe(3);
  });

  it('rejects with AbortError when aborted before, during, or while a read hangs', async () => {
    const before = new AbortController();
    before.abort();
    expect(await rejection(loadInteractions(TEXT, { file: 'f', signal: before.signal }))).toBeInstanceOf(AbortError);

    const during = new AbortController();
    const onProgress = () => during.abort();
    const midway = loadInteractions(pieces(BYTES, 8), { file: 'f', signal: during.signal, onProgress });
    expect(await rejection(midway)).toBeInstanceOf(AbortError);

    const hanging = new AbortController();
    let cancelled = false;
    const stalled = new ReadableStream<Uint8Array>({
      start: (c) => c.enqueue(BYTES.slice(0, 10)),
      cancel: () => void (cancelled = true),
    });
    const pending = loadInteractions(stalled, { file: 'f', signal: hanging.signal });
    setTimeout(() => hanging.abort(), 5);
    expect(await rejection(pending)).toBeInstanceOf(AbortError);
    await new Promise((r) => setTimeout(r, 0));
    expect(cancelled).toBe(true);
  });

  it('lets a timer abort an in-memory source that never waits on I/O', async () => {
    const controller = new AbortController();
    let rows = 0;
    const endless = (async function* () {
      for (;;) yield `${rows},${rows++},1,1\n`; // resolves in microtasks only
    })();
    setTimeout(() => controller.abort(), 0);
    // A loader that never yields to the event loop would read to maxBytes and fail differently.
    const outcome = await rejection(
      loadInteractions(endless, { file: 'f', signal: controller.signal, maxBytes: 5 << 20 }),
    );
    expect(outcome).toBeInstanceOf(AbortError);
  });

  it('cancels the stream when parsing fails early', async () => {
    let cancelled = false;
    let pulls = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull: (c) => void (pulls++, c.enqueue(new TextEncoder().encode('junk,junk,junk\n'))),
      cancel: () => void (cancelled = true),
    });
    expect(await rejection(loadInteractions(endless, { file: 'f' }))).toBeInstanceOf(DataFormatError);
    expect(cancelled).toBe(true);
    expect(pulls).toBeLessThan(10);
  });
});
