/**
 * Smart malformed inputs: mutations of valid documents rather than noise. Text mutations insert,
 * replace or delete at random places, with tokens that broke parsers before (ids such as `0x2`,
 * `1e1`, `+1`, numbers that underflow or overflow a float32, BOM, CRLF, a lone CR, quotes…).
 */
import fc from 'fast-check';

/** Field values a strict number or id parser must judge correctly. */
export const WEIRD_TOKENS: readonly string[] = [
  '',
  ' ',
  '  1',
  '1 ',
  '0x2',
  '0b1',
  '0o7',
  '1e1',
  '1.0',
  '+1',
  '-1',
  '-0',
  '1_000',
  '1,5',
  'NaN',
  'nan',
  'Infinity',
  '-Infinity',
  '1e-46',
  '1e-50',
  '1e-40',
  '4e-45',
  '1e39',
  '3.5e38',
  '1e309',
  '-1e309',
  '9007199254740993',
  '99999999999999999999',
  '2147483648',
  '-2147483649',
  '1.5',
  '.5',
  '5.',
  '1e',
  'e1',
  '--1',
  '٣',
  '１',
  'true',
  'null',
  'undefined',
  '"',
  '""',
  '"1"',
  '"1""',
  "'1'",
  '\\',
  '\u0000',
  '\uFEFF',
  '\uFEFF1',
  '\u00A0',
  '\u2028',
  '\ud800',
  'é',
  '💥',
];

/** Characters that change structure: separators, line ends, quotes. */
export const STRUCTURE_CHARS: readonly string[] = [
  ',',
  '\t',
  '\n',
  '\r',
  '\r\n',
  '"',
  ' ',
  ';',
  '|',
  '\uFEFF',
  '\u0000',
  '{',
  '}',
  '[',
  ']',
  ':',
  '\\',
];

/** One edit of a text, positioned by fractions (`f`, `g`) so it applies to any text. */
type EditOp = 'insert' | 'replaceField' | 'delete' | 'truncate' | 'duplicateLine' | 'swapLines' | 'lineEnds' | 'bom';
interface EditSpec {
  kind: EditOp;
  f: number;
  g: number;
  text: string;
  ends: '\r\n' | '\r' | '\n';
  length: number;
}

const fraction = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });
const weirdOrChar = fc.oneof(fc.constantFrom(...WEIRD_TOKENS), fc.constantFrom(...STRUCTURE_CHARS));

const editArb: fc.Arbitrary<EditSpec> = fc.record({
  kind: fc.constantFrom<EditOp>(
    'insert',
    'insert',
    'replaceField',
    'replaceField',
    'replaceField',
    'delete',
    'truncate',
    'duplicateLine',
    'swapLines',
    'lineEnds',
    'bom',
  ),
  f: fraction,
  g: fraction,
  text: weirdOrChar,
  ends: fc.constantFrom<'\r\n' | '\r' | '\n'>('\r\n', '\r', '\n'),
  length: fc.integer({ min: 1, max: 8 }),
});

/** Applies 1..max random edits to a text. */
export function mutateText(
  text: fc.Arbitrary<string>,
  max = 3,
): fc.Arbitrary<{ original: string; text: string; edits: string[] }> {
  return fc.tuple(text, fc.array(editArb, { minLength: 1, maxLength: max })).map(([original, edits]) => {
    let out = original;
    const done: string[] = [];
    for (const e of edits) {
      out = applyEdit(out, e);
      done.push(`${e.kind}@${e.f.toFixed(3)}:${JSON.stringify(e.text)}`);
    }
    return { original, text: out, edits: done };
  });
}

function applyEdit(text: string, e: EditSpec): string {
  const at = Math.floor(e.f * (text.length + 1));
  switch (e.kind) {
    case 'insert':
      return text.slice(0, at) + e.text + text.slice(at);
    case 'delete':
      return text.slice(0, at) + text.slice(at + e.length);
    case 'truncate':
      return text.slice(0, at);
    case 'bom':
      return `\uFEFF${text}`;
    case 'lineEnds':
      return text.replace(/\r\n|\r|\n/g, e.ends);
    case 'replaceField':
      return replaceField(text, e.f, e.text);
    case 'duplicateLine':
    case 'swapLines':
      return moveLines(text, e.kind, e.f, e.g);
  }
}

/** Replaces the n-th run of non-separator characters (a field, a JSON number or word). */
function replaceField(text: string, f: number, by: string): string {
  const fields = [...text.matchAll(/[^,\t\r\n"{}[\]:]+/g)];
  if (fields.length === 0) return text + by;
  const m = fields[Math.floor(f * fields.length)];
  return text.slice(0, m.index) + by + text.slice(m.index + m[0].length);
}

function moveLines(text: string, kind: 'duplicateLine' | 'swapLines', f: number, g: number): string {
  const lines = text.split('\n');
  const a = Math.floor(f * lines.length);
  const b = Math.floor(g * lines.length);
  if (kind === 'duplicateLine') lines.splice(b, 0, lines[a]);
  else [lines[a], lines[b]] = [lines[b], lines[a]];
  return lines.join('\n');
}

/** Values that a decoder or a request validator must refuse or handle: wrong types and edge numbers. */
export const WEIRD_VALUES: readonly unknown[] = [
  null,
  undefined,
  '',
  'x',
  '1',
  true,
  false,
  0,
  -0,
  -1,
  1.5,
  0.1,
  NaN,
  Infinity,
  -Infinity,
  2 ** 31,
  2 ** 32,
  -(2 ** 31) - 1,
  1e9,
  2e9,
  1e300,
  Number.MAX_SAFE_INTEGER + 2,
  Number.MIN_VALUE,
  1e-46,
  [],
  [1],
  [null],
  {},
  { length: 5 },
  5,
  new Float32Array(2),
  'constructor',
  '__proto__',
  'toString',
];

/** One weird value. */
export const weirdValue: fc.Arbitrary<unknown> = fc.constantFrom(...WEIRD_VALUES);
