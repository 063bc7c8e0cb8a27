/**
 * Strict field parsers of He et al.'s split files. An id is a plain decimal integer (`0` or digits
 * without a leading zero): `''`, `' 1'`, `+1`, `-1`, `0x2`, `1e1` and `1.0` are not ids, because
 * `Number()` accepts every one of them and would silently shift a row onto another user or item.
 */

/** Largest id accepted: the columns are Int32Array and the id space is `max + 1`. */
export const MAX_SPLIT_ID = 2 ** 31 - 2;

const ZERO = 48;
const NINE = 57;
/** A decimal number as JSON writes it (no `+`, no hex, no `Infinity`, no blanks). */
const DECIMAL = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?$/;

/**
 * The id written in `line[start, end)`, or -1 when it is not a plain decimal integer up to
 * {@link MAX_SPLIT_ID}. Scans characters in place (no substring, regex or `Number()` per id).
 */
export function idIn(line: string, start: number, end: number): number {
  if (end <= start || end - start > 10) return -1;
  if (line.charCodeAt(start) === ZERO && end - start > 1) return -1;
  let value = 0;
  for (let k = start; k < end; k++) {
    const c = line.charCodeAt(k);
    if (c < ZERO || c > NINE) return -1;
    value = value * 10 + (c - ZERO);
  }
  return value <= MAX_SPLIT_ID ? value : -1;
}

/** `text` as a finite decimal number, or NaN when it is blank, hex, `Infinity`, overflows… */
export function finiteDecimal(text: string): number {
  const plain = idIn(text, 0, text.length); // most ratings and timestamps: no regex, no Number()
  if (plain >= 0) return plain;
  if (!DECIMAL.test(text)) return NaN;
  const value = Number(text);
  return Number.isFinite(value) ? value : NaN;
}

/** How a rejected field is quoted in an error message (long fields cut short). */
export function quoted(text: string): string {
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
}
