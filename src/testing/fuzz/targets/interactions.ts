/**
 * Interaction-log loader targets (CSV, TSV, auto-detected): valid MovieLens-style files, rendered in
 * the layouts real files use (header or not, CRLF, quoted fields), then mutated. A file left intact
 * must load exactly; a mutated one must load into a log consistent with its text, or be refused typed.
 */
import fc from 'fast-check';
import { loadInteractions, type InteractionFormat } from '../../../data/loaders/interactions.ts';
import type { InteractionLog } from '../../../data/interactions.ts';
import { mutateText } from '../mutate.ts';
import { defineTarget, type AnyTarget } from '../types.ts';

export interface Row {
  user: number;
  item: number;
  rating: number;
  time: number;
}

const row: fc.Arbitrary<Row> = fc.record({
  user: fc.integer({ min: -3, max: 9 }),
  item: fc.integer({ min: 0, max: 9 }),
  rating: fc.constantFrom(1, 2, 3.5, 4.5, 5, 0, 0.001, -1, 100),
  time: fc.oneof(fc.integer({ min: 0, max: 2e9 }), fc.constantFrom(0, 1.5, 964982703)),
});

/** Rows; (user, item) pairs repeat in some files (published logs repeat them). */
export const rowsArb = fc.oneof(
  fc.uniqueArray(row, { minLength: 1, maxLength: 10, selector: (r) => `${r.user},${r.item}` }),
  fc.array(
    fc.record({
      ...{ user: fc.integer({ min: 0, max: 2 }), item: fc.integer({ min: 0, max: 2 }) },
      rating: fc.constantFrom(1, 2, 5),
      time: fc.constantFrom(5, 7, 7, 9),
    }),
    { minLength: 1, maxLength: 10 },
  ),
);

/**
 * The log a file of `rows` must load into: without a timestamp column row k has time k; a repeated
 * (user, item) pair keeps its latest row (latest time; ties: the later line), the others dropped.
 */
export function expectedRows(rows: readonly Row[], width: 3 | 4): Row[] {
  const timed = rows.map((r, k) => ({ ...r, time: width === 4 ? r.time : k }));
  const winner = new Map<string, number>();
  timed.forEach((r, k) => {
    const key = `${r.user},${r.item}`;
    const best = winner.get(key);
    if (best === undefined || r.time >= timed[best].time) winner.set(key, k);
  });
  return timed.filter((r, k) => winner.get(`${r.user},${r.item}`) === k);
}

export interface Layout {
  delimiter: ',' | '\t';
  header: boolean;
  eol: '\n' | '\r\n';
  finalEol: boolean;
  /** Quote every field (CSV only), Excel-style. */
  quote: boolean;
  /** 4 fields per row, or 3 (no timestamp column: file order is time). */
  width: 3 | 4;
}

export function layoutArb(format: InteractionFormat): fc.Arbitrary<Layout> {
  const delimiter =
    format === 'csv'
      ? fc.constant<','>(',')
      : format === 'tsv'
        ? fc.constant<'\t'>('\t')
        : fc.constantFrom<',' | '\t'>(',', '\t');
  const width = fc.constantFrom<3 | 4>(4, 4, 3);
  return fc.record({
    delimiter,
    header: fc.boolean(),
    eol: fc.constantFrom<'\n' | '\r\n'>('\n', '\r\n'),
    finalEol: fc.boolean(),
    quote: fc.boolean(),
    width,
  });
}

/** The rows as a file. */
export function render(rows: readonly Row[], l: Layout): string {
  const q = (s: string): string => (l.quote && l.delimiter === ',' ? `"${s}"` : s);
  const lines = rows.map((r) =>
    [r.user, r.item, r.rating, r.time]
      .slice(0, l.width)
      .map((v) => q(String(v)))
      .join(l.delimiter),
  );
  if (l.header) lines.unshift(['userId', 'movieId', 'rating', 'timestamp'].slice(0, l.width).map(q).join(l.delimiter));
  return lines.join(l.eol) + (l.finalEol ? l.eol : '');
}

export interface FileCase {
  /** What the intact file must load into. */
  rows: Row[];
  original: string;
  text: string;
  edits: string[];
}

/** A valid file (`intact` cases in four, default one) or a mutated one. */
export function fileArb(format: InteractionFormat, intact = 1): fc.Arbitrary<FileCase> {
  const valid = fc
    .tuple(rowsArb, layoutArb(format))
    .map(([rows, l]) => ({ rows: expectedRows(rows, l.width), text: render(rows, l) }));
  const kept = valid.map(({ rows, text }) => ({ rows, original: text, text, edits: [] as string[] }));
  const mutated = valid.chain(({ rows, text }) => mutateText(fc.constant(text)).map((m) => ({ rows, ...m })));
  return fc.oneof({ arbitrary: kept, weight: intact }, { arbitrary: mutated, weight: 4 - intact });
}

/** Exact comparison with the rows a valid file holds. */
export function compareRows(log: InteractionLog, rows: readonly Row[]): string | undefined {
  if (log.length !== rows.length) return `${log.length} rows loaded, the file has ${rows.length}`;
  for (let k = 0; k < rows.length; k++) {
    const r = rows[k];
    const got = [log.userIds.id(log.users[k]), log.itemIds.id(log.items[k]), log.values[k], log.times[k]];
    const want = [r.user, r.item, Math.fround(r.rating), r.time];
    if (got.some((v, c) => !Object.is(v, want[c]) && !(v === 0 && want[c] === 0)))
      return `row ${k}: loaded ${JSON.stringify(got)}, file has ${JSON.stringify(want)}`;
  }
  return undefined;
}

const ZERO_TOKEN = /(^|[,\t"\s])[-+]?(0+\.?0*|\.0+)([eE][-+]?\d+)?($|[,\t"\s])/m;

/** What any accepted log must satisfy against its text: shapes, ranges, finiteness, ids from the text, no zero from underflow. */
export function checkLogAgainstText(log: InteractionLog, text: string): string | undefined {
  const n = log.length;
  if (!(n >= 1)) return `accepted an empty log (${n} rows)`;
  if (log.users.length !== n || log.items.length !== n || log.values.length !== n || log.times.length !== n)
    return 'column lengths differ from length';
  const lines = text.split(/\r\n|\r|\n/).length;
  if (n > lines) return `${n} rows from ${lines} lines`;
  const pairs = new Set<number>();
  for (let k = 0; k < n; k++) {
    const u = log.users[k];
    const i = log.items[k];
    if (!(u >= 0 && u < log.userIds.size && i >= 0 && i < log.itemIds.size)) return `row ${k}: index out of range`;
    if (!Number.isFinite(log.values[k]) || !Number.isFinite(log.times[k]))
      return `row ${k}: non-finite value ${log.values[k]} or time ${log.times[k]}`;
    if (log.values[k] === 0 && !ZERO_TOKEN.test(text))
      return `row ${k}: rating stored as 0 but the text has no zero rating (underflow?)`;
    const key = u * log.itemIds.size + i;
    if (pairs.has(key)) return `row ${k}: repeated (user, item) pair left in the log`;
    pairs.add(key);
  }
  const numbers = new Set((text.match(/[-+]?\d+/g) ?? []).map(Number)); // "-01" is id -1
  for (const map of [log.userIds, log.itemIds]) {
    for (let d = 0; d < map.size; d++) {
      const id = map.id(d);
      if (typeof id !== 'number' || !Number.isSafeInteger(id)) return `id ${String(id)} is not a safe integer`;
      if (!numbers.has(id)) return `id ${id} does not appear in the text`;
    }
  }
  return undefined;
}

function interactionsTarget(format: InteractionFormat): AnyTarget {
  return defineTarget<FileCase, undefined, InteractionLog>({
    name: `loader.interactions.${format}`,
    inputs: () => fileArb(format),
    run: (c) => loadInteractions(c.text, { file: 'fuzz.csv', format }),
    check: (c, log) => (c.edits.length === 0 ? compareRows(log, c.rows) : checkLogAgainstText(log, c.text)),
    checkTyped: (c) => (c.edits.length === 0 ? 'a valid file was refused' : undefined),
    show: (c) => JSON.stringify({ text: c.text, edits: c.edits }),
  });
}

export const INTERACTION_TARGETS: AnyTarget[] = (['csv', 'tsv', 'auto'] as const).map(interactionsTarget);
