import { DataFormatError } from '../../errors';
import { csrOrder } from '../csr';
import { InteractionLogBuilder } from '../interaction-builder';
import type { InteractionLog } from '../interactions';
import { parseDelimited } from './delimited';
import { textChunks, type DataSource, type ReadOptions } from './source';

/** Layout of an interaction file: comma- or tab-separated, or guessed from the first line. */
export type InteractionFormat = 'csv' | 'tsv' | 'auto';

/** Options of {@link loadInteractions}. */
export interface LoadInteractionsOptions extends ReadOptions {
  /** `'csv'` (MovieLens ratings.csv), `'tsv'` (MovieLens u.data) or `'auto'` (default). */
  format?: InteractionFormat;
}

// Accepted header names per column (case-insensitive); a header row is optional.
const HEADER_NAMES = [
  ['userid', 'user', 'user_id'],
  ['movieid', 'itemid', 'movie', 'item', 'movie_id', 'item_id'],
  ['rating', 'value', 'weight'],
  ['timestamp', 'time', 'ts'],
];
const EXPECTED_HEADER = 'userId,movieId,rating,timestamp';
const DECIMAL = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;

/**
 * Streams a MovieLens-style interaction file (`user,item,rating,timestamp` per line; an optional
 * header such as `userId,movieId,rating,timestamp`) into an {@link InteractionLog} in file order.
 *
 * Every row is validated: exactly four fields, integer ids, finite rating and timestamp, no repeated
 * (user, item) pair. Any problem rejects with `DataFormatError(file, line, problem)`; an abort
 * through `signal` rejects with `AbortError`.
 *
 * @example
 * const log = await loadInteractions(await fetch(url).then((r) => r.blob()), { file: url });
 */
export async function loadInteractions(source: DataSource, options: LoadInteractionsOptions): Promise<InteractionLog> {
  const { file } = options;
  const builder = new InteractionLogBuilder();
  let headerLines = -1; // unknown until the first row
  const onRow = (fields: string[], line: number): void => {
    if (headerLines < 0) {
      headerLines = !Number.isNaN(parseId(fields[0])) || fields.length !== 4 ? 0 : 1;
      if (headerLines === 1) return checkHeader(fields, file, line);
    }
    addRow(builder, fields, file, line);
  };
  await parseDelimited(textChunks(source, options), { file, delimiter: delimiterFor(options.format ?? 'auto') }, onRow);
  if (builder.length === 0) {
    throw new DataFormatError(file, headerLines === 1 ? 2 : 1, headerLines === 1 ? 'no data rows after the header' : 'empty file');
  }
  const log = builder.build();
  checkNoDuplicates(log, file, Math.max(headerLines, 0));
  return log;
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

function addRow(builder: InteractionLogBuilder, fields: string[], file: string, line: number): void {
  if (fields.length !== 4) {
    throw new DataFormatError(file, line, `expected 4 fields (user, item, rating, timestamp), found ${fields.length}`);
  }
  const user = integerField(fields[0], 'user id', file, line);
  const item = integerField(fields[1], 'item id', file, line);
  const rating = finiteField(fields[2], 'rating', file, line);
  if (!Number.isFinite(Math.fround(rating))) {
    throw new DataFormatError(file, line, `rating ${fields[2]} overflows a 32-bit float`);
  }
  builder.add(user, item, rating, finiteField(fields[3], 'timestamp', file, line));
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

/** Rejects a repeated (user, item) pair, naming the earliest line that repeats one. */
function checkNoDuplicates(log: InteractionLog, file: string, headerLines: number): void {
  const { indptr, perm } = csrOrder(log.users, log.items, log.userIds.size, log.itemIds.size);
  let repeat = -1;
  let first = -1;
  for (let u = 0; u < log.userIds.size; u++) {
    for (let k = indptr[u] + 1; k < indptr[u + 1]; k++) {
      // Stable sort: equal items sit in file order, so perm[k] is the later of the two.
      if (log.items[perm[k]] === log.items[perm[k - 1]] && (repeat < 0 || perm[k] < repeat)) {
        repeat = perm[k];
        first = perm[k - 1];
      }
    }
  }
  if (repeat < 0) return;
  const lineOf = (row: number): number => row + 1 + headerLines;
  const pair = `(user ${log.userIds.id(log.users[repeat])}, item ${log.itemIds.id(log.items[repeat])})`;
  throw new DataFormatError(file, lineOf(repeat), `duplicate ${pair}, first seen on line ${lineOf(first)}`);
}
