/**
 * `deserializeError`, the decoder of errors crossing a worker boundary: names of linkrec's and the
 * built-in classes, names that are `Object.prototype` members ('constructor', 'toString'), wrong
 * types, and fields that try to overwrite identity. It must always give an Error, of the named class
 * when there is one, with the message as a string; it must never throw.
 */
import fc from 'fast-check';
import * as errors from '../../../errors.ts';
import { deserializeError, serializeError } from '../../../rpc/errors.ts';
import { WEIRD_VALUES } from '../mutate.ts';
import { defineTarget } from '../types.ts';

const CLASSES = new Map<string, new (...args: never[]) => Error>(
  (Object.values(errors) as unknown[])
    .filter((c): c is new (...args: never[]) => Error => typeof c === 'function' && c.prototype instanceof Error)
    .map((c) => [c.name, c]),
);
const NAMES = [
  ...CLASSES.keys(),
  'Error',
  'TypeError',
  'RangeError',
  'constructor',
  'toString',
  '__proto__',
  'hasOwnProperty',
  'valueOf',
  'prototype',
  '',
];

/** One of `values` (indexed: a spread of a list into arguments is what the no-spread rule forbids). */
const oneOf = <T>(values: readonly T[]): fc.Arbitrary<T> => fc.nat({ max: values.length - 1 }).map((i) => values[i]);

const payload = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record(
      {
        name: fc.oneof(oneOf(NAMES), fc.constantFrom(...WEIRD_VALUES)),
        message: fc.oneof(fc.string(), fc.constantFrom(...WEIRD_VALUES)),
        stack: fc.constantFrom(undefined, 'at x', 5, null),
        fields: fc.oneof(
          fc.constant({ id: 'm', expected: 2, found: null }),
          fc.constantFrom(...WEIRD_VALUES),
          fc.dictionary(
            fc.constantFrom(
              'name',
              'message',
              'stack',
              '__proto__',
              'constructor',
              'prototype',
              'id',
              'line',
              'toString',
            ),
            fc.constantFrom(...WEIRD_VALUES),
            { maxKeys: 3 },
          ),
        ),
      },
      { requiredKeys: [] },
    ),
  },
  { weight: 1, arbitrary: fc.constantFrom(...WEIRD_VALUES) },
);

export const RPC_ERROR_TARGET = defineTarget<unknown, undefined, Error>({
  name: 'decoder.rpc-error',
  inputs: () => payload,
  run: (data) => deserializeError(data as never),
  check: (data, e) => {
    if (!(e instanceof Error)) return `gave a ${Object.prototype.toString.call(e)}, not an Error`;
    if (typeof e.message !== 'string') return 'message is not a string';
    const name = (data as { name?: unknown } | null)?.name;
    const Class = typeof name === 'string' ? CLASSES.get(name) : undefined;
    if (Class && !(e instanceof Class)) return `named ${String(name)} but not an instance of it`;
    if (typeof name === 'string' && e.name !== name) return `name ${e.name} instead of ${name}`;
    try {
      serializeError(e); // what the other side would send back must work too
      String(e);
    } catch (err) {
      return `the decoded error cannot be used: ${String(err)}`;
    }
    return undefined;
  },
});
