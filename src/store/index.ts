/** The model store: typed IndexedDB schema, versioned codec, IndexedDB and memory stores, training lock. */
export { IdbModelStore } from './idb-store.ts';
export type { IdbStoreOptions } from './idb-store.ts';
export type { ConnectionEvents } from './connection.ts';
export { MemoryModelStore } from './memory-store.ts';
export type { MemoryStoreOptions } from './memory-store.ts';
export { DB_VERSION, DEFAULT_DB_NAME } from './schema.ts';
export type { QuarantineInfo, QuarantineRecord } from './schema.ts';
export { WEIGHTS_FORMAT } from './codec.ts';
export { defaultLocks, trainingLockName, withTrainingLock } from './locks.ts';
export type { TrainingLockOptions } from './locks.ts';
export { InProcessLocks } from './local-locks.ts';
export type { HeldLock, LockRequester, LockRequestOptions } from './local-locks.ts';
export type { ModelInfo, ModelStore, SaveOptions, StorageEstimate } from './types.ts';
