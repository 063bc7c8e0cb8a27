import { describe, expect, it } from 'vitest';
import { DataFormatError } from '../../errors.ts';
import { Rng } from '../rng.ts';
import { loadInteractions } from './interactions.ts';

const MB = 1 << 20;
const TARGET_BYTES = 50 * MB;
const ITEMS_PER_USER = 1000;

/** Row k of a synthetic log: unique (user, item) pairs, varied ratings and rising timestamps. */
function row(k: number): string {
  return `${Math.floor(k / ITEMS_PER_USER)},${k % ITEMS_PER_USER},${(k % 10) / 2 + 0.5},${1_000_000_000 + k}\n`;
}

/** A valid CSV of at least 50 MB, produced in ~1 MB chunks; `stats` learns how much was produced. */
async function* validCsv(stats: { rows: number; bytes: number }): AsyncGenerator<Uint8Array> {
  const encoder = new TextEncoder();
  const header = encoder.encode('userId,movieId,rating,timestamp\n');
  stats.bytes += header.length;
  yield header;
  while (stats.bytes < TARGET_BYTES) {
    const lines: string[] = [];
    for (let size = 0; size < MB; stats.rows++) {
      const line = row(stats.rows);
      lines.push(line);
      size += line.length;
    }
    const chunk = encoder.encode(lines.join(''));
    stats.bytes += chunk.length;
    yield chunk;
  }
}

/** 50 chunks of 1 MB from `fill`, counting how many the loader pulled. */
async function* fiftyMegabytes(fill: (chunk: Uint8Array) => void, pulled: { chunks: number }) {
  for (let i = 0; i < 50; i++) {
    const chunk = new Uint8Array(MB);
    fill(chunk);
    pulled.chunks++;
    yield chunk;
  }
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => 'resolved',
    (e: unknown) => e,
  );
}

describe('50 MB inputs', () => {
  it('streams a valid 50 MB file through, keeping every row', async () => {
    const stats = { rows: 0, bytes: 0 };
    let progressCalls = 0;
    const started = performance.now();
    const log = await loadInteractions(validCsv(stats), { file: 'big.csv', onProgress: () => progressCalls++ });
    const seconds = (performance.now() - started) / 1000;
    console.info(
      `50 MB: ${stats.rows} rows in ${seconds.toFixed(2)} s (${(stats.bytes / MB / seconds).toFixed(1)} MB/s)`,
    );
    expect(stats.bytes).toBeGreaterThanOrEqual(TARGET_BYTES);
    expect(log.length).toBe(stats.rows);
    expect(log.userIds.size).toBe(Math.ceil(stats.rows / ITEMS_PER_USER));
    expect(log.itemIds.size).toBe(ITEMS_PER_USER);
    expect(progressCalls).toBeGreaterThanOrEqual(50);
    const last = stats.rows - 1;
    expect(log.userIds.id(log.users[last])).toBe(Math.floor(last / ITEMS_PER_USER));
    expect(log.values[last]).toBe((last % 10) / 2 + 0.5);
    expect(log.times[last]).toBe(1_000_000_000 + last);
  });

  it('fails fast on a 50 MB single line without a newline', async () => {
    const pulled = { chunks: 0 };
    const error = await rejection(
      loadInteractions(
        fiftyMegabytes((c) => c.fill(0x37), pulled),
        { file: 'one-line.csv' },
      ),
    );
    expect(error).toBeInstanceOf(DataFormatError);
    expect(error).toMatchObject({ line: 1, problem: expect.stringMatching(/line longer than 4096/) });
    expect(pulled.chunks).toBeLessThanOrEqual(2);

    const asString = await rejection(loadInteractions('7'.repeat(TARGET_BYTES), { file: 'one-line.csv' }));
    expect(asString).toBeInstanceOf(DataFormatError);
  });

  it('fails fast on 50 MB of binary garbage', async () => {
    const rng = new Rng(50);
    const pulled = { chunks: 0 };
    const noise = (c: Uint8Array) => {
      for (let i = 0; i < c.length; i++) c[i] = rng.int(256);
    };
    const error = await rejection(loadInteractions(fiftyMegabytes(noise, pulled), { file: 'garbage.bin' }));
    expect(error).toBeInstanceOf(DataFormatError);
    expect((error as DataFormatError).file).toBe('garbage.bin');
    expect((error as DataFormatError).line).toBeGreaterThanOrEqual(1);
    expect(pulled.chunks).toBeLessThanOrEqual(2);
  });

  it('gives a typed error naming the limit when maxBytes is exceeded', async () => {
    const stats = { rows: 0, bytes: 0 };
    const error = await rejection(loadInteractions(validCsv(stats), { file: 'big.csv', maxBytes: 10 * MB }));
    expect(error).toBeInstanceOf(DataFormatError);
    expect((error as DataFormatError).problem).toMatch(`exceeds the maxBytes limit of ${10 * MB} bytes`);
    expect(stats.bytes).toBeLessThan(12 * MB);
  });
});
