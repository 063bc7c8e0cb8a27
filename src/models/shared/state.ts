/**
 * Reading and writing `ModelState`: typed access to its tensors, the id maps kept in `meta`, and the
 * kind/version check every `fromState` starts with.
 */
import { IdMap, type InteractionLog, type SparseRows } from '../../data/index.ts';
import { InvalidArgumentError, StateVersionError } from '../../errors.ts';
import type { Json, ModelState, StateTensor } from '../recommender.ts';
import {
  checkFinite,
  checkInteger,
  checkRange,
  checkRows,
  checkStateEnvelope,
  checkTensor,
  stateError,
} from './state-checks.ts';

/** A float32 state tensor (the array is kept, not copied). */
export function floatTensor(data: Float32Array, shape: number[]): StateTensor {
  return { shape, dtype: 'float32', data };
}

/** An int32 state tensor (the array is kept, not copied). */
export function intTensor(data: Int32Array, shape: number[] = [data.length]): StateTensor {
  return { shape, dtype: 'int32', data };
}

/** `state.tensors[name]` as float32 data, checked for presence, dtype, (when given) shape, and finite values. */
export function readFloat(state: ModelState, name: string, shape?: readonly number[]): Float32Array {
  const data = readTensor(state, name, 'float32', shape).data as Float32Array;
  checkFinite(state.kind, `tensors.${name}`, data);
  return data;
}

/** `state.tensors[name]` as int32 data, checked like {@link readFloat} (values in [min, max] when given). */
export function readInt(
  state: ModelState,
  name: string,
  shape?: readonly number[],
  range?: readonly [number, number],
): Int32Array {
  const data = readTensor(state, name, 'int32', shape).data as Int32Array;
  if (range) checkRange(state.kind, `tensors.${name}`, data, range[0], range[1]);
  return data;
}

/**
 * Sparse rows stored as `<prefix>.ptr` [nRows + 1] and `<prefix>.<idx>`: offsets checked (from 0,
 * non-decreasing, ending at the index count), indices in 0..nCols-1, rows ascending when `sorted`.
 */
export function readRows(
  state: ModelState,
  prefix: string,
  nRows: number,
  nCols: number,
  sorted = false,
  idx = 'idx',
): SparseRows {
  const indptr = readInt(state, `${prefix}.ptr`, [nRows + 1]);
  const indices = readInt(state, `${prefix}.${idx}`);
  const rows = { nRows, nCols, indptr: indptr.slice(), indices: indices.slice() };
  checkRows(state.kind, { ptr: `tensors.${prefix}.ptr`, idx: `tensors.${prefix}.${idx}` }, rows, nCols, sorted);
  return rows;
}

function readTensor(
  state: ModelState,
  name: string,
  dtype: StateTensor['dtype'],
  shape?: readonly number[],
): StateTensor {
  const t = Object.hasOwn(state.tensors, name) ? state.tensors[name] : undefined;
  const field = `tensors.${name}`;
  if (!t) throw stateError(state.kind, field, 'is missing');
  checkTensor(state.kind, name, t);
  if (t.dtype !== dtype) throw stateError(state.kind, field, `must be ${dtype}, got ${t.dtype}`);
  if (shape && (shape.length !== t.shape.length || shape.some((d, k) => d !== t.shape[k]))) {
    throw stateError(state.kind, field, `has shape [${t.shape}], expected [${shape}]`);
  }
  return t;
}

/** A non-negative integer from `meta` (sizes, counters), at most `max`. */
export function readCount(meta: ModelState['meta'], key: string, max = 2 ** 31 - 1, kind = 'unknown'): number {
  return checkInteger(kind, `meta.${key}`, meta[key], 0, max);
}

/** The log's id maps as JSON for `meta` (`userIds`, `itemIds`), so a service can translate external ids. */
export function idMapsMeta(log: InteractionLog): { userIds: Json; itemIds: Json } {
  return { userIds: idMapJson(log.userIds), itemIds: idMapJson(log.itemIds) };
}

function idMapJson(m: IdMap): Json {
  return { kind: m.kind, ids: m.ids().slice() };
}

/**
 * The id maps a model state carries in `meta` (every linkrec model on an `InteractionLog` keeps them).
 * @example const { users } = modelIdMaps(state); model.recommend(users.index('alice'));
 */
export function modelIdMaps(state: ModelState): { users: IdMap; items: IdMap } {
  checkStateEnvelope(state);
  const read = (key: 'userIds' | 'itemIds', size: 'nUsers' | 'nItems'): IdMap => {
    let map: IdMap;
    try {
      map = IdMap.fromJSON(state.meta[key]);
    } catch (err) {
      throw stateError(state.kind, `meta.${key}`, err instanceof Error ? err.message : String(err));
    }
    const n = state.meta[size];
    if (typeof n === 'number' && map.size !== n)
      throw stateError(state.kind, `meta.${key}`, `holds ${map.size} ids but meta.${size} is ${n}`);
    return map;
  };
  return { users: read('userIds', 'nUsers'), items: read('itemIds', 'nItems') };
}

/** `fromState` accepts only its own kind at its current version (the registry upgrades older ones). */
export function checkKindAndVersion(state: ModelState, kind: string, version: number): void {
  checkStateEnvelope(state);
  if (state.kind !== kind) throw new InvalidArgumentError(`a '${kind}' model cannot load a '${state.kind}' state`);
  if (state.stateVersion !== version) throw new StateVersionError(kind, state.stateVersion, version);
}
