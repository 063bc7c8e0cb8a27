/**
 * `connectRecommender`: the page's one typed API over the training and ranking services, the same
 * whether they run in dedicated workers (comlink) or in this thread.
 */
import type { BackendPreference, BackendReport } from '../backend/types';
import type { ModelInfo, ModelStore } from '../store/types';
import { inThreadEngine, workerEngine, type Engine } from './engines';
import { installErrorTransfer } from './errors';
import type {
  DeviceLossReport,
  ExplainedItems,
  LoadedModel,
  RankedItems,
  RecommendRequest,
  ScoreRequest,
  SimilarItemsRequest,
  TrainProgress,
  TrainRequest,
  TrainResult,
} from './protocol';
import type { RankingServiceOptions } from './ranking-service';
import type { TrainingServiceOptions } from './training-service';
import type { WorkerLike } from './worker-slot';

/** Services in dedicated workers, made by factories (so a dead worker can be replaced). */
export interface WorkerConnectOptions {
  /** e.g. `() => new Worker(new URL('linkrec/workers/train.worker.ts', import.meta.url), { type: 'module' })`. */
  training: () => WorkerLike;
  ranking: () => WorkerLike;
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

/** Services in this thread (no workers): for tests, Node tools and pages that want no workers. */
export interface InThreadConnectOptions {
  inThread: true;
  store: ModelStore;
  /** Backend of both services (default `'auto'`). */
  backend?: BackendPreference;
  training?: Omit<TrainingServiceOptions, 'backend'>;
  ranking?: Omit<RankingServiceOptions, 'backend'>;
}

/** Options of {@link connectRecommender}. */
export type ConnectOptions = WorkerConnectOptions | InThreadConnectOptions;

/** What a training request may say (the heartbeat is the client's business). */
export type TrainOptions = Omit<TrainRequest, 'heartbeatMs'>;

/** A training started by {@link RecommenderClient.train}. */
export interface TrainingHandle {
  readonly modelId: string;
  /** Resolves with the stored final model; rejects with a named error (`AbortError` after `cancel`). */
  readonly done: Promise<TrainResult>;
  /** Aborts the training; `done` then rejects with `AbortError`. The last checkpoint stays stored. */
  cancel(): Promise<void>;
}

/** The backends the two services run on (null: not started yet). */
export interface ServiceBackends {
  training: BackendReport | null;
  ranking: BackendReport | null;
}

/** The page's API over the recommender services. */
export interface RecommenderClient {
  /** Trains (or resumes, from a checkpoint of the same request) and stores `request.modelId`. */
  train(request: TrainOptions, onProgress?: (p: TrainProgress) => void): TrainingHandle;
  recommend(request: RecommendRequest): Promise<RankedItems>;
  /** `recommend` with a reason per item, for models that give reasons (GLMix, the blender). */
  explain(request: RecommendRequest): Promise<ExplainedItems>;
  score(request: ScoreRequest): Promise<Float32Array>;
  similarItems(request: SimilarItemsRequest): Promise<RankedItems>;
  /** Models the ranking side holds in memory. */
  loadedModels(): Promise<LoadedModel[]>;
  /** Every stored model, finished or checkpoint. */
  models(): Promise<ModelInfo[]>;
  /** Cancels a training of `modelId` started here, then deletes the stored model. */
  deleteModel(modelId: string): Promise<void>;
  backend(): Promise<ServiceBackends>;
  /** Test hook: destroys the training side's WebGPU device (see `TrainingApi.debugLoseDevice`). */
  debugLoseDevice(): Promise<DeviceLossReport>;
  /** Terminates the workers (in-thread: aborts running trainings and frees the models held). */
  close(): void;
}

/**
 * Connects the page to the training and ranking services. With worker factories, the ranking worker
 * starts at once (warming its backend, so the first ranking does not wait for it) and the training
 * worker on the first `train`; either is replaced by its factory when it dies.
 * @example
 * const rec = await connectRecommender({
 *   training: () => new Worker(new URL('../workers/train.worker.ts', import.meta.url), { type: 'module' }),
 *   ranking: () => new Worker(new URL('../workers/rank.worker.ts', import.meta.url), { type: 'module' }),
 * });
 * const { info } = await rec.train({ modelId: 'mf', kind: 'mf', data: { ratingsUrl }, checkpointEvery: 50 }).done;
 * const { items } = await rec.recommend({ modelId: 'mf', version: info.version, user: 1, k: 10 });
 */
export async function connectRecommender(options: ConnectOptions): Promise<RecommenderClient> {
  installErrorTransfer();
  if ('inThread' in options) {
    const { store, backend = 'auto', training, ranking } = options;
    return new Client(inThreadEngine(store, backend, { training, ranking }));
  }
  return new Client(
    workerEngine({
      training: options.training,
      ranking: options.ranking,
      rankingBackend: options.rankingBackend ?? 'wasm',
      heartbeatMs: options.heartbeatMs ?? 1000,
      heartbeatTimeoutMs: options.heartbeatTimeoutMs ?? 15_000,
      bootTimeoutMs: options.bootTimeoutMs ?? 60_000,
      maxRestarts: options.maxRestarts ?? 3,
    }),
  );
}

class Client implements RecommenderClient {
  private readonly active = new Map<string, TrainingHandle>();

  constructor(private readonly engine: Engine) {}

  train(request: TrainOptions, onProgress: (p: TrainProgress) => void = () => undefined): TrainingHandle {
    const run = this.engine.train(request, onProgress);
    const handle: TrainingHandle = { modelId: request.modelId, done: run.done, cancel: run.cancel };
    this.active.set(request.modelId, handle);
    const forget = (): void => void (this.active.get(request.modelId) === handle && this.active.delete(request.modelId));
    run.done.then(forget, forget);
    return handle;
  }

  recommend(request: RecommendRequest): Promise<RankedItems> {
    return this.engine.ranking((api) => api.recommend(request));
  }

  explain(request: RecommendRequest): Promise<ExplainedItems> {
    return this.engine.ranking((api) => api.explain(request));
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

  models(): Promise<ModelInfo[]> {
    return this.engine.ranking((api) => api.models());
  }

  async deleteModel(modelId: string): Promise<void> {
    const training = this.active.get(modelId);
    if (training) {
      await training.cancel();
      await training.done.catch(() => undefined); // its last save must land before the delete
    }
    await this.engine.ranking((api) => api.deleteModel(modelId));
  }

  async backend(): Promise<ServiceBackends> {
    const [training, ranking] = await Promise.all([this.engine.trainingBackend(), this.engine.ranking((api) => api.backend())]);
    return { training, ranking };
  }

  debugLoseDevice(): Promise<DeviceLossReport> {
    return this.engine.debugLoseDevice();
  }

  close(): void {
    this.engine.close();
  }
}
