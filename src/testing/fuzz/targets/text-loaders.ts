/**
 * The other text loaders: item titles (MovieLens movies.csv), the strict line-tracking JSON parser
 * (checked against `JSON.parse`) and He et al.'s NCF split (three files, one of them mutated).
 */
import fc from 'fast-check';
import * as ncfSplit from '../../../systems/courses/ncf-split.ts';
import { LinkrecError } from '../../../errors.ts';
import type { RankingProtocol } from '../../../systems/courses/protocol.ts';
import { parseJsonWithLines } from '../../../data/loaders/json-lines.ts';
import { loadItemTitles } from '../../../data/loaders/titles.ts';
import { AgreedRejection } from '../agreed.ts';
import { mutateText } from '../mutate.ts';
import { defineTarget, type AnyTarget } from '../types.ts';

// ---- titles -------------------------------------------------------------------------------------

interface TitlesCase {
  text: string;
  edits: string[];
  ids: (string | number)[];
}

const title = fc.constantFrom('Toy Story (1995)', '"Great, Big" (2001)', 'Amélie', 'a "quoted" one', '', 'x');
const titlesCase: fc.Arbitrary<TitlesCase> = fc
  .uniqueArray(fc.oneof(fc.integer({ min: 0, max: 99 }), fc.constantFrom('tt01', 'x-1')), {
    minLength: 1,
    maxLength: 8,
    selector: String,
  })
  .chain((ids) =>
    fc.tuple(
      fc.constant(ids),
      fc.array(title, { minLength: ids.length, maxLength: ids.length }),
      fc.constantFrom('\n', '\r\n'),
    ),
  )
  .map(([ids, titles, eol]) => {
    const quote = (s: string): string => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
    return { ids, text: ['movieId,title,genres', ...ids.map((id, k) => `${id},${quote(titles[k])},Drama`)].join(eol) };
  })
  .chain((v) =>
    fc.oneof(
      fc.constant({ ...v, edits: [] as string[] }),
      mutateText(fc.constant(v.text)).map((m) => ({ ids: v.ids, text: m.text, edits: m.edits })),
    ),
  );

const TITLES_TARGET = defineTarget<TitlesCase, undefined, Map<number | string, string>>({
  name: 'loader.titles',
  inputs: () => titlesCase,
  run: (c) => loadItemTitles(c.text, { file: 'movies.csv' }),
  check: (c, titles) => {
    for (const [id, t] of titles) {
      if (typeof t !== 'string') return `title of ${String(id)} is not a string`;
      if (typeof id === 'number' && !Number.isSafeInteger(id)) return `id ${id} is not a safe integer`;
      if (!c.text.includes(String(id).trim())) return `id ${String(id)} does not appear in the text`;
    }
    if (c.edits.length === 0 && titles.size !== c.ids.length) return `${titles.size} titles from ${c.ids.length} rows`;
    return undefined;
  },
  checkTyped: (c) => (c.edits.length === 0 ? 'a valid catalogue was refused' : undefined),
});

// ---- JSON with lines ------------------------------------------------------------------------------

interface JsonCase {
  text: string;
  edits: string[];
}

const jsonCase: fc.Arbitrary<JsonCase> = fc
  .tuple(fc.jsonValue({ maxDepth: 4 }), fc.constantFrom(undefined, 1, '\t'))
  .map(([v, space]) => JSON.stringify(v, null, space))
  .chain((text) =>
    fc.oneof(
      fc.constant({ text, edits: [] as string[] }),
      mutateText(fc.constant(text)).map((m) => ({ text: m.text, edits: m.edits })),
    ),
  );

function depthOf(text: string): number {
  let depth = 0;
  let max = 0;
  for (const c of text) {
    if (c === '[' || c === '{') max = Math.max(max, ++depth);
    else if (c === ']' || c === '}') depth--;
  }
  return max;
}

const JSON_TARGET = defineTarget<JsonCase, undefined, unknown>({
  name: 'loader.json-lines',
  inputs: () => jsonCase,
  run: (c) => parseJsonWithLines(c.text, 'fuzz.json').value,
  check: (c, value) => {
    let reference: unknown;
    try {
      reference = JSON.parse(c.text);
    } catch {
      return 'accepted a document JSON.parse refuses';
    }
    return JSON.stringify(value) === JSON.stringify(reference) ? undefined : 'parsed value differs from JSON.parse';
  },
  checkTyped: (c) => {
    try {
      JSON.parse(c.text);
    } catch {
      return undefined;
    }
    return depthOf(c.text) > 64 ? undefined : 'refused a document JSON.parse accepts';
  },
});

// ---- NCF split ------------------------------------------------------------------------------------

interface SplitCase {
  train: string;
  test: string;
  negative: string;
  edits: string[];
  mutated: 'none' | 'train' | 'test' | 'negative';
}

const splitCase: fc.Arbitrary<SplitCase> = fc
  .record({
    users: fc.integer({ min: 1, max: 5 }),
    items: fc.integer({ min: 2, max: 8 }),
    perUser: fc.integer({ min: 1, max: 3 }),
    nNeg: fc.integer({ min: 1, max: 3 }),
    crlf: fc.boolean(),
  })
  .map(({ users, items, perUser, nNeg, crlf }) => {
    const eol = crlf ? '\r\n' : '\n';
    const train: string[] = [];
    const test: string[] = [];
    const neg: string[] = [];
    for (let u = 0; u < users; u++) {
      for (let j = 0; j < perUser; j++) train.push(`${u}\t${(u + j) % items}\t5\t${978300760 + j}`);
      const target = (u + perUser) % items;
      test.push(`${u}\t${target}\t4\t978300800`);
      neg.push(
        [`(${u},${target})`, ...Array.from({ length: nNeg }, (_, k) => String((target + 1 + k) % items))].join('\t'),
      );
    }
    return { train: train.join(eol) + eol, test: test.join(eol) + eol, negative: neg.join(eol) + eol };
  })
  .chain((files) =>
    fc.oneof(
      fc.constant({ ...files, edits: [] as string[], mutated: 'none' as const }),
      fc.constantFrom('train', 'test', 'negative').chain((which) =>
        mutateText(fc.constant(files[which])).map((m) => ({
          ...files,
          [which]: m.text,
          edits: m.edits,
          mutated: which,
        })),
      ),
    ),
  );

function protocolProblem(p: RankingProtocol): string | undefined {
  const nU = p.train.userIds.size;
  const nI = p.train.itemIds.size;
  if (!(p.nNeg > 0) || p.negatives.length !== p.users.length * p.nNeg)
    return `nNeg ${p.nNeg} with ${p.negatives.length} negatives for ${p.users.length} test rows`;
  if (p.targets.length !== p.users.length) return 'targets and users differ in length';
  for (const u of p.users) if (!(u >= 0 && u < nU)) return `test user ${u} outside 0..${nU - 1}`;
  for (const i of p.targets) if (!(i >= 0 && i < nI)) return `test item ${i} outside 0..${nI - 1}`;
  for (const i of p.negatives) if (!(i >= 0 && i < nI)) return `negative ${i} outside 0..${nI - 1}`;
  for (const t of p.train.times) if (!Number.isFinite(t)) return `non-finite time ${t}`;
  return undefined;
}

const parseSplit = ncfSplit.parseNcfSplit;

const SPLIT_TARGET = defineTarget<SplitCase, undefined, RankingProtocol>({
  name: 'loader.ncf-split',
  inputs: () => splitCase,
  run: (c) => parseSplit({ train: c.train, test: c.test, negative: c.negative }, 'fuzz'),
  check: (c, p) => {
    const problem = protocolProblem(p);
    if (problem) return problem;
    if (c.mutated === 'none' && p.train.length !== c.train.split(/\r?\n/).filter((l) => l).length)
      return 'train rows lost';
    return undefined;
  },
  checkTyped: (c) => (c.mutated === 'none' ? 'a valid split was refused' : undefined),
});

/** A protocol as comparable text. */
function protocolKey(p: RankingProtocol): string {
  const t = p.train;
  return JSON.stringify([
    Array.from(t.users),
    Array.from(t.items),
    Array.from(t.times),
    t.userIds.size,
    t.itemIds.size,
    Array.from(p.users),
    Array.from(p.targets),
    Array.from(p.negatives),
    p.nNeg,
  ]);
}

async function splitOutcome(run: () => RankingProtocol | Promise<RankingProtocol>): Promise<string> {
  try {
    return protocolKey(await run());
  } catch (err) {
    if (!(err instanceof LinkrecError)) throw err;
    return `${err.name}: ${err.message}`;
  }
}

async function* bytePieces(text: string, cuts: number[]): AsyncGenerator<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  let from = 0;
  for (const c of Array.from(new Set(cuts.map((x) => x % (bytes.length + 1)))).sort((a, b) => a - b))
    yield bytes.subarray(from, c), (from = c);
  yield bytes.subarray(from);
}

/** The streaming reader (any chunking, Blobs) must agree with the in-memory parser, result or typed error. */
const SPLIT_STREAM_TARGET = defineTarget<{ split: SplitCase; cuts: number[] }, undefined, { mismatch?: string }>({
  name: 'loader.ncf-split-streaming',
  inputs: () => fc.record({ split: splitCase, cuts: fc.array(fc.nat({ max: 200 }), { minLength: 1, maxLength: 6 }) }),
  run: async ({ split, cuts }) => {
    // The in-memory parser takes text: give it what UTF-8 decoding makes of the bytes (a leading BOM
    // dropped, a lone surrogate, which has no UTF-8 form, as U+FFFD).
    const decoded = (t: string): string => new TextDecoder().decode(new TextEncoder().encode(t));
    const texts = { train: decoded(split.train), test: decoded(split.test), negative: decoded(split.negative) };
    const reference = await splitOutcome(() => parseSplit(texts, 'fuzz'));
    const streamed = await splitOutcome(() =>
      ncfSplit.loadNcfSplit(
        {
          train: bytePieces(split.train, cuts),
          test: bytePieces(split.test, cuts),
          negative: bytePieces(split.negative, cuts),
        },
        { name: 'fuzz' },
      ),
    );
    const blobs = await splitOutcome(() =>
      ncfSplit.loadNcfSplit(
        { train: new Blob([split.train]), test: new Blob([split.test]), negative: new Blob([split.negative]) },
        { name: 'fuzz' },
      ),
    );
    if (streamed !== reference)
      return { mismatch: `chunked stream: ${streamed.slice(0, 300)} vs texts: ${reference.slice(0, 300)}` };
    if (blobs !== reference) return { mismatch: `Blobs: ${blobs.slice(0, 300)} vs texts: ${reference.slice(0, 300)}` };
    if (!reference.startsWith('[')) throw new AgreedRejection(reference);
    return {};
  },
  check: (_c, r) => r.mismatch,
});

export const TEXT_LOADER_TARGETS: AnyTarget[] = [TITLES_TARGET, JSON_TARGET, SPLIT_TARGET, SPLIT_STREAM_TARGET];
