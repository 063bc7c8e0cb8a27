import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { DataFormatError } from '../../errors.ts';
import { loadItemTitles } from './titles.ts';

describe('loadItemTitles', () => {
  it('reads the real MovieLens catalogue, quoted titles included', async () => {
    const text = await readFile('public/data/movielens-small/movies.csv', 'utf8');
    const titles = await loadItemTitles(text, { file: 'movies.csv' });
    expect(titles.size).toBe(text.trim().split('\n').length - 1);
    expect(titles.get(1)).toBe('Toy Story');
    expect([...titles.values()].some((t) => t.includes(','))).toBe(true);
  });

  it('names a missing column and a malformed row', async () => {
    await expect(loadItemTitles('id,name\n1,x\n', { file: 'm.csv' })).rejects.toThrow(
      /m\.csv:1: missing column 'movieId'/,
    );
    await expect(loadItemTitles('movieId,title\n1,"unterminated\n', { file: 'm.csv' })).rejects.toThrow(
      DataFormatError,
    );
    await expect(loadItemTitles('movieId,title\n,x\n', { file: 'm.csv' })).rejects.toThrow(/m\.csv:2: empty movieId/);
  });
});
