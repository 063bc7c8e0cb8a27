import Papa from 'papaparse';
import { DataFormatError } from '../../errors.ts';

/** Longest line accepted; longer means binary data, a missing newline or an unclosed quote. */
export const MAX_LINE_CHARS = 4096;

/** Options of {@link parseDelimited}. */
export interface DelimitedOptions {
  file: string;
  /** Picks the delimiter from the first line (called once, before any row is parsed). */
  delimiter: (firstLine: string) => string;
}

/**
 * Streams delimited rows out of text chunks with papaparse's incremental `Parser`, calling
 * `onRow(fields, line)` per non-blank line.
 *
 * Lines end in `\n` or `\r\n`. Blank lines are allowed only at the end of the file. A row may not
 * span lines (a quoted field holding a line break is malformed quoting), so `line` is exact.
 *
 * Every line is judged on its own, so any chunking of the same text gives the same rows or the same
 * error: the parser is only given whole lines (the text after a chunk's last `\n` waits for the next
 * chunk; papaparse judges a closing quote by what follows it, so a piece ending in `"\r`, a CRLF cut
 * between `\r` and `\n`, was "malformed"), and never looks past a line for a closing quote.
 * Returns the number of rows passed to `onRow`.
 */
export async function parseDelimited(
  chunks: AsyncIterable<string>,
  options: DelimitedOptions,
  onRow: (fields: string[], line: number) => void,
): Promise<number> {
  const { file } = options;
  let parser: Papa.Parser | undefined;
  let line = 1;
  let rows = 0;
  let blankLine = 0;

  const rejectLongLine = (): never => {
    if (blankLine) throw new DataFormatError(file, blankLine, 'blank line before the end of the data');
    throw new DataFormatError(
      file,
      line,
      `line longer than ${MAX_LINE_CHARS} characters (binary data or no line breaks?)`,
    );
  };

  /** Parses `text`: whole lines (`final` false) or the last line, which has no `\n` (`final` true). */
  const emit = (text: string, final: boolean): void => {
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
    // Papaparse leaves a line whose quote is still open at its end unparsed: the field would span lines.
    if (result.meta.cursor < text.length)
      throw new DataFormatError(file, line, 'malformed quoting (a quoted field spans lines)');
  };

  /**
   * Emits whole lines; a line holding a quote on its own, so that papaparse never looks past its end
   * for a closing quote (what it finds there would depend on where the chunk ends).
   */
  const emitQuotedApart = (text: string): void => {
    for (let start = 0; start < text.length; ) {
      const quote = text.indexOf('"', start);
      if (quote < 0) return emit(text.slice(start), false);
      const lineStart = Math.max(start, text.lastIndexOf('\n', quote) + 1);
      const lineEnd = text.indexOf('\n', quote) + 1;
      if (lineStart > start) emit(text.slice(start, lineStart), false);
      emit(text.slice(lineStart, lineEnd), false);
      start = lineEnd;
    }
  };

  /** Emits the whole lines of `text` up to the first overlong one, then rejects that one. */
  const emitLines = (text: string): void => {
    const long = firstLongLine(text);
    const ready = long < 0 ? text : text.slice(0, long);
    if (ready !== '') emitQuotedApart(ready);
    if (long >= 0) rejectLongLine();
  };

  let tail = '';
  for await (const chunk of chunks) {
    const text = tail + chunk;
    const cut = text.lastIndexOf('\n') + 1;
    if (cut > 0) emitLines(text.slice(0, cut));
    tail = cut > 0 ? text.slice(cut) : text;
    if (tail.length > MAX_LINE_CHARS) rejectLongLine();
  }
  // A lone `\r` at the very end is a line end whose `\n` is missing, not data.
  const last = tail.endsWith('\r') ? tail.slice(0, -1) : tail;
  if (last !== '') emit(last, true);
  return rows;
}

/** Offset of the first line (of `\n`-terminated `text`) longer than MAX_LINE_CHARS, or -1. */
function firstLongLine(text: string): number {
  for (let start = 0; start < text.length; ) {
    const end = text.indexOf('\n', start);
    if (end - start > MAX_LINE_CHARS) return start;
    start = end + 1;
  }
  return -1;
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
