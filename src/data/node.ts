/**
 * Node-only helpers (they import `node:fs`, so they are kept out of the browser-safe barrel).
 * Import from `src/data/node` in scripts, benches and tests.
 */
import { createReadStream } from 'node:fs';
import { loadGraph, type GraphRepeatPolicy, type LoadedGraph } from './loaders/graph.ts';
import { loadInteractions, type LoadedInteractions, type LoadInteractionsOptions } from './loaders/interactions.ts';
import type { DataSource, ReadOptions } from './loaders/source.ts';

/**
 * A file as a byte stream for the loaders (64 KiB chunks).
 * @example
 * ```ts
 * import { loadItemTitles } from 'linkrec/data';
 * import { fileSource } from 'linkrec/node';
 * const titles = await loadItemTitles(fileSource('public/data/movielens-small/movies.csv'), { file: 'movies.csv' });
 * ```
 */
export function fileSource(path: string): DataSource {
  return createReadStream(path);
}

/**
 * Streams an interaction file from disk; `file` in errors defaults to `path`.
 * @example
 * ```ts
 * import { loadInteractionsFile } from 'linkrec/node';
 * const log = await loadInteractionsFile('public/data/movielens-small/ratings.csv', { onRepeat: 'error' });
 * console.log(`${log.length} ratings by ${log.userIds.size} users`);
 * ```
 */
export function loadInteractionsFile(
  path: string,
  options: Partial<LoadInteractionsOptions> = {},
): Promise<LoadedInteractions> {
  return loadInteractions(fileSource(path), { ...options, file: options.file ?? path });
}

/**
 * Reads a graph JSON file from disk; `file` in errors defaults to `path`.
 * @example
 * ```ts
 * import { loadGraphFile } from 'linkrec/node';
 * const graph = await loadGraphFile('public/data/graphs/karate.json');
 * console.log(graph.n, graph.src.length); // 34 nodes
 * ```
 */
export function loadGraphFile(
  path: string,
  options: Partial<ReadOptions> & { onRepeat?: GraphRepeatPolicy } = {},
): Promise<LoadedGraph> {
  return loadGraph(fileSource(path), { ...options, file: options.file ?? path });
}
