/**
 * safetensors (https://github.com/huggingface/safetensors): an 8-byte little-endian u64 header length
 * n, n bytes of UTF-8 JSON `{name: {dtype, shape, data_offsets: [begin, end]}, "__metadata__": {…}}`,
 * then the raw little-endian tensor bytes, `data_offsets` relative to the end of the header. Everything
 * is validated (the reference loader's rules: offsets tile the data section exactly, sizes match shape ×
 * dtype, no trailing bytes); any fault is a {@link FormatError} naming the file, byte offset and tensor.
 *
 * Read policy: floating dtypes (F32, F16, BF16, F64) become a `Float32Array` — F32, F16 and BF16
 * exactly, F64 rounded to the nearest float32; integer dtypes (I32, I64, I16, I8, U16, U8, BOOL) become
 * an `Int32Array`, and an I64 value outside the int32 range is a FormatError. `dtype` keeps the file's.
 */
import { FormatError, InvalidArgumentError } from '../errors.ts';

/** The dtypes this reader understands (the file's spelling). */
export type SafetensorsDtype = 'F64' | 'F32' | 'F16' | 'BF16' | 'I64' | 'I32' | 'I16' | 'I8' | 'U16' | 'U8' | 'BOOL';

/** One tensor read from a file: its file dtype, its shape and its values (see the read policy). */
export interface SafetensorsTensor {
  dtype: SafetensorsDtype;
  shape: number[];
  data: Float32Array | Int32Array;
}

/** What {@link readSafetensors} returns. */
export interface SafetensorsFile {
  tensors: Record<string, SafetensorsTensor>;
  /** The header's `__metadata__` (string → string; `{}` when absent). */
  metadata: Record<string, string>;
}

/** One tensor to write: `Float32Array` is written as F32, `Int32Array` as I32, `Float64Array` as F64. */
export interface SafetensorsInput {
  shape: readonly number[];
  data: Float32Array | Int32Array | Float64Array;
}

const BYTES: Record<SafetensorsDtype, number> = {
  F64: 8,
  F32: 4,
  F16: 2,
  BF16: 2,
  I64: 8,
  I32: 4,
  I16: 2,
  I8: 1,
  U16: 2,
  U8: 1,
  BOOL: 1,
};

/** The reference implementation's header cap (100 MB): a larger one is a corrupt length, not a header. */
const MAX_HEADER = 100_000_000;

const LITTLE_ENDIAN = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;

function isDtype(s: unknown): s is SafetensorsDtype {
  return typeof s === 'string' && Object.hasOwn(BYTES, s);
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

interface Entry {
  name: string;
  dtype: SafetensorsDtype;
  shape: number[];
  begin: number;
  end: number;
}

/**
 * Parses a safetensors file. `file` (a name or URL) is only used in error messages.
 * @throws FormatError for any malformed header, offsets, sizes or values (naming the byte offset and tensor)
 * @example
 * ```ts
 * import { readSafetensors } from 'linkrec/interop';
 * const bytes = new Uint8Array(await (await fetch('/models/mf.safetensors')).arrayBuffer());
 * const { tensors, metadata } = readSafetensors(bytes, 'mf.safetensors');
 * console.log(Object.keys(tensors), metadata);
 * ```
 */
export function readSafetensors(bytes: Uint8Array, file?: string): SafetensorsFile {
  const fail = (problem: string, offset?: number): never => {
    throw new FormatError(problem, { file, offset });
  };
  if (!(bytes instanceof Uint8Array)) throw new InvalidArgumentError('readSafetensors: bytes must be a Uint8Array');
  if (bytes.length < 8) fail(`file is ${bytes.length} bytes, shorter than the 8-byte header length`, 0);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const lo = view.getUint32(0, true);
  const hi = view.getUint32(4, true);
  if (hi !== 0 || lo > MAX_HEADER) fail(`header length ${hi * 2 ** 32 + lo} is too large`, 0);
  const n = lo;
  if (8 + n > bytes.length) fail(`header length ${n} runs past the end of the ${bytes.length}-byte file`, 0);
  let text = '';
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(8, 8 + n));
  } catch {
    fail('header is not valid UTF-8', 8);
  }
  if (!text.startsWith('{')) fail("header does not start with '{'", 8);
  let header: unknown;
  try {
    header = JSON.parse(text);
  } catch (err) {
    fail(`header is not valid JSON (${err instanceof Error ? err.message : String(err)})`, 8);
  }
  if (!isPlainObject(header)) return fail('header is not a JSON object', 8);

  const dataStart = 8 + n;
  const dataLength = bytes.length - dataStart;
  let metadata: Record<string, string> = {};
  const entries: Entry[] = [];
  for (const [name, raw] of Object.entries(header)) {
    if (name === '__metadata__') {
      if (!isPlainObject(raw)) fail('__metadata__ is not an object of strings', 8);
      for (const [key, value] of Object.entries(raw as Record<string, unknown>))
        if (typeof value !== 'string') fail(`__metadata__.${key} is not a string`, 8);
      metadata = Object.fromEntries(Object.entries(raw as Record<string, string>));
      continue;
    }
    const at = `tensor ${JSON.stringify(name)}`;
    if (!isPlainObject(raw)) return fail(`${at}: entry is not an object`, 8);
    const { dtype, shape, data_offsets: offsets } = raw;
    if (!isDtype(dtype)) return fail(`${at}: unsupported dtype ${JSON.stringify(dtype)}`, 8);
    if (!Array.isArray(shape) || !shape.every((d) => Number.isSafeInteger(d) && d >= 0))
      return fail(`${at}: shape is not an array of non-negative integers`, 8);
    if (
      !Array.isArray(offsets) ||
      offsets.length !== 2 ||
      !offsets.every((o) => Number.isSafeInteger(o) && o >= 0) ||
      offsets[0] > offsets[1]
    )
      return fail(`${at}: data_offsets is not [begin, end] with 0 <= begin <= end`, 8);
    const [begin, end] = offsets as [number, number];
    let count = 1;
    for (const d of shape as number[]) count *= d;
    const size = count * BYTES[dtype];
    if (!Number.isSafeInteger(size)) return fail(`${at}: shape ${JSON.stringify(shape)} is too large`, 8);
    if (end > dataLength)
      fail(`${at}: data_offsets [${begin}, ${end}] run past the ${dataLength}-byte data section`, dataStart + begin);
    if (end - begin !== size)
      fail(
        `${at}: data_offsets [${begin}, ${end}] hold ${end - begin} bytes but ${dtype}${JSON.stringify(shape)} needs ${size}`,
        dataStart + begin,
      );
    entries.push({ name, dtype, shape: (shape as number[]).slice(), begin, end });
  }

  // The data section must be tiled exactly: sorted by offset, each tensor starts where the last ended.
  const ordered = entries.slice().sort((a, b) => a.begin - b.begin || a.end - b.end);
  let cursor = 0;
  for (const e of ordered) {
    if (e.begin < cursor)
      fail(
        `tensor ${JSON.stringify(e.name)} overlaps the previous tensor (begins at ${e.begin} < ${cursor})`,
        dataStart + e.begin,
      );
    if (e.begin > cursor)
      fail(
        `gap in the data section before tensor ${JSON.stringify(e.name)} (bytes ${cursor}..${e.begin} unused)`,
        dataStart + cursor,
      );
    cursor = e.end;
  }
  if (cursor !== dataLength)
    fail(`${dataLength - cursor} trailing byte(s) after the last tensor's data`, dataStart + cursor);

  const tensors = Object.fromEntries(
    entries.map((e) => [
      e.name,
      { dtype: e.dtype, shape: e.shape, data: decode(bytes, dataStart + e.begin, dataStart + e.end, e, fail) },
    ]),
  );
  return { tensors, metadata };
}

function decode(
  bytes: Uint8Array,
  begin: number,
  end: number,
  e: Entry,
  fail: (problem: string, offset?: number) => never,
): Float32Array | Int32Array {
  const count = (end - begin) / BYTES[e.dtype];
  // A copy: aligned whatever the header length, and independent of the file's buffer.
  const copy = new Uint8Array(end - begin);
  copy.set(bytes.subarray(begin, end)); // not `slice`: a Node Buffer's slice is a view into its pool
  const view = new DataView(copy.buffer);
  switch (e.dtype) {
    case 'F32': {
      if (LITTLE_ENDIAN) return new Float32Array(copy.buffer);
      return Float32Array.from({ length: count }, (_, k) => view.getFloat32(4 * k, true));
    }
    case 'F64': {
      if (LITTLE_ENDIAN) return Float32Array.from(new Float64Array(copy.buffer));
      return Float32Array.from({ length: count }, (_, k) => view.getFloat64(8 * k, true));
    }
    case 'F16':
      return Float32Array.from({ length: count }, (_, k) => halfToFloat(view.getUint16(2 * k, true)));
    case 'BF16': {
      const out = new Uint32Array(count);
      for (let k = 0; k < count; k++) out[k] = view.getUint16(2 * k, true) << 16;
      return new Float32Array(out.buffer);
    }
    case 'I32': {
      if (LITTLE_ENDIAN) return new Int32Array(copy.buffer);
      return Int32Array.from({ length: count }, (_, k) => view.getInt32(4 * k, true));
    }
    case 'I64': {
      const out = new Int32Array(count);
      for (let k = 0; k < count; k++) {
        const low = view.getInt32(8 * k, true);
        const high = view.getInt32(8 * k + 4, true);
        if (high !== low >> 31)
          fail(
            `tensor ${JSON.stringify(e.name)}: I64 element ${k} (${view.getBigInt64(8 * k, true)}) is outside the int32 range`,
            begin + 8 * k,
          );
        out[k] = low;
      }
      return out;
    }
    case 'I16':
      return Int32Array.from({ length: count }, (_, k) => view.getInt16(2 * k, true));
    case 'U16':
      return Int32Array.from({ length: count }, (_, k) => view.getUint16(2 * k, true));
    case 'I8':
      return Int32Array.from(new Int8Array(copy.buffer));
    case 'U8':
      return Int32Array.from(copy);
    case 'BOOL':
      for (let k = 0; k < count; k++)
        if (copy[k] > 1) fail(`tensor ${JSON.stringify(e.name)}: BOOL element ${k} is ${copy[k]}`, begin + k);
      return Int32Array.from(copy);
  }
}

/** IEEE 754 binary16 bits → number (exact in float32). */
function halfToFloat(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >> 10) & 0x1f;
  const frac = h & 0x3ff;
  if (exp === 0) return sign * frac * 2 ** -24;
  if (exp === 0x1f) return frac ? Number.NaN : sign * Number.POSITIVE_INFINITY;
  return sign * (1 + frac / 1024) * 2 ** (exp - 15);
}

function dtypeOf(data: SafetensorsInput['data']): SafetensorsDtype {
  if (data instanceof Float32Array) return 'F32';
  if (data instanceof Int32Array) return 'I32';
  if (data instanceof Float64Array) return 'F64';
  throw new InvalidArgumentError('writeSafetensors: data must be a Float32Array, Int32Array or Float64Array');
}

/**
 * Writes tensors (and optional string metadata) as a safetensors file: tensors in name order (code-point
 * order), the header padded with spaces to a multiple of 8 bytes as the reference writer does, so every
 * tensor's data is aligned. Bit-exact: `readSafetensors(writeSafetensors(t))` gives back `t`'s bits.
 * @throws InvalidArgumentError when a shape does not match its data's length, or a name is `__metadata__`
 * @example
 * ```ts
 * import { readSafetensors, writeSafetensors } from 'linkrec/interop';
 * const bytes = writeSafetensors({ emb: { shape: [2, 2], data: Float32Array.of(1, 2, 3, 4) } }, { source: 'demo' });
 * console.log(readSafetensors(bytes).tensors.emb.data); // Float32Array [1, 2, 3, 4]
 * ```
 */
export function writeSafetensors(
  tensors: Readonly<Record<string, SafetensorsInput>>,
  metadata: Readonly<Record<string, string>> = {},
): Uint8Array<ArrayBuffer> {
  const names = Object.keys(tensors).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const header: Record<string, unknown> = {};
  const metaKeys = Object.keys(metadata).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (metaKeys.length) {
    const meta: Record<string, string> = {};
    for (const key of metaKeys) {
      if (typeof metadata[key] !== 'string')
        throw new InvalidArgumentError(`writeSafetensors: metadata ${JSON.stringify(key)} is not a string`);
      Object.defineProperty(meta, key, { value: metadata[key], enumerable: true });
    }
    header.__metadata__ = meta;
  }
  let offset = 0;
  const parts: { data: SafetensorsInput['data']; dtype: SafetensorsDtype; at: number }[] = [];
  for (const name of names) {
    if (name === '__metadata__')
      throw new InvalidArgumentError('writeSafetensors: "__metadata__" is not a tensor name');
    const { shape, data } = tensors[name];
    const dtype = dtypeOf(data);
    if (!Array.isArray(shape) || !shape.every((d) => Number.isSafeInteger(d) && d >= 0))
      throw new InvalidArgumentError(`writeSafetensors: tensor ${JSON.stringify(name)} has an invalid shape`);
    const count = shape.reduce((a, d) => a * d, 1);
    if (count !== data.length)
      throw new InvalidArgumentError(
        `writeSafetensors: tensor ${JSON.stringify(name)} has shape ${JSON.stringify(shape)} (${count} values) but ${data.length} values`,
      );
    const size = count * BYTES[dtype];
    Object.defineProperty(header, name, {
      value: { dtype, shape: shape.slice(), data_offsets: [offset, offset + size] },
      enumerable: true,
    });
    parts.push({ data, dtype, at: offset });
    offset += size;
  }
  const json = new TextEncoder().encode(JSON.stringify(header));
  const n = Math.ceil(json.length / 8) * 8;
  const out = new Uint8Array(8 + n + offset);
  const view = new DataView(out.buffer);
  view.setUint32(0, n, true);
  view.setUint32(4, 0, true);
  out.set(json, 8);
  out.fill(0x20, 8 + json.length, 8 + n);
  const dataStart = 8 + n;
  for (const { data, dtype, at } of parts) {
    if (LITTLE_ENDIAN) {
      out.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), dataStart + at);
      continue;
    }
    for (let k = 0; k < data.length; k++) {
      const p = dataStart + at + k * BYTES[dtype];
      if (dtype === 'F32') view.setFloat32(p, data[k], true);
      else if (dtype === 'I32') view.setInt32(p, data[k], true);
      else view.setFloat64(p, data[k], true);
    }
  }
  return out;
}
