import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LinkrecError } from '../../errors.ts';
import { loadInteractions } from './interactions.ts';
import type { DataSource } from './source.ts';

/** What a load gave, comparable across sources: the columns, or the typed error's class, line and problem. */
type Outcome =
  | { rows: unknown[]; repeats: unknown; timestamps: string }
  | { error: string; line: unknown; problem: unknown };

async function outcomeOf(source: DataSource): Promise<Outcome> {
  try {
    const log = await loadInteractions(source, { file: 'c.csv' });
    const rows = Array.from(log.users, (u, k) => [
      log.userIds.id(u),
      log.itemIds.id(log.items[k]),
      log.values[k],
      log.times[k],
    ]);
    return { rows, repeats: log.repeats, timestamps: log.timestamps };
  } catch (e) {
    if (!(e instanceof LinkrecError)) throw e; // a generic error is a failure of its own
    const { line, problem } = e as LinkrecError & { line?: number; problem?: string };
    return { error: e.name, line, problem };
  }
}

/** `parts` cut at `cuts` (taken modulo its length, sorted, deduplicated). */
function cut<T extends string | Uint8Array>(whole: T, cuts: number[]): T[] {
  const at = [...new Set(cuts.map((c) => c % (whole.length + 1)))].sort((a, b) => a - b);
  const out: T[] = [];
  let from = 0;
  for (const to of [...at, whole.length]) {
    out.push(whole.slice(from, to) as T);
    from = to;
  }
  return out;
}

async function* iterate<T>(parts: T[]): AsyncGenerator<T> {
  for (const part of parts) yield part;
}

function stream(parts: Uint8Array[]): ReadableStream<Uint8Array> {
  let k = 0;
  return new ReadableStream({ pull: (c) => (k < parts.length ? c.enqueue(parts[k++]) : c.close()) });
}

// Lines that stress the parser: quoted fields (with delimiters, doubled quotes, line breaks, non-ASCII),
// blank lines, stray quotes, bad numbers. Half the files hold valid rows only, so loads are compared too.
const quoted = (text: fc.Arbitrary<string>) => text.map((t) => `"${t.replaceAll('"', '""')}"`);
const maybeQuoted = (plain: fc.Arbitrary<string>) =>
  fc.oneof({ weight: 2, arbitrary: plain }, { weight: 1, arbitrary: quoted(plain) });
const id = maybeQuoted(fc.integer({ min: 0, max: 6 }).map(String));
const value = maybeQuoted(fc.constantFrom('3', '4.5', '1e-3', '0', '-2'));
const validRow = fc.tuple(id, id, value, value).map((f) => f.join(','));
const oddField = fc.oneof(
  quoted(fc.constantFrom('1,2', 'a"b', '1\n2', '1\r\n2', 'é', '')),
  fc.constantFrom('1e-46', '1e39', 'x', '"1"x', '"2', '2"', ''),
);
const oddRow = fc.tuple(validRow, oddField, fc.nat(3)).map(([r, odd, at]) =>
  r
    .split(',')
    .map((f, c) => (c === at ? odd : f))
    .join(','),
);
const oddLine = fc.oneof(oddRow, fc.constantFrom('', '1,2,3', 'userId,movieId,rating,timestamp', '1,2,3,4,5'));
const csvText = fc
  .record({
    bom: fc.boolean(),
    header: fc.boolean(),
    lines: fc.oneof(
      fc.array(validRow, { minLength: 1, maxLength: 25 }),
      fc.array(fc.oneof({ weight: 4, arbitrary: validRow }, { weight: 1, arbitrary: oddLine }), {
        minLength: 1,
        maxLength: 25,
      }),
    ),
    eols: fc.array(fc.constantFrom('\n', '\r\n'), { minLength: 25, maxLength: 25 }),
    end: fc.constantFrom('', '\r', '\n', '\r\n', '\n\n', '\r\n\r\n'),
  })
  .map(({ bom, header, lines, eols, end }) => {
    const body = lines.map((l, k) => (k < lines.length - 1 ? l + eols[k] : l)).join('') + end;
    return (bom ? '\uFEFF' : '') + (header ? 'userId,movieId,rating,timestamp\r\n' : '') + body;
  });
const cuts = fc.array(fc.nat(), { maxLength: 8 });

describe('chunking invariance of the delimited loaders', () => {
  it('gives the same rows or the same typed error for any chunking of the same text or bytes', async () => {
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(csvText, cuts, cuts, async (text, textCuts, byteCuts) => {
        const bytes = new TextEncoder().encode(text);
        const expected = await outcomeOf(text);
        if ('rows' in expected) accepted++;
        expect(await outcomeOf(new Blob([bytes]))).toEqual(expected);
        expect(await outcomeOf(iterate(cut(text, textCuts)))).toEqual(expected);
        expect(await outcomeOf(iterate(cut(bytes, byteCuts)))).toEqual(expected);
        expect(await outcomeOf(stream(cut(bytes, byteCuts)))).toEqual(expected);
      }),
      { numRuns: 300, seed: 1212 },
    );
    expect(accepted).toBeGreaterThan(100); // the property also covers files that load
  });

  it('reads a string over 1 MiB whose piece boundary falls between the \\r and \\n after a quoted field', async () => {
    // The string path feeds 2^20-character pieces; put a CRLF after a closing quote right across one.
    const lines = ['userId,movieId,rating,timestamp\r\n'];
    let length = lines[0].length;
    for (let k = 0; length < 2 ** 20 - 100; k++) length += lines[lines.push(`${k},${k % 50},3,"${k}"\r\n`) - 1].length;
    const lastLine = (pad: number) => `-7,7,4,"${'0'.repeat(pad)}9"\r\n`;
    const pad = 2 ** 20 - 1 - length - lastLine(0).length + 2; // its \r is character 2^20 - 1
    lines.push(lastLine(pad), '-8,8,5,"10"\r\n');
    const text = lines.join('');
    expect(text.slice(2 ** 20 - 2, 2 ** 20 + 1)).toBe('"\r\n');
    const fromString = await outcomeOf(text);
    expect(fromString).toEqual(await outcomeOf(new Blob([text])));
    expect('rows' in fromString && fromString.rows.length).toBe(lines.length - 1);
  });
});
