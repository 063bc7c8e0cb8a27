/**
 * He et al.'s NCF split format (github.com/hexiangnan/neural_collaborative_filtering): `PREFIX.train.rating`
 * and `PREFIX.test.rating` hold `user\titem\trating\ttimestamp` lines (rating and timestamp may be
 * left out; a missing timestamp is 0), `PREFIX.test.negative` one line per test row:
 * `(user,item)\tneg1\tneg2…`. Users and items are already dense integers from 0, written as plain
 * decimals. Ratings are checked (finite) but not used: the log is implicit feedback, as in the paper.
 *
 * Node: `loadNcfSplitFiles(prefix)` from `courses/ncf-split-files` streams the three files from disk.
 */
import { textChunks, type DataSource, type ReadOptions } from '../../data/loaders/source.ts';
import { NcfSplitBuilder, type SplitFile } from './ncf-split-builder.ts';
import { eachLine, LineSplitter } from './ncf-split-lines.ts';
import type { RankingProtocol } from './protocol.ts';

/** The three files' texts. */
export interface NcfSplitTexts {
  train: string;
  test: string;
  negative: string;
}

/** The three files as streams, blobs, or texts. */
export interface NcfSplitSources {
  train: DataSource;
  test: DataSource;
  negative: DataSource;
}

/** Options of {@link loadNcfSplit}: `name` prefixes the file names in errors (`ml-1m.train.rating`). */
export type LoadNcfSplitOptions = Partial<Omit<ReadOptions, 'file'>> & { name?: string };

const FILES: readonly SplitFile[] = ['train', 'test', 'negative'];

/**
 * Parses a split held in memory; any malformed line throws DataFormatError naming file, line and field.
 * @example
 * ```ts
 * import { parseNcfSplit } from 'linkrec/courses';
 * const split = parseNcfSplit({ train: '0\t1\n0\t2\n1\t1\n', test: '0\t3\n1\t2\n', negative: '(0,3)\t0\n(1,2)\t3\n' }, 'tiny');
 * split.targets; // Int32Array [3, 2], each ranked against split.nNeg = 1 negative
 * ```
 */
export function parseNcfSplit(t: NcfSplitTexts, name = 'split'): RankingProtocol {
  const builder = new NcfSplitBuilder(name);
  for (const file of FILES) {
    eachLine(t[file], builder.fileName(file), (line, no) => builder.add(file, line, no));
    builder.endFile(file);
  }
  return builder.build();
}

/**
 * Streams a split chunk by chunk (only the rows' typed columns are kept, never a file's text), so
 * million-row splits load; errors as {@link parseNcfSplit}, plus `maxBytes` per file and `signal`.
 * @example
 * ```ts
 * import { createModel, loadNcfSplit, sampledFigures } from 'linkrec/courses';
 * const file = async (ext: string) => (await fetch(`/data/ml-1m.${ext}`)).body!;
 * const split = await loadNcfSplit(
 *   { train: await file('train.rating'), test: await file('test.rating'), negative: await file('test.negative') },
 *   { name: 'ml-1m' },
 * );
 * const model = createModel('mf', { dim: 32 });
 * await model.fit(split.train);
 * console.log(await sampledFigures(model, split)); // { hr10, ndcg10, mrr } as in He et al.
 * ```
 */
export async function loadNcfSplit(
  sources: NcfSplitSources,
  options: LoadNcfSplitOptions = {},
): Promise<RankingProtocol> {
  const { name = 'split', ...read } = options;
  const builder = new NcfSplitBuilder(name);
  for (const file of FILES) {
    const fileName = builder.fileName(file);
    const lines = new LineSplitter(fileName, (line, no) => builder.add(file, line, no));
    for await (const chunk of textChunks(sources[file], { ...read, file: fileName })) lines.push(chunk);
    lines.end();
    builder.endFile(file);
  }
  return builder.build();
}
