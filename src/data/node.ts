/**
 * Node-only helpers (they import `node:fs`, so they are kept out of the browser-safe barrel).
 * Import from `src/data/node` in scripts, benches and tests.
 */
import { createReadStream } from 'node:fs';
import { loadGraph, type GraphRepeatPolicy, type LoadedGraph } from './loaders/graph';
import { loadInteractions, type LoadedInteractions, type LoadInteractionsOptions } from './loaders/interactions';
import type { DataSource, ReadOptions } from './loaders/source';

/** A file as a byte stream for the loaders (64 KiB chunks). */
export function fileSource(path: string): DataSource {
  return createReadStream(path);
}

/** Streams an interaction file from disk; `file` in errors defaults to `path`. */
export function loadInteractionsFile(
  path: string,
  options: Partial<LoadInteractionsOptions> = {},
): Promise<LoadedInteractions> {
  return loadInteractions(fileSource(path), { ...options, file: options.file ?? path });
}

/** Reads a graph JSON file from disk; `file` in errors defaults to `path`. */
export function loadGraphFile(path: string, options: Partial<ReadOptions> & { onRepeat?: GraphRepeatPolicy } = {}): Promise<LoadedGraph> {
  return loadGraph(fileSource(path), { ...options, file: options.file ?? path });
}
