/**
 * Pure, versioned codec between a model's `ModelState` and the two records the store keeps: the small
 * `ModelInfo` and the `WeightsRecord`. No IndexedDB, no clocks: callers pass `now` and the previous
 * info, so the same code backs the IndexedDB and the memory store and is tested in Node.
 */
import { DataFormatError, InvalidArgumentError } from '../errors.ts';
import type { Json, ModelState, StateTensor } from '../models/recommender.ts';
import { show } from '../models/shared/schema.ts';
import { isJsonObject } from '../models/shared/state-checks.ts';
import type { LegacyModelRecord, StoredTensor, WeightsRecord } from './schema.ts';
import type { ModelInfo, SaveOptions } from './types.ts';

/** Format of `WeightsRecord`s written by this build; bumped when their layout changes. */
export const WEIGHTS_FORMAT = 1;

/** A state ready to store: its weights record and the sizes that go into its info. */
export interface EncodedWeights {
  record: WeightsRecord;
  /** Bytes of all tensors. */
  bytes: number;
  /** Elements of all tensors (optimiser slots included when the state carries them). */
  params: number;
}

const ARRAYS = { float32: Float32Array, int32: Int32Array } as const;

/** Elements a shape holds (1 for a scalar `[]`). */
export function shapeSize(shape: readonly number[]): number {
  return shape.reduce((n, d) => n * d, 1);
}

function checkTensor(name: string, t: StateTensor): void {
  if (!isJsonObject(t)) throw new InvalidArgumentError(`tensor '${name}': must be a tensor object`);
  const valid = Array.isArray(t.shape) && t.shape.every((d) => Number.isInteger(d) && d >= 0);
  if (!valid) throw new InvalidArgumentError(`tensor '${name}': invalid shape ${show(t.shape)}`);
  const Ctor = Object.hasOwn(ARRAYS, t.dtype) ? ARRAYS[t.dtype] : undefined;
  if (!Ctor) throw new InvalidArgumentError(`tensor '${name}': unsupported dtype ${show(t.dtype)}`);
  if (!(t.data instanceof Ctor)) throw new InvalidArgumentError(`tensor '${name}': data is not a ${Ctor.name}`);
  if (t.data.length !== shapeSize(t.shape)) {
    throw new InvalidArgumentError(`tensor '${name}': ${t.data.length} values for shape [${t.shape.join(', ')}]`);
  }
}

/** The tensor's own bytes: its buffer when the view spans all of it (no copy), else a copy. */
function ownBytes(data: Float32Array | Int32Array): ArrayBuffer {
  const { buffer, byteOffset, byteLength } = data;
  if (buffer instanceof ArrayBuffer && byteOffset === 0 && byteLength === buffer.byteLength) return buffer;
  return new Uint8Array(buffer, byteOffset, byteLength).slice().buffer;
}

/**
 * Validates `state` and lays it out as a weights record. Buffers are shared with `state` where
 * possible: the store clones them (IndexedDB `put`, `structuredClone`) before the caller can touch them.
 */
export function encodeWeights(id: string, state: ModelState): EncodedWeights {
  if (typeof id !== 'string' || id === '') throw new InvalidArgumentError('model id must be a non-empty string');
  if (!isJsonObject(state) || typeof state.kind !== 'string' || !Number.isInteger(state.stateVersion)) {
    throw new InvalidArgumentError(`model '${id}': state needs a string kind and an integer stateVersion`);
  }
  for (const field of ['config', 'meta', 'tensors'] as const) {
    if (!isJsonObject(state[field]))
      throw new InvalidArgumentError(`model '${id}': state.${field} must be an object, got ${show(state[field])}`);
  }
  let bytes = 0;
  let params = 0;
  const tensors: StoredTensor[] = Object.entries(state.tensors).map(([name, t]) => {
    checkTensor(name, t);
    bytes += t.data.byteLength;
    params += t.data.length;
    return { name, shape: [...t.shape], dtype: t.dtype, data: ownBytes(t.data) };
  });
  const record: WeightsRecord = { id, format: WEIGHTS_FORMAT, config: state.config, meta: state.meta, tensors };
  return { record, bytes, params };
}

/** The scalar entries of `meta`, small enough to list with every model. */
function scalarMeta(meta: { [key: string]: Json }): { [key: string]: Json } | undefined {
  const out: { [key: string]: Json } = {};
  for (const [k, v] of Object.entries(meta)) {
    if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') out[k] = v;
  }
  return Object.keys(out).length ? out : undefined;
}

/** The info of a save: `version` one past `previous`'s, `createdAt` kept from it. */
export function nextInfo(
  id: string,
  state: ModelState,
  encoded: EncodedWeights,
  options: SaveOptions,
  previous: ModelInfo | undefined,
  now: number,
): ModelInfo {
  const info: ModelInfo = {
    id,
    kind: state.kind,
    stateVersion: state.stateVersion,
    createdAt: previous?.createdAt ?? now,
    updatedAt: now,
    version: (previous?.version ?? 0) + 1,
    metrics: { ...options.metrics },
    bytes: encoded.bytes,
    params: encoded.params,
  };
  if (options.checkpoint) info.checkpoint = { epoch: options.checkpoint.epoch, step: options.checkpoint.step };
  const meta = scalarMeta(state.meta);
  if (meta) info.meta = meta;
  return info;
}

/**
 * Rebuilds the state from stored records, checking the format, the record's shape (object `config`
 * and `meta`, an array of tensors with distinct names) and every tensor's shape, dtype and byte length.
 * @throws DataFormatError naming the model and the field.
 */
export function decodeState(info: ModelInfo, record: WeightsRecord): ModelState {
  const source = `model '${isJsonObject(info) ? String(info.id) : '?'}'`;
  const bad = (problem: string): never => {
    throw new DataFormatError(source, 0, problem);
  };
  if (!isJsonObject(info) || typeof info.kind !== 'string' || !Number.isInteger(info.stateVersion))
    bad('info needs a string kind and an integer stateVersion');
  if (!isJsonObject(record)) return bad(`weights record must be an object, got ${show(record)}`);
  if (record.format !== WEIGHTS_FORMAT)
    bad(`weights format ${show(record.format)}; this build reads ${WEIGHTS_FORMAT}`);
  if (!isJsonObject(record.config)) bad(`config must be an object, got ${show(record.config)}`);
  if (!isJsonObject(record.meta)) bad(`meta must be an object, got ${show(record.meta)}`);
  if (!Array.isArray(record.tensors)) bad(`tensors must be an array, got ${show(record.tensors)}`);
  const tensors: Record<string, StateTensor> = {};
  record.tensors.forEach((t: unknown, k: number) => {
    const { name, shape, dtype, data } = (isJsonObject(t)
      ? t
      : bad(`tensors[${k}] must be an object, got ${show(t)}`)) as unknown as StoredTensor;
    if (typeof name !== 'string' || name === '__proto__' || Object.hasOwn(tensors, name))
      bad(`tensors[${k}].name must be a distinct tensor name, got ${show(name)}`);
    if (!Array.isArray(shape) || !shape.every((d) => Number.isInteger(d) && d >= 0))
      bad(`tensor '${name}': shape must be an array of integers >= 0, got ${show(shape)}`);
    const Ctor = Object.hasOwn(ARRAYS, dtype) ? ARRAYS[dtype] : undefined;
    if (!Ctor || !(data instanceof ArrayBuffer) || data.byteLength !== shapeSize(shape) * 4) {
      bad(`tensor '${name}' does not match ${show(dtype)}[${shape.join(', ')}]`);
    }
    tensors[name] = { shape: shape.slice(), dtype, data: new (Ctor as (typeof ARRAYS)[keyof typeof ARRAYS])(data) };
  });
  return { kind: info.kind, stateVersion: info.stateVersion, config: record.config, meta: record.meta, tensors };
}

/** Converts a schema-v1 record; a malformed one raises `DataFormatError` naming the model. */
export function fromLegacyRecord(old: LegacyModelRecord): { info: ModelInfo; weights: WeightsRecord } {
  const valid =
    isJsonObject(old) &&
    typeof old.id === 'string' &&
    Number.isInteger(old.version) &&
    old.version >= 0 &&
    Number.isFinite(old.savedAt);
  if (!valid)
    throw new DataFormatError(
      `v1 model '${isJsonObject(old) ? String(old.id) : '?'}'`,
      0,
      'record needs a string id, an integer version and a numeric savedAt',
    );
  if (old.metrics !== undefined && !isJsonObject(old.metrics))
    throw new DataFormatError(`v1 model '${old.id}'`, 0, 'metrics must be an object');
  let encoded: EncodedWeights;
  try {
    encoded = encodeWeights(old.id, old.state);
  } catch (error) {
    throw new DataFormatError(`v1 model '${old.id}'`, 0, error instanceof Error ? error.message : String(error));
  }
  const info = nextInfo(old.id, old.state, encoded, { metrics: old.metrics }, undefined, old.savedAt);
  // The v1 version number carries over, so clients that named it still match.
  return { info: { ...info, version: old.version }, weights: encoded.record };
}
