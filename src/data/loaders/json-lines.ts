import { DataFormatError } from '../../errors.ts';

/** A parsed JSON value (objects have a null prototype, so `__proto__` keys are plain data). */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** A parsed document plus the 1-based line on which each array or object starts. */
export interface JsonWithLines {
  value: JsonValue;
  /** Line where `node` (an array or object of this document) opens; 0 for anything else. */
  lineOf(node: unknown): number;
}

/** Deeper nesting is refused (a recursive parser must not overflow the stack on hostile input). */
const MAX_DEPTH = 64;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?/y;

/**
 * Strict JSON (RFC 8259) parser that remembers where each array and object starts, so a checker
 * can report the line of a bad node. Syntax errors are `DataFormatError(file, line, problem)`.
 */
export function parseJsonWithLines(text: string, file: string): JsonWithLines {
  const lines = new WeakMap<object, number>();
  let at = 0;
  let line = 1;

  const fail = (problem: string): never => {
    throw new DataFormatError(file, line, `invalid JSON: ${problem}`);
  };
  const skipSpace = (): void => {
    for (; at < text.length; at++) {
      const c = text.charCodeAt(at);
      if (c === 10) line++;
      else if (c !== 32 && c !== 9 && c !== 13) return;
    }
  };
  const close = <T>(node: T): T => {
    at++;
    return node;
  };
  const expect = (literal: string, result: JsonValue): JsonValue => {
    if (!text.startsWith(literal, at)) fail(`unexpected ${describe(text, at)}`);
    at += literal.length;
    return result;
  };

  const parseValue = (depth: number): JsonValue => {
    if (depth > MAX_DEPTH) fail(`nested deeper than ${MAX_DEPTH} levels`);
    skipSpace();
    const c = text[at];
    if (c === '{') return parseObject(depth);
    if (c === '[') return parseArray(depth);
    if (c === '"') return parseString();
    if (c === 't') return expect('true', true);
    if (c === 'f') return expect('false', false);
    if (c === 'n') return expect('null', null);
    NUMBER.lastIndex = at;
    const match = NUMBER.exec(text);
    if (!match) return fail(`unexpected ${describe(text, at)}`);
    at += match[0].length;
    return Number(match[0]);
  };

  const parseArray = (depth: number): JsonValue[] => {
    const array: JsonValue[] = [];
    lines.set(array, line);
    at++;
    skipSpace();
    if (text[at] === ']') return close(array);
    for (;;) {
      array.push(parseValue(depth + 1));
      skipSpace();
      if (text[at] === ']') return close(array);
      if (text[at] !== ',') fail(`expected ',' or ']' but found ${describe(text, at)}`);
      at++;
    }
  };

  const parseObject = (depth: number): { [key: string]: JsonValue } => {
    const object: { [key: string]: JsonValue } = Object.create(null);
    lines.set(object, line);
    at++;
    skipSpace();
    if (text[at] === '}') return close(object);
    for (;;) {
      skipSpace();
      if (text[at] !== '"') fail(`expected a quoted key but found ${describe(text, at)}`);
      const key = parseString();
      skipSpace();
      if (text[at] !== ':') fail(`expected ':' but found ${describe(text, at)}`);
      at++;
      object[key] = parseValue(depth + 1);
      skipSpace();
      if (text[at] === '}') return close(object);
      if (text[at] !== ',') fail(`expected ',' or '}' but found ${describe(text, at)}`);
      at++;
    }
  };

  const parseString = (): string => {
    const start = at;
    let escaped = false;
    for (at++; at < text.length; at++) {
      const c = text.charCodeAt(at);
      if (c === 34) break;
      if (c < 32) fail('control character inside a string');
      if (c === 92) {
        escaped = true;
        at++;
      }
    }
    if (at >= text.length) fail('unterminated string');
    at++;
    const raw = text.slice(start, at);
    if (!escaped) return raw.slice(1, -1);
    try {
      return JSON.parse(raw) as string; // the engine decodes escapes exactly
    } catch {
      return fail('bad escape sequence in a string');
    }
  };

  if (text.trim() === '') fail('empty document');
  const value = parseValue(0);
  skipSpace();
  if (at < text.length) fail(`unexpected ${describe(text, at)} after the document`);
  return { value, lineOf: (node) => (typeof node === 'object' && node !== null ? (lines.get(node) ?? 0) : 0) };
}

function describe(text: string, at: number): string {
  return at >= text.length ? 'end of input' : JSON.stringify(text.slice(at, at + 12));
}
