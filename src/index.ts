/**
 * linkrec — on-device recommenders for the web. The root entry is what a page needs: connecting to
 * the three systems (course models, talent search, the feed), their request and result types, the
 * model interface types, the model store and the errors. It loads no tfjs: the services run in
 * workers (or are imported on demand with `inThread: true`). Everything else is behind subpath
 * entries: `linkrec/courses`, `linkrec/talent`, `linkrec/feed`, `linkrec/eval`, `linkrec/world`,
 * `linkrec/models`, `linkrec/data`, `linkrec/node`, `linkrec/worker` for an app's own workers,
 * `linkrec/element` for the `<linkrec-recommendations>` custom element, and `linkrec/interop` for model
 * files (safetensors, other tools' formats).
 *
 * @example
 * import { connectCourses } from 'linkrec';
 * const courses = await connectCourses();
 * const { info } = await courses.train({ modelId: 'movies', kind: 'mf', config: { dim: 32 }, data: { ratingsUrl: '/ratings.csv' } }).done;
 * const { items } = await courses.rank({ modelId: 'movies', version: info.version, user: 42, k: 10 });
 *
 * @module linkrec
 */

// Connecting: one option shape and one client shape for every system.
export type { BackendPreference, BackendReport } from './backend/types.ts';
export type { WasmPaths } from './backend/loaders.ts';
export type { ConnectOptions, TrainingHandle } from './rpc/connect-options.ts';
export type { WorkerLike } from './rpc/worker-slot.ts';

// Course models (and the baseline evaluation).
export { connectCourses } from './rpc/client.ts';
export type { BaselineRequest, CoursesClient, CoursesOptions } from './rpc/client.ts';
export type {
  CourseTrainRequest,
  ExplainedItems,
  RankedItems,
  RecommendRequest,
  TrainProgress,
  TrainResult,
} from './rpc/protocol.ts';
export type { BaselineReport } from './eval/baselines/run.ts';

// Talent search.
export { connectTalent } from './systems/talent/client.ts';
export type { TalentClient } from './systems/talent/client.ts';
export { lineBackendLabel } from './systems/talent/line-label.ts';
export type { TalentSearchForm, TalentTrainRequest } from './systems/talent/requests.ts';
export type { TalentHit, TalentProgress, TalentTrainResult } from './systems/talent/service.ts';

// The feed.
export { connectFeed } from './systems/feed/client.ts';
export type { FeedClient, FeedRankRequest } from './systems/feed/client.ts';
export type { FeedProgress, FeedTrainRequest, FeedTrainResult, WireFeed } from './systems/feed/wire.ts';

// The model interface (types: the models themselves are in `linkrec/courses`, `linkrec/talent`, `linkrec/feed`).
export type { FitProgress, ModelState, Ranked, Recommender } from './models/recommender.ts';
export type { ModelConfigs, ModelKind } from './models/registry.ts';

// Personal state: one person's history and fold-in, on this device, apart from the shipped model
// (its option, state and request types are in `linkrec/courses`).
export { openProfile, PersonalProfile } from './personal/profile.ts';

// The model store: IndexedDB (schema-versioned, atomic saves) and memory.
export { IdbModelStore, MemoryModelStore } from './store/index.ts';
export type { ModelInfo, ModelStore } from './store/index.ts';

// Shipped models: a linkrec model file beside the app, verified and cached in the store.
export { loadShippedModel } from './ship/load-shipped.ts';

// Errors: every error linkrec raises on purpose, by name (they cross the worker boundary as themselves).
export {
  AbortError,
  BackendUnavailableError,
  DataFormatError,
  GpuLimitError,
  InvalidArgumentError,
  LinkrecError,
  MissingKernelError,
  ModelNotFoundError,
  StaleModelError,
  StateFormatError,
  StateVersionError,
  StorageQuotaError,
  StoreVersionError,
  TrainingLockedError,
  UnknownIdError,
  WorkerLoadError,
  WorkerLostError,
} from './errors.ts';
