/**
 * The recommender RPC contract, types only: the training and ranking services implement it, the client
 * speaks it through comlink (or calls the services directly, in-thread). Kept apart from the transport
 * so either side can be swapped in tests. Users and items are external ids here; dense indices stay
 * inside the services.
 */
import type { WasmPaths } from '../backend/loaders.ts';
import type { BackendName, BackendPreference, BackendReport } from '../backend/types.ts';
import type { ExternalId } from '../data/idmap.ts';
import type { WireCourseData } from '../models/glmix/wire.ts';
import type { FoldedUser, ItemReason, Json, TrainerName, TrainingCursor } from '../models/recommender.ts';
import type { ModelConfigs, ModelKind } from '../models/registry.ts';
import type { ModelInfo } from '../store/types.ts';

/**
 * What a model trains on. Interaction-log kinds take MovieLens-style `user,item,rating,timestamp`
 * lines; course kinds (`glmix`, `blend`: registry `input: 'courses'`) take watches with features.
 */
export type TrainingData =
  /** A same-origin URL (absolute, or resolved against the service's location). */
  | { ratingsUrl: string }
  /** The file's text itself; `file` names it in `DataFormatError`s. */
  | { csv: string; file?: string }
  /** Watches with member and course features, inline (typed arrays: `courseDataToWire(data)`). */
  | { courses: WireCourseData };

/** What to train, and how. */
export interface TrainRequest {
  /** Id under which checkpoints and the final model are stored. */
  modelId: string;
  /** Registry key of the model, e.g. `'mf'`. */
  kind: string;
  /** Options of the model (`createModel(kind, config)`). */
  config?: { [key: string]: Json };
  data: TrainingData;
  /** Steps (mini-batches) between stored checkpoints; 0 or absent = none (a restart then starts over). */
  checkpointEvery?: number;
  /** Backend to train on (default: the service's preference). */
  backend?: BackendPreference;
  /** Ignore a stored checkpoint of this id and start over. */
  fresh?: boolean;
  /**
   * Hold out a validation slice of the interaction log (never trained on) and report HR@10 on it
   * (`metric: { name: 'hr10', value }`) with every epoch: `users` sampled users (default 200) lend
   * their latest interaction, each ranked against 99 items they never touched; the sample and the
   * negatives follow `seed` (default: the config's `seed`, else 42). Interaction-log kinds only.
   */
  validation?: { users?: number; seed?: number };
  /** Milliseconds between `step` progress events within an epoch (default 250; 0 = none). */
  stepEveryMs?: number;
  /** Milliseconds between heartbeats on the progress channel; set by the client (0 = none). */
  heartbeatMs?: number;
}

/**
 * A training request as a caller writes it: `kind` one of the registry's and `config` that kind's
 * options, checked at compile time (`{ kind: 'mf', config: { dimm: 32 } }` does not compile). The
 * service checks the same again at run time (`TrainRequest` is what crosses the wire).
 */
export type CourseTrainRequest = {
  [K in ModelKind]: Omit<TrainRequest, 'kind' | 'config' | 'heartbeatMs'> & {
    /** Registry key of the model. */
    kind: K;
    /** Options of the model (`createModel(kind, config)`). */
    config?: ModelConfigs[K];
  };
}[ModelKind];

/** Settings a client sends a service once, before any request (e.g. where tfjs finds its wasm). */
export interface ServiceConfig {
  wasmPaths?: WasmPaths;
}

/** Training progress as the caller sees it: the model's `FitProgress`, tagged with the model id. */
export type TrainProgress =
  | {
      status: 'start';
      modelId: string;
      backend: BackendName;
      epochs: number;
      samples: number;
      /** The stored checkpoint this run continues from, or null for a fresh start. */
      resumedFrom: TrainingCursor | null;
      /** The engine that trains, where a kind has several (NCF: 'fused-cpu' …); `backend` is tfjs's. */
      trainer?: TrainerName;
    }
  | {
      status: 'epoch';
      modelId: string;
      backend: BackendName;
      epoch: number;
      epochs: number;
      loss: number;
      metric?: { name: string; value: number };
      samplesPerSec: number;
      trainer?: TrainerName;
    }
  /**
   * Within an epoch, a few times a second (`TrainRequest.stepEveryMs`; step-trained kinds): the
   * epoch's steps done, its mean loss so far, the speed and the seconds left at this run's pace.
   */
  | {
      status: 'step';
      modelId: string;
      backend: BackendName;
      /** 1-based epoch in progress. */
      epoch: number;
      epochs: number;
      step: number;
      stepsPerEpoch: number;
      loss: number;
      samplesPerSec: number;
      etaSeconds: number;
      trainer?: TrainerName;
    }
  /**
   * Sent once the checkpoint is in the store: a restart resumes from here at the latest. It sits in
   * the id's checkpoint slot (`version` is its own); the finished model, if any, is still what ranks.
   */
  | { status: 'checkpoint'; modelId: string; backend: BackendName; cursor: TrainingCursor; version: number }
  /** The backend failed mid-training (e.g. the WebGPU device was lost); training goes on on `to`. */
  | {
      status: 'backend-switch';
      modelId: string;
      from: BackendName;
      to: BackendName;
      reason: string;
      resumeFrom: TrainingCursor | null;
    }
  /** Emitted by the client: the training worker died and a new one continues from the last checkpoint. */
  | { status: 'restart'; modelId: string; reason: string; attempt: number }
  | {
      status: 'done';
      modelId: string;
      backend: BackendName;
      epochs: number;
      loss: number;
      seconds: number;
      samplesPerSec: number;
      version: number;
      trainer?: TrainerName;
    }
  | { status: 'error'; modelId: string; error: { name: string; message: string } };

/** Liveness signal on the progress channel; the client consumes it and never shows it. */
export interface Heartbeat {
  status: 'heartbeat';
  modelId: string;
  /** The service's clock (`performance.now()`), for debugging. */
  at: number;
}

/** What travels on the progress channel. */
export type WireProgress = TrainProgress | Heartbeat;

/** What a finished training returns. */
export interface TrainResult {
  modelId: string;
  /** The final model as stored (its `version` is what ranking requests name); it replaced the previous finished version only now. */
  info: ModelInfo;
  backend: BackendName;
  epochs: number;
  loss: number;
  seconds: number;
  samplesPerSec: number;
  /** The checkpoint the last run resumed from, or null. */
  resumedFrom: TrainingCursor | null;
}

/** What `debugLoseDevice` did. */
export interface DeviceLossReport {
  backend: BackendName | null;
  destroyed: boolean;
}

/** The methods a training worker exposes. */
export interface TrainingApi {
  /**
   * Trains `request.modelId` under the training lock, resuming from its stored checkpoint when one of
   * the same request is there; every checkpoint and the final model go to the store.
   * @throws TrainingLockedError when another worker or tab trains this id.
   */
  train(request: TrainRequest, onProgress: (p: WireProgress) => void): Promise<TrainResult>;
  /** Applies client settings; call before the first training (a backend already started keeps its wasm). */
  configure(config: ServiceConfig): Promise<void>;
  /** Aborts the training of `modelId` here (its `train` rejects with `AbortError`); false if none runs. */
  cancel(modelId: string): Promise<boolean>;
  /** The backend tfjs runs in this service now, or null before the first training. */
  backend(): Promise<BackendReport | null>;
  /**
   * Starts the backend a training with `prefer` (default: the service's) would run on, ahead of it: for
   * `'auto'` the measured speed probe's choice (cached per device; `remeasure` measures again), reported
   * in `choice`. While a training runs, it only reports that training's backend.
   */
  warm(prefer?: BackendPreference, options?: { remeasure?: boolean }): Promise<BackendReport>;
  /** Test hook: destroys the WebGPU device under the running training, as a GPU reset would. */
  debugLoseDevice(): Promise<DeviceLossReport>;
}

/** Names the exact stored model a request is for (web-llm's `reloadIfUnmatched`). */
export interface ModelRef {
  modelId: string;
  /**
   * `ModelInfo.version` of the finished model (or of the id's checkpoint, to rank with a half-trained
   * one on purpose); a worker holding another version reloads, `StaleModelError` if neither is stored.
   */
  version: number;
}

/** Top-k items for one user. */
export interface RecommendRequest extends ModelRef {
  user: ExternalId;
  /** How many items (default 10). */
  k?: number;
  /** Items never to return; ids the model does not know are ignored. */
  exclude?: ExternalId[];
  /** Rank only these items; an unknown id throws `UnknownIdError`. */
  candidates?: ExternalId[];
  /** Leave out the items the user interacted with in the training data. */
  excludeSeen?: boolean;
}

/** Scores of `(users[i], items[i])` pairs. */
export interface ScoreRequest extends ModelRef {
  users: ExternalId[];
  items: ExternalId[];
}

/** Nearest items to `item` in the model's item space. */
export interface SimilarItemsRequest extends ModelRef {
  item: ExternalId;
  k?: number;
}

/** A ranked list, best first: `items[i]` (external id, dense index `indices[i]`) scores `scores[i]`. */
export interface RankedItems {
  modelId: string;
  version: number;
  items: ExternalId[];
  indices: Int32Array;
  scores: Float32Array;
}

/** A ranked list with one reason per item (`reasons[i]` explains `items[i]`). */
export interface ExplainedItems extends RankedItems {
  reasons: ItemReason[];
}

/**
 * A person known only by what they did, in external ids (issue 10): no training index. `times` and
 * `durations`, when present, run parallel to `items`.
 */
export interface WireHistory {
  /** Items interacted with, in time order when `times` is absent (a repeat counts again). */
  items: ExternalId[];
  /** When each happened (seconds since the epoch). */
  times?: number[];
  /** Engagement per interaction (e.g. the fraction of a course watched). */
  durations?: number[];
  /** The person's own features by name (GLMix' member features, e.g. `'skill:python': 1`). */
  features?: Record<string, number>;
}

/** Top-k items for a person described by a history (a model kind with `recommendFor`). */
export interface RecommendForRequest extends ModelRef {
  history: WireHistory;
  /** How many items (default 10). */
  k?: number;
  /** Items never to return; ids the model does not know are ignored. */
  exclude?: ExternalId[];
  /** Rank only these items; an unknown id throws `UnknownIdError`. */
  candidates?: ExternalId[];
  /** Leave out the history's own items. */
  excludeSeen?: boolean;
  /**
   * A fold-in of this same history by this model (a {@link RankedForHistory.folded} or a
   * {@link FoldInResult.folded} kept earlier), reused instead of solving again.
   */
  folded?: FoldedUser;
}

/** Solves a person's user-side parameters from a history, the model's item side frozen. */
export interface FoldInRequest extends ModelRef {
  history: WireHistory;
  /** An earlier solution of this model to start from (an incremental update after `add`). */
  warm?: FoldedUser;
}

/** What the service reports about a history besides the answer itself. */
export interface HistoryReport {
  /** The history's ids the model does not know (each once, in first-seen order): left out, reported. */
  unknown: ExternalId[];
  /** The fold-in the answer used (given or solved), to keep for the next request; absent for kinds that do not fold in. */
  folded?: FoldedUser;
}

/** A ranked list for a history, with its report. */
export interface RankedForHistory extends RankedItems, HistoryReport {}

/** A ranked list with reasons for a history, with its report. */
export interface ExplainedForHistory extends ExplainedItems, HistoryReport {}

/** The fold-in of a history by the model `{ modelId, version }` (of kind `kind`). */
export interface FoldInResult {
  modelId: string;
  version: number;
  kind: string;
  folded: FoldedUser;
  /** The history's ids the model does not know (each once, in first-seen order). */
  unknown: ExternalId[];
}

/** A model the ranking service holds in memory. */
export interface LoadedModel {
  modelId: string;
  version: number;
  kind: string;
}

/** The methods a ranking worker exposes. */
export interface RankingApi {
  /**
   * Starts the backend (`prefer`, default: the service's) ahead of the first request, which then does
   * not pay for it; the first call decides, later ones return the same report.
   */
  warm(prefer?: BackendPreference): Promise<BackendReport>;
  /** Applies client settings; call before the first request (a backend already started keeps its wasm). */
  configure(config: ServiceConfig): Promise<void>;
  /** Top-k items for a user from the stored model `{ modelId, version }` (loaded on first use). */
  recommend(request: RecommendRequest): Promise<RankedItems>;
  /** `recommend` with a reason per item, for models that give reasons (`InvalidArgumentError` otherwise). */
  explain(request: RecommendRequest): Promise<ExplainedItems>;
  /** Scores of `(users[i], items[i])` pairs. */
  score(request: ScoreRequest): Promise<Float32Array>;
  /** Nearest items to an item, for models with an item space (`InvalidArgumentError` otherwise). */
  similarItems(request: SimilarItemsRequest): Promise<RankedItems>;
  /**
   * Top-k items for a person described by `request.history` (folded in first unless `request.folded`);
   * `InvalidArgumentError` naming the kind for models that cannot answer for a history.
   */
  recommendFor(request: RecommendForRequest): Promise<RankedForHistory>;
  /** `recommendFor` with a reason per item, for models that give reasons. */
  explainFor(request: RecommendForRequest): Promise<ExplainedForHistory>;
  /** The person's user-side parameters solved from `request.history` (warm-started from `request.warm`). */
  foldIn(request: FoldInRequest): Promise<FoldInResult>;
  /** Models held in memory now. */
  loadedModels(): Promise<LoadedModel[]>;
  /** Every stored model: finished ones and checkpoints (`checkpoint` set), an id's finished one first. */
  models(): Promise<ModelInfo[]>;
  /** Unloads and deletes a stored model. */
  deleteModel(modelId: string): Promise<void>;
  /** The backend tfjs runs on here, or null before it started. */
  backend(): Promise<BackendReport | null>;
}
