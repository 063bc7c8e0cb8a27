/**
 * Pure, versioned codec between a model's `ModelState` and the two records the store keeps: the small
 * `ModelInfo` and the `WeightsRecord`. No IndexedDB, no clocks: callers pass `now` and the previous
 * info, so the same code backs the IndexedDB and the memory store and is tested in Node.
 */
import { DataFormatError, InvalidArgumentError } from '../errors';
import type { Json, ModelState, StateTensor } from '../models/recommender';
import type { LegacyModelRecord, StoredTensor, WeightsRecord } from './schema';
import type { ModelInfo, SaveOptions } from './types';

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
  const valid = Array.isArray(t.shape) && t.shape.every((d) => Number.isInteger(d) && d >= 0);
  if (!valid) throw new InvalidArgumentError(`tensor '${name}': invalid shape ${JSON.stringify(t.shape)}`);
  const Ctor = ARRAYS[t.dtype];
  if (!Ctor) throw new InvalidArgumentError(`tensor '${name}': unsupported dtype '${String(t.dtype)}'`);
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
  if (typeof state.kind !== 'string' || !Number.isInteger(state.stateVersion)) {
    throw new InvalidArgumentError(`model '${id}': state needs a string kind and an integer stateVersion`);
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

/** Rebuilds the state from stored records, checking the format and every tensor's byte length. */
export function decodeState(info: ModelInfo, record: WeightsRecord): ModelState {
  const source = `model '${info.id}'`;
  if (record.format !== WEIGHTS_FORMAT) {
    throw new DataFormatError(source, 0, `weights format ${record.format}; this build reads ${WEIGHTS_FORMAT}`);
  }
  const tensors: Record<string, StateTensor> = {};
  for (const t of record.tensors) {
    const Ctor = ARRAYS[t.dtype];
    if (!Ctor || !(t.data instanceof ArrayBuffer) || t.data.byteLength !== shapeSize(t.shape) * 4) {
      throw new DataFormatError(source, 0, `tensor '${t.name}' does not match ${t.dtype}[${t.shape.join(', ')}]`);
    }
    tensors[t.name] = { shape: t.shape, dtype: t.dtype, data: new Ctor(t.data) };
  }
  return { kind: info.kind, stateVersion: info.stateVersion, config: record.config, meta: record.meta, tensors };
}

/** Converts a schema-v1 record; a malformed one raises `DataFormatError` naming the model. */
export function fromLegacyRecord(old: LegacyModelRecord): { info: ModelInfo; weights: WeightsRecord } {
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
