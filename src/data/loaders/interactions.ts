import { DataFormatError, InvalidArgumentError } from '../../errors.ts';
import { csrOrder } from '../sparse-rows.ts';
import { InteractionLogBuilder } from '../interaction-builder.ts';
import { selectRows, type InteractionLog } from '../interactions.ts';
import { parseDelimited } from './delimited.ts';
import { float32Problem } from './float32.ts';
import { textChunks, type DataSource, type ReadOptions } from './source.ts';

/** Layout of an interaction file: comma- or tab-separated, or guessed from the first line. */
export type InteractionFormat = 'csv' | 'tsv' | 'auto';

/**
 * What to do with a repeated (user, item) pair: `'latest'` keeps the row with the latest timestamp
 * (ties: the later line) and drops the others; `'error'` rejects the file at the first repeat.
 */
export type InteractionRepeatPolicy = 'latest' | 'error';

/** Options of {@link loadInteractions}. */
export interface LoadInteractionsOptions extends ReadOptions {
  /** `'csv'` (MovieLens ratings.csv), `'tsv'` (MovieLens u.data) or `'auto'` (default). */
  format?: InteractionFormat;
  /** Repeated (user, item) pairs (default `'latest'`). */
  onRepeat?: InteractionRepeatPolicy;
}

/** An interaction log plus what the loader did to it, so callers can say so. */
export interface LoadedInteractions extends InteractionLog {
  /** Repeated (user, item) pairs: the policy applied and how many rows it dropped. */
  repeats: { policy: InteractionRepeatPolicy; dropped: number };
  /** `'column'`: from the file; `'file-order'`: the file has no timestamp column, row k (from 0) has time k. */
  timestamps: 'column' | 'file-order';
}

// Accepted header names per column (case-insensitive); a header row is optional.
const HEADER_NAMES = [
  ['userid', 'user', 'user_id'],
  ['movieid', 'itemid', 'movie', 'item', 'movie_id', 'item_id'],
  ['rating', 'value', 'weight'],
  ['timestamp', 'time', 'ts'],
];
const EXPECTED_HEADER = 'userId,movieId,rating[,timestamp]';
const DECIMAL = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;

/**
 * Streams a MovieLens-style interaction file (`user,item,rating,timestamp` or `user,item,rating` per
 * line; an optional header such as `userId,movieId,rating,timestamp`) into an {@link InteractionLog}
 * in file order. The first row fixes the layout: without a timestamp column, file order is time.
 *
 * Every row is validated: the layout's field count, integer ids, a finite rating that float32 holds
 * (neither rounding to 0 nor to infinity), a finite timestamp. A repeated (user, item) pair keeps its
 * latest row by default (`onRepeat`), counted in `repeats`. Any problem rejects with
 * `DataFormatError(file, line, problem)`; an abort through `signal` rejects with `AbortError`.
 *
 * @example
 * ```ts
 * import { describeInteractionLoad, loadInteractions } from 'linkrec/data';
 * const url = '/data/movielens-small/ratings.csv';
 * const log = await loadInteractions((await fetch(url)).body!, { file: url, onProgress: (bytes) => console.log(bytes) });
 * console.log(log.length, log.userIds.size, log.itemIds.size);
 * console.log(describeInteractionLoad(log)); // e.g. "3 repeated (user, item) rows dropped, kept the latest"
 * ```
 */
export async function loadInteractions(
  source: DataSource,
  options: LoadInteractionsOptions,
): Promise<LoadedInteractions> {
  const { file } = options;
  const policy = options.onRepeat ?? 'latest';
  if (policy !== 'latest' && policy !== 'error')
    throw new InvalidArgumentError(`onRepeat must be 'latest' or 'error', got ${String(policy)}`);
  const builder = new InteractionLogBuilder();
  let headerLines = -1; // unknown until the first row
  let width = 0; // 4 with a timestamp column, 3 without
  const onRow = (fields: string[], line: number): void => {
    if (headerLines < 0) {
      width = fields.length === 3 ? 3 : 4;
      headerLines = !Number.isNaN(parseId(fields[0])) || (fields.length !== 4 && fields.length !== 3) ? 0 : 1;
      if (headerLines === 1) return checkHeader(fields, file, line);
    }
    addRow(builder, fields, width, file, line);
  };
  await parseDelimited(textChunks(source, options), { file, delimiter: delimiterFor(options.format ?? 'auto') }, onRow);
  if (builder.length === 0) {
    throw new DataFormatError(
      file,
      headerLines === 1 ? 2 : 1,
      headerLines === 1 ? 'no data rows after the header' : 'empty file',
    );
  }
  const log = builder.build();
  const dropped = repeatedRows(log, file, Math.max(headerLines, 0), policy);
  const kept = dropped.length ? selectRows(log, keptRows(log.length, dropped)) : log;
  return { ...kept, repeats: { policy, dropped: dropped.length }, timestamps: width === 4 ? 'column' : 'file-order' };
}

/** One line on what the loader did beyond parsing ('' when nothing), for status lines and logs. */
export function describeInteractionLoad(log: Pick<LoadedInteractions, 'repeats' | 'timestamps'>): string {
  const parts: string[] = [];
  const { dropped } = log.repeats;
  if (dropped > 0)
    parts.push(
      `${dropped} repeated (user, item) ${dropped === 1 ? 'row' : 'rows'} dropped, kept the latest of each pair`,
    );
  if (log.timestamps === 'file-order') parts.push('no timestamp column: file order is time');
  return parts.join('; ');
}

function delimiterFor(format: InteractionFormat): (firstLine: string) => string {
  if (format === 'csv') return () => ',';
  if (format === 'tsv') return () => '\t';
  return (firstLine) => (firstLine.includes('\t') ? '\t' : ',');
}

function checkHeader(fields: string[], file: string, line: number): void {
  if (!fields.every((name, c) => HEADER_NAMES[c].includes(name.trim().toLowerCase()))) {
    const shown = JSON.stringify(fields.join(',').slice(0, 80));
    throw new DataFormatError(file, line, `expected a header like ${EXPECTED_HEADER} or a data row, found ${shown}`);
  }
}

function addRow(builder: InteractionLogBuilder, fields: string[], width: number, file: string, line: number): void {
  if (fields.length !== width) {
    const names = width === 4 ? 'user, item, rating, timestamp' : 'user, item, rating';
    throw new DataFormatError(file, line, `expected ${width} fields (${names}), found ${fields.length}`);
  }
  const user = integerField(fields[0], 'user id', file, line);
  const item = integerField(fields[1], 'item id', file, line);
  const rating = finiteField(fields[2], 'rating', file, line);
  const problem = float32Problem(rating);
  if (problem) throw new DataFormatError(file, line, `rating ${fields[2]} ${problem}`);
  const time = width === 4 ? finiteField(fields[3], 'timestamp', file, line) : builder.length;
  builder.add(user, item, rating, time);
}

function integerField(text: string, what: string, file: string, line: number): number {
  const value = parseId(text);
  if (Number.isNaN(value)) throw new DataFormatError(file, line, `${what} ${show(text)} is not an integer`);
  return value;
}

/** `-?digits` (at most 15, so the value is exact) as a number, else NaN; a hand loop is the hot path. */
function parseId(text: string): number {
  const negative = text.charCodeAt(0) === 45;
  const start = negative ? 1 : 0;
  if (text.length === start || text.length - start > 15) return NaN;
  let value = 0;
  for (let i = start; i < text.length; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return NaN;
    value = value * 10 + digit;
  }
  return negative ? 0 - value : value; // 0 - 0 is +0: "-0" and "0" are one id
}

function finiteField(text: string, what: string, file: string, line: number): number {
  const value = DECIMAL.test(text) ? Number(text) : NaN;
  if (!Number.isFinite(value)) throw new DataFormatError(file, line, `${what} ${show(text)} is not a finite number`);
  return value;
}

function show(text: string): string {
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
}

/**
 * Rows that repeat a (user, item) pair and lose to its latest row (latest time; ties: the later
 * line), ascending. Under `'error'` the earliest repeating line is rejected instead, naming both lines.
 */
function repeatedRows(
  log: InteractionLog,
  file: string,
  headerLines: number,
  policy: InteractionRepeatPolicy,
): Int32Array {
  const { indptr, perm } = csrOrder(log.users, log.items, log.userIds.size, log.itemIds.size);
  const losers = new Uint8Array(log.length);
  let count = 0;
  let repeat = -1;
  let first = -1;
  for (let u = 0; u < log.userIds.size; u++) {
    // Stable sort: equal items sit in file order, so perm[k] is the later of perm[k - 1] and perm[k].
    for (let k = indptr[u] + 1, best = perm[indptr[u]]; k < indptr[u + 1]; k++) {
      const row = perm[k];
      if (log.items[row] !== log.items[perm[k - 1]]) {
        best = row;
        continue;
      }
      if (repeat < 0 || row < repeat) {
        repeat = row;
        first = perm[k - 1];
      }
      const loser = log.times[row] >= log.times[best] ? best : row;
      if (loser === best) best = row;
      losers[loser] = 1;
      count++;
    }
  }
  if (repeat >= 0 && policy === 'error') {
    const lineOf = (row: number): number => row + 1 + headerLines;
    const pair = `(user ${log.userIds.id(log.users[repeat])}, item ${log.itemIds.id(log.items[repeat])})`;
    throw new DataFormatError(file, lineOf(repeat), `duplicate ${pair}, first seen on line ${lineOf(first)}`);
  }
  const rows = new Int32Array(count);
  for (let r = 0, k = 0; r < log.length; r++) if (losers[r]) rows[k++] = r;
  return rows;
}

/** 0..n-1 without the ascending `dropped` rows. */
function keptRows(n: number, dropped: Int32Array): Int32Array {
  const kept = new Int32Array(n - dropped.length);
  for (let r = 0, d = 0, k = 0; r < n; r++) {
    if (d < dropped.length && dropped[d] === r) d++;
    else kept[k++] = r;
  }
  return kept;
}
