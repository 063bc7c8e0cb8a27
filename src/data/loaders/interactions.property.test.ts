import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DataFormatError } from '../../errors.ts';
import { loadInteractions } from './interactions.ts';

interface Row {
  user: number;
  item: number;
  rating: number;
  time: number;
}

const id = fc.integer({ min: -1e6, max: 1e15 });
const noNegativeZero = (x: number) => (Object.is(x, -0) ? 0 : x); // "-0" prints as "0"
const row = fc.record({
  user: fc.oneof(id, fc.integer({ min: 0, max: 5 })), // small ids make users repeat
  item: fc.oneof(id, fc.integer({ min: 0, max: 5 })),
  rating: fc.float({ noNaN: true, noDefaultInfinity: true }).map(noNegativeZero),
  time: fc
    .oneof(fc.integer({ min: 0, max: 2e9 }), fc.double({ noNaN: true, noDefaultInfinity: true }))
    .map(noNegativeZero),
});
/** A valid log: no repeated (user, item) pair. */
const rows = fc.uniqueArray(row, { minLength: 1, maxLength: 60, selector: (r) => `${r.user},${r.item}` });
const layout = fc.record({
  delimiter: fc.constantFrom(',', '\t'),
  header: fc.boolean(),
  crlf: fc.boolean(),
  finalNewline: fc.boolean(),
});
type Layout = { delimiter: string; header: boolean; crlf: boolean; finalNewline: boolean };

function serialise(data: Row[], l: Layout): string {
  const eol = l.crlf ? '\r\n' : '\n';
  const lines = data.map((r) => [r.user, r.item, r.rating, r.time].join(l.delimiter));
  if (l.header) lines.unshift(['userId', 'movieId', 'rating', 'timestamp'].join(l.delimiter));
  return lines.join(eol) + (l.finalNewline ? eol : '');
}

/** The text's bytes cut at the given (sorted, deduplicated) offsets. */
async function* cutAt(text: string, cuts: number[]): AsyncGenerator<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  let from = 0;
  for (const cut of [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b)) {
    yield bytes.subarray(from, cut);
    from = cut;
  }
  yield bytes.subarray(from);
}

describe('loadInteractions properties', () => {
  it('parses serialised random logs back identically, whatever the chunk boundaries', async () => {
    await fc.assert(
      fc.asyncProperty(rows, layout, fc.array(fc.nat(), { maxLength: 12 }), async (data, l, cuts) => {
        const log = await loadInteractions(cutAt(serialise(data, l), cuts), { file: 'p.csv' });
        expect(log.length).toBe(data.length);
        expect([...log.users].map((u) => log.userIds.id(u))).toEqual(data.map((r) => r.user));
        expect([...log.items].map((i) => log.itemIds.id(i))).toEqual(data.map((r) => r.item));
        expect([...log.values]).toEqual(data.map((r) => Math.fround(r.rating)));
        expect([...log.times]).toEqual(data.map((r) => r.time));
      }),
      { numRuns: 150, seed: 20240601 },
    );
  });

  it('keeps exactly the latest row of each repeated pair (ties: the later line), in file order', async () => {
    const small = fc.record({
      user: fc.nat(3),
      item: fc.nat(3),
      rating: fc.integer({ min: 1, max: 5 }),
      time: fc.nat(4),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(small, { minLength: 1, maxLength: 40 }), fc.boolean(), async (data, withTimes) => {
        const text = data
          .map((r) => (withTimes ? [r.user, r.item, r.rating, r.time] : [r.user, r.item, r.rating]).join(','))
          .join('\n');
        const log = await loadInteractions(text, { file: 'r.csv' });
        const time = (k: number) => (withTimes ? data[k].time : k);
        const winner = new Map<string, number>(); // pair -> row kept
        data.forEach((r, k) => {
          const key = `${r.user},${r.item}`;
          const best = winner.get(key);
          if (best === undefined || time(k) >= time(best)) winner.set(key, k);
        });
        const kept = [...winner.values()].sort((a, b) => a - b);
        expect(log.repeats).toEqual({ policy: 'latest', dropped: data.length - kept.length });
        expect(log.timestamps).toBe(withTimes ? 'column' : 'file-order');
        expect([...log.values]).toEqual(kept.map((k) => data[k].rating));
        expect([...log.times]).toEqual(kept.map(time));
        expect([...log.users].map((u) => log.userIds.id(u))).toEqual(kept.map((k) => data[k].user));
      }),
      { numRuns: 200, seed: 12 },
    );
  });

  // Each corruption is guaranteed to make the file invalid (a repeated row under onRepeat: 'error'),
  // so a success would be silent data loss.
  const corruptions: Record<string, (lines: string[], at: number, d: string) => void> = {
    'drop two fields': (lines, at, d) => (lines[at] = lines[at].split(d).slice(0, 2).join(d)),
    'add a field': (lines, at, d) => (lines[at] += `${d}1`),
    'insert a delimiter': (lines, at, d) => (lines[at] = `${lines[at].slice(0, 1)}${d}${lines[at].slice(1)}`),
    'letter in an id': (lines, at) => (lines[at] = `x${lines[at]}`),
    'NaN rating': (lines, at, d) =>
      (lines[at] = lines[at]
        .split(d)
        .map((f, c) => (c === 2 ? 'NaN' : f))
        .join(d)),
    'Infinity time': (lines, at, d) =>
      (lines[at] = lines[at]
        .split(d)
        .map((f, c) => (c === 3 ? 'Infinity' : f))
        .join(d)),
    'repeat a row': (lines, at) => lines.splice(at + 1, 0, lines[at]),
    'blank line inside': (lines, at) => lines.splice(at, 0, ''),
    'truncate mid-row': (lines, at, d) =>
      lines.splice(at, lines.length - at, lines[at].slice(0, lines[at].lastIndexOf(d) + 1)),
    'stray quote': (lines, at, d) => (lines[at] = `"${lines[at].split(d).join(`"${d}`)}`),
    'NUL byte': (lines, at) => (lines[at] = `${lines[at]}\u0000`),
  };

  it('turns every random corruption of a valid file into a DataFormatError', async () => {
    await fc.assert(
      fc.asyncProperty(
        rows,
        layout,
        fc.constantFrom(...Object.keys(corruptions)),
        fc.nat(),
        fc.array(fc.nat(), { maxLength: 6 }),
        async (data, l, name, pick, cuts) => {
          const lines = serialise(data, { ...l, finalNewline: false }).split(l.crlf ? '\r\n' : '\n');
          const at = (l.header ? 1 : 0) + (pick % data.length);
          corruptions[name](lines, at, l.delimiter);
          const eol = l.crlf ? '\r\n' : '\n';
          const text = lines.join(eol) + (l.finalNewline ? eol : '');
          const outcome = await loadInteractions(cutAt(text, cuts), { file: 'bad.csv', onRepeat: 'error' }).then(
            (log) => `succeeded with ${log.length} of ${data.length} rows`,
            (e: unknown) => e,
          );
          expect(outcome).toBeInstanceOf(DataFormatError);
          expect((outcome as DataFormatError).line).toBeGreaterThanOrEqual(1);
          expect((outcome as DataFormatError).line).toBeLessThanOrEqual(lines.length);
        },
      ),
      { numRuns: 300, seed: 7 },
    );
  });
});
