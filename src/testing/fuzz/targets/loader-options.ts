/**
 * The loaders' options, as a caller (or a worker request) passes them: wrong types and edge values
 * for `file`, `format`, `onRepeat`, `maxBytes`, `signal`, `onProgress`, the title columns, the split's
 * `name`, and sources that are not sources. A valid file with bad options must load or be refused typed.
 */
import fc from 'fast-check';
import { loadNcfSplit } from '../../../systems/courses/ncf-split.ts';
import { loadGraph } from '../../../data/loaders/graph.ts';
import { loadInteractions } from '../../../data/loaders/interactions.ts';
import { loadItemTitles } from '../../../data/loaders/titles.ts';
import { WEIRD_VALUES } from '../mutate.ts';
import { defineTarget } from '../types.ts';

const CSV = 'userId,movieId,rating,timestamp\n1,2,3.5,100\n2,3,4,101\n';
const GRAPH = '{"name":"g","directed":false,"n":2,"m":1,"nodes":[{"id":1},{"id":2}],"edges":[[1,2]]}';
const TITLES = 'movieId,title\n1,A\n2,B\n';
const SPLIT = { train: '0\t0\t5\t1\n0\t1\t5\t2\n', test: '0\t1\t4\t3\n', negative: '(0,1)\t0\n' };

const aborted = (): AbortSignal => AbortSignal.abort();
const OPTION_VALUES: readonly unknown[] = [
  ...WEIRD_VALUES,
  'csv',
  'tsv',
  'auto',
  'xml',
  'latest',
  'error',
  'sum',
  'max',
  'first',
  10,
  0,
  2 ** 31,
  -1,
  { aborted: true },
];
// `signal` and `onProgress` are left out: a non-AbortSignal or non-function there is a TypeError (a
// caller's type error, reported rather than fuzzed).
const KEYS = ['file', 'format', 'onRepeat', 'maxBytes', 'idColumn', 'titleColumn', 'name'] as const;
const SOURCES: readonly unknown[] = [
  '',
  ' ',
  5,
  null,
  undefined,
  {},
  [],
  new Uint8Array(3),
  { [Symbol.asyncIterator]: 5 },
];

interface OptionsCase {
  loader: 'interactions' | 'graph' | 'titles' | 'split';
  options: Record<string, unknown>;
  badSource: number;
  abort: boolean;
}

const optionsCase: fc.Arbitrary<OptionsCase> = fc.record({
  loader: fc.constantFrom<OptionsCase['loader']>('interactions', 'graph', 'titles', 'split'),
  options: fc
    .array(
      fc.tuple(
        fc.nat({ max: KEYS.length - 1 }).map((k) => KEYS[k]),
        fc.nat({ max: OPTION_VALUES.length - 1 }),
      ),
      { maxLength: 3 },
    )
    .map((pairs) => Object.fromEntries(pairs.map(([k, v]) => [k, OPTION_VALUES[v]]))),
  badSource: fc.integer({ min: -6, max: SOURCES.length - 1 }), // negative: the valid source
  abort: fc.boolean(),
});

export const LOADER_OPTIONS_TARGET = defineTarget<OptionsCase, undefined, unknown>({
  name: 'loader.options',
  inputs: () => optionsCase,
  run: (c) => {
    const options = { file: 'fuzz', ...c.options, ...(c.abort ? { signal: aborted() } : {}) } as never;
    const source = <T>(valid: T): T => (c.badSource >= 0 ? (SOURCES[c.badSource] as T) : valid);
    if (c.loader === 'interactions') return loadInteractions(source(CSV), options);
    if (c.loader === 'graph') return loadGraph(source(GRAPH), options);
    if (c.loader === 'titles') return loadItemTitles(source(TITLES), options);
    return loadNcfSplit(
      c.badSource >= 0 ? { train: source(SPLIT.train), test: SPLIT.test, negative: SPLIT.negative } : SPLIT,
      options,
    );
  },
  show: (c) =>
    JSON.stringify({
      ...c,
      options: Object.fromEntries(Object.entries(c.options).map(([k, v]) => [k, String(v)])),
      badSource: c.badSource >= 0 ? String(SOURCES[c.badSource]) : 'valid',
    }),
});
