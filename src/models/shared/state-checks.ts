/**
 * The checks every state decoder runs on what it reads, so a corrupt or hostile state (from the store,
 * another worker, a file) is a `StateFormatError` naming the field — never an out-of-range write, a
 * loop that spins on a bad offset, a NaN score or a generic `TypeError`. Each is one linear pass.
 */
import { StateFormatError } from '../../errors.ts';
import type { Json, ModelState, StateTensor } from '../recommender.ts';
import { show } from './schema.ts';
import type { SparseRows } from '../../data/index.ts';

/** A `StateFormatError` for state kind `kind` (stringified: a hostile kind may be anything). */
export function stateError(kind: unknown, field: string, problem: string): StateFormatError {
  return new StateFormatError(typeof kind === 'string' ? kind : String(kind), field, problem);
}

/** Throws unless every value of `a` is finite (no NaN, no ±Infinity). */
export function checkFinite(kind: string, field: string, a: ArrayLike<number>): void {
  for (let i = 0; i < a.length; i++) {
    if (!Number.isFinite(a[i])) throw stateError(kind, field, `value ${i} is ${a[i]}, not a finite number`);
  }
}

/** Throws unless every value of `a` is an integer in [min, max]. */
export function checkRange(kind: string, field: string, a: ArrayLike<number>, min: number, max: number): void {
  for (let i = 0; i < a.length; i++) {
    const v = a[i];
    if (!(Number.isInteger(v) && v >= min && v <= max))
      throw stateError(kind, field, `value ${i} is ${v}, outside ${min}..${max}`);
  }
}

/** Throws unless every value of `a` is finite and >= 0 (counts, squared-gradient sums). */
export function checkNonNegative(kind: string, field: string, a: ArrayLike<number>): void {
  for (let i = 0; i < a.length; i++) {
    if (!(Number.isFinite(a[i]) && a[i] >= 0))
      throw stateError(kind, field, `value ${i} is ${a[i]}, not a finite number >= 0`);
  }
}

/** Throws unless `a` holds exactly `n` values. */
export function checkLength(kind: string, field: string, a: { length: number }, n: number): void {
  if (a.length !== n) throw stateError(kind, field, `holds ${a.length} values, expected ${n}`);
}

/**
 * Throws unless `ptr` is a CSR offset array over `nnz` entries: `ptr[0] = 0`, non-decreasing, and
 * its last value `nnz` (a decreasing or huge offset would make a row loop read past its entries).
 */
export function checkPtr(kind: string, field: string, ptr: ArrayLike<number>, nnz: number): void {
  if (ptr.length === 0) throw stateError(kind, field, 'is empty (an offset array has one more value than rows)');
  if (ptr[0] !== 0) throw stateError(kind, field, `starts at ${ptr[0]}, not 0`);
  for (let i = 1; i < ptr.length; i++) {
    if (!(ptr[i] >= ptr[i - 1])) throw stateError(kind, field, `decreases at ${i} (${ptr[i - 1]} then ${ptr[i]})`);
  }
  const last = ptr[ptr.length - 1];
  if (last !== nnz) throw stateError(kind, field, `ends at ${last}, but there are ${nnz} entries`);
}

/**
 * Throws unless `rows` is well formed: `nRows + 1` offsets over its indices ({@link checkPtr}), every
 * index in 0..nCols-1, and (with `sorted`) each row strictly ascending — what a binary search needs.
 * `fields` names the offset and index arrays in errors.
 */
export function checkRows(
  kind: string,
  fields: { ptr: string; idx: string },
  rows: SparseRows,
  nCols: number,
  sorted = false,
): void {
  checkLength(kind, fields.ptr, rows.indptr, rows.nRows + 1);
  checkPtr(kind, fields.ptr, rows.indptr, rows.indices.length);
  checkRange(kind, fields.idx, rows.indices, 0, nCols - 1);
  if (!sorted) return;
  for (let r = 0; r < rows.nRows; r++) {
    for (let p = rows.indptr[r] + 1; p < rows.indptr[r + 1]; p++) {
      if (rows.indices[p] <= rows.indices[p - 1])
        throw stateError(kind, fields.idx, `row ${r} is not strictly ascending`);
    }
  }
}

/** An integer in [min, max] read from a JSON field (sizes, counters in `meta` or `config`). */
export function checkInteger(kind: string, field: string, v: unknown, min: number, max: number): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
    throw stateError(kind, field, `must be an integer in [${min}, ${max}], got ${show(v)}`);
  }
  return v;
}

/** A finite number read from a JSON field. */
export function checkNumber(kind: string, field: string, v: unknown, min = -Infinity, max = Infinity): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) {
    throw stateError(kind, field, `must be a finite number in [${min}, ${max}], got ${show(v)}`);
  }
  return v;
}

/** A JSON object (not null, not an array). */
export function isJsonObject(v: unknown): v is { [key: string]: Json } {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !ArrayBuffer.isView(v);
}

/** `v` as a JSON object, or a StateFormatError naming `field`. */
export function checkObject(kind: string, field: string, v: unknown): { [key: string]: Json } {
  if (!isJsonObject(v)) throw stateError(kind, field, `must be an object, got ${show(v)}`);
  return v;
}

/** An array of strings (names for reasons), or undefined when the field is absent or null. */
export function checkNames(kind: string, field: string, v: unknown): string[] | undefined {
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v) || !v.every((s) => typeof s === 'string'))
    throw stateError(kind, field, 'must be an array of strings or null');
  return v as string[];
}

const TYPED = { float32: Float32Array, int32: Int32Array } as const;

/** Throws unless `t` is a state tensor: a known dtype, data of that type, a shape of integers that sizes it. */
export function checkTensor(kind: string, name: string, t: unknown): asserts t is StateTensor {
  const field = `tensors.${name}`;
  if (!isJsonObject(t)) throw stateError(kind, field, `must be a tensor object, got ${show(t)}`);
  const { shape, dtype, data } = t as unknown as StateTensor;
  if (!Array.isArray(shape) || !shape.every((d) => Number.isInteger(d) && d >= 0))
    throw stateError(kind, `${field}.shape`, `must be an array of integers >= 0, got ${show(shape)}`);
  if (dtype !== 'float32' && dtype !== 'int32')
    throw stateError(kind, `${field}.dtype`, `must be 'float32' or 'int32', got ${show(dtype)}`);
  if (!(data instanceof TYPED[dtype])) throw stateError(kind, `${field}.data`, `must be a ${TYPED[dtype].name}`);
  const size = shape.reduce((a, b) => a * b, 1);
  if (data.length !== size) throw stateError(kind, field, `has ${data.length} values for shape [${shape.join(', ')}]`);
}

/**
 * Throws unless `state` has the envelope every kind shares: a string `kind`, a numeric `stateVersion`,
 * object `config` and `meta`, and `tensors` an object of well-formed tensors. Decoders (and upgrade
 * steps) can then read any field without a `TypeError`.
 */
export function checkStateEnvelope(state: unknown): asserts state is ModelState {
  if (!isJsonObject(state)) throw stateError('unknown', 'state', `must be an object, got ${show(state)}`);
  const s = state as unknown as ModelState;
  if (typeof s.kind !== 'string') throw stateError(String(s.kind), 'kind', `must be a string, got ${show(s.kind)}`);
  if (typeof s.stateVersion !== 'number')
    throw stateError(s.kind, 'stateVersion', `must be a number, got ${show(s.stateVersion)}`);
  checkObject(s.kind, 'config', s.config);
  checkObject(s.kind, 'meta', s.meta);
  if (!isJsonObject(s.tensors)) throw stateError(s.kind, 'tensors', `must be an object, got ${show(s.tensors)}`);
  for (const name of Object.keys(s.tensors)) checkTensor(s.kind, name, s.tensors[name]);
}

/**
 * The catalogue of an unfitted model's state, which has no sizes: it was never fitted, so it has no
 * users or items (sizes with nothing behind them would make `recommend` allocate for nothing).
 */
export function checkUnfitted<C extends { nUsers: number; nItems: number }>(kind: string, catalogue: C): C {
  if (catalogue.nUsers !== 0 || catalogue.nItems !== 0)
    throw stateError(
      kind,
      'meta.fitted',
      `is false, but meta declares ${catalogue.nUsers} users and ${catalogue.nItems} items`,
    );
  return catalogue;
}

/** Throws unless every key of `o` (a config or meta object) is one of `known`: a typo is never ignored. */
export function checkKnownKeys(
  kind: string,
  field: string,
  o: { [key: string]: Json },
  known: readonly string[],
): void {
  for (const key of Object.keys(o)) {
    if (!known.includes(key))
      throw stateError(kind, `${field}.${key}`, `is not a known field (known: ${known.join(', ') || 'none'})`);
  }
}
