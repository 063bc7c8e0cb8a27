import { DataFormatError } from '../../errors.ts';

/** Longest line accepted: 99 negatives take ~800 characters, 1,000 of them ~8,000. */
export const MAX_SPLIT_LINE_CHARS = 1 << 16;

/**
 * Cuts text chunks into lines (`\n` or `\r\n`), numbered from 1 across chunks, and hands each
 * non-empty line to `onLine`. Holds only the unfinished last line between chunks, so a file of any
 * size streams through; the same text gives the same lines however it is chunked. A leading BOM is dropped.
 */
export class LineSplitter {
  private carry = '';
  private line = 0;
  /** Whether the text's first character is still to come (a leading BOM is dropped there). */
  private atStart = true;

  constructor(
    private readonly file: string,
    private readonly onLine: (line: string, no: number) => void,
  ) {}

  /** Feeds the next chunk of text. */
  push(chunk: string): void {
    if (this.atStart && chunk !== '') {
      // As TextDecoder does on the byte path, so text and bytes give the same lines.
      if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
      this.atStart = false;
    }
    const text = this.carry + chunk;
    let start = 0;
    for (let end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', start)) {
      this.emit(text, start, end);
      start = end + 1;
    }
    this.carry = text.slice(start);
    if (this.carry.length > MAX_SPLIT_LINE_CHARS) this.tooLong(this.line + 1);
  }

  /** Ends the text: the last line needs no `\n`. */
  end(): void {
    if (this.carry !== '') this.emit(this.carry, 0, this.carry.length);
    this.carry = '';
  }

  private emit(text: string, start: number, end: number): void {
    const no = ++this.line;
    const stop = end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
    if (stop - start > MAX_SPLIT_LINE_CHARS) this.tooLong(no);
    if (stop > start) this.onLine(text.slice(start, stop), no);
  }

  private tooLong(no: number): never {
    throw new DataFormatError(
      this.file,
      no,
      `line longer than ${MAX_SPLIT_LINE_CHARS} characters (binary data or no line breaks?)`,
    );
  }
}

/** Feeds a whole text through a splitter (the in-memory path). */
export function eachLine(text: string, file: string, onLine: (line: string, no: number) => void): void {
  const lines = new LineSplitter(file, onLine);
  lines.push(text);
  lines.end();
}
