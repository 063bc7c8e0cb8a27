/**
 * The baseline-evaluation RPC contract, types only: the worker's service implements it, the client
 * speaks it through comlink. Kept apart from the transport so either side can be swapped in tests.
 */
import type { BackendName, BackendPreference, BackendReport } from '../backend/types.ts';
import type { BaselineProgress, BaselineReport, BaselineRow } from '../eval/baselines/index.ts';
import type { ModelRef, ServiceConfig } from './protocol.ts';

/** What to evaluate: a same-origin ratings CSV (MovieLens `userId,movieId,rating,timestamp`). */
export interface BaselineRunOptions {
  /** Absolute URL, or a path resolved against the worker's location; must be same-origin. */
  ratingsUrl: string;
  /** Seed of the negative sampling (default: runBaselines' default). */
  seed?: number;
}

/** {@link BaselineRunOptions} plus stored models to evaluate on the very same split and negatives. */
export interface ProtocolRunOptions extends BaselineRunOptions {
  /** Finished models in the store (interaction-log kinds), each by id and the version expected. */
  models?: ModelRef[];
}

/**
 * What a stored model was trained on, as far as its stored training fingerprint tells:
 * - `'all-ratings'`: the same ratings file, held-out ratings included (its figures are optimistic);
 * - `'protocol-split'`: exactly the protocol's training split (the held-out ratings unseen);
 * - `'other'`: something else, or a model stored without a fingerprint (e.g. imported).
 */
export type TrainedOn = 'all-ratings' | 'protocol-split' | 'other';

/** One stored model's figures on the baselines' protocol. */
export interface TrainedModelRow {
  modelId: string;
  version: number;
  kind: string;
  trainedOn: TrainedOn;
  /**
   * When its training set a validation slice aside: up to this many users lent it their latest rating
   * (the protocol's held-out one), unseen by the model; it saw the other users' held-out ratings. Null: no slice.
   */
  validationUsers: number | null;
  /** 1 held-out + the sampled negatives. */
  sampled: BaselineRow;
  /** Held-out item against every item the user did not rate in the training split. */
  full: BaselineRow;
  /** Protocol items (of any row's candidates) the model has no index for: they score lowest. */
  unknownItems: number;
  /** Held-out users the model has no index for: their whole row ties, counted as misses. */
  unknownUsers: number;
}

/** The baselines' report with a row per stored model evaluated. */
export interface ProtocolReport extends BaselineReport {
  models: TrainedModelRow[];
  /** The tfjs backend the models were scored on (null when no model was evaluated). */
  scoredOn: BackendName | null;
  /** Why the models were scored on another backend than the worker's own, in words; null when they were not. */
  scoredOnReason: string | null;
}

/** Progress of a stored model's evaluation (`done`/`total` count users over the sampled and full passes). */
export interface ModelEvalProgress {
  stage: 'model';
  modelId: string;
  version: number;
  done: number;
  total: number;
}

/** Progress of a {@link BaselineApi.run}: the baselines' stages, then one `'model'` stage per stored model. */
export type ProtocolProgress = BaselineProgress | ModelEvalProgress;

/** The methods a baseline worker exposes. */
export interface BaselineApi {
  /** Applies client settings; call before `init` (a backend already started keeps its wasm). */
  configure(config: ServiceConfig): Promise<void>;
  /** Starts tfjs in the worker on the preferred backend and says what runs there. */
  init(prefer: BackendPreference): Promise<BackendReport>;
  /**
   * Fetches the ratings and runs most-popular and item-kNN, then each of `options.models` (loaded from
   * the store) on the same split and negatives, reporting progress as it goes.
   */
  run(options: ProtocolRunOptions, onProgress: (p: ProtocolProgress) => void): Promise<ProtocolReport>;
  /**
   * The protocol's training split of the ratings file (each user's latest rating removed) as MovieLens
   * CSV text: train on it (`data: { csv }`) and the model's row is a fair comparison.
   */
  trainingSplitCsv(options: BaselineRunOptions): Promise<string>;
}
