import { describe, expect, it } from 'vitest';
import { DataFormatError } from '../src/index.ts';
import { coWatchRows } from '../src/courses.ts';
import { userItemRows } from '../src/data.ts';
import { evidenceReason, itemEvidence, sharedNeighbours } from './ui/courses-reasons.ts';
import { readTitles, readUpload, titlesSummary, UPLOAD_MAX_BYTES, uploadSummary } from './upload.ts';

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

const file = (text: string, name: string) => new File([text], name, { type: 'text/csv' });

describe('demo titles file', () => {
  it('reads MovieLens movies.csv (BOM, CRLF, quoted commas), a TSV with a header, and two columns without one', async () => {
    const movies = await readTitles(
      file(
        '\uFEFFmovieId,title,genres\r\n1,Toy Story (1995),Animation\r\n2,"Heat, The (1995)",Action\r\n',
        'movies.csv',
      ),
    );
    expect([...movies]).toEqual([
      [1, 'Toy Story (1995)'],
      [2, 'Heat, The (1995)'],
    ]);
    const tsv = await readTitles(file('itemId\tname\nx7\tSeven\n8\tEight\n', 'items.tsv'));
    expect([...tsv]).toEqual([
      ['x7', 'Seven'],
      [8, 'Eight'],
    ]);
    const bare = await readTitles(file('\uFEFF3,Three\r\n4,"Four, and more"\r\n', 'bare.csv'));
    expect([...bare]).toEqual([
      [3, 'Three'],
      [4, 'Four, and more'],
    ]);
  });

  it('names the file and the line of a bad row, counted as in the file', async () => {
    await expect(readTitles(file('movieId,title\n1,A\n2,B,extra\n', 'movies.csv'))).rejects.toThrow(
      'movies.csv:3: Too many fields: expected 2 fields but parsed 3',
    );
    // Without a header: line 2 of the file is the bad one (the loader's own header line is not counted).
    await expect(readTitles(file('1,A\n2\n3,C\n', 'bare.csv'))).rejects.toThrow(
      'bare.csv:2: Too few fields: expected 2 fields but parsed 1',
    );
    await expect(readTitles(file('a,b,c\n1,2,3\n', 'odd.csv'))).rejects.toThrow(
      /^odd\.csv:1: expected a header naming an id column/,
    );
  });

  it("says how many of the ratings file's items it names", async () => {
    const log = await readUpload(file('1,10,5\n1,11,4\n2,12,3\n', 'r.csv'));
    expect(
      titlesSummary(
        't.csv',
        new Map<number | string, string>([
          [10, 'Ten'],
          [12, 'Twelve'],
          [99, 'x'],
        ]),
        log,
      ),
    ).toBe('t.csv: titles for 2 of the 3 items (1 shown by id).');
  });
});

describe('demo item reasons', () => {
  it('differ item by item and each names only true evidence', async () => {
    // Users 0..5; items 0..5. User 0 has items 0, 1. Item 2 is co-rated with 0 and 1, item 3 with 1 only,
    // item 4 with neither (its own audience), item 5 by one user who also has 1.
    const lines = [
      '0,0,5',
      '0,1,5',
      '1,0,4',
      '1,2,4',
      '2,1,3',
      '2,2,3',
      '2,3,3',
      '3,1,4',
      '3,3,4',
      '4,4,2',
      '5,4,2',
      '5,5,1',
      '3,5,1',
    ];
    const log = await readUpload(file(lines.join('\n'), 'tiny.csv'));
    const rows = userItemRows(log);
    const co = coWatchRows(rows, 3);
    const e = itemEvidence(rows, co, { people: 'users', verb: 'rated', name: (i) => `T${log.itemIds.id(i)}` });
    const u = log.userIds.index(0);
    const idx = (id: number) => log.itemIds.index(id);
    const reasons = [2, 3, 4, 5].map((id) => evidenceReason(e, u, idx(id)));
    expect(new Set(reasons).size).toBe(4);
    for (const [k, id] of [2, 3, 4, 5].entries()) {
      const i = idx(id);
      // Every item named as "yours" is in user 0's rows and among the item's co-watch neighbours.
      const named = [...reasons[k].matchAll(/“T(\d+)”/g)].map((m) => idx(Number(m[1])));
      const mine = new Set(rows.indices.subarray(rows.indptr[u], rows.indptr[u + 1]));
      const neighbours = new Set(co.indices.subarray(co.indptr[i], co.indptr[i + 1] - 1));
      for (const j of named) expect(mine.has(j) && neighbours.has(j)).toBe(true);
      expect(named).toEqual(
        sharedNeighbours(e, u, i)
          .slice(0, 2)
          .map((s) => s.item),
      );
      // Its popularity: how many users rated it, counted from the file.
      const raters = new Set(lines.filter((l) => l.split(',')[1] === String(id)).map((l) => l.split(',')[0])).size;
      expect(reasons[k]).toContain(`Rated by ${raters} of 6 users`);
    }
    expect(reasons[0]).toMatch(
      /^2 of its \d neighbours|^2 of its \d+ nearest co-watch neighbours are yours: “T[01]” \(similarity 0\.\d\d\) and “T[01]”/,
    );
    expect(reasons[2]).toMatch(/^None of its \d+ nearest co-watch neighbours is among yours\./);
    // The popularity rank: item 1 (4 raters) is #1; items rated by 2 share rank #4 behind 4, 3, 3.
    expect(e.popularityRank[idx(1)]).toBe(1);
    expect(e.popularityRank[idx(5)]).toBe(e.popularityRank[idx(4)]);
  });
});
