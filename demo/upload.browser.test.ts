import { describe, expect, it } from 'vitest';
import { DataFormatError } from '../src/index.ts';
import { readUpload, UPLOAD_MAX_BYTES, uploadSummary } from './upload.ts';

/** A File whose whole-file reads throw, counting how it was read. */
function watchedFile(text: string, name: string): { file: File; reads: string[] } {
  const file = new File([text], name, { type: 'text/csv' });
  const reads: string[] = [];
  const stream = file.stream.bind(file);
  Object.assign(file, {
    text: () => Promise.reject(new Error('read whole with text()')),
    arrayBuffer: () => Promise.reject(new Error('read whole with arrayBuffer()')),
    stream: () => (reads.push('stream'), stream()),
  });
  return { file, reads };
}

describe('demo upload', () => {
  it('refuses a file over the limit from its size alone, naming the file and the limit', async () => {
    const { file, reads } = watchedFile('userId,movieId,rating\n1,2,3\n', 'big.csv');
    const error = await readUpload(file, 10).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataFormatError);
    expect((error as DataFormatError).message).toBe(
      `big.csv: file of ${file.size} bytes exceeds the upload limit of 10 bytes`,
    );
    expect(reads).toEqual([]);
    const huge = { name: 'huge.csv', size: UPLOAD_MAX_BYTES + 1 } as File; // any read of it would throw
    await expect(readUpload(huge)).rejects.toThrow(
      `huge.csv: file of ${UPLOAD_MAX_BYTES + 1} bytes exceeds the upload limit of ${UPLOAD_MAX_BYTES} bytes (64 MiB)`,
    );
  });

  it('streams the file (never reads it whole) and reports repeats and missing timestamps', async () => {
    const { file, reads } = watchedFile('userId,movieId,rating\n1,2,3\n1,3,4\n1,2,5\n2,2,1\n', 'mine.csv');
    const log = await readUpload(file);
    expect(reads).toEqual(['stream']);
    expect(uploadSummary(file.name, log)).toBe(
      'mine.csv: 3 ratings, 2 users, 2 items (1 repeated (user, item) row dropped, kept the latest of each pair; no timestamp column: file order is time).',
    );
    expect([...log.values]).toEqual([4, 5, 1]);
  });

  it('says nothing extra for a clean file, and names the line of a bad one', async () => {
    const clean = await readUpload(new File(['1\t2\t3\t100\n1\t3\t4\t101\n'], 'u.data'));
    expect(uploadSummary('u.data', clean)).toBe('u.data: 2 ratings, 1 users, 2 items.');
    const error = await readUpload(new File(['1,2,3,4\n1,3,1e-46,5\n'], 'tiny.csv')).catch((e: unknown) => e);
    expect((error as Error).message).toBe('tiny.csv:2: rating 1e-46 underflows float32 (it would be stored as 0)');
  });
});
