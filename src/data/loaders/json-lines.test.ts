import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DataFormatError } from '../../errors.ts';
import { parseJsonWithLines } from './json-lines.ts';

function errorOf(text: string): DataFormatError {
  try {
    parseJsonWithLines(text, 'doc.json');
  } catch (e) {
    expect(e).toBeInstanceOf(DataFormatError);
    return e as DataFormatError;
  }
  throw new Error(`expected ${JSON.stringify(text)} to be rejected`);
}

describe('parseJsonWithLines', () => {
  it('agrees with JSON.parse on arbitrary JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom(undefined, 2), (value, indent) => {
        const text = JSON.stringify(value, null, indent);
        expect(parseJsonWithLines(text, 'x').value).toEqual(JSON.parse(text));
      }),
      { numRuns: 300, seed: 11 },
    );
  });

  it('records the line each array and object opens on', () => {
    const doc = parseJsonWithLines('{\n "a": [1,\n  [2, 3]],\n "b": {"c": [4]}\n}', 'x');
    const root = doc.value as { a: [number, number[]]; b: { c: number[] } };
    expect(doc.lineOf(root)).toBe(1);
    expect(doc.lineOf(root.a)).toBe(2);
    expect(doc.lineOf(root.a[1])).toBe(3);
    expect(doc.lineOf(root.b.c)).toBe(4);
    expect(doc.lineOf(7)).toBe(0);
  });

  it('decodes escapes and keeps __proto__ as plain data', () => {
    const doc = parseJsonWithLines('{"s": "a\\n\\u00e9\\"", "__proto__": {"x": 1}}', 'x');
    const value = doc.value as Record<string, unknown>;
    expect(value.s).toBe('a\né"');
    expect(Object.getPrototypeOf(value)).toBeNull();
    expect(value.__proto__).toEqual({ x: 1 });
  });

  it('rejects malformed JSON with the line of the problem', () => {
    expect(errorOf('')).toMatchObject({ line: 1, problem: 'invalid JSON: empty document' });
    expect(errorOf('{"a": 1,\n"b": }')).toMatchObject({ line: 2 });
    expect(errorOf('[1, 2\n\n')).toMatchObject({ line: 3, problem: expect.stringMatching(/end of input/) });
    expect(errorOf('{"a": NaN}').problem).toMatch(/unexpected "NaN}"/);
    expect(errorOf('[1]\n[2]').problem).toMatch(/after the document/);
    expect(errorOf('{"a": "unterminated').problem).toMatch(/unterminated string/);
    expect(errorOf('["\\x"]').problem).toMatch(/bad escape/);
    expect(errorOf('["a\tb"]').problem).toMatch(/control character/);
    expect(errorOf('[01]').problem).toMatch(/expected ','/);
    expect(errorOf('{a: 1}').problem).toMatch(/quoted key/);
  });

  it('refuses deep nesting instead of overflowing the stack', () => {
    expect(errorOf('['.repeat(1_000_000)).problem).toMatch(/nested deeper than 64/);
  });

  it('only ever throws DataFormatError on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (text) => {
        try {
          parseJsonWithLines(text, 'x');
        } catch (e) {
          expect(e).toBeInstanceOf(DataFormatError);
        }
      }),
      { numRuns: 500, seed: 3 },
    );
  });
});
