/**
 * What the word2vec-text and PBG-TSV readers share: the read policy for text files as real tools write
 * them, and the shortest decimal that reads back as the same float32.
 *
 * Text read policy: UTF-8 (invalid bytes are a FormatError); a leading BOM is skipped; lines end at
 * `\n`, a `\r` before it is dropped (CRLF); trailing spaces and tabs on a line are ignored; blank lines
 * are skipped wherever they are; the last line may or may not end with a newline. Values are decimal
 * numbers as JavaScript's `Number` reads them (`1e-3`, `-0.5`), rounded to float32; anything else, or
 * a non-finite value, is a FormatError naming the 1-based line.
 */
import { FormatError, InvalidArgumentError } from '../errors.ts';

/** One non-blank line: its 1-based number and its text without the line ending or trailing blanks. */
export interface TextLine {
  line: number;
  text: string;
}

/** Decodes UTF-8 (BOM skipped); a string passes through with its BOM skipped. */
export function decodeText(input: string | Uint8Array, file?: string): string {
  let text: string;
  if (typeof input === 'string') text = input;
  else {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(input);
    } catch {
      throw new FormatError(`not UTF-8 text at byte ${firstBadUtf8(input)}`, { file, offset: firstBadUtf8(input) });
    }
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** The non-blank lines of `text` (see the read policy). */
export function textLines(text: string): TextLine[] {
  const out: TextLine[] = [];
  let start = 0;
  for (let n = 1; start <= text.length; n++) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const body = text.slice(start, end).replace(/[ \t\r]+$/, '');
    if (body.length > 0) out.push({ line: n, text: body });
    start = end + 1;
  }
  return out;
}

/** `token` as a float32; FormatError naming `line` unless it is a finite decimal number. */
export function parseValue(token: string, line: number, file?: string): number {
  const v = token.length > 0 && !/\s/.test(token) ? Number(token) : Number.NaN;
  if (!Number.isFinite(v)) throw new FormatError(`${JSON.stringify(token)} is not a finite number`, { file, line });
  return Math.fround(v);
}

/** The shortest decimal that reads back (through `Number` and float32 rounding) as `x` exactly. */
export function float32ToString(x: number): string {
  if (Object.is(x, -0)) return '-0';
  if (!Number.isFinite(x)) throw new InvalidArgumentError(`cannot write the non-finite value ${x}`);
  const f = Math.fround(x);
  for (let p = 1; p < 9; p++) {
    const s = Number(f.toPrecision(p)).toString();
    if (Math.fround(Number(s)) === f) return s;
  }
  return Number(f.toPrecision(9)).toString(); // 9 significant digits always round-trip a float32
}

/** Throws InvalidArgumentError unless `name` can be written as one token of a `sep`-separated line. */
export function checkName(name: string, index: number, forbidden: RegExp, what: string): void {
  if (name.length === 0 || forbidden.test(name))
    throw new InvalidArgumentError(`${what}: name ${index} (${JSON.stringify(name)}) is empty or holds a separator`);
}

/** Byte offset of the first invalid UTF-8 sequence in `b` (`b.length` when none is found). */
function firstBadUtf8(b: Uint8Array): number {
  for (let i = 0; i < b.length; ) {
    const c = b[i];
    const n = c < 0x80 ? 0 : c >= 0xc2 && c < 0xe0 ? 1 : c >= 0xe0 && c < 0xf0 ? 2 : c >= 0xf0 && c < 0xf5 ? 3 : -1;
    if (n < 0) return i;
    for (let k = 1; k <= n; k++) if (i + k >= b.length || (b[i + k] & 0xc0) !== 0x80) return i;
    i += n + 1;
  }
  return b.length;
}
