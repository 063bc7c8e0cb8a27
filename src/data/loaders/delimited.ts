import Papa from 'papaparse';
import { DataFormatError } from '../../errors';

/** Longest line accepted; longer means binary data, a missing newline or an unclosed quote. */
export const MAX_LINE_CHARS = 4096;

/** Options of {@link parseDelimited}. */
export interface DelimitedOptions {
  file: string;
  /** Picks the delimiter from the first line (called once, before any row is parsed). */
  delimiter: (firstLine: string) => string;
}

/**
 * Streams delimited rows out of text chunks with papaparse's incremental `Parser` (the same
 * partial-line carry its own chunk streamers use), calling `onRow(fields, line)` per non-blank line.
 *
 * Lines end in `\n` or `\r\n`. Blank lines are allowed only at the end of the file. A row may not
 * span lines, so `line` is exact; a quoted field holding a newline fails the caller's validation.
 * Returns the number of rows passed to `onRow`.
 */
export async function parseDelimited(
  chunks: AsyncIterable<string>,
  options: DelimitedOptions,
  onRow: (fields: string[], line: number) => void,
): Promise<number> {
  const { file } = options;
  let parser: Papa.Parser | undefined;
  let carry = '';
  let line = 1;
  let rows = 0;
  let blankLine = 0;

  const emit = (text: string, final: boolean): string => {
    parser ??= new Papa.Parser({ delimiter: options.delimiter(firstLine(text)), newline: '\n' });
    const result = parser.parse(text, 0, !final) as Papa.ParseResult<string[]>;
    const firstError = result.errors[0];
    for (let r = 0; r < result.data.length; r++, line++) {
      if (firstError && firstError.row !== undefined && r >= firstError.row) break;
      const fields = withoutCarriageReturn(result.data[r]);
      if (fields.length === 1 && fields[0].trim() === '') {
        blankLine ||= line;
        continue;
      }
      if (blankLine) throw new DataFormatError(file, blankLine, 'blank line before the end of the data');
      onRow(fields, line);
      rows++;
    }
    if (firstError) throw new DataFormatError(file, line, `malformed quoting (${firstError.message})`);
    return final ? '' : text.slice(result.meta.cursor);
  };

  for await (const chunk of chunks) {
    const text = carry + chunk;
    carry = parser || text.includes('\n') ? emit(text, false) : text;
    if (carry.length > MAX_LINE_CHARS) {
      throw new DataFormatError(file, line, `line longer than ${MAX_LINE_CHARS} characters (binary data or no line breaks?)`);
    }
  }
  if (carry !== '') emit(carry, true);
  return rows;
}

function firstLine(text: string): string {
  const end = text.indexOf('\n');
  return end < 0 ? text : text.slice(0, end);
}

function withoutCarriageReturn(fields: string[]): string[] {
  const last = fields.length - 1;
  if (fields[last].endsWith('\r')) fields[last] = fields[last].slice(0, -1);
  return fields;
}
