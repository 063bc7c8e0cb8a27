/**
 * Errors cross the worker boundary as the same named classes: comlink's `'throw'` transfer handler is
 * replaced by one that sends name, message, stack and the error's own data fields, and re-creates the
 * class from `src/errors.ts` by name on the other side (so `instanceof TrainingLockedError` and `err.id`
 * survive). Install it on both sides (client module and worker entry); installing twice is harmless.
 */
import { transferHandlers, type TransferHandler } from 'comlink';
import * as linkrecErrors from '../errors.ts';
import { LinkrecError } from '../errors.ts';

/** What an error becomes on the wire. */
export interface SerializedError {
  name: string;
  message: string;
  stack?: string;
  /** The error's own structured-cloneable fields (e.g. `id`, `expected`, `found`). */
  fields: { [key: string]: unknown };
}

type Thrown = { value: unknown };
type WireThrown = { isError: true; value: SerializedError } | { isError: false; value: unknown };
type ErrorClass = new (...args: never[]) => Error;

/** Built-in error classes, by name (a Map: a name like 'constructor' or 'toString' finds nothing). */
const BUILTIN = new Map<string, ErrorClass>([
  ['Error', Error],
  ['TypeError', TypeError],
  ['RangeError', RangeError],
  ['SyntaxError', SyntaxError],
  ['ReferenceError', ReferenceError],
  ['EvalError', EvalError],
  ['URIError', URIError],
]);

/** Every class exported by `src/errors.ts`, by its `name`. */
const LINKREC = new Map<string, ErrorClass>(
  (Object.values(linkrecErrors) as unknown[])
    .filter((c): c is ErrorClass => typeof c === 'function' && c.prototype instanceof Error)
    .map((c) => [c.name, c]),
);

/** Fields a payload may not set on the re-created error: its identity comes from name/message/stack only. */
const RESERVED = new Set(['name', 'message', 'stack', '__proto__', 'constructor', 'prototype']);

/** Error → plain data: name, message, stack and the own fields a structured clone can carry. */
export function serializeError(error: Error): SerializedError {
  const fields: { [key: string]: unknown } = {};
  for (const [key, value] of Object.entries(error)) {
    if (key === 'name' || key === 'message' || key === 'stack') continue;
    if (isCloneable(value)) fields[key] = value;
  }
  return { name: error.name, message: error.message, stack: error.stack, fields };
}

/**
 * Plain data → an instance of the class named `data.name` (linkrec's or a built-in), with its fields;
 * an unknown or hostile name (`'constructor'`, `'toString'`, not a string) gives a `LinkrecError` that
 * keeps the name as data. Fields that would overwrite `name`, `message`, `stack` or the prototype are
 * ignored, and a malformed payload never throws.
 */
export function deserializeError(data: SerializedError): Error {
  const raw: Partial<SerializedError> = data !== null && typeof data === 'object' ? data : {};
  const name = typeof raw.name === 'string' ? raw.name : 'LinkrecError';
  const message = typeof raw.message === 'string' ? raw.message : '';
  const Class = LINKREC.get(name) ?? BUILTIN.get(name) ?? LinkrecError;
  // Reflect.construct makes a real Error object with Class's prototype without running Class's
  // constructor, whose parameters differ per class (the fields are restored below instead).
  const error = Reflect.construct(Error, [message], Class) as Error;
  const fields = raw.fields !== null && typeof raw.fields === 'object' ? raw.fields : {};
  for (const key of Object.keys(fields)) {
    // Never shadow what the error inherits (`toString`, `valueOf`…): a hostile field would break it.
    if (RESERVED.has(key) || key in error) continue;
    Object.defineProperty(error, key, { value: fields[key], writable: true, enumerable: true, configurable: true });
  }
  Object.defineProperty(error, 'name', { value: name, writable: true, enumerable: true, configurable: true });
  if (typeof raw.stack === 'string') error.stack = raw.stack;
  return error;
}

const throwHandler: TransferHandler<Thrown, WireThrown> = {
  // Comlink wraps a thrown value as `{ value, [throwMarker]: 0 }`; its own handler knows the marker.
  canHandle: (value): value is Thrown => defaultThrowHandler().canHandle(value),
  serialize({ value }) {
    const wire: WireThrown =
      value instanceof Error ? { isError: true, value: serializeError(value) } : { isError: false, value };
    return [wire, []];
  },
  deserialize(wire) {
    throw wire.isError ? deserializeError(wire.value) : wire.value;
  },
};

let original: TransferHandler<unknown, unknown> | undefined;

function defaultThrowHandler(): TransferHandler<unknown, unknown> {
  if (!original) throw new LinkrecError('comlink throw handler missing');
  return original;
}

/** Registers the named-error `'throw'` handler with comlink (idempotent). */
export function installErrorTransfer(): void {
  const current = transferHandlers.get('throw');
  if (current === (throwHandler as TransferHandler<unknown, unknown>)) return;
  original = current;
  transferHandlers.set('throw', throwHandler as TransferHandler<unknown, unknown>);
}

function isCloneable(value: unknown): boolean {
  if (value === null || ['string', 'number', 'boolean', 'undefined'].includes(typeof value)) return true;
  if (typeof value !== 'object') return false;
  try {
    structuredClone(value);
    return true;
  } catch {
    return false;
  }
}
