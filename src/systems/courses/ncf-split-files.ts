/**
 * Node-only (it imports `node:fs`): He et al.'s split streamed from `PREFIX.train.rating`,
 * `PREFIX.test.rating` and `PREFIX.test.negative` on disk.
 */
import { createReadStream, existsSync } from 'node:fs';
import { basename } from 'node:path';
import { InvalidArgumentError } from '../../errors.ts';
import { loadNcfSplit, type LoadNcfSplitOptions } from './ncf-split.ts';
import type { RankingProtocol } from './protocol.ts';

/** 1 MiB reads: a 1M-row split is ~360 of the default 64 KiB reads, each a round trip to the I/O pool. */
const READ_CHUNK_BYTES = 1 << 20;

/**
 * Loads the split at `prefix` (e.g. `Data/ml-1m`); `name` defaults to the prefix's last part.
 * @example
 * ```ts
 * import { loadNcfSplitFiles } from 'linkrec/node';
 * const split = await loadNcfSplitFiles('Data/ml-1m'); // Data/ml-1m.train.rating, .test.rating, .test.negative
 * console.log(split.name, split.users.length, split.nNeg); // ml-1m 6040 99
 * ```
 */
export async function loadNcfSplitFiles(prefix: string, options: LoadNcfSplitOptions = {}): Promise<RankingProtocol> {
  const sources = {
    train: lazyFile(prefix, 'train.rating'),
    test: lazyFile(prefix, 'test.rating'),
    negative: lazyFile(prefix, 'test.negative'),
  };
  return loadNcfSplit(sources, { ...options, name: options.name ?? basename(prefix) });
}

/** The file, checked to exist now but opened only when read (an error in one file leaks no handle to the next). */
function lazyFile(prefix: string, ext: string): AsyncIterable<Uint8Array> {
  const path = `${prefix}.${ext}`;
  if (!existsSync(path))
    throw new InvalidArgumentError(
      `no such file: ${path} (a split is PREFIX.train.rating, PREFIX.test.rating and PREFIX.test.negative)`,
    );
  return {
    [Symbol.asyncIterator]: () => createReadStream(path, { highWaterMark: READ_CHUNK_BYTES })[Symbol.asyncIterator](),
  };
}
