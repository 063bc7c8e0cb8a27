import { describe, expect, it } from 'vitest';
import { DataFormatError } from '../../errors.ts';
import { loadGraph } from './graph.ts';
import { loadInteractions } from './interactions.ts';

// The same loaders in real Chromium: papaparse's browser build, fetch streams and File objects.
describe('loaders in the browser', () => {
  it('streams ratings.csv from fetch().body', async () => {
    const response = await fetch('/data/movielens-small/ratings.csv');
    const log = await loadInteractions(response.body as ReadableStream<Uint8Array>, { file: 'ratings.csv' });
    expect([log.length, log.userIds.size, log.itemIds.size]).toEqual([100_004, 671, 9_066]);
  });

  it('reads a File and reports a bad line', async () => {
    const file = new File(['userId,movieId,rating,timestamp\n1,2,3,4\n1,2,NaN,5\n'], 'upload.csv');
    const error = await loadInteractions(file, { file: file.name }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataFormatError);
    expect((error as DataFormatError).message).toBe('upload.csv:3: rating "NaN" is not a finite number');
  });

  it('loads a graph from fetch().body', async () => {
    const response = await fetch('/data/graphs/karate.json');
    const graph = await loadGraph(response.body as ReadableStream<Uint8Array>, { file: 'karate.json' });
    expect([graph.n, graph.src.length, graph.classNames.length]).toEqual([34, 78, 2]);
  });
});
