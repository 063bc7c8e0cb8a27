/**
 * The one interface every linkrec model implements (after benfred/implicit's RecommenderBase): the
 * evaluation harness, the model store and the worker service see models only through this shape.
 *
 * Users and items are dense indices (0..n-1) at this level; the id maps that translate external ids
 * travel in the model's state (`ModelState.meta`), and the service does the translation.
 */
import type { BackendName } from '../backend/types.ts';

/** JSON-compatible values (what `ModelState.config` and `meta` may hold). */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** One named array of a model's weights (or optimiser slots), ready to store or transfer. */
export interface StateTensor {
  shape: number[];
  dtype: 'float32' | 'int32';
  data: Float32Array | Int32Array;
}

/** Where training stands, so a checkpoint can resume exactly where it was taken. */
export interface TrainingCursor {
  epoch: number;
  step: number;
  /** PRNG position or anything else the model needs to continue bit-for-bit. */
  extra?: Json;
}

/**
 * Everything needed to rebuild a model: plain data, no tensors, no functions; structured-cloneable,
 * so it crosses a worker boundary (with its buffers transferred) and goes into IndexedDB as is.
 */
export interface ModelState {
  /** Registry key of the model (e.g. `'mf'`). */
  kind: string;
  /** Version of this kind's state format; bumped whenever the layout of `tensors`/`meta` changes. */
  stateVersion: number;
  /** The options the model was created with. */
  config: { [key: string]: Json };
  /** Weights, by name. */
  tensors: Record<string, StateTensor>;
  /** Id maps, vocabulary sizes, training cursor of a checkpoint, metrics… */
  meta: { [key: string]: Json };
}

/**
 * Which engine ran a step-trained model's optimiser: tfjs's op graph (`backend` then says where), or a
 * fused trainer of the model's own (NCF: a typed-array loop on the CPU, WGSL kernels on WebGPU).
 */
export type TrainerName = 'tfjs' | 'fused-cpu' | 'fused-webgpu';

/** Training progress, a status-tagged union (as transformers.js' ProgressInfo). */
export type FitProgress =
  | {
      status: 'start';
      backend: BackendName;
      epochs: number;
      samples: number;
      kernel?: string;
      /** The engine that trains, where a model has several (NCF); `backend` stays tfjs's backend. */
      trainer?: TrainerName;
    }
  | {
      status: 'epoch';
      backend: BackendName;
      /** Which kernel of `backend` ran, where a model has several (LINE on webgpu: `subgroups×4 (add)`, `thread`). */
      kernel?: string;
      epoch: number;
      epochs: number;
      loss: number;
      /** Validation metric when the model has one (e.g. `{ name: 'hr10', value: 0.61 }`). */
      metric?: { name: string; value: number };
      samplesPerSec: number;
      /** The engine that trains, where a model has several (NCF). */
      trainer?: TrainerName;
    }
  /**
   * Within an epoch, at most once per `FitOptions.stepEveryMs` (step-trained models only): how far the
   * epoch is, its mean loss so far, the speed, and the time left at the speed of this run so far.
   */
  | {
      status: 'step';
      backend: BackendName;
      /** Which kernel of `backend` runs, where a model has several. */
      kernel?: string;
      /** 1-based epoch in progress. */
      epoch: number;
      epochs: number;
      /** Steps of that epoch done. */
      step: number;
      stepsPerEpoch: number;
      /** Mean training loss of the epoch's steps so far. */
      loss: number;
      samplesPerSec: number;
      /** Seconds to the end of the last epoch (validation not included). */
      etaSeconds: number;
      /** The engine that trains, where a model has several (NCF). */
      trainer?: TrainerName;
    }
  | { status: 'checkpoint'; backend: BackendName; cursor: TrainingCursor }
  | {
      status: 'done';
      backend: BackendName;
      epochs: number;
      loss: number;
      seconds: number;
      kernel?: string;
      /** The engine that trained, where a model has several (NCF). */
      trainer?: TrainerName;
    }
  | { status: 'error'; error: { name: string; message: string } };

/** Options of {@link Recommender.fit}. */
export interface FitOptions {
  /** Called per epoch (or chunk), with checkpoints and at the end; see {@link FitProgress}. */
  onProgress?: (p: FitProgress) => void;
  /** Aborting rejects `fit` with `AbortError`; the model keeps its last consistent weights. */
  signal?: AbortSignal;
  /** Steps (mini-batches) between checkpoints; 0 or absent = none. */
  checkpointEvery?: number;
  /** Receives each checkpoint's state (the service writes it to the model store); awaited. */
  onCheckpoint?: (state: ModelState) => void | Promise<void>;
  /** Milliseconds between `step` progress events within an epoch; 0 or absent = none. */
  stepEveryMs?: number;
  /**
   * The caller's validation metric, run after each epoch (and after a one-pass fit) on the model as
   * it stands; reported in the epoch event in place of the model's own, when it returns one.
   */
  validate?: () => Promise<{ name: string; value: number } | undefined>;
}

/** What `fit` returns. */
export interface FitResult {
  epochs: number;
  loss: number;
  seconds: number;
  backend: BackendName;
  /** Which kernel of `backend` ran, where a model has several (see {@link FitProgress}). */
  kernel?: string;
  /** The engine that trained, where a model has several (NCF: `tfjs`, `fused-cpu`, `fused-webgpu`). */
  trainer?: TrainerName;
}

/** Options of {@link Recommender.recommend}. */
export interface RecommendOptions {
  /** How many items (default 10). */
  k?: number;
  /** Items never to return (e.g. already watched). */
  exclude?: Int32Array;
  /** Rank only these items instead of the whole catalogue. */
  candidates?: Int32Array;
  /** Also exclude the items the user interacted with in the training data (what a product shows). */
  excludeSeen?: boolean;
}

/** A ranked list: `items[i]` has score `scores[i]`, best first. */
export interface Ranked {
  items: Int32Array;
  scores: Float32Array;
}

/** Why an item is recommended: which part of the model speaks (`'ncf'`, `'glmix'`…) and the words. */
export interface ItemReason {
  source: string;
  text: string;
}

/** A ranked list with one reason per item (`reasons[i]` explains `items[i]`). */
export interface Explained extends Ranked {
  reasons: ItemReason[];
}

/**
 * A person known only by what they did (issue 10): no training index, no retrain. Items are dense
 * indices of the model's catalogue; the services map external ids and report the ones the model lacks.
 */
export interface History {
  /** Items interacted with (a repeat counts again); in time order when `times` is absent. */
  items: Int32Array;
  /** When each happened (seconds since the epoch), parallel to `items`. */
  times?: Float64Array;
  /** Engagement per interaction in the unit the model trained on (GLMix: seconds watched, as its log's values), parallel to `items`. */
  durations?: Float32Array;
  /** The person's own features by name (GLMix' member features, e.g. `'skill:python': 1`). */
  features?: Record<string, number>;
}

/**
 * The user-side parameters a model solved from one {@link History}, every item-side parameter frozen:
 * plain data, so it is stored, cloned to a worker and reused by `recommendFor` without solving again.
 */
export interface FoldedUser {
  /** Registry key of the model that solved it. */
  kind: string;
  /** The person's parameters in the model's own layout (MF: `[p_u…, b_u]`; kinds without any: empty). */
  vector: Float32Array;
  /** How it was solved: `'newton'`, `'native'` (seed-NCF's learner tower reads the history itself), `'none'`… */
  method: string;
  /** Iterations the solver ran (0 where nothing is solved). */
  iterations: number;
  /** The model's loss on the history at the solution (NaN where none applies). */
  loss: number;
}

/** Options of {@link Recommender.recommendFor}: `recommend`'s, `excludeSeen` leaving out the history's items. */
export interface RecommendForOptions extends RecommendOptions {
  /** A fold-in of this same history, reused as is (what a `Personalizer` keeps). */
  folded?: FoldedUser;
}

/**
 * The uniform model interface. `Data` is what the model trains on (an `InteractionLog` for
 * collaborative filtering; other models bring their own).
 */
export interface Recommender<Data> {
  /** Registry key. */
  readonly kind: string;
  /** Trains (or, after `fromState` of a checkpoint, resumes training) on `data`. */
  fit(data: Data, options?: FitOptions): Promise<FitResult>;
  /** Top-k items for a dense user index; unknown users throw `UnknownIdError`. */
  recommend(user: number, options?: RecommendOptions): Promise<Ranked>;
  /** Scores of (users[i], items[i]) pairs. */
  score(users: Int32Array, items: Int32Array): Promise<Float32Array>;
  /** Nearest items to `item`, where the model has an item space. */
  similarItems?(item: number, k: number): Promise<Ranked>;
  /** `recommend` with a reason per item, where the model can say why (the course models). */
  explain?(user: number, options?: RecommendOptions): Promise<Explained>;
  /**
   * Solves the person's user-side parameters from `history` alone (the model's own loss, item side
   * frozen); `warm` starts the solver from an earlier solution (an incremental update).
   */
  foldIn?(history: History, warm?: FoldedUser): Promise<FoldedUser>;
  /** `recommend` for a person not in the training data, described by `history` (folded in first unless `options.folded`). */
  recommendFor?(history: History, options?: RecommendForOptions): Promise<Ranked>;
  /** `recommendFor` with a reason per item, where `explain` exists. */
  explainFor?(history: History, options?: RecommendForOptions): Promise<Explained>;
  /** A snapshot of the model (read out of tensors; safe to keep after `dispose`). */
  toState(): Promise<ModelState>;
  /** Replaces the model's weights and config with `state` (from `toState` or a checkpoint). */
  fromState(state: ModelState): Promise<void>;
  /** Frees every tensor the model holds. */
  dispose(): void;
}
