/**
 * The IndexedDB layout of the model store, typed for idb (types and constants only; `upgrade.ts`
 * migrates older layouts). Version 4 (current) adds `checkpointInfo` and `checkpointWeights`: the
 * checkpoint of a training in progress lives there, apart from the id's finished model (which a
 * retrain never replaces until it is done); a v3 record marked as a checkpoint moves there on upgrade.
 * Version 3 keeps a small
 * `modelInfo` record apart from the `weights` record, so listing models never reads weights (as tfjs
 * `io/indexed_db.ts`); `versions` holds the last version ever issued per model id and outlives
 * `delete`, so a version never names two different models (ranking caches trust (id, version));
 * `quarantine` keeps, untouched, the old records an upgrade could not migrate.
 * Version 2 had only `modelInfo` and `weights`. Version 1, the first release's layout, kept both in
 * one `models` record; a v1 record that cannot be migrated is quarantined, the rest are migrated.
 */
import type { DBSchema } from 'idb';
import type { Json, ModelState } from '../models/recommender.ts';
import type { ModelInfo } from './types.ts';

/** Name of the database the store opens unless told otherwise. */
export const DEFAULT_DB_NAME = 'linkrec-models';

/** Schema version of the layout this build writes. */
export const DB_VERSION = 4;

/** One stored tensor: its bytes in an `ArrayBuffer` of exactly the tensor's size. */
export interface StoredTensor {
  name: string;
  shape: number[];
  dtype: 'float32' | 'int32';
  data: ArrayBuffer;
}

/** The heavy record of a model: weights plus the config and meta needed to rebuild its state. */
export interface WeightsRecord {
  id: string;
  /** Codec format of this record (`WEIGHTS_FORMAT` when written by this build). */
  format: number;
  config: { [key: string]: Json };
  meta: { [key: string]: Json };
  tensors: StoredTensor[];
}

/** The last version issued for a model id; kept after the model is deleted. */
export interface VersionRecord {
  id: string;
  version: number;
}

/** What is listed about a record the store could not migrate (see `IdbModelStore.listQuarantined`). */
export interface QuarantineInfo {
  /** Key of the entry: the old record's key as a string (`deleteQuarantined` takes it). */
  key: string;
  /** Where the record came from, e.g. `'schema v1 models'`. */
  source: string;
  /** Why it could not be migrated (the `DataFormatError` message). */
  reason: string;
  quarantinedAt: number;
}

/** A quarantined record: its info plus the record exactly as it was stored. */
export interface QuarantineRecord extends QuarantineInfo {
  record: unknown;
}

/** Schema version 4 (current). */
export interface LinkrecDB extends DBSchema {
  modelInfo: { key: string; value: ModelInfo };
  weights: { key: string; value: WeightsRecord };
  checkpointInfo: { key: string; value: ModelInfo };
  checkpointWeights: { key: string; value: WeightsRecord };
  versions: { key: string; value: VersionRecord };
  quarantine: { key: string; value: QuarantineRecord };
}

/** A model as schema version 1 stored it: info and state in one record. */
export interface LegacyModelRecord {
  id: string;
  version: number;
  savedAt: number;
  metrics: { [name: string]: number };
  state: ModelState;
}

/** Schema version 1 (the first release): one `models` store. */
export interface LinkrecDBv1 extends DBSchema {
  models: { key: string; value: LegacyModelRecord };
}
