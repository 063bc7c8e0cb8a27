/**
 * Reading and writing `ModelState`: typed access to its tensors, the id maps kept in `meta`, and the
 * kind/version check every `fromState` starts with.
 */
import { IdMap, type InteractionLog } from '../../data';
import { InvalidArgumentError, StateVersionError } from '../../errors';
import type { Json, ModelState, StateTensor } from '../recommender';

/** A float32 state tensor (the array is kept, not copied). */
export function floatTensor(data: Float32Array, shape: number[]): StateTensor {
  return { shape, dtype: 'float32', data };
}

/** An int32 state tensor (the array is kept, not copied). */
export function intTensor(data: Int32Array, shape: number[] = [data.length]): StateTensor {
  return { shape, dtype: 'int32', data };
}

/** `state.tensors[name]` as float32 data, checked for presence, dtype and (when given) shape. */
export function readFloat(state: ModelState, name: string, shape?: readonly number[]): Float32Array {
  const t = readTensor(state, name, 'float32', shape);
  return t.data as Float32Array;
}

/** `state.tensors[name]` as int32 data, checked like {@link readFloat}. */
export function readInt(state: ModelState, name: string, shape?: readonly number[]): Int32Array {
  const t = readTensor(state, name, 'int32', shape);
  return t.data as Int32Array;
}

function readTensor(state: ModelState, name: string, dtype: StateTensor['dtype'], shape?: readonly number[]): StateTensor {
  const t = state.tensors[name];
  const where = `${state.kind} state tensor '${name}'`;
  if (!t) throw new InvalidArgumentError(`${where} is missing`);
  const ctor = dtype === 'float32' ? Float32Array : Int32Array;
  if (t.dtype !== dtype || !(t.data instanceof ctor)) throw new InvalidArgumentError(`${where} must be ${dtype}`);
  const size = t.shape.reduce((a, b) => a * b, 1);
  if (t.data.length !== size) throw new InvalidArgumentError(`${where} has ${t.data.length} values for shape [${t.shape}]`);
  if (shape && (shape.length !== t.shape.length || shape.some((d, k) => d !== t.shape[k]))) {
    throw new InvalidArgumentError(`${where} has shape [${t.shape}], expected [${shape}]`);
  }
  return t;
}

/** A non-negative integer from `meta` (sizes, counters). */
export function readCount(meta: ModelState['meta'], key: string): number {
  const v = meta[key];
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) {
    throw new InvalidArgumentError(`state meta '${key}' must be an integer >= 0, got ${JSON.stringify(v)}`);
  }
  return v;
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
  return { users: IdMap.fromJSON(state.meta.userIds), items: IdMap.fromJSON(state.meta.itemIds) };
}

/** `fromState` accepts only its own kind at its current version (the registry upgrades older ones). */
export function checkKindAndVersion(state: ModelState, kind: string, version: number): void {
  if (state.kind !== kind) throw new InvalidArgumentError(`a '${kind}' model cannot load a '${state.kind}' state`);
  if (state.stateVersion !== version) throw new StateVersionError(kind, state.stateVersion, version);
}
