/**
 * `linkrec/models`: tfjs backends (capabilities, ordered fallback, kernel preflight), the one
 * `Recommender` interface with its state types, the state kinds beside the registry, and the model
 * store's lower-level pieces (schema version, training locks).
 *
 * @module linkrec/models
 */

// Backends: capability detection, ordered fallback, kernel preflight.
export {
  assertKernels,
  assertModelKernels,
  BACKEND_ORDER,
  chooseTrainingBackend,
  currentBackend,
  getCapabilities,
  initBackend,
  KERNELS,
  missingKernels,
  MODEL_KERNELS,
  registerUnsortedSegmentSum,
  requestComputeDevice,
  useWebgpuDevice,
} from './backend/index.ts';
export type {
  AdapterInfo,
  BackendChoice,
  BackendName,
  BackendPreference,
  BackendReport,
  BackendSpeed,
  Capabilities,
  ChooseOptions,
  ComputeDevice,
  ComputeDeviceRequest,
  InitOptions,
  KernelRequirements,
} from './backend/index.ts';

export type { LoadOptions, WasmPaths } from './backend/index.ts';

// The model interface every model implements.
export type {
  Explained,
  FitOptions,
  FitProgress,
  FitResult,
  FoldedUser,
  History,
  ItemReason,
  Json,
  ModelState,
  Ranked,
  RecommendForOptions,
  RecommendOptions,
  Recommender,
  StateTensor,
  TrainerName,
  TrainingCursor,
} from './models/index.ts';
export { modelIdMaps } from './models/index.ts';

// State kinds beside the registry (LINE, two-tower, SPR and the talent / feed bundles the store keeps).
export {
  bundleStates,
  FEED_KIND,
  stateKind,
  stateKinds,
  TALENT_KIND,
  unbundleStates,
  upgradeKindState,
} from './models/state-kinds.ts';
export type { StateKind, StateParts } from './models/state-kinds.ts';

// Model store internals: schema version, database name, the cross-tab training lock.
export { DB_VERSION, DEFAULT_DB_NAME, InProcessLocks, trainingLockName, withTrainingLock } from './store/index.ts';
export type {
  ConnectionEvents,
  IdbStoreOptions,
  LockRequester,
  MemoryStoreOptions,
  QuarantineInfo,
  QuarantineRecord,
  SaveOptions,
  StorageEstimate,
  TrainingLockOptions,
} from './store/index.ts';

// Worker plumbing for apps that host a service themselves (see also `linkrec/worker`).
export { installErrorTransfer } from './rpc/errors.ts';
export { defaultWorker, type WorkerRole } from './rpc/default-workers/index.ts';
