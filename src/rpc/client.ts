/**
 * `connectCourses`: the page's client of the course models (and the baseline evaluation), in the shape
 * every system's client has — train with progress and cancel, rank, explain, list, delete, dispose —
 * over a training, a ranking and a baselines worker, or the services in this thread (`inThread: true`,
 * loaded on demand so a page using workers never bundles tfjs).
 */
import { proxy } from 'comlink';
import type { BackendPreference, BackendReport } from '../backend/types.ts';
import type { BaselineProgress, BaselineReport } from '../eval/baselines/run.ts';
import type { ModelInfo } from '../store/types.ts';
import type { BaselineRunOptions, ProtocolProgress, ProtocolReport, ProtocolRunOptions } from './baseline-protocol.ts';
import {
  inThreadStore,
  isInThread,
  stoppable,
  workerFactory,
  type ConnectOptions,
  type TrainingHandle,
} from './connect-options.ts';
import { defaultCoursesWorker } from './default-workers/courses.ts';
import { workerEngine, type Engine } from './engines.ts';
import { installErrorTransfer } from './errors.ts';
import type {
  CourseTrainRequest,
  DeviceLossReport,
  ExplainedForHistory,
  ExplainedItems,
  FoldInRequest,
  FoldInResult,
  LoadedModel,
  RankedForHistory,
  RankedItems,
  RecommendForRequest,
  RecommendRequest,
  ScoreRequest,
  SimilarItemsRequest,
  TrainProgress,
  TrainRequest,
  TrainResult,
} from './protocol.ts';
import type { RankingServiceOptions } from './ranking-service.ts';
import type { TrainingServiceOptions } from './training-service.ts';

/** Worker-side extras of {@link CoursesOptions}. */
export interface CoursesWorkerOptions {
  /**
   * Backend of the ranking worker (default `'wasm'`, then `'auto'` if wasm cannot start); training's is
   * per request. One user's top-k is latency-bound: wasm answers a 1M-parameter MF in a few ms, while
   * WebGPU pays a GPU round trip per call and shader compiles before its first (see `npm run bench -- rpc`).
   */
  rankingBackend?: BackendPreference;
  /** Heartbeat interval of a training (default 1000 ms). */
  heartbeatMs?: number;
  /** Silence after which the training worker counts as dead and is replaced (default 15 000 ms). */
  heartbeatTimeoutMs?: number;
  /** Silence allowed before a new training worker's first message (default 60 000 ms). */
  bootTimeoutMs?: number;
  /** Training-worker replacements per training before `WorkerLostError` (default 3). */
  maxRestarts?: number;
}

/** In-thread extras of {@link CoursesOptions}: the services' own options (tests replace fetch, locks…). */
export interface CoursesInThreadOptions {
  training?: Omit<TrainingServiceOptions, 'backend'>;
  ranking?: Omit<RankingServiceOptions, 'backend'>;
}

/** Options of {@link connectCourses}: workers `training`, `ranking`, `baselines` (the package's own by default), or `inThread: true`. */
export type CoursesOptions = ConnectOptions<
  'training' | 'ranking' | 'baselines',
  CoursesWorkerOptions,
  CoursesInThreadOptions
>;

/** What a baseline evaluation takes: a same-origin ratings CSV, a seed, and the backend to run on. */
export interface BaselineRequest extends BaselineRunOptions {
  /** Default `'auto'`. */
  backend?: BackendPreference;
}

/** What {@link CoursesClient.compareModels} takes: the baselines' request and the stored models to add. */
export interface ProtocolRequest extends ProtocolRunOptions {
  /** Default `'auto'`. */
  backend?: BackendPreference;
}

/** The backends the two course services run on (null: not started yet). */
export interface ServiceBackends {
  training: BackendReport | null;
  ranking: BackendReport | null;
}

/** The page's API over the course models. */
export interface CoursesClient {
  /** Trains (or resumes, from a checkpoint of the same request) and stores `request.modelId`. */
  train(request: CourseTrainRequest, onProgress?: (p: TrainProgress) => void): TrainingHandle<TrainResult>;
  /** Top-k items for a user from the stored model `{ modelId, version }`. */
  rank(request: RecommendRequest): Promise<RankedItems>;
  /** `rank` with a reason per item, for models that give reasons (GLMix, the blender). */
  explain(request: RecommendRequest): Promise<ExplainedItems>;
  /**
   * Top-k items for a person known only by their history (external ids), e.g. someone the model never
   * saw: folded in first unless `request.folded`; unknown ids are left out and listed in `unknown`, and
   * `folded` is the fold-in used (keep it and pass it back while the history is unchanged).
   * `InvalidArgumentError` naming the kind when the model cannot answer for a history.
   */
  rankFor(request: RecommendForRequest): Promise<RankedForHistory>;
  /** `rankFor` with a reason per item, for models that give reasons. */
  explainFor(request: RecommendForRequest): Promise<ExplainedForHistory>;
  /** A person's user-side parameters solved from their history, item side frozen (`warm`: start from an earlier solution). */
  foldIn(request: FoldInRequest): Promise<FoldInResult>;
  /** Every stored model, finished or checkpoint (the talent and feed bundles too: they share the store). */
  list(): Promise<ModelInfo[]>;
  /** Cancels a training of `id` started here, then deletes the stored model and its checkpoint. */
  delete(id: string): Promise<void>;
  /** Terminates the workers (in-thread: aborts running trainings and frees the models held). */
  dispose(): void;
  /** Scores of `(users[i], items[i])` pairs. */
  score(request: ScoreRequest): Promise<Float32Array>;
  /** Nearest items to an item. */
  similarItems(request: SimilarItemsRequest): Promise<RankedItems>;
  /** Models the ranking side holds in memory. */
  loadedModels(): Promise<LoadedModel[]>;
  /** The backends the training and ranking services run on. */
  backend(): Promise<ServiceBackends>;
  /** Runs most-popular and item-kNN on a ratings file (in the baselines worker); `cancel` stops that worker. */
  baselines(request: BaselineRequest, onProgress?: (p: BaselineProgress) => void): TrainingHandle<BaselineReport>;
  /** Starts tfjs in the baselines worker on `prefer` (default `'auto'`) and reports what runs there. */
  baselinesBackend(prefer?: BackendPreference): Promise<BackendReport>;
  /**
   * `baselines`, plus a row for each finished stored model of `request.models` evaluated in the
   * baselines worker on the very same split and sampled negatives; `cancel` stops that worker.
   * `StaleModelError` when a named version is no longer the stored one.
   */
  compareModels(request: ProtocolRequest, onProgress?: (p: ProtocolProgress) => void): TrainingHandle<ProtocolReport>;
  /**
   * The protocol's training split of a ratings file (each user's latest rating left out) as CSV text,
   * built in the baselines worker: train on `{ csv }` and the model never saw a held-out rating.
   */
  trainingSplitCsv(request: BaselineRunOptions): Promise<string>;
  /**
   * Starts the training worker's backend ahead of a training, as a training with `prefer` (default
   * `'auto'`) would: for `'auto'` the one a short measured probe found fastest here (cached per device
   * in IndexedDB; `remeasure: true` measures again), with the reason in `choice.reason`.
   */
  trainingBackend(prefer?: BackendPreference, options?: { remeasure?: boolean }): Promise<BackendReport>;
  /** Test hook: destroys the training side's WebGPU device (see `TrainingApi.debugLoseDevice`). */
  debugLoseDevice(): Promise<DeviceLossReport>;
}

/**
 * Connects the page to the course services. In workers (the default), the ranking worker starts at
 * once (warming its backend, so the first ranking does not wait for it), the training and baselines
 * workers on first use; each is replaced by its factory when it dies, and one whose script does not
 * load fails at once with `WorkerLoadError`.
 * @example
 * ```ts
 * import { connectCourses } from 'linkrec';
 * const courses = await connectCourses();
 * const training = courses.train(
 *   { modelId: 'mf', kind: 'mf', config: { dim: 32 }, data: { ratingsUrl: '/ratings.csv' }, checkpointEvery: 50 },
 *   (p) => console.log(p),
 * );
 * const { info } = await training.done;
 * const { items } = await courses.rank({ modelId: 'mf', version: info.version, user: 1, k: 10 });
 * ```
 */
export async function connectCourses(options: CoursesOptions = {}): Promise<CoursesClient> {
  installErrorTransfer();
  if (isInThread(options)) {
    const { store, backend = 'auto', training, ranking, wasmPaths } = options;
    const { inThreadEngine } = await import('./in-thread-engine.ts');
    return new Client(inThreadEngine(await inThreadStore(store), backend, { training, ranking, wasmPaths }));
  }
  return new Client(
    workerEngine({
      training: workerFactory(options, 'training', () => defaultCoursesWorker('training')),
      ranking: workerFactory(options, 'ranking', () => defaultCoursesWorker('ranking')),
      baselines: workerFactory(options, 'baselines', () => defaultCoursesWorker('baselines')),
      wasmPaths: options.wasmPaths,
      rankingBackend: options.rankingBackend ?? 'wasm',
      heartbeatMs: options.heartbeatMs ?? 1000,
      heartbeatTimeoutMs: options.heartbeatTimeoutMs ?? 15_000,
      bootTimeoutMs: options.bootTimeoutMs ?? 60_000,
      maxRestarts: options.maxRestarts ?? 3,
    }),
  );
}

/**
 * The wire form of a typed request. Model configs are plain JSON-like data by their types' design;
 * the service validates the request again (`checkTrainRequest`) before using it.
 */
function toWire(request: CourseTrainRequest): TrainRequest {
  return request as TrainRequest;
}

class Client implements CoursesClient {
  private readonly active = new Map<string, TrainingHandle<TrainResult>>();

  constructor(private readonly engine: Engine) {}

  train(
    request: CourseTrainRequest,
    onProgress: (p: TrainProgress) => void = () => undefined,
  ): TrainingHandle<TrainResult> {
    const run = this.engine.train(toWire(request), onProgress);
    const handle: TrainingHandle<TrainResult> = { done: run.done, cancel: run.cancel };
    this.active.set(request.modelId, handle);
    const forget = (): void =>
      void (this.active.get(request.modelId) === handle && this.active.delete(request.modelId));
    run.done.then(forget, forget);
    return handle;
  }

  rank(request: RecommendRequest): Promise<RankedItems> {
    return this.engine.ranking((api) => api.recommend(request));
  }

  explain(request: RecommendRequest): Promise<ExplainedItems> {
    return this.engine.ranking((api) => api.explain(request));
  }

  rankFor(request: RecommendForRequest): Promise<RankedForHistory> {
    return this.engine.ranking((api) => api.recommendFor(request));
  }

  explainFor(request: RecommendForRequest): Promise<ExplainedForHistory> {
    return this.engine.ranking((api) => api.explainFor(request));
  }

  foldIn(request: FoldInRequest): Promise<FoldInResult> {
    return this.engine.ranking((api) => api.foldIn(request));
  }

  list(): Promise<ModelInfo[]> {
    return this.engine.ranking((api) => api.models());
  }

  async delete(id: string): Promise<void> {
    const training = this.active.get(id);
    if (training) {
      await training.cancel();
      await training.done.catch(() => undefined); // its last save must land before the delete
    }
    await this.engine.ranking((api) => api.deleteModel(id));
  }

  dispose(): void {
    this.engine.close();
  }

  score(request: ScoreRequest): Promise<Float32Array> {
    return this.engine.ranking((api) => api.score(request));
  }

  similarItems(request: SimilarItemsRequest): Promise<RankedItems> {
    return this.engine.ranking((api) => api.similarItems(request));
  }

  loadedModels(): Promise<LoadedModel[]> {
    return this.engine.ranking((api) => api.loadedModels());
  }

  async backend(): Promise<ServiceBackends> {
    const [training, ranking] = await Promise.all([
      this.engine.trainingBackend(),
      this.engine.ranking((api) => api.backend()),
    ]);
    return { training, ranking };
  }

  baselines(
    request: BaselineRequest,
    onProgress: (p: BaselineProgress) => void = () => undefined,
  ): TrainingHandle<BaselineReport> {
    const { backend = 'auto', ...run } = request;
    // Without `models` the service reports only the baselines' stages.
    const forward = onProgress as (p: ProtocolProgress) => void;
    const report = this.engine.baselines(async (api) => {
      await api.init(backend);
      return api.run(run, proxy(forward));
    });
    return stoppable(report, () => this.engine.stopBaselines(), 'baseline evaluation');
  }

  baselinesBackend(prefer: BackendPreference = 'auto'): Promise<BackendReport> {
    return this.engine.baselines((api) => api.init(prefer));
  }

  compareModels(
    request: ProtocolRequest,
    onProgress: (p: ProtocolProgress) => void = () => undefined,
  ): TrainingHandle<ProtocolReport> {
    const { backend = 'auto', ...run } = request;
    const report = this.engine.baselines(async (api) => {
      await api.init(backend);
      return api.run(run, proxy(onProgress));
    });
    return stoppable(report, () => this.engine.stopBaselines(), 'model comparison');
  }

  trainingSplitCsv(request: BaselineRunOptions): Promise<string> {
    return this.engine.baselines((api) => api.trainingSplitCsv(request));
  }

  trainingBackend(prefer: BackendPreference = 'auto', options: { remeasure?: boolean } = {}): Promise<BackendReport> {
    return this.engine.warmTraining(prefer, options);
  }

  debugLoseDevice(): Promise<DeviceLossReport> {
    return this.engine.debugLoseDevice();
  }
}
