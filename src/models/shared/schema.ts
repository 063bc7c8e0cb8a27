/**
 * Small schema-like validators: each `Check` takes an untrusted value and the path that names it
 * (`request.k`, `mf: dim`) and returns it typed, or throws an `InvalidArgumentError` naming the path,
 * what was expected (bounds included) and what came. Model configs and the RPC services' requests are
 * both described with these, so every boundary rejects the same way.
 */
import { InvalidArgumentError } from '../../errors.ts';

/** Validates `value` (named `path` in the error) and returns it typed. */
export type Check<T> = (value: unknown, path: string) => T;

/** One check per field of `T` (optional fields take an `optional(...)` check). */
export type Shape<T> = { [K in keyof T]-?: Check<T[K]> };

/** An InvalidArgumentError "`path` must be `what`, got `value`", with `field` = path as data. */
export function invalid(path: string, what: string, value: unknown): InvalidArgumentError {
  return Object.assign(new InvalidArgumentError(`${path} must be ${what}, got ${show(value)}`), { field: path });
}

/** A short, safe rendering of any value for an error message. */
export function show(value: unknown): string {
  if (typeof value === 'number') return Object.is(value, -0) ? '0' : String(value);
  if (typeof value === 'bigint') return `${value}n`;
  if (value === undefined || typeof value === 'function' || typeof value === 'symbol') return typeof value;
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (ArrayBuffer.isView(value)) return `a ${value.constructor.name}`;
  try {
    const text = JSON.stringify(value);
    return text.length > 60 ? `${text.slice(0, 57)}...` : text;
  } catch {
    return typeof value;
  }
}

/** An integer in [min, max]. */
export const int =
  (min: number, max: number): Check<number> =>
  (v, path) => {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max)
      throw invalid(path, `an integer in [${min}, ${max}]`, v);
    return v;
  };

/** A finite number in [min, max] (in (min, max] with `above`). */
export const real =
  (min: number, max: number, above = false): Check<number> =>
  (v, path) => {
    if (typeof v !== 'number' || !Number.isFinite(v) || v > max || v < min || (above && v === min)) {
      throw invalid(path, `a finite number in ${above ? '(' : '['}${min}, ${max}]`, v);
    }
    return v;
  };

/** true or false. */
export const bool: Check<boolean> = (v, path) => {
  if (typeof v !== 'boolean') throw invalid(path, 'true or false', v);
  return v;
};

/** A string of [minLength, maxLength] UTF-16 code units. */
export const text =
  (minLength: number, maxLength: number): Check<string> =>
  (v, path) => {
    if (typeof v !== 'string' || v.length < minLength || v.length > maxLength) {
      throw invalid(
        path,
        minLength > 0
          ? `a string of ${minLength} to ${maxLength} characters`
          : `a string of at most ${maxLength} characters`,
        v,
      );
    }
    return v;
  };

/** One of `values` (listed in the error). */
export const oneOf =
  <T extends string | number>(values: readonly T[]): Check<T> =>
  (v, path) => {
    if (!(values as readonly unknown[]).includes(v))
      throw invalid(path, `one of ${values.map((x) => JSON.stringify(x)).join(', ')}`, v);
    return v as T;
  };

/** `check`, or undefined. */
export const optional =
  <T>(check: Check<T>): Check<T | undefined> =>
  (v, path) =>
    v === undefined ? undefined : check(v, path);

/** An array of [minLength, maxLength] items, each passing `item` (named `path[i]`). */
export const list =
  <T>(item: Check<T>, minLength: number, maxLength: number): Check<T[]> =>
  (v, path) => {
    if (!Array.isArray(v) || v.length < minLength || v.length > maxLength)
      throw invalid(path, `an array of ${minLength} to ${maxLength} items`, v);
    for (let i = 0; i < v.length; i++) item(v[i], `${path}[${i}]`);
    return v as T[];
  };

/** A plain object (not null, not an array, not a class instance). */
export function plainObject(v: unknown, path: string): { [key: string]: unknown } {
  const proto = v !== null && typeof v === 'object' ? Object.getPrototypeOf(v) : undefined;
  if (proto !== Object.prototype && proto !== null) throw invalid(path, 'a plain object', v);
  return v as { [key: string]: unknown };
}

/**
 * A plain object whose fields pass `shape`, with no other field: a typo (`dimm`) is an error naming
 * it and the known fields, never silently ignored. `sep` joins path and field (`.` or `: `).
 */
export const record =
  <T>(shape: Shape<T>, sep = '.'): Check<T> =>
  (v, path) => {
    const o = plainObject(v, path);
    const known = Object.keys(shape);
    for (const key of Object.keys(o)) {
      if (!Object.hasOwn(shape, key)) {
        throw Object.assign(
          new InvalidArgumentError(`${path}${sep}${key} is not a known field (known: ${known.join(', ')})`),
          { field: `${path}${sep}${key}` },
        );
      }
    }
    for (const key of known) (shape as { [key: string]: Check<unknown> })[key](o[key], `${path}${sep}${key}`);
    return o as T;
  };
