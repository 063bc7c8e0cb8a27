/** The model store: typed IndexedDB schema, versioned codec, IndexedDB and memory stores, training lock. */
export { IdbModelStore } from './idb-store';
export type { IdbStoreOptions } from './idb-store';
export type { ConnectionEvents } from './connection';
export { MemoryModelStore } from './memory-store';
export type { MemoryStoreOptions } from './memory-store';
export { DB_VERSION, DEFAULT_DB_NAME } from './schema';
export type { QuarantineInfo, QuarantineRecord } from './schema';
export { WEIGHTS_FORMAT } from './codec';
export { defaultLocks, trainingLockName, withTrainingLock } from './locks';
export type { TrainingLockOptions } from './locks';
export { InProcessLocks } from './local-locks';
export type { HeldLock, LockRequester, LockRequestOptions } from './local-locks';
export type { ModelInfo, ModelStore, SaveOptions, StorageEstimate } from './types';
